/* An executable whose TLS (2 MiB of .tdata) is larger than host mode's
   reserve: ldso must refuse it at load time. Run directly, it works. */
#include <stdio.h>

__thread char big[2 << 20] = {1};

int main(void) {
  big[sizeof big - 1] = 2;
  printf("big TLS: %d %d\n", big[0], big[sizeof big - 1]);
  return 0;
}
