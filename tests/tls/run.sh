#!/bin/sh
# Test driver of the TLS and dl samples (tests/tls, tests/dl), after
# tests/linker/check.sh, plus environment for the direct run only.
#
#   run.sh MODE [options] -- PROGRAM [ARG]...
#
# Runs PROGRAM directly, i.e. under the system dynamic linker named by its
# PT_INTERP, and as `LDSO [LDSO-OPT]... PROGRAM ARG...`, both under `env -i`
# plus the --env assignments; the direct run also gets the --direct-env
# ones. Under an emulator ("qemu-aarch64 -L /") the assignments go to its
# -E, so that they reach the target program and not qemu itself.
#
# MODE
#   compare  the system dynamic linker is the oracle: stdout and exit status
#            through ldso must equal the direct run's, and the direct run
#            must give --expect FILE and --status N (so that a drifted
#            toolchain or libc shows as such, not as an ldso bug).
#   expect   no oracle (see --why): stdout and status through ldso must be
#            --expect FILE and --status N. The direct run is shown for
#            reference, with whether it gives the expected output, and not
#            judged.
#
# Options: --emulator=WORDS, --ldso PATH, --ldso-opt OPT, --env VAR=VALUE,
# --direct-env VAR=VALUE (all repeatable but the first two), --expect FILE,
# --status N, --why TEXT.
#
# --direct-env exists for LD_PRELOAD=libc.so.6: glibc's ld.so cannot start a
# libc-less program that has DT_NEEDED on ld.so itself (it looks up calloc
# and pthread_mutex_lock in libc), and since glibc 2.34 the dlopen family
# lives in libc.so.6. With libc preloaded in the direct run, glibc's ld.so is
# a faithful oracle for such programs; ldso, which satisfies the
# interpreter's soname itself, runs them without.
#
# Recording: with TL_RECORD=DIR in ctest's environment, the direct run's
# stdout goes to DIR/<basename of the expected file> and the test passes;
# review before copying into expected/.
set -u
set -f

die() { echo "run.sh: $*" >&2; exit 2; }

[ $# -ge 1 ] || die "usage: run.sh compare|expect [options] -- PROGRAM [ARG]..."
mode=$1; shift
case $mode in compare|expect) ;; *) die "unknown mode '$mode'" ;; esac

emulator= ldso= ldso_opts= expect= status=0 why=
nenv=0 ndenv=0
while [ $# -gt 0 ]; do
  case $1 in
    --emulator=*) emulator=${1#--emulator=}; shift ;;
    --ldso) ldso=$2; shift 2 ;;
    --ldso-opt) ldso_opts="$ldso_opts $2"; shift 2 ;;
    --env) nenv=$((nenv + 1)); eval "env_$nenv=\$2"; shift 2 ;;
    --direct-env) ndenv=$((ndenv + 1)); eval "denv_$ndenv=\$2"; shift 2 ;;
    --expect) expect=$2; shift 2 ;;
    --status) status=$2; shift 2 ;;
    --why) why=$2; shift 2 ;;
    --) shift; break ;;
    *) die "unknown option '$1'" ;;
  esac
done
[ $# -ge 1 ] || die "PROGRAM missing"
[ -n "$ldso" ] || die "--ldso is required"
[ -n "$expect" ] || die "--expect is required"
[ -x "$ldso" ] || { echo "FAIL: ldso binary '$ldso' does not exist or is not executable (not built yet?)"; exit 1; }
[ -x "$1" ] || { echo "FAIL: sample '$1' does not exist (not built?)"; exit 1; }
[ -f "$expect" ] || [ -n "${TL_RECORD:-}" ] || { echo "FAIL: no expected output file $expect"; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ldso-tls.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT

# run WHO OUT ERR CMD... : env -i, the assignments (WHO=direct: --env and
# --direct-env; WHO=ldso: --env), the emulator, CMD.
run() {
  who=$1 out=$2 err=$3; shift 3
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

show() {  # show LABEL FILE
  echo "---- $1 ($(wc -c <"$2") bytes) ----"
  cat "$2"
  [ -s "$2" ] && [ "$(tail -c 1 "$2" | od -An -c | tr -d ' ')" != '\n' ] && echo "<no newline at end>"
  return 0
}

list() {  # list PREFIX N: the assignments env_1.. or denv_1..
  k=1
  while [ $k -le "$2" ]; do eval "printf \"%s \" \"\$$1_$k\""; k=$((k + 1)); done
}

run direct "$tmp/direct.out" "$tmp/direct.err" "$@"
direct=$?
# shellcheck disable=SC2086  # $ldso_opts is a word list on purpose
run ldso "$tmp/ldso.out" "$tmp/ldso.err" "$ldso" $ldso_opts "$@"
via=$?
echo "env: $(list env $nenv)"
echo "direct run only: $(list denv $ndenv)"
echo "direct: $emulator $* -> status $direct"
echo "ldso:   $emulator $ldso$ldso_opts $* -> status $via"

if [ -n "${TL_RECORD:-}" ]; then
  cp "$tmp/direct.out" "$TL_RECORD/$(basename "$expect")"
  echo "recorded $TL_RECORD/$(basename "$expect") (direct status $direct, expected $status)"
  exit 0
fi

fail=0
case $mode in
compare)
  if [ "$direct" -ne "$status" ] || ! cmp -s "$expect" "$tmp/direct.out"; then
    echo "FAIL: the direct run (system dynamic linker) no longer gives the expected output/status $status:"
    diff -u --label expected --label direct "$expect" "$tmp/direct.out"
    show "direct stderr" "$tmp/direct.err"
    fail=1
  fi
  if [ "$direct" -ne "$via" ]; then
    echo "FAIL: exit status differs: direct $direct, ldso $via"
    fail=1
  fi
  if ! cmp -s "$tmp/direct.out" "$tmp/ldso.out"; then
    echo "FAIL: stdout differs (--- direct, +++ through ldso):"
    diff -u --label direct --label ldso "$tmp/direct.out" "$tmp/ldso.out"
    fail=1
  fi
  [ $fail -eq 0 ] || show "ldso stderr" "$tmp/ldso.err"
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
