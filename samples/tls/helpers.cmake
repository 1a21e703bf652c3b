# Build helpers shared by samples/tls and samples/dl (included by both; the
# stub target is made by the first). Same conventions as samples/linker
# (see samples/linker/CMakeLists.txt): -nostdlib, every object links its own
# hidden copy of the runtime `rt`, executables are PIE with PT_INTERP and
# RUNPATH $ORIGIN/lib, libraries have RUNPATH $ORIGIN.
#
# The functions take a target prefix from the calling directory, ${TL_PREFIX}
# (tls or dl), and put their outputs under ${TL_OUT}:
#   ${TL_OUT}/<program>          target ${TL_PREFIX}_prog_<program>
#   ${TL_OUT}/lib/lib<name>.so   target ${TL_PREFIX}_lib_<name> (soname the same)
#
# The rtld stub: ${CMAKE_BINARY_DIR}/samples/rtld-stub/<interpreter soname>
# (ld-linux-x86-64.so.2 / ld-linux-aarch64.so.1), target tl_rtld_stub, built
# from samples/dl/rtld_stub.c. Programs that call the dlopen family or ldso's
# thread hook link against it (RTLD_STUB): their references are unversioned
# and their DT_NEEDED names the interpreter's soname, which ldso satisfies
# itself at run time with its own implementations. In glibc 2.34+ the dl*
# functions live in libc.so.6, not in ld.so, so the system dynamic linker can
# run such a program only with libc.so.6 preloaded (the tests do that for
# their direct runs where the system linker is the oracle).
#
# Variables are directory-scoped, so this file runs in full for each
# includer; the stub target is created once.

set(TL_RT_DIR ${PROJECT_SOURCE_DIR}/samples/rt)
set(TL_DL_SRC ${PROJECT_SOURCE_DIR}/samples/dl)
if(LDSO_ISA STREQUAL "x86_64")
  set(TL_INTERP /lib64/ld-linux-x86-64.so.2)
  set(TL_RTLD_SONAME ld-linux-x86-64.so.2)
  set(TL_TLS_GET_ADDR_VERSION GLIBC_2.3)
  set(TL_TLS_DESC -mtls-dialect=gnu2)
  set(TL_TLS_TRAD -mtls-dialect=gnu)
else()
  set(TL_INTERP /lib/ld-linux-aarch64.so.1)
  set(TL_RTLD_SONAME ld-linux-aarch64.so.1)
  set(TL_TLS_GET_ADDR_VERSION GLIBC_2.17)
  set(TL_TLS_DESC -mtls-dialect=desc)
  set(TL_TLS_TRAD -mtls-dialect=trad)
endif()
# -O2 whatever the build type: gcc picks local-dynamic for local TLS
# variables only when optimising.
set(TL_CFLAGS -O2 -ffreestanding -fno-stack-protector -fno-builtin -nostdlib
    -fno-tree-loop-distribute-patterns -fno-asynchronous-unwind-tables)

# ---- the rtld stub ---------------------------------------------------------
set(TL_STUB_DIR ${CMAKE_BINARY_DIR}/samples/rtld-stub)
if(NOT TARGET tl_rtld_stub)
  file(MAKE_DIRECTORY ${TL_STUB_DIR})
  file(WRITE ${TL_STUB_DIR}/rtld_stub.map
    "${TL_TLS_GET_ADDR_VERSION} { __tls_get_addr; };\n")
  add_library(tl_rtld_stub SHARED ${TL_DL_SRC}/rtld_stub.c)
  set_target_properties(tl_rtld_stub PROPERTIES
    PREFIX "" SUFFIX "" OUTPUT_NAME ${TL_RTLD_SONAME}
    LIBRARY_OUTPUT_DIRECTORY ${TL_STUB_DIR}
    SKIP_BUILD_RPATH TRUE LINKER_LANGUAGE C)
  target_compile_options(tl_rtld_stub PRIVATE -fPIC ${TL_CFLAGS} -Wno-unused-parameter)
  target_link_options(tl_rtld_stub PRIVATE -nostdlib
    LINKER:--version-script=${TL_STUB_DIR}/rtld_stub.map)
endif()

# tl_objects(NAME SOURCES src... [COMPILE opt...])
# An OBJECT library ${TL_PREFIX}_obj_<NAME> of PIC objects: for libraries and
# programs whose translation units need different flags (TLS model and
# dialect are per translation unit).
function(tl_objects name)
  cmake_parse_arguments(PARSE_ARGV 1 O "" "" "SOURCES;COMPILE")
  set(t ${TL_PREFIX}_obj_${name})
  list(TRANSFORM O_SOURCES PREPEND ${CMAKE_CURRENT_SOURCE_DIR}/)
  add_library(${t} OBJECT ${O_SOURCES})
  target_compile_options(${t} PRIVATE -fPIC ${TL_CFLAGS} ${O_COMPILE})
  target_include_directories(${t} PRIVATE ${TL_RT_DIR} ${TL_DL_SRC} ${CMAKE_CURRENT_SOURCE_DIR})
