/*
 * Accuracy check without Swift: runs the driver the Swift test calls
 * (Tests/CEnclaveMathUnderTest/accuracy_driver.c, sgxm_test_accuracy and
 * sgxm_test_specials) with the test's seed and count and the bounds of
 * Tests/SGXEnclaveMathTests/EnclaveMathAccuracyTests.swift (copied below; keep in step).
 * Build and run with ./run.sh accuracy [count] [name...].
 */
#include "CEnclaveMathUnderTest.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { const char *name; double bound; } bounds[] = {
    { "exp", 0.6 }, { "exp2", 0.6 }, { "expm1", 0.75 }, { "log", 0.6 }, { "log2", 0.6 }, { "log10", 0.6 }, { "log1p", 0.75 },
    { "expf", 0.5001 }, { "exp2f", 0.5001 }, { "expm1f", 0.5001 }, { "logf", 0.5001 }, { "log2f", 0.5001 },
    { "log10f", 0.5001 }, { "log1pf", 0.5001 }, { "hypot", 0.75 }, { "hypotf", 0.5001 },
    { "sinh", 0.75 }, { "cosh", 0.75 }, { "sinhf", 0.5001 }, { "coshf", 0.5001 },
    { "sin", 0.65 }, { "cos", 0.65 }, { "tan", 0.55 }, { "sinf", 0.5001 }, { "cosf", 0.5001 }, { "tanf", 0.5001 },
    { "pow", 0.6 }, { "powf", 0.5001 },
    { "atan", 0.51 }, { "asin", 0.51 }, { "acos", 0.51 }, { "atan2", 0.51 },
    { "atanf", 0.5001 }, { "asinf", 0.5001 }, { "acosf", 0.5001 }, { "atan2f", 0.5001 },
    { "tanh", 0.6 }, { "tanhf", 0.5001 }, { "cbrt", 0.51 }, { "cbrtf", 0.5001 }, { "erf", 0.55 }, { "erff", 0.5001 },
    { "erfc", 0.6 }, { "erfcf", 0.5001 }, { "fma", 0 }, { "fmaf", 0 },
    { "sqrt", 0 }, { "floor", 0 }, { "ceil", 0 }, { "trunc", 0 }, { "round", 0 }, { "fabs", 0 },
    { "sqrtf", 0.5 }, { "floorf", 0 }, { "ceilf", 0 }, { "truncf", 0 }, { "roundf", 0 },
    { "fmod", 0 }, { "fmodf", 0 }, { "rint", 0 }, { "rintf", 0 }, { "remainder", 0 }, { "remainderf", 0 },
    { "scalbn", 0 }, { "scalbnf", 0 },
};

int main(int argc, char **argv) {
    uint64_t count = argc > 1 ? strtoull(argv[1], 0, 10) : 1000000;
    const uint64_t seed = 0x5347584d41544821ULL; /* the Swift test's */
    int failures = 0;
    for (int i = 0; i < sgxm_test_function_count(); i++) {
        const char *name = sgxm_test_function_name(i);
        if (argc > 2) {
            int wanted = 0;
            for (int a = 2; a < argc; a++) wanted |= strcmp(argv[a], name) == 0;
            if (!wanted) continue;
        }
        double bound = -1;
        for (size_t b = 0; b < sizeof bounds / sizeof bounds[0]; b++)
            if (strcmp(bounds[b].name, name) == 0) bound = bounds[b].bound;
        sgxm_accuracy r = sgxm_test_accuracy(i, count, seed, 0);
        sgxm_accuracy p = sgxm_test_accuracy(i, 20000, seed, 1);
        int ok = r.max_ulp <= bound && r.nan_mismatches == 0 && r.count == count && p.max_ulp > bound;
        failures += !ok;
        printf("%-10s max %.4f ulp (bound %g) worst x = %a, y = %a%s%s\n", name, r.max_ulp, bound,
               r.worst_x, r.worst_y, r.nan_mismatches ? " NaN MISMATCH" : "", ok ? "" : "  FAIL");
        fflush(stdout);
    }
    char report[4096];
    int bad = sgxm_test_specials(0, report, sizeof report);
    int caught = sgxm_test_specials(1, report + 2048, 64);
    printf("special values: %d mismatches%s\n%s", bad, caught > 50 ? "" : " (perturbed check not caught!)", report);
    failures += bad != 0 || caught <= 50;
    printf("%s\n", failures ? "FAILED" : "all bounds hold");
    return failures != 0;
}
