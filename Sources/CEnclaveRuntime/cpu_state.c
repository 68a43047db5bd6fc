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

__attribute__((aligned(64), visibility("hidden")))
const unsigned char sgx_clean_xsave[576] = {
    [0] = 0x7f, [1] = 0x03,   /* FCW 0x037F */
    [24] = 0x80, [25] = 0x1f, /* MXCSR 0x1F80: all exceptions masked, round to nearest */
};

_Static_assert(sizeof(sgx_clean_xsave) == 512 + 64, "legacy region + XSAVE header");
