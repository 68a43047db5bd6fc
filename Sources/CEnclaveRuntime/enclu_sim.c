/*
 * ENCLU[EREPORT] and ENCLU[EGETKEY], simulation back end.
 *
 * There is no CPU to ask: the leaf leaves the enclave as the runtime OCALL
 * sgx_ocall_simulated_enclu (Runtime/swift_sgx_runtime.edl; its generated stub is called
 * by sgx_sim_enclu_ocall in SGXTrusted/SimulatedENCLU.swift), and the host answers with
 * its simulated CPU for the enclave that is calling (the identity its loader measured and
 * verified; the frame names no enclave). Operands and results are copied through
 * untrusted memory, so in simulation the host sees key requests and keys: simulation
 * offers no isolation and its keys are public test values. The hardware back end
 * (enclu_hw.c) executes the instruction.
 */
#include "sgx_runtime.h"
#include "sgx_internal.h"

/* SGXTrusted: runs `leaf` through the host; `request` is 512 bytes, `report_data` 64 bytes
   or NULL; `out_len` bytes come back into `out` on success. Returns an sgx_status_t. */
uint32_t sgx_sim_enclu_ocall(uint32_t leaf, const void *request, const void *report_data,
                             void *out, size_t out_len);

uint32_t sgx_enclu_ereport(const void *target_info, const void *report_data, void *report) {
    if (!sgx_is_within_enclave(target_info, 512) || !sgx_is_within_enclave(report_data, 64) ||
        !sgx_is_within_enclave(report, 432))
        return SGX_ERROR_INVALID_PARAMETER;
    return sgx_sim_enclu_ocall(SGX_ENCLU_EREPORT, target_info, report_data, report, 432);
}

uint32_t sgx_enclu_egetkey(const void *key_request, void *key) {
    if (!sgx_is_within_enclave(key_request, 512) || !sgx_is_within_enclave(key, 16))
        return SGX_ERROR_INVALID_PARAMETER;
    return sgx_sim_enclu_ocall(SGX_ENCLU_EGETKEY, key_request, 0, key, 16);
}
