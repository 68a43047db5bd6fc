/*
 * Zeroing that the compiler may not remove (memset_s / explicit_bzero semantics), for key
 * material in SGXTrusted's non-copyable owners.
 */
#include "sgx_runtime.h"

void sgx_zeroize(void *p, size_t n) {
    volatile uint8_t *bytes = (volatile uint8_t *)p;
    for (size_t i = 0; i < n; i++) bytes[i] = 0;
    __asm__ volatile("" : : "r"(p) : "memory");
}
