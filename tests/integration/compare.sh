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

# shellcheck source=SCRIPTDIR/../driver-lib.sh
. "$(dirname "$0")/../driver-lib.sh"

[ $# -ge 1 ] || die "usage: compare.sh run|error [options] -- args..."
mode=$1; shift
case $mode in run|error) ;; *) die "unknown mode '$mode'" ;; esac

expect_prefix="ldso: "
# shellcheck disable=SC2317,SC2034  # called, and drv_n read, by parse_options
driver_option() {
  case $1 in
    --expect-prefix) expect_prefix=$2; drv_n=2 ;;
  esac
}
parse_options "$@"; shift "$drv_used"
need_ldso
eval "set -- $(unempty_args "$@")"
make_tmp compare

# The one environment every run sees. Includes a value with spaces and '=',
# and an empty value.
run_env() {
  # shellcheck disable=SC2086  # $emulator is a word list on purpose
  env -i FOO=bar LANG=C PATH=/usr/local/bin:/usr/bin:/bin \
      "SPACED=a value with spaces = and equals" EMPTY= \
      $emulator "$@"
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
  same_runs "$direct_status" "$ldso_status" out err
  if [ $fail -ne 0 ]; then
    show "direct stdout" "$tmp/direct.out"
    show "ldso stderr" "$tmp/ldso.err"
    exit 1
  fi
  direct_printed
  echo "PASS: identical stdout ($(wc -c <"$tmp/direct.out") bytes), stderr and exit status"
  exit 0
fi

# mode = error
# shellcheck disable=SC2086
run_env "$ldso" "$@" >"$tmp/out" 2>"$tmp/err"
status=$?
printf '%s\n' "run: $emulator $(quote_cmd "$ldso" "$@")-> status $status"
fail=0
refused "$status" "$tmp/out" "$tmp/err" "$expect_prefix"
if [ $fail -ne 0 ]; then
  show stdout "$tmp/out"
  show stderr "$tmp/err"
  exit 1
fi
printf '%s\n' "PASS: status 127, stderr: $first"
exit 0
