/*
 * Entropy from the CPU: RDRAND with retries (Intel DRNG guide: retry up to 10 times).
 * If the CPU keeps refusing, the enclave ends rather than run with predictable values.
 */
#include "sgx_runtime.h"
#include "sgx_internal.h"

__attribute__((target("rdrnd"))) static uint64_t rdrand64(void) {
    unsigned long long v;
    for (int i = 0; i < 10; i++)
        if (__builtin_ia32_rdrand64_step(&v)) return v;
    sgx_crash(SGX_CRASH_CORRUPT_STATE);
}

void sgx_read_rand(unsigned char *buf, size_t n) {
    while (n >= 8) {
        uint64_t v = rdrand64();
        memcpy(buf, &v, 8);
        buf += 8;
        n -= 8;
    }
    if (n) {
        uint64_t v = rdrand64();
        memcpy(buf, &v, n);
    }
}

void arc4random_buf(void *buf, size_t n) { sgx_read_rand(buf, n); }

int getentropy(void *buf, size_t n) {
    if (n > 256) return -1;
    sgx_read_rand(buf, n);
    return 0;
}
