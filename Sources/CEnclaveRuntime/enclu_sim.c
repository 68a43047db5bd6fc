/*
 * ENCLU[EREPORT] and ENCLU[EGETKEY], simulation back end.
 *
 * There is no CPU to ask: the leaf leaves the enclave as the runtime OCALL
 * SGX_OCALL_SIMULATED_ENCLU, and the host answers with its simulated CPU for the enclave
 * that is calling (the identity its loader measured and verified; the frame names no
 * enclave). Operands and results are copied through an untrusted frame, so in simulation
 * the host sees key requests and keys: simulation offers no isolation and its keys are
 * public test values. The hardware back end (enclu_hw.c) executes the instruction.
 */
#include "sgx_runtime.h"
#include "sgx_internal.h"

static void scrub(volatile uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) p[i] = 0;
}

/* Runs one leaf through the host; `in`/`in_len` go to the input slot, `extra` (64 B or
   NULL) to the REPORTDATA slot, `out_len` bytes come back into `out`. */
static uint32_t simulated_enclu(uint32_t leaf, const void *in, size_t in_len, const void *extra,
                                void *out, size_t out_len) {
    uint64_t mark = sgx_ocalloc_mark();
    uint8_t *frame = sgx_ocalloc(SGX_ENCLU_FRAME_SIZE);
    if (!frame) return SGX_ERROR_OUT_OF_MEMORY;
    memset(frame, 0, SGX_ENCLU_FRAME_SIZE);
    memcpy(frame, &leaf, sizeof leaf);
    memcpy(frame + SGX_ENCLU_FRAME_INPUT, in, in_len);
    if (extra) memcpy(frame + SGX_ENCLU_FRAME_REPORTDATA, extra, 64);
    uint32_t status = sgx_ocall(SGX_OCALL_SIMULATED_ENCLU, frame);
    if (status == SGX_SUCCESS) memcpy(out, frame + SGX_ENCLU_FRAME_OUTPUT, out_len);
    scrub(frame, SGX_ENCLU_FRAME_SIZE);
    sgx_ocalloc_release(mark);
    return status;
}

uint32_t sgx_enclu_ereport(const void *target_info, const void *report_data, void *report) {
    if (!sgx_is_within_enclave(target_info, 512) || !sgx_is_within_enclave(report_data, 64) ||
        !sgx_is_within_enclave(report, 432))
        return SGX_ERROR_INVALID_PARAMETER;
    return simulated_enclu(SGX_ENCLU_EREPORT, target_info, 512, report_data, report, 432);
}

uint32_t sgx_enclu_egetkey(const void *key_request, void *key) {
    if (!sgx_is_within_enclave(key_request, 512) || !sgx_is_within_enclave(key, 16))
        return SGX_ERROR_INVALID_PARAMETER;
    return simulated_enclu(SGX_ENCLU_EGETKEY, key_request, 512, 0, key, 16);
}
