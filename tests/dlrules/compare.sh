#!/bin/sh
# Driver of the dlrules tests (samples/dlrules): one source, two builds.
#
#   compare.sh [options] -- GLIBC_PROGRAM FREESTANDING_PROGRAM
#
# Runs, each under `env -i RT_FINI=1` in the program's directory (and under
# the emulator, if any):
#   direct  GLIBC_PROGRAM                  the oracle: glibc's ld.so
#   host    LDSO GLIBC_PROGRAM             ldso in host mode
#   self    LDSO FREESTANDING_PROGRAM      ldso self-linked
# The direct run must give --expect FILE and --status N (a drifted
# toolchain or oracle shows there); both runs through ldso must give the
# same stdout and status as it. Status 0: stderr empty everywhere. Another
# status (a load error): nothing on stdout, and stderr mentions
# --stderr-has STR in all three runs.
# Options: --emulator=WORDS, --ldso PATH, --ldso-opt OPT, --expect FILE,
# --status N, --stderr-has STR.
set -u
set -f
# shellcheck source=SCRIPTDIR/../driver-lib.sh
. "$(dirname "$0")/../driver-lib.sh"

expect= status=0 stderr_has=
# shellcheck disable=SC2317,SC2034  # called, and drv_n read, by parse_options
driver_option() {
  case $1 in
    --expect) expect=$2; drv_n=2 ;;
    --status) status=$2; drv_n=2 ;;
    --stderr-has) stderr_has=$2; drv_n=2 ;;
  esac
}
parse_options "$@"; shift "$drv_used"
[ $# -eq 2 ] || die "usage: compare.sh [options] -- GLIBC_PROGRAM FREESTANDING_PROGRAM"
need_ldso
for p in "$1" "$2"; do [ -x "$p" ] || { echo "FAIL: sample '$p' does not exist (not built?)"; exit 1; }; done
[ -f "$expect" ] || { echo "FAIL: no expected output file '$expect'"; exit 1; }
make_tmp dlrules

run() {  # run WHO PROGRAM [LDSO...]
  drv_who=$1 drv_prog=$2; shift 2
  # shellcheck disable=SC2086  # $emulator and $ldso_opts are word lists on purpose
  (cd "$(dirname "$drv_prog")" && env -i RT_FINI=1 $emulator "$@" "./$(basename "$drv_prog")") \
    >"$tmp/$drv_who.out" 2>"$tmp/$drv_who.err"
}
run direct "$1"; direct=$?
# shellcheck disable=SC2086
run host "$1" "$ldso" $ldso_opts; host=$?
# shellcheck disable=SC2086
run self "$2" "$ldso" $ldso_opts; self=$?
echo "direct: $1 -> status $direct"
echo "host:   $ldso$ldso_opts $1 -> status $host"
echo "self:   $ldso$ldso_opts $2 -> status $self"

fail=0
if [ "$direct" -ne "$status" ] || ! cmp -s "$expect" "$tmp/direct.out"; then
  echo "FAIL: the direct run (glibc's ld.so) no longer gives the expected output and status $status:"
  diff -u --label expected --label direct "$expect" "$tmp/direct.out"
  fail=1
fi
for who in host self; do
  eval "st=\$$who"
  if [ "$st" -ne "$direct" ]; then echo "FAIL: $who: exit status $st, direct $direct"; fail=1; fi
  if ! cmp -s "$tmp/direct.out" "$tmp/$who.out"; then
    echo "FAIL: $who: stdout differs (--- direct, +++ $who):"
    diff -u --label direct --label "$who" "$tmp/direct.out" "$tmp/$who.out"
    fail=1
  fi
done
for who in direct host self; do
  if [ "$status" -eq 0 ]; then
    [ ! -s "$tmp/$who.err" ] || { echo "FAIL: $who: stderr is not empty"; fail=1; }
  elif ! grep -qF -- "$stderr_has" "$tmp/$who.err"; then
    echo "FAIL: $who: stderr does not mention '$stderr_has'"; fail=1
  fi
  show "$who stderr" "$tmp/$who.err"
done
[ $fail -eq 0 ] || { show "direct stdout" "$tmp/direct.out"; exit 1; }
echo "PASS: direct, host mode and self-linked agree"
