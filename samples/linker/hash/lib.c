// 256 exported functions hs_<TAG>_<i> returning i * 7 + BASE, linked with
// one hash style (DT_HASH only, DT_GNU_HASH only, or both).
#include "rt.h"
#define CAT_(a, b, c, d) a##b##c##d
#define NAME(tag, i) CAT_(hs_, tag, _, i)
#define F1(i) RT_EXPORT int NAME(TAG, i)(void) { return i * 7 + BASE; }
#define F4(i) F1(i##0) F1(i##1) F1(i##2) F1(i##3)
#define F16(i) F4(i##0) F4(i##1) F4(i##2) F4(i##3)
#define F64(i) F16(i##0) F16(i##1) F16(i##2) F16(i##3)
F64(1) F64(2) F64(3) F64(4)
