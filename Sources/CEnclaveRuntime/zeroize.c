/*
 * Zeroing that the compiler may not remove (memset_s / explicit_bzero semantics), for key
 * material in SGXTrusted's non-copyable owners and protected-file nodes leaving the cache.
 * A plain memset (word-wide) followed by a compiler barrier that claims to read the
 * memory: the stores cannot be elided as dead, and cost what memset costs rather than a
 * volatile byte loop.
 */
#include "sgx_runtime.h"

void sgx_zeroize(void *p, size_t n) {
    __builtin_memset(p, 0, n);
    __asm__ volatile("" : : "r"(p) : "memory");
}
