// Functions that each own a whole 4 KiB page of code, for counting lazy
// faults (tests/sync, sync.lazy_pages.*).
//
// SYNC_PAGE_FN(name, value, visibility) defines `int name(void)` returning
// `value`, in assembly, as:
//
//     .balign 4096        <- the function starts a page
//   name: <2 instructions>
//     .balign 4096        <- ... and the rest of that page is padding
//
// in section .text.sync_pages. Because the block both starts and ends on a
// page boundary, no other code -- whatever order the compiler emits
// functions in and the linker places sections in -- can share the page, so
// calling the function is the only way its page is ever fetched from. (A
// C function with aligned(4096) would start a page, but whatever the linker
// puts after it could share the page.) visibility: SYNC_PAGE_EXPORT (a
// library's exported function) or SYNC_PAGE_HIDDEN (the executable's own,
// not exported).
#ifndef LDSO_SAMPLES_SYNC_PAGES_H
#define LDSO_SAMPLES_SYNC_PAGES_H

#define SYNC_PAGE_STR2(x) #x
#define SYNC_PAGE_STR(x) SYNC_PAGE_STR2(x)

#if defined(__x86_64__)
#define SYNC_PAGE_BODY(value) "\tmovl $" SYNC_PAGE_STR(value) ", %eax\n\tret\n"
#elif defined(__aarch64__)
#define SYNC_PAGE_BODY(value) "\tmov w0, #" SYNC_PAGE_STR(value) "\n\tret\n"
#else
#error "sync samples: unsupported ISA"
#endif

#define SYNC_PAGE_EXPORT ".globl"
#define SYNC_PAGE_HIDDEN ".hidden"

#define SYNC_PAGE_FN(name, value, visibility)                     \
  __asm__(".pushsection .text.sync_pages,\"ax\",%progbits\n"      \
          "\t.balign 4096\n"                                      \
          "\t.globl " #name "\n"                                  \
          "\t" visibility " " #name "\n"                          \
          "\t.type " #name ", %function\n" #name ":\n"            \
          SYNC_PAGE_BODY(value)                                   \
          "\t.size " #name ", . - " #name "\n"                    \
          "\t.balign 4096\n"                                      \
          "\t.popsection\n");                                     \
  int name(void)

#endif
