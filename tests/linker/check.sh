#!/bin/sh
# Oracle test driver for the linker samples (samples/linker).
#
#   check.sh MODE [options] -- PROGRAM [ARG]...
#
# Runs PROGRAM directly, which means under the system dynamic linker named
# by its PT_INTERP (the oracle), and as `LDSO [LDSO-OPT]... PROGRAM ARG...`,
# both under `env -i` plus the --env assignments (and under the emulator, if
# any: then the assignments go to the emulator's -E, so that LD_PRELOAD and
# LD_LIBRARY_PATH reach the target program and not qemu itself).
#
# MODE
#   compare  stdout and exit status through ldso must equal the direct run's;
#            the direct run must also match --expect FILE and --status N
#            (a drifted oracle or toolchain shows there, not as an ldso bug).
#   fail     both runs must fail before the program prints anything: the
#            direct run with --status N, ldso with N or 127 (ldso's status
#            for every load error); both with empty stdout and a stderr
#            containing --stderr-has STR.
#   expect   for what the system dynamic linker cannot run (see --why):
#            only the run through ldso is checked, against --expect FILE and
#            --status N. The direct run is shown, not judged.
#
# Options: --emulator=WORDS (split on spaces; "qemu-aarch64 -L /"), --ldso
# PATH, --ldso-opt OPT (repeatable), --env VAR=VALUE (repeatable),
# --direct-env VAR=VALUE (repeatable: for the direct run only), --expect
# FILE, --status N, --stderr-has STR, --why TEXT. An argument spelled
# @EMPTY@ stands for the empty string (older CMake drops empty arguments).
#
# --direct-env exists for LD_PRELOAD=libc.so.6 (tests/tls, tests/dl): glibc's
# ld.so cannot start a libc-less program that has DT_NEEDED on ld.so itself
# (it looks up calloc and pthread_mutex_lock in libc), and since glibc 2.34
# the dlopen family lives in libc.so.6. With libc preloaded in the direct run,
# glibc's ld.so is a faithful oracle for such programs; ldso, which satisfies
# the interpreter's soname itself, runs them without.
#
# Pinning the outputs of new samples: with LK_RECORD=DIR in the environment
# of ctest, compare tests write the direct run's stdout to DIR/<name of the
# expected file> and pass; review, then copy into expected/ (a .<isa>.out
# file where the two ISAs differ).
set -u
set -f

# shellcheck source=SCRIPTDIR/../driver-lib.sh
. "$(dirname "$0")/../driver-lib.sh"

[ $# -ge 1 ] || die "usage: check.sh compare|fail|expect [options] -- PROGRAM [ARG]..."
mode=$1; shift
case $mode in compare|fail|expect) ;; *) die "unknown mode '$mode'" ;; esac

expect= status=0 stderr_has= why=
nenv=0 ndenv=0
# shellcheck disable=SC2317,SC2034  # called, and drv_n read, by parse_options
driver_option() {
  case $1 in
    --env) nenv=$((nenv + 1)); eval "env_$nenv=\$2"; drv_n=2 ;;
    --expect) expect=$2; drv_n=2 ;;
    --status) status=$2; drv_n=2 ;;
    --stderr-has) stderr_has=$2; drv_n=2 ;;
    --direct-env) ndenv=$((ndenv + 1)); eval "denv_$ndenv=\$2"; drv_n=2 ;;
    --why) why=$2; drv_n=2 ;;
  esac
}
parse_options "$@"; shift "$drv_used"
[ $# -ge 1 ] || die "PROGRAM missing"
need_ldso
[ -x "$1" ] || { echo "FAIL: sample '$1' does not exist (not built?)"; exit 1; }
if [ "$mode" != fail ]; then
  [ -n "$expect" ] || die "--expect is required in mode $mode"
  [ -f "$expect" ] || [ -n "${LK_RECORD:-}" ] || { echo "FAIL: no expected output file $expect"; exit 1; }
fi

eval "set -- $(unempty_args "$@")"
make_tmp linker

# run WHO OUT ERR CMD... : env -i, the assignments (WHO=direct: --env and
# --direct-env; WHO=ldso: --env), the emulator, CMD.
run() {
  who=$1 out=$2 err=$3; shift 3
  # Build the argument list in front of "$@": env -i [VAR=VAL...] or
  # env -i EMULATOR... [-E VAR=VAL...].
  if [ "$who" = direct ]; then
    k=$ndenv
    while [ $k -ge 1 ]; do
      eval "v=\$denv_$k"
      if [ -n "$emulator" ]; then set -- -E "$v" "$@"; else set -- "$v" "$@"; fi
      k=$((k - 1))
    done
  fi
  k=$nenv
  while [ $k -ge 1 ]; do
    eval "v=\$env_$k"
    if [ -n "$emulator" ]; then set -- -E "$v" "$@"; else set -- "$v" "$@"; fi
    k=$((k - 1))
  done
  # shellcheck disable=SC2086  # $emulator is a word list on purpose
  env -i $emulator "$@" >"$out" 2>"$err"
}

envs() {
  k=1
  while [ $k -le $nenv ]; do eval "printf \"%s \" \"\$env_$k\""; k=$((k + 1)); done
}

run direct "$tmp/direct.out" "$tmp/direct.err" "$@"
direct=$?
# shellcheck disable=SC2086  # $ldso_opts is a word list on purpose
run ldso "$tmp/ldso.out" "$tmp/ldso.err" "$ldso" $ldso_opts "$@"
via=$?
echo "env: $(envs)"
[ "$ndenv" -eq 0 ] || echo "direct run only: $(k=1; while [ $k -le "$ndenv" ]; do eval "printf \"%s \" \"\$denv_$k\""; k=$((k + 1)); done)"
echo "direct: $emulator $* -> status $direct"
echo "ldso:   $emulator $ldso$ldso_opts $* -> status $via"

