/* A program with its own malloc, free, calloc and realloc. glibc's loader
   gives them to glibc's own calls too (strdup, fopen, printf's buffers);
   host mode cannot, and must refuse the program before it runs. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

/* A bump allocator: every block keeps its size in the word before it. */
static char* arena;
static size_t used;

void* malloc(size_t n) {
  if (!arena) {
    arena = mmap(0, 64 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (arena == MAP_FAILED) return 0;
  }
  n = (n + 15) & ~(size_t)15;
  if (used + n + 16 > (64 << 20)) return 0;
  char* p = arena + used + 16;
  ((size_t*)p)[-1] = n;
  used += n + 16;
  return p;
}
void free(void* p) { (void)p; }
void* calloc(size_t a, size_t b) { return malloc(a * b); /* fresh mmap pages are zero */ }
void* realloc(void* p, size_t n) {
  void* q = malloc(n);
  if (p && q) memcpy(q, p, ((size_t*)p)[-1] < n ? ((size_t*)p)[-1] : n);
  return q;
}

int main(void) {
  char* s = strdup("allocated by glibc's strdup, freed by ours");
  printf("%s\n", s);
  free(s);
  return 0;
}
