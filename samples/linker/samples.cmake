# ---- hello: basics --------------------------------------------------------
lk_library(hello_a SOURCES hello/liba.c)
lk_program(hello SOURCES hello/main.c LIBS hello_a)

# ---- abs64: 64-bit symbolic relocations, absolute symbol ------------------
lk_library(abs64_lib SOURCES abs64/lib.c abs64/abs.S)
lk_program(abs64 SOURCES abs64/main.c LIBS abs64_lib COMPILE -fPIC)

# ---- relative / relr: RELATIVE as RELA and as DT_RELR ---------------------
if(LDSO_ISA STREQUAL "x86_64")
  set(LK_NORELR_LINK LINKER:-z,nopack-relative-relocs)  # in case it becomes the default
else()
  set(LK_NORELR_LINK "")
endif()
lk_library(relative_lib SOURCES relative/lib.c LINK ${LK_NORELR_LINK})
lk_program(relative SOURCES relative/main.c LIBS relative_lib LINK ${LK_NORELR_LINK})
# GNU ld 2.40 packs relative relocations for x86_64 only ("-z
# pack-relative-relocs ignored" on aarch64); there lld is used if present.
if(LDSO_ISA STREQUAL "x86_64")
  set(LK_RELR_LINK LINKER:-z,pack-relative-relocs)
else()
  find_program(LK_LLD ld.lld)
  if(LK_LLD)
    # gcc -fuse-ld=lld looks for the cross prefix; give it an `ld` to find.
    file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/lld-bin)
    file(CREATE_LINK ${LK_LLD} ${CMAKE_CURRENT_BINARY_DIR}/lld-bin/ld SYMBOLIC)
    set(LK_RELR_LINK -B${CMAKE_CURRENT_BINARY_DIR}/lld-bin/ LINKER:--pack-dyn-relocs=relr)
  else()
    message(STATUS "linker samples: no ld.lld, so relr on aarch64 has no DT_RELR")
    set(LK_RELR_LINK "")
  endif()
endif()
lk_library(relr_lib SOURCES relative/lib.c LINK ${LK_RELR_LINK})
lk_program(relr SOURCES relative/main.c LIBS relr_lib LINK ${LK_RELR_LINK})

# ---- none: R_*_NONE -------------------------------------------------------
set(LK_NONE 0)  # R_X86_64_NONE, R_AARCH64_NONE
lk_library(none_lib SOURCES none/lib.c PATCH none_slot ${LK_NONE})
lk_program(none SOURCES none/main.c LIBS none_lib COMPILE -fPIC PATCH exe_none_slot ${LK_NONE})
# The same library with a relocation type no ISA here defines (250): both
# linkers must refuse it before anything runs, naming the type.
lk_library(unknown_lib SOURCES none/lib.c PATCH none_slot 250)
lk_program(unknown SOURCES none/main.c LIBS unknown_lib COMPILE -fPIC)

# ---- pcrel32: R_X86_64_PC32 / R_AARCH64_PREL32 ----------------------------
lk_library(pcrel32_target SOURCES pcrel32/target.c)
if(LDSO_ISA STREQUAL "x86_64")
  lk_library(pcrel32_lib SOURCES pcrel32/lib.c pcrel32/field_x86_64.S LIBS pcrel32_target)
else()
  lk_library(pcrel32_lib SOURCES pcrel32/lib.c pcrel32/field_aarch64.S LIBS pcrel32_target
    PATCH pc_field 261 pc_field_add 261 pc_field_fn 261)
endif()
lk_program(pcrel32 SOURCES pcrel32/main.c LIBS pcrel32_lib)

