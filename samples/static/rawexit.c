// rawexit: output that must survive (write(2) without a newline) and output
// that must not (stdio left in the buffer), then _exit. Status: argv[1] if it
// is a number, else 3.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char** argv) {
  static const char raw[] = "written with write(2), no newline";
  printf("buffered by stdio, lost at _exit\n");  // stdout is a pipe in the tests
  if (write(STDOUT_FILENO, raw, strlen(raw)) < 0) return 1;
  int status = 3;
  if (argc > 1 && argv[1][0] >= '0' && argv[1][0] <= '9') status = atoi(argv[1]);
  _exit(status);
}
