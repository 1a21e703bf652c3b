# tl_test(): the tests of the TLS and dl samples (tests/tls, tests/dl), run
# by tests/linker/check.sh (see there for the modes). Included by both directories; each
# sets TL_PREFIX (tls or dl: test names <prefix>.<name>, programs
# ${TL_PREFIX}_prog_<program> from samples/<prefix>).
#
# tl_test(NAME [PROGRAM prog] [MODE compare|expect] [ARGS a...] [ENV VAR=VALUE...]
#         [LIBC] [STATUS n] [WHY text])
# PROGRAM defaults to NAME up to the first dot. LIBC: the direct run gets
# LD_PRELOAD=libc.so.6 (see tests/linker/check.sh). Expected stdout:
# expected/<NAME>.<isa>.out if it exists, else expected/<NAME>.out.
# Honours LDSO_LINKER_LDSO_OPTS (tests/linker):
# expect-mode tests need the self-linked engine.
# The same driver as the linker tests (with --direct-env for the oracle).
set(TL_RUN ${PROJECT_SOURCE_DIR}/tests/linker/check.sh)
set(TL_LDSO ${LDSO_TEST_BIN})
set(TL_EMULATOR_WORDS ${LDSO_EMULATOR_WORDS})

function(tl_test name)
  cmake_parse_arguments(PARSE_ARGV 1 T "LIBC" "PROGRAM;MODE;STATUS;WHY" "ARGS;ENV")
  if(NOT T_PROGRAM)
    string(REGEX REPLACE "\\..*" "" T_PROGRAM ${name})
  endif()
  set(target ${TL_PREFIX}_prog_${T_PROGRAM})
  if(NOT TARGET ${target})
    message(FATAL_ERROR "test ${TL_PREFIX}.${name}: no sample program ${T_PROGRAM}")
  endif()
  if(NOT T_MODE)
    set(T_MODE compare)
  endif()
  if(NOT DEFINED T_STATUS)
    set(T_STATUS 0)
  endif()
  set(expected_dir ${CMAKE_CURRENT_SOURCE_DIR}/expected)
  set(opts --status ${T_STATUS})
  if(EXISTS ${expected_dir}/${name}.${LDSO_ISA}.out)
    list(APPEND opts --expect ${expected_dir}/${name}.${LDSO_ISA}.out)
  else()
    list(APPEND opts --expect ${expected_dir}/${name}.out)
  endif()
  foreach(e IN LISTS T_ENV)
    list(APPEND opts --env ${e})
  endforeach()
  if(T_LIBC)
    list(APPEND opts --direct-env LD_PRELOAD=libc.so.6)
  endif()
  foreach(o IN LISTS LDSO_LINKER_LDSO_OPTS)
    list(APPEND opts --ldso-opt ${o})
  endforeach()
  if(T_WHY)
    list(APPEND opts --why ${T_WHY})
  endif()
  add_test(NAME ${TL_PREFIX}.${name}
    COMMAND sh ${TL_RUN} ${T_MODE} "--emulator=${TL_EMULATOR_WORDS}" --ldso ${TL_LDSO} ${opts}
            -- $<TARGET_FILE:${target}> ${T_ARGS}
    WORKING_DIRECTORY ${CMAKE_BINARY_DIR}/samples/${TL_PREFIX})
  set_tests_properties(${TL_PREFIX}.${name} PROPERTIES TIMEOUT 60 LABELS ${TL_PREFIX})
endfunction()
