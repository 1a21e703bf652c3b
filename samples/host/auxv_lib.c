/* libhost_auxlib.so: only here to be found by dl_iterate_phdr. */
int auxlib_answer(void) { return 42; }