endfunction()

# Common to programs and libraries.
function(_tl_link t objects libs link tls_get_addr stub no_rt runpath)
  foreach(o IN LISTS objects)
    target_sources(${t} PRIVATE $<TARGET_OBJECTS:${TL_PREFIX}_obj_${o}>)
  endforeach()
  target_include_directories(${t} PRIVATE ${TL_RT_DIR} ${TL_DL_SRC} ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_options(${t} PRIVATE -nostdlib LINKER:--no-as-needed LINKER:--exclude-libs,ALL
    LINKER:-rpath-link,${TL_OUT}/lib ${link})
  foreach(l IN LISTS libs)
    target_link_libraries(${t} PRIVATE ${TL_PREFIX}_lib_${l})
  endforeach()
  if(stub)
    target_link_libraries(${t} PRIVATE tl_rtld_stub)
  endif()
  if(tls_get_addr)
    target_link_libraries(${t} PRIVATE ${TL_INTERP})
  endif()
  if(NOT no_rt)
    target_link_libraries(${t} PRIVATE rt)
  endif()
  # RUNPATH through an option file (ld's @FILE): a literal $ORIGIN does not
  # survive CMake's escaping of link options for the Makefile generators.
  if(runpath)
    set(f ${CMAKE_CURRENT_BINARY_DIR}/ldopts/${t}.txt)
    file(WRITE ${f} "--enable-new-dtags -rpath '${runpath}'\n")
    target_link_options(${t} PRIVATE "LINKER:@${f}")
  endif()
  add_dependencies(${TL_PREFIX}_samples ${t})
endfunction()

# tl_library(NAME [SOURCES src...] [OBJECTS obj...] [LIBS lib...] [COMPILE opt...]
#            [LINK opt...] [TLS_GET_ADDR] [RTLD_STUB] [NO_RT])
# ${TL_OUT}/lib/lib<NAME>.so, RUNPATH $ORIGIN. LIBS: other libraries of this
# directory (DT_NEEDED in that order). TLS_GET_ADDR: link the system
# interpreter for __tls_get_addr, as glibc's libraries do.
function(tl_library name)
  cmake_parse_arguments(PARSE_ARGV 1 L "TLS_GET_ADDR;RTLD_STUB;NO_RT" ""
    "SOURCES;OBJECTS;LIBS;COMPILE;LINK")
  set(t ${TL_PREFIX}_lib_${name})
  list(TRANSFORM L_SOURCES PREPEND ${CMAKE_CURRENT_SOURCE_DIR}/)
  add_library(${t} SHARED ${L_SOURCES})
  set_target_properties(${t} PROPERTIES
    OUTPUT_NAME ${name}
    LIBRARY_OUTPUT_DIRECTORY ${TL_OUT}/lib
    SKIP_BUILD_RPATH TRUE
    LINKER_LANGUAGE C)
  target_compile_options(${t} PRIVATE -fPIC ${TL_CFLAGS} ${L_COMPILE})
  _tl_link(${t} "${L_OBJECTS}" "${L_LIBS}" "${L_LINK}" "${L_TLS_GET_ADDR}"
    "${L_RTLD_STUB}" "${L_NO_RT}" "$ORIGIN")
endfunction()

# tl_program(NAME [SOURCES src...] [OBJECTS obj...] [LIBS lib...] [COMPILE opt...]
#            [LINK opt...] [TLS_GET_ADDR] [RTLD_STUB] [EXPORT])
# ${TL_OUT}/<NAME>: PIE, PT_INTERP the system interpreter, RUNPATH
# $ORIGIN/lib. EXPORT: --export-dynamic (dlsym and interposition reach the
# executable's own functions).
function(tl_program name)
  cmake_parse_arguments(PARSE_ARGV 1 P "TLS_GET_ADDR;RTLD_STUB;EXPORT" ""
    "SOURCES;OBJECTS;LIBS;COMPILE;LINK")
  set(t ${TL_PREFIX}_prog_${name})
  list(TRANSFORM P_SOURCES PREPEND ${CMAKE_CURRENT_SOURCE_DIR}/)
  add_executable(${t} ${P_SOURCES})
  set_target_properties(${t} PROPERTIES
    OUTPUT_NAME ${name}
    RUNTIME_OUTPUT_DIRECTORY ${TL_OUT}
    SKIP_BUILD_RPATH TRUE
    LINKER_LANGUAGE C)
  target_compile_options(${t} PRIVATE -fPIE ${TL_CFLAGS} ${P_COMPILE})
  set(link -pie LINKER:-u,_start LINKER:--dynamic-linker=${TL_INTERP} ${P_LINK})
  if(P_EXPORT)
    list(APPEND link LINKER:--export-dynamic)
  endif()
  _tl_link(${t} "${P_OBJECTS}" "${P_LIBS}" "${link}" "${P_TLS_GET_ADDR}"
    "${P_RTLD_STUB}" "" "$ORIGIN/lib")
endfunction()