fail=0
if [ "$mode" = compare ] && [ -n "${LK_RECORD:-}" ]; then
  cp "$tmp/direct.out" "$LK_RECORD/$(basename "$expect")"
  echo "recorded $LK_RECORD/$(basename "$expect") (status $direct, expected $status)"
  exit 0
fi
case $mode in
compare)
  if [ "$direct" -ne "$status" ] || ! cmp -s "$expect" "$tmp/direct.out"; then
    echo "FAIL: the direct run (system dynamic linker) no longer gives the expected output/status $status:"
    diff -u --label expected --label direct "$expect" "$tmp/direct.out"
    show "direct stderr" "$tmp/direct.err"
    fail=1
  fi
  same_runs "$direct" "$via" out
  [ $fail -eq 0 ] || show "ldso stderr" "$tmp/ldso.err"
  ;;
fail)
  for who in direct ldso; do
    if [ $who = direct ]; then st=$direct; else st=$via; fi
    if [ $who = direct ] && [ "$st" -ne "$status" ]; then
      echo "FAIL: direct run: status $st, expected $status"; fail=1
    fi
    if [ $who = ldso ] && [ "$st" -ne "$status" ] && [ "$st" -ne 127 ]; then
      echo "FAIL: ldso run: status $st, expected $status or 127"; fail=1
    fi
    if [ -s "$tmp/$who.out" ]; then
      echo "FAIL: $who run: stdout is not empty (the program ran)"; show "$who stdout" "$tmp/$who.out"; fail=1
    fi
    if ! grep -qF -- "$stderr_has" "$tmp/$who.err"; then
      echo "FAIL: $who run: stderr does not mention '$stderr_has'"; fail=1
    fi
    show "$who stderr" "$tmp/$who.err"
  done
  ;;
expect)
  echo "not compared with the direct run: $why"
  if [ "$via" -ne "$status" ]; then
    echo "FAIL: exit status through ldso $via, expected $status"
    fail=1
  fi
  if ! cmp -s "$expect" "$tmp/ldso.out"; then
    echo "FAIL: stdout through ldso differs from the expected output:"
    diff -u --label expected --label ldso "$expect" "$tmp/ldso.out"
    fail=1
  fi
  [ $fail -eq 0 ] || show "ldso stderr" "$tmp/ldso.err"
  if [ "$direct" -eq "$status" ] && cmp -s "$expect" "$tmp/direct.out"; then
    echo "(for reference: the direct run gives the expected output too)"
  else
    echo "(for reference: the direct run does not give the expected output; not judged)"
    show "direct stdout (not judged)" "$tmp/direct.out"
    show "direct stderr (not judged)" "$tmp/direct.err"
  fi
  ;;
esac
if [ $fail -ne 0 ]; then
  exit 1
fi
echo "PASS ($mode)"
exit 0
