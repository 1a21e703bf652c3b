# shellcheck shell=sh disable=SC2034  # sets globals the drivers read
# Shared by the shell test drivers (tests/integration/compare.sh,
# tests/linker/check.sh, tests/host/run.sh), which source it with
#   . "$(dirname "$0")/../driver-lib.sh"
# POSIX sh, functions only. They read and set the drivers' globals emulator,
# ldso, ldso_opts, tmp and fail; their own variables start with drv_.
# Messages are matched by tests (PASS/FAIL_REGULAR_EXPRESSION): keep them.

die() { echo "${0##*/}: $*" >&2; exit 2; }

# parse_options ARG...: the options every driver takes (--emulator=WORDS,
# --ldso LDSO, --ldso-opt OPT), up to and including `--`. Other options go to
# the driver's `driver_option ARG...`, which sets drv_n to the number of words
# it took (left 0: unknown option). Sets drv_used to the number of words
# read, for the caller to shift (a function cannot shift the caller's).
parse_options() {
  emulator='' ldso='' ldso_opts='' drv_used=0
  while [ $# -gt 0 ]; do
    case $1 in
      --emulator=*) emulator=${1#--emulator=}; drv_n=1 ;;
      --ldso) ldso=$2; drv_n=2 ;;
      --ldso-opt) ldso_opts="$ldso_opts $2"; drv_n=2 ;;  # options have no spaces
      --) drv_used=$((drv_used + 1)); return 0 ;;
      *) drv_n=0; driver_option "$@"; [ "$drv_n" -gt 0 ] || die "unknown option '$1'" ;;
    esac
    shift "$drv_n"
    drv_used=$((drv_used + drv_n))
  done
}

# need_ldso: a missing loader is a test failure (not built yet), not bad usage.
need_ldso() {
  [ -n "$ldso" ] || die "--ldso is required"
  [ -x "$ldso" ] || { echo "FAIL: ldso binary '$ldso' does not exist or is not executable (not built yet?)"; exit 1; }
}

# unempty_args ARG...: prints the arguments quoted for
#   eval "set -- $(unempty_args "$@")"
# with @EMPTY@ turned into "" (CMake < 3.31 drops empty arguments from
# add_test); everything else, spaces, quotes and newlines included, intact.
unempty_args() {
  for drv_a in "$@"; do
    [ "$drv_a" = "@EMPTY@" ] && drv_a=
    drv_q=
    while :; do
      case $drv_a in
        *\'*) drv_q="$drv_q${drv_a%%\'*}'\\''"; drv_a=${drv_a#*\'} ;;
        *) break ;;
      esac
    done
    printf "'%s' " "$drv_q$drv_a"
  done
}

# make_tmp NAME: a temporary directory $tmp, removed on exit.
make_tmp() {
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/ldso-$1.XXXXXX") || die "mktemp failed"
  trap 'rm -rf "$tmp"' EXIT
}

# ends_in_newline FILE
ends_in_newline() {
  [ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" = '\n' ]
}

# show LABEL FILE: the file, at most $show_bytes bytes of it if that is set.
show() {
  echo "---- $1 ($(wc -c <"$2") bytes) ----"
  if [ -n "${show_bytes:-}" ]; then head -c "$show_bytes" "$2"; else cat "$2"; fi
  # make sure the next line starts on its own line
  [ -s "$2" ] && ! ends_in_newline "$2" && echo "<no newline at end>"
  return 0
}

# quote_cmd WORD...: for the log, each word in quotes.
quote_cmd() {
  for drv_w in "$@"; do printf "'%s' " "$drv_w"; done
}

# same_runs DIRECT_STATUS LDSO_STATUS STREAM...: the exit statuses must be
# equal, and $tmp/direct.STREAM must equal $tmp/ldso.STREAM for each STREAM
# (out, err); sets fail=1 otherwise. A diff is cut to $diff_lines lines if
# that is set.
same_runs() {
  if [ "$1" -ne "$2" ]; then
    echo "FAIL: exit status differs: direct $1, ldso $2"
    fail=1
  fi
  shift 2
  for drv_s in "$@"; do
    if ! cmp -s "$tmp/direct.$drv_s" "$tmp/ldso.$drv_s"; then
      echo "FAIL: std$drv_s differs (--- direct, +++ through ldso):"
      if [ -n "${diff_lines:-}" ]; then
        diff -u --label direct --label ldso "$tmp/direct.$drv_s" "$tmp/ldso.$drv_s" | head -n "$diff_lines"
      else
        diff -u --label direct --label ldso "$tmp/direct.$drv_s" "$tmp/ldso.$drv_s"
      fi
      fail=1
    fi
  done
}

# direct_printed: a program that prints nothing would pass same_runs
# whatever ldso did with it.
direct_printed() {
  if [ ! -s "$tmp/direct.out" ]; then
    echo "FAIL: the program printed nothing even when run directly"
    show "direct stderr" "$tmp/direct.err"
    exit 1
  fi
}

# refused STATUS OUT ERR PREFIX [WHO]: a load error as ldso reports it:
# status 127, nothing on stdout (nothing of the program ran), exactly one
# line on stderr, starting with PREFIX. WHO ("through ldso: ") goes in front
# of each failure. Sets fail=1 otherwise, and first to that stderr line.
refused() {
  drv_who=${5:-}
  if [ "$1" -ne 127 ]; then
    echo "FAIL: ${drv_who}exit status $1, expected 127"
    fail=1
  fi
  if [ -s "$2" ]; then
    echo "FAIL: ${drv_who}stdout is not empty (did the program run?)"
    fail=1
  fi
  drv_lines=$(wc -l <"$3")
  if [ "$drv_lines" -ne 1 ] || ! ends_in_newline "$3"; then
    echo "FAIL: ${drv_who}expected exactly one newline-terminated line on stderr, got $drv_lines newline(s)"
    fail=1
  fi
  first=$(head -n 1 "$3")
  case $first in
    "$4"*) ;;
    *) echo "FAIL: ${drv_who}stderr does not start with '$4'"; fail=1 ;;
  esac
}