# ---- abs32 (+ abs32s on x86_64): 32-bit absolute relocations --------------
lk_library(abs32_abs SOURCES abs32/abs.S NO_RT)
if(LDSO_ISA STREQUAL "x86_64")
  lk_library(abs32_lib SOURCES abs32/lib.c abs32/field_x86_64.S LIBS abs32_abs
    LINK LINKER:-z,noreloc-overflow)
  lk_library(abs32s_lib SOURCES abs32/lib.c abs32/field_x86_64.S abs32/field32s_x86_64.S
    LIBS abs32_abs COMPILE -DABS32S LINK LINKER:-z,noreloc-overflow PATCH abs32s_field 11)
  lk_program(abs32s SOURCES abs32/main.c LIBS abs32s_lib abs32_abs NOPIE COMPILE -DABS32S)
else()
  lk_library(abs32_lib SOURCES abs32/lib.c abs32/field_aarch64.S LIBS abs32_abs
    PATCH abs32_field 258 abs32_exe_field 258)
endif()
lk_program(abs32 SOURCES abs32/main.c LIBS abs32_lib abs32_abs NOPIE)

# ---- size (x86_64): R_X86_64_SIZE32 / SIZE64 -------------------------------
if(LDSO_ISA STREQUAL "x86_64")
  lk_library(size_objs SOURCES size/objs.c)
  lk_library(size_late SOURCES size/late.c)
  lk_library(size_fields SOURCES size/field.S LIBS size_objs size_late NO_RT)
  lk_program(size SOURCES size/main.c LIBS size_fields size_objs COMPILE -fPIC)
endif()

# ---- copy: COPY relocations ------------------------------------------------
lk_library(copy_lib SOURCES copy/lib.c)
lk_program(copy SOURCES copy/main.c LIBS copy_lib NOPIE)

# ---- copyver: COPY of versioned symbols ------------------------------------
lk_library(copyver_lib SOURCES copyver/lib.c
  LINK LINKER:--version-script=${LK_SRC}/copyver/lib.map)
lk_program(copyver SOURCES copyver/main.c LIBS copyver_lib NOPIE)

# ---- symver: default, non-default and local versions -----------------------
lk_library(symver_lib SOURCES symver/lib.c
  LINK LINKER:--version-script=${LK_SRC}/symver/lib.map)
lk_library(symver_first SOURCES symver/first.c)
lk_program(symver SOURCES symver/main.c LIBS symver_lib)
# Linked against an unversioned build of the library: at run time its
# unversioned references meet the versioned library (sv_fn -> the oldest,
# VERS_1).
lk_library(symver_lib_unversioned FILE symver_lib DIR stub SOURCES symver/lib.c
  COMPILE -DSYMVER_UNVERSIONED)
lk_program(symver_unversioned SOURCES symver/main.c LIBS symver_lib_unversioned
  COMPILE -DUNVERSIONED)
# Linked against a build with VERS_3, run against the one without.
lk_library(symver_lib_v3 FILE symver_lib DIR stub/v3 SOURCES symver/lib.c
  COMPILE -DSYMVER_V3 LINK LINKER:--version-script=${LK_SRC}/symver/lib3.map)
lk_program(symver_missing SOURCES symver/missing.c LIBS symver_lib_v3)

# ---- ifunc -----------------------------------------------------------------
# (Linked with a library: a non-PIE executable without DT_NEEDED gets no
# dynamic section, and its IRELATIVE relocations would be libc's business.)
lk_program(ifunc_exe SOURCES ifunc/exe_main.c LIBS hello_a)
lk_program(ifunc_exe_nopie SOURCES ifunc/exe_main.c LIBS hello_a NOPIE)
lk_library(ifunc_lib SOURCES ifunc/lib.c)
lk_program(ifunc_lib SOURCES ifunc/lib_main.c LIBS ifunc_lib)
lk_program(ifunc_lib_nopie SOURCES ifunc/lib_main.c LIBS ifunc_lib NOPIE)

# ---- TLS -------------------------------------------------------------------
if(LDSO_ISA STREQUAL "x86_64")
  set(LK_TLS_DESC -mtls-dialect=gnu2)
  set(LK_TLS_TRAD -mtls-dialect=gnu)
else()
  set(LK_TLS_DESC -mtls-dialect=desc)
  set(LK_TLS_TRAD -mtls-dialect=trad)
