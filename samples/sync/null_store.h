// NULL_STORE(v): stores v to address 0, inline, in a way the compiler can
// neither delete nor replace with a trap instruction. (`int* volatile p = 0;
// *p = v;` is not enough: GCC's points-to analysis still knows p can only
// be null and deletes the store.) The pointer goes through an empty asm, so
// its value is unknown to the optimiser, and the store is volatile.
#ifndef LDSO_SAMPLES_SYNC_NULL_STORE_H
#define LDSO_SAMPLES_SYNC_NULL_STORE_H
#define NULL_STORE(v)                  \
  do {                                 \
    int* null_store_p_ = 0;            \
    __asm__ volatile("" : "+r"(null_store_p_)); \
    *(volatile int*)null_store_p_ = (v); \
  } while (0)
#endif
