/*
 * Enclave libm, error function: erf, erff.
 *
 * For |x| < 6, with c = i/8 the nearest eighth and h = |x| - c (exact, |h| <= 1/16),
 * erf|x| = sum a_n h^n, n = 0..16: the Taylor expansion of erf around c, whose
 * coefficients SGXM_ERF_TABLE holds (Scripts/math_constants.py computes them from
 * erf c (its power series) and erf^(n+1)(c) = 2/sqrt(pi) (-1)^n H_n(c) e^(-c^2), H_n the
 * Hermite polynomials; the first omitted term is below 2^-78 of the result). a_0 and a_1
 * are double-doubles and a_0 + a_1 h is summed exactly (Dekker product, two-sum), so the
 * rounding errors of the remaining terms stay below 0.03 ulp. For |x| >= 6,
 * erfc|x| < 2^-55 and the result rounds to ±1; below 2^-28, erf x = 2/sqrt(pi) x
 * (a double-double product, scaled for tiny x).
 */
#include "math_private.h"
#include "math_tables.h"

double SGX_MATH_FN(erf)(double x) {
    if (x != x) return x + x;
    double ax = SGX_MATH_FN(fabs)(x);
    if (ax >= 6.0) return SGX_MATH_FN(copysign)(1.0, x);
    if (ax < 0x1p-28) {                        /* 2/sqrt(pi) x (1 - x^2/3), x^2/3 < 2^-57 */
        if (x == 0) return x;
        if (ax >= 0x1p-900) {
            double e;
            double p = sgxm_two_prod(x, SGXM_2_SQRTPI_HI, &e);
            return p + (e + x * SGXM_2_SQRTPI_LO);
        }
        /* tiny: the product for the significand in [1, 2), then one rounding to the
           (possibly subnormal) result */
        int k;
        double xs = 2.0 * SGX_MATH_FN(frexp)(ax, &k), e; /* ax = xs 2^(k-1) */
        double p = sgxm_two_prod(xs, SGXM_2_SQRTPI_HI, &e);
        double l = e + xs * SGXM_2_SQRTPI_LO;       /* p in [1.12, 2.26) */
        double h = sgxm_fast_two_sum(0.5 * p, 0.5 * l, &l);
        return SGX_MATH_FN(copysign)(sgxm_scale_dd(h, l, k), x);
    }
    int i = (int)(ax * 8.0 + 0.5);
    const double *a = SGXM_ERF_TABLE[i];
    double h = ax - (double)i * 0.125;         /* exact */
    double p = a[SGXM_ERF_DEGREE + 2];
    for (int n = SGXM_ERF_DEGREE - 1; n >= 2; n--) p = a[n + 2] + h * p;
    double me, e;
    double m = sgxm_two_prod(a[2], h, &me);    /* a1 h */
    me += a[3] * h;
    double s = sgxm_two_sum(a[0], m, &e);
    double r = s + (e + ((a[1] + me) + h * (h * p)));
    return SGX_MATH_FN(copysign)(r, x);
}

/* Float: the double result rounded once. */
float SGX_MATH_FN(erff)(float x) { return (float)SGX_MATH_FN(erf)(x); }
