/*
 * The clean CPU state every entry loads and every exit leaves behind (entry.S), as an
 * XSAVE image in the standard (non-compacted) format (SDM Vol. 1, 13.4):
 *   legacy region  FCW 0x037F (ignored: x87 is restored to its init state), MXCSR 0x1F80
 *                  at byte 24 (loaded whenever SSE or AVX is requested, whatever XSTATE_BV);
 *   XSAVE header   XSTATE_BV = 0 and XCOMP_BV = 0 at byte 512: XRSTOR puts every requested
 *                  component (x87, XMM, YMM upper halves, AVX-512, ...) in its init state,
 *                  which is all registers zero.
 * With the requested-feature mask all ones, RFBM = XCR0, which inside an enclave equals
 * SECS.ATTRIBUTES.XFRM (EENTER loads it), so every component the enclave can use is reset.
 */
#include "sgx_runtime.h"
#include "sgx_internal.h"

__attribute__((aligned(64), visibility("hidden")))
const unsigned char sgx_clean_xsave[576] = {
    [0] = 0x7f, [1] = 0x03,   /* FCW 0x037F */
    [24] = 0x80, [25] = 0x1f, /* MXCSR 0x1F80: all exceptions masked, round to nearest */
};

_Static_assert(sizeof(sgx_clean_xsave) == 512 + 64, "legacy region + XSAVE header");

/*
 * The fast path of the scrub. XRSTOR of the image above costs 100-150 ns on some CPUs, and
 * every ECALL and OCALL ran it twice. Most of the time it has little to do: the x87 unit
 * and the AVX-512/AMX components are untouched, and only XMM/YMM registers and MXCSR hold
 * anything. XGETBV with ECX = 1 returns XINUSE (SDM Vol. 1, 13.6): a clear bit i guarantees
 * that component i is in its init configuration (for x87: every data register zero, FCW
 * 0x037F, FSW 0, all tags empty, FIP/FDP/FOP 0). So when every enabled component except
 * SSE and AVX reads clear, VZEROALL (YMM0-15 zero) plus LDMXCSR 0x1F80 reaches exactly the
 * state XRSTOR of the clean image would; otherwise entry.S falls back to XRSTOR.
 *
 * Enabled only after INIT, when (a) the host claims XGETBV(ECX=1) (CPUID.(0DH,1):EAX[2]; a
 * false claim makes XGETBV fault, which the host could cause anyway), (b) the measured XFRM
 * and XCR0 both enable SSE and AVX (VZEROALL needs AVX), and (c) the XFRM has no component
 * at bit 32 or above (XINUSE's EDX half is not checked).
 */
uint32_t sgx_xstate_fast __attribute__((visibility("hidden")));
uint32_t sgx_xstate_fast_mask __attribute__((visibility("hidden"))) = 0xffffffffu;

void sgx_xstate_fast_init(uint32_t leaf13_1_eax, uint64_t xfrm) {
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0)); /* XCR0: in an enclave, SECS.ATTRIBUTES.XFRM */
    uint64_t xcr0 = ((uint64_t)hi << 32) | lo;
    if (!(leaf13_1_eax & 4u) || (xfrm & 7) != 7 || (xcr0 & 7) != 7 || (xfrm >> 32) != 0) return;
    sgx_xstate_fast_mask = (uint32_t)xfrm & ~6u;
    __atomic_store_n(&sgx_xstate_fast, 1, __ATOMIC_RELEASE);
}
