#!/bin/sh
# Integration test driver for ldso.
#
#   compare.sh run   [--emulator=WORDS] --ldso LDSO [--ldso-opt OPT]... -- PROGRAM [ARG]...
#       Runs PROGRAM directly and as `LDSO [OPT]... PROGRAM [ARG]...`, both
#       under the same empty-but-fixed environment (and under the emulator, if
#       any), and fails unless stdout, stderr and exit status are identical.
#
#   compare.sh error [--emulator=WORDS] --ldso LDSO [--expect-prefix STR] -- [LDSO-ARG]...
#       Runs `LDSO [LDSO-ARG]...` and fails unless it exits with 127, prints
#       nothing on stdout (nothing of the program ran) and exactly one line on
#       stderr, starting with STR (default "ldso: ").
#
# WORDS is the emulator command split on spaces ("qemu-aarch64 -L /"), empty
# for native runs. An argument spelled @EMPTY@ stands for the empty string
# (CMake < 3.31 drops empty arguments from add_test).
set -u
set -f  # no globbing of the word lists below

die() { echo "compare.sh: $*" >&2; exit 2; }

[ $# -ge 1 ] || die "usage: compare.sh run|error [options] -- args..."
mode=$1; shift
case $mode in run|error) ;; *) die "unknown mode '$mode'" ;; esac

emulator=
ldso=
ldso_opts=
expect_prefix="ldso: "
while [ $# -gt 0 ]; do
  case $1 in
    --emulator=*) emulator=${1#--emulator=}; shift ;;
    --ldso) ldso=$2; shift 2 ;;
    --ldso-opt) ldso_opts="$ldso_opts $2"; shift 2 ;;  # options have no spaces
    --expect-prefix) expect_prefix=$2; shift 2 ;;
    --) shift; break ;;
    *) die "unknown option '$1'" ;;
  esac
done
[ -n "$ldso" ] || die "--ldso is required"
[ -x "$ldso" ] || { echo "FAIL: ldso binary '$ldso' does not exist or is not executable (not built yet?)"; exit 1; }

# Replace @EMPTY@ by "" in the remaining arguments, keeping everything else
# (spaces included) intact.
n=$#
i=0
while [ $i -lt $n ]; do
  a=$1; shift
  [ "$a" = "@EMPTY@" ] && a=
  set -- "$@" "$a"
  i=$((i + 1))
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ldso-compare.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT

# The one environment every run sees. Includes a value with spaces and '=',
# and an empty value.
run_env() {
  # shellcheck disable=SC2086  # $emulator is a word list on purpose
  env -i FOO=bar LANG=C PATH=/usr/local/bin:/usr/bin:/bin \
      "SPACED=a value with spaces = and equals" EMPTY= \
      $emulator "$@"
}

show() {  # show LABEL FILE
  echo "---- $1 ($(wc -c <"$2") bytes) ----"
  cat "$2"
  # make sure the next line starts on its own line
  [ -s "$2" ] && [ "$(tail -c 1 "$2" | od -An -c | tr -d ' ')" != '\n' ] && echo "<no newline at end>"
  return 0
}

quote_cmd() {
  for w in "$@"; do printf "'%s' " "$w"; done
}

if [ "$mode" = run ]; then
  [ $# -ge 1 ] || die "run: PROGRAM missing"
  run_env "$@" >"$tmp/direct.out" 2>"$tmp/direct.err"
  direct_status=$?
  # shellcheck disable=SC2086  # $ldso_opts is a word list on purpose
  run_env "$ldso" $ldso_opts "$@" >"$tmp/ldso.out" 2>"$tmp/ldso.err"
  ldso_status=$?

  printf '%s\n' "direct: $emulator $(quote_cmd "$@")-> status $direct_status"
  # shellcheck disable=SC2086
  printf '%s\n' "ldso:   $emulator $(quote_cmd "$ldso" $ldso_opts "$@")-> status $ldso_status"
  fail=0
  if [ "$direct_status" -ne "$ldso_status" ]; then
    echo "FAIL: exit status differs: direct $direct_status, ldso $ldso_status"
    fail=1
  fi
  if ! cmp -s "$tmp/direct.out" "$tmp/ldso.out"; then
    echo "FAIL: stdout differs (--- direct, +++ through ldso):"
    diff -u --label direct --label ldso "$tmp/direct.out" "$tmp/ldso.out"
    fail=1
  fi
  if ! cmp -s "$tmp/direct.err" "$tmp/ldso.err"; then
    echo "FAIL: stderr differs (--- direct, +++ through ldso):"
    diff -u --label direct --label ldso "$tmp/direct.err" "$tmp/ldso.err"
    fail=1
  fi
  if [ $fail -ne 0 ]; then
    show "direct stdout" "$tmp/direct.out"
    show "ldso stderr" "$tmp/ldso.err"
    exit 1
  fi
  if [ ! -s "$tmp/direct.out" ]; then
    echo "FAIL: the program printed nothing even when run directly"
    show "direct stderr" "$tmp/direct.err"
    exit 1
  fi
  echo "PASS: identical stdout ($(wc -c <"$tmp/direct.out") bytes), stderr and exit status"
  exit 0
fi

# mode = error
# shellcheck disable=SC2086
run_env "$ldso" "$@" >"$tmp/out" 2>"$tmp/err"
status=$?
printf '%s\n' "run: $emulator $(quote_cmd "$ldso" "$@")-> status $status"
fail=0
if [ $status -ne 127 ]; then
  echo "FAIL: exit status $status, expected 127"
  fail=1
fi
if [ -s "$tmp/out" ]; then
  echo "FAIL: stdout is not empty (did the program run?)"
  fail=1
fi
lines=$(wc -l <"$tmp/err")
if [ "$lines" -ne 1 ] || [ "$(tail -c 1 "$tmp/err" | od -An -c | tr -d ' ')" != '\n' ]; then
  echo "FAIL: expected exactly one newline-terminated line on stderr, got $lines newline(s)"
  fail=1
fi
first=$(head -n 1 "$tmp/err")
case $first in
  "$expect_prefix"*) ;;
  *) echo "FAIL: stderr does not start with '$expect_prefix'"; fail=1 ;;
esac
if [ $fail -ne 0 ]; then
  show stdout "$tmp/out"
  show stderr "$tmp/err"
  exit 1
fi
printf '%s\n' "PASS: status 127, stderr: $first"
exit 0
