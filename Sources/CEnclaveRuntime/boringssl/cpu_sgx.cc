// BoringSSL's CPU-capability setup for the inside of an enclave, in place of
// crypto/cpu_intel.cc (which executes CPUID, illegal in an enclave).
//
// Compiled by SGXEnclaveBuild/BoringSSLBuild.swift into the enclave's BoringSSL archive
// with BoringSSL's own flags and headers, because BoringSSL declares these symbols in its
// C++ namespace (bssl, plus an inline namespace named after the symbol prefix). The values
// come from the runtime's cpu_features.c: CPUID leaves the host passed at SGX_OP_INIT,
// masked by the enclave's XFRM.
#include "crypto/internal.h"

extern "C" void sgx_cpu_features(uint32_t out[4]);

BSSL_NAMESPACE_BEGIN

void OPENSSL_cpuid_setup() { sgx_cpu_features(OPENSSL_ia32cap_P); }

BSSL_NAMESPACE_END