endif()
foreach(model desc ie gd real)
  if(model STREQUAL "desc")
    set(flags ${LK_TLS_DESC})
  elseif(model STREQUAL "ie")
    set(flags -ftls-model=initial-exec)
  else()
    set(flags ${LK_TLS_TRAD} -ftls-model=global-dynamic)
  endif()
  if(model STREQUAL "gd")
    # reg.c is compiled for TLS descriptors, whatever the rest uses.
    set_source_files_properties(tls/reg.c PROPERTIES COMPILE_OPTIONS "${LK_TLS_DESC}")
    lk_library(tls_gd_a SOURCES tls/a.c tls/reg.c COMPILE ${flags} -DREG_A)
    lk_library(tls_gd_b SOURCES tls/b.c tls/reg.c LIBS tls_gd_a COMPILE ${flags})
    lk_program(tls_gd SOURCES tls/main.c LIBS tls_gd_b tls_gd_a COMPILE -DOWN_TLS_GET_ADDR)
  elseif(model STREQUAL "real")
    lk_library(tls_real_a SOURCES tls/a.c COMPILE ${flags} TLS_GET_ADDR)
    lk_library(tls_real_b SOURCES tls/b.c LIBS tls_real_a COMPILE ${flags} TLS_GET_ADDR)
    lk_program(tls_real SOURCES tls/main.c LIBS tls_real_b tls_real_a)
  else()
    lk_library(tls_${model}_a SOURCES tls/a.c COMPILE ${flags})
    lk_library(tls_${model}_b SOURCES tls/b.c LIBS tls_${model}_a COMPILE ${flags})
    lk_program(tls_${model} SOURCES tls/main.c LIBS tls_${model}_b tls_${model}_a)
  endif()
endforeach()

# ---- interpose: scope order, protected, -Bsymbolic, weak definitions -------
lk_library(ip_c SOURCES interpose/libs.c COMPILE -DLIB_C)
lk_library(ip_b SOURCES interpose/libs.c COMPILE -DLIB_B)
lk_library(ip_a SOURCES interpose/libs.c LIBS ip_c COMPILE -DLIB_A)
lk_library(ip_s SOURCES interpose/libs.c COMPILE -DLIB_S LINK LINKER:-Bsymbolic)
lk_program(interpose SOURCES interpose/main.c LIBS ip_a ip_b ip_s)

# ---- preload: LD_PRELOAD ---------------------------------------------------
lk_library(pl_main SOURCES preload/libs.c COMPILE -DPL_MAIN NO_RT)
lk_library(pl_p1 SOURCES preload/libs.c COMPILE -DPL_P1 NO_RT)
lk_library(pl_p2 SOURCES preload/libs.c COMPILE -DPL_P2 NO_RT)
lk_program(preload SOURCES preload/main.c LIBS pl_main)
add_dependencies(lk_preload lklib_pl_p1 lklib_pl_p2)

# ---- weak: weak undefined symbols ------------------------------------------
lk_library(wk_lib SOURCES weak/lib.c)
lk_library(wk_late SOURCES weak/late.c)
lk_program(weak SOURCES weak/main.c LIBS wk_lib wk_late)

# ---- init_order: DT_PREINIT_ARRAY, DT_INIT, DT_INIT_ARRAY, fini -------------
foreach(l f e d c b a)
  if(l STREQUAL "a")
    set(deps io_d)
  elseif(l STREQUAL "b")
    set(deps io_d io_e)
  elseif(l STREQUAL "c")
    set(deps io_e)
  elseif(l STREQUAL "d" OR l STREQUAL "e")
    set(deps io_f)
  else()
    set(deps "")
  endif()
  lk_library(io_${l} SOURCES initorder/lib.c LIBS ${deps} COMPILE -DNAME="${l}"
    LINK LINKER:-init=io_dt_init LINKER:-fini=io_dt_fini)
endforeach()
lk_program(init_order SOURCES initorder/main.c LIBS io_a io_b io_c)

