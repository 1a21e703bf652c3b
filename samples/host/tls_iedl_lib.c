/* A library whose code reaches its TLS with initial-exec accesses (static
   TLS), opened with dlopen while other threads already run. */
__attribute__((tls_model("initial-exec"))) __thread int ie_value = 42;
__attribute__((tls_model("initial-exec"))) __thread char ie_text[16] = "initial-exec";
__attribute__((tls_model("initial-exec"))) __thread int ie_zero;

int ie_get(void) { return ie_value + ie_zero; }
const char* ie_text_get(void) { return ie_text; }
void ie_set(int v) { ie_value = v; }
