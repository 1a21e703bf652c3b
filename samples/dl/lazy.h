// dl_lazy, dl_lazy_now: what crosses between the executable and liblz_args.so.
#ifndef LDSO_SAMPLES_DL_LAZY_H
#define LDSO_SAMPLES_DL_LAZY_H
#include "rt.h"
typedef float v4sf __attribute__((vector_size(16)));   // __m128 on x86_64
typedef double v2df __attribute__((vector_size(16)));  // __m128d / float64x2_t

// The arguments every function expects: argument i (from 0) of each class.
#define LZ_INT(i) ((long)(0x0101010101010101ul * (unsigned long)((i) + 1)) ^ (long)(i) << 60)
#define LZ_DBL(i) ((double)(i) + 0.25 + (double)(i) * 1024.0)
#define LZ_V4SF(i) ((v4sf){(float)(i) + 0.5f, -(float)(i), (float)(i) * 3.0f, 1.0f / ((float)(i) + 2.0f)})
#define LZ_V2DF(i) ((v2df){(double)(i) * 1e10 + 0.125, -(double)(i) - 0.75})

// Each returns a value computed from all its arguments and records which
// arguments were wrong (bit i: argument i) for lz_bad().
long lz_int8(long, long, long, long, long, long, long, long);
double lz_dbl8(double, double, double, double, double, double, double, double);
// 12 integers and 12 doubles, interleaved: some in registers, the rest on
// the stack in both classes.
long lz_many(long, double, long, double, long, double, long, double, long, double, long, double,
             long, double, long, double, long, double, long, double, long, double, long, double);
v4sf lz_v4sf(v4sf, v4sf, v4sf, v4sf, v4sf, v4sf, v4sf, v4sf, v4sf, v4sf);
v2df lz_v2df(v2df, v2df, v2df, v2df, v2df, v2df, v2df, v2df, v2df, v2df);
// Mixed classes and widths: int, float, char, short, pointer, v4sf...
double lz_mixed(int, float, v4sf, long, double, char, v2df, short, float, void*, int, double, v4sf,
                long, float, double);
unsigned long lz_bad(void);
void* lz_addr(const char* which);  // the library's address of a function above
// An IFUNC (STT_GNU_IFUNC) exported by the library, called through the PLT.
int lz_ifunc(int);
int lz_ifunc_resolver_calls(void);
void* lz_ifunc_chosen(void);
#endif
