#include "rt.h"
RT_EXPORT char size_dup[20];
