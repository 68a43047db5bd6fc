/*
 * CPU features for BoringSSL without CPUID (CPUID is illegal inside an enclave).
 *
 * The host reads CPUID leaf 1 (ECX, EDX), leaf 7 subleaf 0 (EBX, ECX) and leaf 0DH subleaf 1
 * (EAX, for the scrub's XINUSE fast path, cpu_state.c) and passes them
 * in the frame of SGX_OP_INIT (sgx_cpu_features_frame_t). The enclave keeps the first
 * values it is given and masks them by the XFRM in its measured config: a feature whose
 * register state the enclave's XFRM does not enable is cleared. A lying host can thus
 * only make the enclave slower (features withheld) or make it fault (features claimed
 * that the CPU lacks), which it can do anyway.
 *
 * BoringSSL calls OPENSSL_cpuid_setup once (CRYPTO_once) before its first capability
 * check; boringssl/cpu_sgx.cc (compiled into the BoringSSL archive, in BoringSSL's C++
 * namespace) provides it in place of crypto/cpu_intel.cc and calls sgx_cpu_features.
 */
#include "sgx_runtime.h"
#include "sgx_internal.h"

extern const unsigned char sgx_enclave_config[SGX_CONFIG_SIZE];

/* 0 = none yet, 1 = being written, 2 = set. */
static uint32_t g_features_state;
static uint32_t g_features[4]; /* BoringSSL order: leaf1 EDX, leaf1 ECX, leaf7 EBX, leaf7 ECX */

static uint64_t config_xfrm(void) {
    uint64_t xfrm;
    memcpy(&xfrm, sgx_enclave_config + SGX_CONFIG_XFRM_OFFSET, sizeof(xfrm));
    return xfrm;
}

/* Clears what the XFRM does not enable (Intel SDM vol. 1, 13.3 / 15.2). */
static void mask_by_xfrm(uint32_t cap[4], uint64_t xfrm) {
    if ((xfrm & 0x6) != 0x6) { /* SSE + AVX (YMM) state */
        cap[1] &= ~((1u << 28) | (1u << 12) | (1u << 11)); /* AVX, FMA, XOP */
        cap[2] &= ~(1u << 5);                              /* AVX2 */
        cap[3] &= ~((1u << 9) | (1u << 10));               /* VAES, VPCLMULQDQ */
    }
    if ((xfrm & 0xe6) != 0xe6) { /* opmask + ZMM_Hi256 + Hi16_ZMM */
        cap[2] &= ~((1u << 16) | (1u << 17) | (1u << 21) | (1u << 26) | (1u << 27) | (1u << 28) |
                    (1u << 30) | (1u << 31));
        cap[3] &= ~((1u << 1) | (1u << 6) | (1u << 11) | (1u << 12) | (1u << 14));
    }
    /* OSXSAVE reflects the OS, not the enclave; BoringSSL's XCR0 logic lives in cpu_intel.cc,
       which is not linked, so the bit is only informational. */
}

void sgx_cpu_features_init(const void *untrusted_frame) {
    if (!untrusted_frame || !sgx_is_outside_enclave(untrusted_frame, sizeof(sgx_cpu_features_frame_t))) return;
    uint32_t expected = 0;
    if (!__atomic_compare_exchange_n(&g_features_state, &expected, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        return; /* first values win */
    sgx_cpu_features_frame_t frame;
    memcpy(&frame, untrusted_frame, sizeof(frame)); /* one copy: no double fetch */
    uint32_t cap[4] = {frame.leaf1_edx, frame.leaf1_ecx, frame.leaf7_ebx, frame.leaf7_ecx};
    if (frame.magic != SGX_CPU_FEATURES_MAGIC) cap[0] = cap[1] = cap[2] = cap[3] = 0;
    cap[2] &= ~(1u << 14); /* BoringSSL's "prefer ymm over zmm" marker: not a CPU bit */
    mask_by_xfrm(cap, config_xfrm());
    memcpy(g_features, cap, sizeof(cap));
    sgx_xstate_fast_init(frame.magic == SGX_CPU_FEATURES_MAGIC ? frame.leaf13_1_eax : 0, config_xfrm());
    __atomic_store_n(&g_features_state, 2, __ATOMIC_RELEASE);
}

void sgx_cpu_features(uint32_t out[4]) {
    if (__atomic_load_n(&g_features_state, __ATOMIC_ACQUIRE) == 2) memcpy(out, g_features, sizeof(g_features));
    else memset(out, 0, sizeof(g_features));
}
