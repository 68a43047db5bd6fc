/* x87 work for BoundaryTests.x87ValuesDoNotOutliveTheECall: extended-precision arithmetic
   leaves values in the x87 data registers (popped registers keep their contents), which
   the exit path must reset. Compiled into the Boundary enclave by the enclave build. */
#include <stdint.h>

__attribute__((visibility("default"))) void boundary_x87_probe(uint64_t rounds, uint64_t out[2]) {
    long double accumulator = 1.5L;
    for (uint64_t i = 0; i < rounds; i++) accumulator = accumulator * 1.25L + 1.5L;
    union { long double value; struct { uint64_t significand; uint16_t exponent; } bits; } result;
    result.value = accumulator;
    out[0] = result.bits.significand;
    out[1] = result.bits.exponent;
}
