/*
 * Enclave libm, error functions: erf, erfc, erff, erfcf.
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
 *
 * erfc x = 1 - erf x (double-double) for x < 1/2 (2 for x <= -6). For 1/2 <= x < 27.3,
 * erfc x = e^(-x^2) g(x) with g(x) = e^(x^2) erfc x, smooth and between 0.02 and 0.62:
 * g(c + h) = sum b_n h^n, n = 0..13, around c = i/8 (SGXM_ERFC_TABLE; the script
 * computes g(c) at enough digits to absorb the cancellation in 1 - erf c and the b_n by
 * the recurrence from g' = 2xg - 2/sqrt(pi); first omitted term below 2^-71 of g);
 * e^(-x^2) comes from the exp kernel with x^2 exact as a double-double, the product is
 * a double-double scaled by 2^k and rounded once, subnormal results included. Beyond
 * 27.3 the result is below 2^-1080 and rounds to +0.
 */
#include "math_private.h"
#include "math_tables.h"

static double sgxm_erf_dd(double ax, double *lo);

double SGX_MATH_FN(erf)(double x) {
    if (x != x) return x + x;
    double ax = sgxm_abs(x);
    if (ax >= 6.0) return sgxm_copysign_inline(1.0, x);
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
        return sgxm_copysign_inline(sgxm_scale_dd(h, l, k), x);
    }
    double lo;
    double hi = sgxm_erf_dd(ax, &lo);
    return sgxm_copysign_inline(hi + lo, x);
}

/** erf(ax) as a double-double for 2^-28 <= ax < 6. */
static double sgxm_erf_dd(double ax, double *lo) {
    int i = (int)(ax * 8.0 + 0.5);
    const double *a = SGXM_ERF_TABLE[i];
    double h = ax - (double)i * 0.125;         /* exact */
    /* a2 + a3 h + ... + a16 h^14 by Estrin's scheme (a chain of 5 steps instead of Horner's
       14: in a loop of independent calls the chain bounds the throughput) */
    _Static_assert(SGXM_ERF_DEGREE == 16, "the Estrin tree below is written for degree 16");
    double h2 = h * h, h4 = h2 * h2, h8 = h4 * h4;
    double q0 = a[4] + h * a[5], q1 = a[6] + h * a[7], q2 = a[8] + h * a[9];
    double q3 = a[10] + h * a[11], q4 = a[12] + h * a[13], q5 = a[14] + h * a[15];
    double q6 = a[16] + h * a[17];
    double p = ((q0 + h2 * q1) + h4 * (q2 + h2 * q3))
             + h8 * ((q4 + h2 * q5) + h4 * (q6 + h2 * a[18]));
    double me, e;
    double m = sgxm_two_prod(a[2], h, &me);    /* a1 h */
    me += a[3] * h;
    double s = sgxm_two_sum(a[0], m, &e);
    return sgxm_fast_two_sum(s, e + ((a[1] + me) + h * (h * p)), lo);
}

double SGX_MATH_FN(erfc)(double x) {
    if (x != x) return x + x;
    double ax = sgxm_abs(x);
    double e;
    if (x < 0.5) {
        if (x <= -6.0) return 2.0;                 /* 2 - erfc(6) rounds to 2 */
        if (ax < 0x1p-28) return 1.0 - x * SGXM_2_SQRTPI_HI;
        double l;
        double h = sgxm_erf_dd(ax, &l);
        if (x < 0) { double s = sgxm_fast_two_sum(1.0, h, &e); return s + (e + l); }
        double s = sgxm_fast_two_sum(1.0, -h, &e);
        return s + (e - l);
    }
    if (x >= 27.3) return 0.0;                     /* below 2^-1080; also +inf */
    int i = (int)(x * 8.0 + 0.5);
    const double *b = SGXM_ERFC_TABLE[i - SGXM_ERFC_FIRST];
    double h = x - (double)i * 0.125;              /* exact */
    double p = b[SGXM_ERFC_DEGREE + 2];
    for (int n = SGXM_ERFC_DEGREE - 1; n >= 2; n--) p = b[n + 2] + h * p;
    double me;
    double m = sgxm_two_prod(b[2], h, &me);
    me += b[3] * h;
    double gs = sgxm_two_sum(b[0], m, &e);
    double gl;
    double gh = sgxm_fast_two_sum(gs, e + ((b[1] + me) + h * (h * p)), &gl);
    /* e^(-x^2) = 2^k e^r */
    double sl;
    double sh = sgxm_two_prod(x, x, &sl);
    double kd = (-sh * SGXM_INV_LN2 + 0x1.8p52) - 0x1.8p52;
    double rh = -sh - kd * SGXM_LN2_HI;            /* exact */
    double rl = -sl - kd * SGXM_LN2_LO;
    double el;
    double eh = sgxm_exp_kernel(rh, rl, &el);
    double pl;
    double ph = sgxm_dd_mul(eh, el, gh, gl, &pl);
    int n = (int)(sgxm_bits(ph) >> 52) - 1023;    /* ph in [0.01, 0.9]: normal */
    double sc = sgxm_pow2(-n);
    return sgxm_scale_dd(ph * sc, pl * sc, (int)kd + n);
}

/* Float: the double result rounded once. */
float SGX_MATH_FN(erff)(float x) { return sgxm_d2f(SGX_MATH_FN(erf)(sgxm_f2d(x))); }
float SGX_MATH_FN(erfcf)(float x) { return sgxm_d2f(SGX_MATH_FN(erfc)(sgxm_f2d(x))); }
