#include "rt.h"
RT_EXPORT int none_target = 7;
// The build turns the relocation of none_slot into R_*_NONE
// (patch-reloc.sh): the loader must leave the word as the file has it.
RT_EXPORT int* none_slot = &none_target;
RT_EXPORT int* normal_slot = &none_target;
RT_EXPORT int** lib_none_slot(void) { return &none_slot; }
