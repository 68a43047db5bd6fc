/*
 * Accuracy driver for the enclave libm's host twin (sgxm_* functions).
 * Used by Tests/SGXEnclaveMathTests.
 */
#ifndef CENCLAVE_MATH_UNDER_TEST_H
#define CENCLAVE_MATH_UNDER_TEST_H
#include <stddef.h>
#include <stdint.h>

#define SGX_MATH_PREFIXED 1
#include "../../../Sources/CEnclaveRuntime/include/sgx_math.h"

/** The outcome of one function's random test. */
typedef struct {
    double max_ulp;     /* largest error seen, in ulps of the correctly rounded result */
    double worst_x;     /* the input where it was seen */
    double worst_y;     /* second input (binary functions), else 0 */
    uint64_t count;     /* inputs tried */
    uint64_t nan_mismatches; /* NaN where the reference is not, or the reverse */
} sgxm_accuracy;

/** Number of functions the driver knows; names by index. */
int sgxm_test_function_count(void);
const char *sgxm_test_function_name(int index);

/**
 * Runs `count` pseudo-random inputs (splitmix64 from `seed`: a third uniform bit
 * patterns, the rest uniform in the function's interesting ranges) through function
 * `index` and compares with the reference (glibc's long double functions for double,
 * glibc's double functions for float). `perturb_ulps` is added to the tested result's
 * bit pattern first, so a test can check that the comparison would notice an error.
 */
sgxm_accuracy sgxm_test_accuracy(int index, uint64_t count, uint64_t seed, int perturb_ulps);

/**
 * Checks special inputs (±0, ±inf, NaN, subnormals, ±1, overflow and underflow
 * boundaries) against the exact expected results: NaN-ness, sign of zero, infinities
 * and the bits. Returns the number of mismatches and writes the first few to `report`.
 * `perturb` != 0 flips the sign of each tested result first (to show the check fails).
 */
int sgxm_test_specials(int perturb, char *report, size_t capacity);

#endif