# ---- search paths: RPATH vs RUNPATH reach, precedence, $ORIGIN -------------
lk_library(reach_y DIR reach SOURCES search/reach_y.c NO_RUNPATH)
lk_library(reach_x DIR reach SOURCES search/reach_x.c LIBS reach_y NO_RUNPATH)
lk_program(rpath_reach SOURCES search/reach_main.c LIBS reach_x RPATH "$ORIGIN/reach")
lk_program(runpath_reach SOURCES search/reach_main.c LIBS reach_x RUNPATH "$ORIGIN/reach")
lk_library(prec_a FILE prec DIR prec_a SOURCES search/prec.c COMPILE -DWHERE="prec_a" NO_RUNPATH)
lk_library(prec_b FILE prec DIR prec_b SOURCES search/prec.c COMPILE -DWHERE="prec_b" NO_RUNPATH)
lk_program(prec_rpath SOURCES search/prec_main.c LIBS prec_a RPATH "$ORIGIN/prec_a")
lk_program(prec_runpath SOURCES search/prec_main.c LIBS prec_a RUNPATH "$ORIGIN/prec_a")
add_dependencies(lk_prec_rpath lklib_prec_b)
lk_library(origin_c DIR origin_c SOURCES search/origin.c COMPILE -DSELF=origin_c NO_RUNPATH)
lk_library(origin_b DIR origin_b SOURCES search/origin.c LIBS origin_c
  COMPILE -DSELF=origin_b -DNEXT=origin_c RUNPATH "\${ORIGIN}/../origin_c")
lk_library(origin_a DIR origin_a SOURCES search/origin.c LIBS origin_b
  COMPILE -DSELF=origin_a -DNEXT=origin_b RUNPATH "$ORIGIN/../origin_b")
lk_program(origin SOURCES search/origin_main.c LIBS origin_a RUNPATH "$ORIGIN/origin_a")

# ---- align64k ----------------------------------------------------------------
lk_library(align_lib SOURCES align/lib.c LINK LINKER:-z,max-page-size=0x10000)
lk_program(align64k SOURCES align/main.c LIBS align_lib LINK LINKER:-z,max-page-size=0x10000)

# ---- textrel -----------------------------------------------------------------
lk_library(tr_target SOURCES textrel/target.c)
if(LDSO_ISA STREQUAL "x86_64")
  lk_library(textrel_lib SOURCES textrel/lib_x86_64.c LIBS tr_target
    COMPILE -fno-pic -mcmodel=large LINK LINKER:-z,notext)
else()
  lk_library(textrel_lib SOURCES textrel/lib_aarch64.c textrel/table_aarch64.S LIBS tr_target
    LINK LINKER:-z,notext)
endif()
lk_program(textrel SOURCES textrel/main.c LIBS textrel_lib tr_target COMPILE -fPIC)

# ---- bss ---------------------------------------------------------------------
lk_library(bss_lib SOURCES bss/lib.c)
lk_program(bss SOURCES bss/main.c LIBS bss_lib COMPILE -fPIC)

# ---- hash_styles: DT_HASH, DT_GNU_HASH, both ----------------------------------
lk_library(hash_sysv SOURCES hash/lib.c COMPILE -DTAG=sysv -DBASE=1000 LINK LINKER:--hash-style=sysv NO_RT)
lk_library(hash_gnu SOURCES hash/lib.c COMPILE -DTAG=gnu -DBASE=2000 LINK LINKER:--hash-style=gnu NO_RT)
lk_library(hash_both SOURCES hash/lib.c COMPILE -DTAG=both -DBASE=3000 LINK LINKER:--hash-style=both NO_RT)
lk_program(hash_styles SOURCES hash/main.c LIBS hash_sysv hash_gnu hash_both COMPILE -fPIC)

