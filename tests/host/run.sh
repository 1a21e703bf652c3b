#!/bin/sh
# Host-mode test driver: a program (or a shell pipeline) run directly and
# through ldso must give identical stdout, stderr and exit status.
#
#   run.sh run   [OPTIONS] -- PROGRAM [ARG]...
#       Runs `EMU PROGRAM ARG...` and `EMU LDSO OPTS PROGRAM ARG...`.
#   run.sh shell [OPTIONS] -- 'COMMAND LINE'
#       Runs the command line with bash -o pipefail, twice: once with every
#       word @LDSO@ replaced by `env -u _ EMU` (EMU empty on native runs),
#       once by `env -u _ EMU LDSO OPTS`. So in
#       `@LDSO@ /bin/tar cf - d | @LDSO@ /bin/gzip` both run through ldso.
#   run.sh error [OPTIONS] [--expect-prefix STR] -- PROGRAM [ARG]...
#       The direct run must exit 0 and print something (the program is
#       fine); through ldso it must be refused at load time: status 127,
#       nothing on stdout, exactly one line on stderr starting with STR
#       (default "ldso: ").
#
# OPTIONS:
#   --emulator=WORDS   emulator command ("qemu-aarch64 -L /"), empty for native
#   --ldso LDSO        the loader (required)
#   --ldso-opt OPT     an option for ldso (repeatable); the environment
#                      variable LDSO_HOST_TEST_OPTS adds more (space-separated),
#                      e.g. LDSO_HOST_TEST_OPTS=--interp to check the harness
#                      with the system dynamic linker doing the work
#   --workdir DIR      run in DIR, made empty first (default: a temporary one)
#   --setup CMD        shell command run once in the workdir before both runs,
#                      with the same environment (fixtures: files, a git repo)
#   --env VAR=VALUE    added to the environment of both runs (repeatable)
#   --stdin FILE       standard input of both runs (default /dev/null)
#   --require FILE     fail, saying HINT, unless FILE exists (repeatable)
#   --hint TEXT        what to do when a required file is missing
#
# Every run sees the same small fixed environment (see run_env), core dumps
# are off. Exit status: 0 pass, 1 fail, 2 bad usage or broken fixture.
set -u
set -f  # no globbing of the word lists below

# shellcheck source=SCRIPTDIR/../driver-lib.sh
. "$(dirname "$0")/../driver-lib.sh"

[ $# -ge 1 ] || die "usage: run.sh run|shell|error [options] -- args..."
mode=$1; shift
case $mode in run|shell|error) ;; *) die "unknown mode '$mode'" ;; esac

