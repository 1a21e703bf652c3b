// What the dl samples include: rt and the hand-written dl.h (freestanding,
// the default), or their glibc stand-ins (-DDL_GLIBC, see glibc_rt.h).
#ifndef LDSO_SAMPLES_DL_PORT_H
#define LDSO_SAMPLES_DL_PORT_H
#ifdef DL_GLIBC
#include "glibc_rt.h"
#else
#include "dl.h"
#endif
#endif
