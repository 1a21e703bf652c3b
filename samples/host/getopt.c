/* getopt_long, built as PIE and as non-PIE: optind, optarg, opterr, optopt,
   stdout, stderr and environ are data of libc that the executable refers to
   (COPY relocations in the non-PIE build, and in the x86_64 PIE build too). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
  static const struct option longopts[] = {
      {"alpha", no_argument, NULL, 'a'},
      {"beta", required_argument, NULL, 'b'},
      {"gamma", optional_argument, NULL, 'g'},
      {"quiet", no_argument, NULL, 'q'},
      {"flag", no_argument, NULL, 0},
      {NULL, 0, NULL, 0},
  };
  int index = -1, c, errors = 0;
  while ((c = getopt_long(argc, argv, "ab:g::qx", longopts, &index)) != -1) {
    switch (c) {
      case 'q':
        opterr = 0; /* getopt's own messages off from here on */
        printf("option q: opterr now 0 (optind %d)\n", optind);
        break;
      case '?':
        errors++;
        printf("unknown option: optopt %d '%c' (optind %d)\n", optopt,
               optopt > 32 && optopt < 127 ? optopt : '.', optind);
        fprintf(stderr, "error: bad option (optind %d)\n", optind);
        break;
      case ':':
        printf("missing argument (optind %d)\n", optind);
        break;
      case 0:
        printf("long-only option --%s (index %d, optind %d)\n", longopts[index].name, index, optind);
        break;
      default:
        printf("option %c: optarg %s%s%s (index %d, optind %d)\n", c, optarg ? "'" : "",
               optarg ? optarg : "(null)", optarg ? "'" : "", index, optind);
    }
    index = -1;
  }
  printf("optind %d of argc %d\n", optind, argc);
  for (int i = optind; i < argc; i++) printf("operand %d: '%s'\n", i - optind, argv[i]);
  /* argv is permuted by getopt: print the new order. */
  for (int i = 1; i < argc; i++) printf("argv[%d] after: '%s'\n", i, argv[i]);

  int n = 0;
  const char *foo = NULL;
  for (char **e = environ; *e; e++, n++)
    if (strncmp(*e, "FOO=", 4) == 0) foo = *e + 4;
  printf("environ: %s entries, FOO %s, getenv agrees %s\n", n > 0 ? "some" : "no",
         foo ? foo : "(unset)", (foo && getenv("FOO") == foo) || (!foo && !getenv("FOO")) ? "yes" : "no");
  fprintf(stderr, "stderr works, %d error(s)\n", errors);
  fflush(stdout);
  return errors ? 4 : 0;
}
