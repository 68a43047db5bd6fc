/*
 * CPUID on the host, for the enclave (which may not execute CPUID): leaf 1 ECX/EDX and
 * leaf 7 subleaf 0 EBX/ECX, leaf 0DH subleaf 1 EAX, in the layout of the SGX_OP_INIT frame
 * (sgx_cpu_features_frame_t in CEnclaveRuntime/include/sgx_runtime.h).
 */
#include "CSGXHost.h"
#include <cpuid.h>

void sgx_host_cpu_features(sgx_host_cpu_features_t *out) {
    unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;
    out->magic = SGX_HOST_CPU_FEATURES_MAGIC;
    out->leaf1_ecx = out->leaf1_edx = out->leaf7_ebx = out->leaf7_ecx = 0;
    out->leaf13_1_eax = out->reserved = 0;
    if (!__get_cpuid(0, &eax, &ebx, &ecx, &edx)) return;
    unsigned int max_leaf = eax;
    int intel = ebx == 0x756e6547 && edx == 0x49656e69 && ecx == 0x6c65746e; /* GenuineIntel */
    if (max_leaf >= 7) {
        __cpuid_count(7, 0, eax, ebx, ecx, edx);
        out->leaf7_ebx = ebx;
        out->leaf7_ecx = ecx;
    }
    if (max_leaf >= 13) {
        __cpuid_count(13, 1, eax, ebx, ecx, edx);
        out->leaf13_1_eax = eax;
    }
    __cpuid(1, eax, ebx, ecx, edx);
    /* BoringSSL repurposes the reserved EDX bit 30 as "Intel CPU". */
    edx = intel ? (edx | (1u << 30)) : (edx & ~(1u << 30));
    out->leaf1_ecx = ecx;
    out->leaf1_edx = edx;
}

_Static_assert(sizeof(sgx_host_cpu_features_t) == 32, "the layout of the enclave's sgx_cpu_features_frame_t");
