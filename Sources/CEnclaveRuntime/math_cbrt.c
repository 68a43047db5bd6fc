/*
 * Enclave libm, cube root: cbrt, cbrtf.
 *
 * |x| = 2^(3q) a with a in [1, 8) (the exponent split as 3q + r, a = m 2^r; subnormals
 * scaled by 2^54 first). y = cbrt(a) by six Newton steps y <- (2y + a/y^2)/3 from
 * (a + 2)/3 (from above, monotone, then quadratic), then one correction
 * y + (a - y^3)/(3y^2) with a - y^3 computed exactly (Dekker products, a - fl(y^3) exact),
 * rounded once; the result is y 2^q with the sign of x (exact scaling).
 */
#include "math_private.h"

double SGX_MATH_FN(cbrt)(double x) {
    if (x != x) return x + x;
    double ax = SGX_MATH_FN(fabs)(x);
    if (ax == 0 || ax == __builtin_inf()) return x;
    int bias = 0;
    if (ax < 0x1p-1022) { ax *= 0x1p54; bias = 18; }
    uint64_t u = sgxm_bits(ax);
    int e = (int)(u >> 52) - 1023;
    int q = e >= 0 ? e / 3 : -((-e + 2) / 3);
    int r = e - 3 * q;
    double a = sgxm_from_bits((u & ((1ULL << 52) - 1)) | ((uint64_t)(1023 + r) << 52)); /* [1, 8) */
    double y = (a + 2.0) / 3.0;
    for (int i = 0; i < 6; i++) y = (2.0 * y + a / (y * y)) / 3.0;
    double pe, qe;
    double p = sgxm_two_prod(y, y, &pe);
    double c = sgxm_two_prod(p, y, &qe);
    qe += pe * y;                                 /* y^3 = c + qe */
    double res = (a - c) - qe;                    /* a - c exact */
    y = y + res / (3.0 * (y * y));
    double t = sgxm_pow2(q - bias) * y;           /* exact: result is normal */
    return SGX_MATH_FN(copysign)(t, x);
}

/* Float: the double result rounded once. */
float SGX_MATH_FN(cbrtf)(float x) { return (float)SGX_MATH_FN(cbrt)(x); }