# ---- lazy / bindnow; undefined symbols ---------------------------------------
lk_library(lz_lib SOURCES lazy/lib.c LINK LINKER:-z,lazy)
lk_program(lazy SOURCES lazy/main.c LIBS lz_lib LINK LINKER:-z,lazy)
lk_library(lz_lib_now SOURCES lazy/lib.c LINK LINKER:-z,now LINKER:-z,relro)
lk_program(bindnow SOURCES lazy/main.c LIBS lz_lib_now LINK LINKER:-z,now LINKER:-z,relro)
lk_library(undef SOURCES lazy/undef.c)
lk_library(undef_stub FILE undef DIR stub SOURCES lazy/undef.c COMPILE -DSTUB)
lk_program(undefined_now SOURCES lazy/undef_main.c LIBS undef_stub LINK LINKER:-z,now)
lk_program(undefined_lazy SOURCES lazy/undef_main.c LIBS undef_stub LINK LINKER:-z,lazy)
add_dependencies(lk_undefined_now lklib_undef)
add_dependencies(lk_undefined_lazy lklib_undef)

# ---- init_cycle: a DT_NEEDED cycle (libcy_a <-> libcy_b) ----------------------
# libcy_b is linked against a stand-in of libcy_a (stub/libcy_a.so, same
# soname), then the real libcy_a against libcy_b.
lk_library(cy_a_stub FILE cy_a DIR stub SOURCES cycle/lib.c COMPILE -DSTUB NO_RT)
lk_library(cy_b SOURCES cycle/lib.c LIBS cy_a_stub COMPILE -DSELF=b -DOTHER=a -DVAL=2)
lk_library(cy_a SOURCES cycle/lib.c LIBS cy_b COMPILE -DSELF=a -DOTHER=b -DVAL=1)
lk_program(init_cycle SOURCES cycle/main.c LIBS cy_a cy_b)

# ---- samefile: one library under two names (symlink) --------------------------
# lib/libsf_alias.so -> libsf_real.so, made after libsf_real.so is linked;
# the link-time stand-in stub/libsf_alias.so gives the DT_NEEDED name.
lk_library(sf_real SOURCES samefile/lib.c COMPILE -DREAL)
add_custom_command(TARGET lklib_sf_real POST_BUILD
  COMMAND ${CMAKE_COMMAND} -E create_symlink libsf_real.so ${LK_DIR}/lib/libsf_alias.so
  VERBATIM)
lk_library(sf_alias_stub FILE sf_alias DIR stub SOURCES samefile/lib.c COMPILE -DALIAS_STUB NO_RT)
lk_library(sf_user SOURCES samefile/lib.c LIBS sf_alias_stub COMPILE -DUSER NO_RT)
lk_program(samefile SOURCES samefile/main.c LIBS sf_real sf_alias_stub sf_user)
add_dependencies(lk_samefile lklib_sf_real)

# ---- relro: PT_GNU_RELRO is read-only after start-up --------------------------
lk_library(re_lib SOURCES relro/lib.c NO_RT LINK LINKER:-z,relro)
lk_program(relro SOURCES relro/main.c LIBS re_lib LINK LINKER:-z,relro)

# ---- variant_pcs (aarch64): a PLT slot that must be bound eagerly ----------
if(LDSO_ISA STREQUAL "aarch64")
  lk_library(variant_pcs_lib SOURCES variant_pcs/lib_aarch64.S NO_RT)
  lk_program(variant_pcs SOURCES variant_pcs/main.c LIBS variant_pcs_lib)
endif()

# ---- rel: the relative sample with DT_REL instead of DT_RELA ---------------
# No linker here emits REL on these ISAs; rela-to-rel.py rewrites the tables
# after the link (addends into the places). glibc's ld.so refuses DT_REL
# here, so the test expects the RELA sample's output.
find_program(LK_PYTHON NAMES python3 REQUIRED)
lk_library(rel_lib SOURCES relative/lib.c LINK ${LK_NORELR_LINK})
lk_program(rel SOURCES relative/main.c LIBS rel_lib LINK ${LK_NORELR_LINK})
foreach(t lklib_rel_lib lk_rel)
  add_custom_command(TARGET ${t} POST_BUILD
    COMMAND ${LK_PYTHON} ${LK_SRC}/rela-to-rel.py $<TARGET_FILE:${t}> VERBATIM)
endforeach()
