/*
 * ENCLU[EREPORT] (leaf 0) and ENCLU[EGETKEY] (leaf 1), hardware back end (Intel SDM
 * Vol. 3D, chapter 38). The operands must be enclave memory with the architectural
 * alignment (TARGETINFO/KEYREQUEST/REPORT 512, REPORTDATA 128, key 16), so they are staged
 * in aligned stack buffers. Not yet exercised on SGX hardware: no machine available to this
 * project has SGX. The simulation back end is enclu_sim.c.
 */
#include "sgx_runtime.h"
#include "sgx_internal.h"

static void scrub(volatile uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) p[i] = 0;
}

uint32_t sgx_enclu_ereport(const void *target_info, const void *report_data, void *report) {
    if (!sgx_is_within_enclave(target_info, 512) || !sgx_is_within_enclave(report_data, 64) ||
        !sgx_is_within_enclave(report, 432))
        return SGX_ERROR_INVALID_PARAMETER;
    uint8_t ti[512] __attribute__((aligned(512)));
    uint8_t rd[64] __attribute__((aligned(128)));
    uint8_t out[432] __attribute__((aligned(512)));
    memcpy(ti, target_info, sizeof ti);
    memcpy(rd, report_data, sizeof rd);
    uint64_t rax = 0; /* EREPORT */
    __asm__ volatile("enclu" : "+a"(rax) : "b"(ti), "c"(rd), "d"(out) : "memory", "cc");
    memcpy(report, out, sizeof out);
    return SGX_SUCCESS;
}

uint32_t sgx_enclu_egetkey(const void *key_request, void *key) {
    if (!sgx_is_within_enclave(key_request, 512) || !sgx_is_within_enclave(key, 16))
        return SGX_ERROR_INVALID_PARAMETER;
    uint8_t kr[512] __attribute__((aligned(512)));
    uint8_t out[16] __attribute__((aligned(16)));
    memcpy(kr, key_request, sizeof kr);
    uint64_t rax = 1; /* EGETKEY; rax = 0 or an error bit afterwards */
    __asm__ volatile("enclu" : "+a"(rax) : "b"(kr), "c"(out) : "memory", "cc");
    uint32_t status;
    switch (rax) {
    case 0: memcpy(key, out, sizeof out); status = SGX_SUCCESS; break;
    case 1u << 1: status = SGX_ERROR_INVALID_ATTRIBUTE; break;
    case 1u << 5: status = SGX_ERROR_INVALID_CPUSVN; break;
    case 1u << 6: status = SGX_ERROR_INVALID_ISVSVN; break;
    case 1u << 8: status = SGX_ERROR_INVALID_KEYNAME; break;
    default: status = SGX_ERROR_UNEXPECTED; break;
    }
    scrub(out, sizeof out);
    scrub(kr, sizeof kr);
    return status;
}