expect_prefix="ldso: "
workdir=
setup=
extra_env=
stdin=/dev/null
hint="(no hint)"
required=
nl='
'
# shellcheck disable=SC2317,SC2034  # called, and drv_n read, by parse_options
driver_option() {
  case $1 in
    --expect-prefix) expect_prefix=$2; drv_n=2 ;;
    --workdir) workdir=$2; drv_n=2 ;;
    --setup) setup=$2; drv_n=2 ;;
    --env) extra_env="$extra_env$2$nl"; drv_n=2 ;;
    --stdin) stdin=$2; drv_n=2 ;;
    --require) required="$required$2$nl"; drv_n=2 ;;
    --hint) hint=$2; drv_n=2 ;;
  esac
}
parse_options "$@"; shift "$drv_used"
ldso_opts="$ldso_opts ${LDSO_HOST_TEST_OPTS:-}"
need_ldso
[ $# -ge 1 ] || die "$mode: nothing to run"
# host programs can print a lot
show_bytes=20000 diff_lines=200

# Missing inputs fail the test, loudly: never a silent skip.
missing=0
IFS=$nl
for f in $required; do
  if [ ! -e "$f" ]; then
    echo "FAIL: required file '$f' is missing: $hint"
    missing=1
  fi
done
unset IFS
[ $missing -eq 0 ] || exit 1
if [ "$mode" != shell ]; then
  case $1 in
    */*) [ -x "$1" ] || { echo "FAIL: program '$1' does not exist or is not executable: $hint"; exit 1; } ;;
  esac
fi

make_tmp host
if [ -z "$workdir" ]; then
  workdir=$tmp/work
fi
rm -rf "$workdir" && mkdir -p "$workdir" || die "cannot make workdir '$workdir'"
cd "$workdir" || die "cannot enter workdir '$workdir'"
ulimit -c 0 2>/dev/null

# The one environment every run (and the setup) sees: fixed locale and time
# zone, the Debian PATH (no pyenv shims), HOME in the work directory (no
# ~/.gitconfig, ~/.sqliterc...), a value with spaces and '=', an empty value,
# then the --env additions.
run_env() {
  IFS=$nl
  # shellcheck disable=SC2086  # $extra_env is a list of lines on purpose
  set -- env -i FOO=bar LANG=C LC_ALL=C TZ=UTC PATH=/usr/bin:/bin HOME="$workdir" \
      "SPACED=a value with spaces = and equals" EMPTY= $extra_env "$@"
  unset IFS
  "$@" <"$stdin"
}

if [ -n "$setup" ]; then
  if ! run_env bash -e -o pipefail -c "$setup" >"$tmp/setup.log" 2>&1; then
    echo "run.sh: the setup failed: $setup"
    cat "$tmp/setup.log"
    exit 2
  fi
fi

# shellcheck disable=SC2086  # word lists on purpose
# In shell mode, bash exports `_` (the path of the command it runs): env -u _
# keeps it out of both runs, or it would name ldso in one of them.
loader="$(echo env -u _ $emulator "$ldso" $ldso_opts)"
direct_prefix="$(echo env -u _ $emulator)"

if [ "$mode" = shell ]; then
  direct_line=$(printf '%s' "$1" | sed "s|@LDSO@|$direct_prefix|g")
  ldso_line=$(printf '%s' "$1" | sed "s|@LDSO@|$loader|g")
  run_env bash -o pipefail -c "$direct_line" >"$tmp/direct.out" 2>"$tmp/direct.err"
  direct_status=$?
  run_env bash -o pipefail -c "$ldso_line" >"$tmp/ldso.out" 2>"$tmp/ldso.err"
  ldso_status=$?
  printf '%s\n' "workdir: $workdir"
  printf '%s\n' "direct: $direct_line -> status $direct_status"
  printf '%s\n' "ldso:   $ldso_line -> status $ldso_status"
else
  # shellcheck disable=SC2086
  run_env $emulator "$@" >"$tmp/direct.out" 2>"$tmp/direct.err"
  direct_status=$?
  # shellcheck disable=SC2086
  run_env $emulator "$ldso" $ldso_opts "$@" >"$tmp/ldso.out" 2>"$tmp/ldso.err"
  ldso_status=$?
  printf '%s\n' "workdir: $workdir"
  printf '%s\n' "direct: $emulator $(quote_cmd "$@")-> status $direct_status"
  # shellcheck disable=SC2086
  printf '%s\n' "ldso:   $emulator $(quote_cmd "$ldso" $ldso_opts "$@")-> status $ldso_status"
fi

if [ "$mode" = error ]; then
  fail=0
  if [ $direct_status -ne 0 ] || [ ! -s "$tmp/direct.out" ]; then
    echo "FAIL: run directly, the program should exit 0 and print something (status $direct_status)"
    show "direct stdout" "$tmp/direct.out"
    show "direct stderr" "$tmp/direct.err"
    exit 1
  fi
  refused "$ldso_status" "$tmp/ldso.out" "$tmp/ldso.err" "$expect_prefix" "through ldso: "
  if [ $fail -ne 0 ]; then
    show "ldso stdout" "$tmp/ldso.out"
    show "ldso stderr" "$tmp/ldso.err"
    exit 1
  fi
  printf '%s\n' "PASS: direct run fine; through ldso status 127, stderr: $first"
  exit 0
fi

fail=0
same_runs "$direct_status" "$ldso_status" out err
if [ $fail -ne 0 ]; then
  show "direct stdout" "$tmp/direct.out"
  show "direct stderr" "$tmp/direct.err"
  show "ldso stderr" "$tmp/ldso.err"
  exit 1
fi
direct_printed
echo "PASS: identical stdout ($(wc -c <"$tmp/direct.out") bytes), stderr ($(wc -c <"$tmp/direct.err") bytes) and exit status $direct_status"
exit 0
