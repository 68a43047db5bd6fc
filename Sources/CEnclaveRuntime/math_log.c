/*
 * Enclave libm, logarithms: log, log2, log10, log1p (double and float).
 *
 * Reduction: x = 2^k * m with m in [sqrt(1/2), sqrt(2)), f = m - 1 (exact). Then
 * ln m = 2 atanh(s) with s = f / (2 + f), |s| <= 0.1716, and
 *   2 atanh(s) = 2s + s^3 * (2/3 + 2/5 s^2 + ... + 2/25 s^22)
 * (the atanh series; the first omitted term 2 s^27/27 is below 2^-62 |2s|).
 * s is computed as a double-double (the quotient's remainder from an exact product),
 * so the kernel returns ln m to about 2^-60 relative; the final k*ln2 + ln m is summed
 * with a two-sum and rounded once.
 */
#include "math_private.h"

double sgxm_log_kernel(double x, int *k, double *lo) {
    uint64_t u = sgxm_bits(x);
    int bias = 0;
    if ((u >> 52) == 0) { /* subnormal */
        x *= 0x1p54; bias = 54;
        u = sgxm_bits(x);
    }
    int e = (int)(u >> 52) - 1023 - bias;
    double m = sgxm_from_bits((u & ((1ULL << 52) - 1)) | (1023ULL << 52)); /* [1, 2) */
    if (m > SGXM_SQRT2) { m *= 0.5; e++; }
    *k = e;
    double f = m - 1.0;                           /* exact (Sterbenz) */
    double dl;
    double dh = sgxm_fast_two_sum(2.0, f, &dl);   /* 2 + f = dh + dl exactly */
    double sh = f / dh;
    double pe;
    double p = sgxm_two_prod(sh, dh, &pe);
    double sl = (((f - p) - pe) - sh * dl) / (dh + dl); /* f - sh*(dh+dl), then / (2+f) */
    double z = sh * sh;
    double t = 2.0 / 25.0;
    t = 2.0 / 23.0 + z * t;
    t = 2.0 / 21.0 + z * t;
    t = 2.0 / 19.0 + z * t;
    t = 2.0 / 17.0 + z * t;
    t = 2.0 / 15.0 + z * t;
    t = 2.0 / 13.0 + z * t;
    t = 2.0 / 11.0 + z * t;
    t = 2.0 / 9.0 + z * t;
    t = 2.0 / 7.0 + z * t;
    t = 2.0 / 5.0 + z * t;
    t = 2.0 / 3.0 + z * t;
    double tail = (z * sh) * t;                   /* 2 atanh(s) - 2s, |tail| <= 0.0035 */
    /* 2 sh is exact; 2 sl + tail is the correction. */
    return sgxm_fast_two_sum(2.0 * sh, 2.0 * sl + tail, lo);
}

/** Special cases common to the logarithms; returns 1 and sets *r if x is one. */
static int sgxm_log_special(double x, double *r) {
    if (x != x) { *r = x + x; return 1; }
    if (x == 0) { *r = -__builtin_inf(); return 1; }
    if (x < 0) { *r = (x - x) / (x - x); return 1; }              /* NaN */
    if (x == __builtin_inf()) { *r = x; return 1; }
    return 0;
}

/** ln x as a double-double (x finite, > 0). */
static double sgxm_log_dd(double x, double *lo) {
    int k;
    double ml;
    double mh = sgxm_log_kernel(x, &k, &ml);
    double e;
    double h = sgxm_two_sum(k * SGXM_LN2_HI, mh, &e); /* k*LN2_HI exact */
    return sgxm_fast_two_sum(h, e + (ml + k * SGXM_LN2_LO), lo);
}

double SGX_MATH_FN(log)(double x) {
    double r, lo;
    if (sgxm_log_special(x, &r)) return r;
    double hi = sgxm_log_dd(x, &lo);
    return hi + lo;
}

double SGX_MATH_FN(log2)(double x) {
    double r, l;
    if (sgxm_log_special(x, &r)) return r;
    int k;
    double mh = sgxm_log_kernel(x, &k, &l);
    double pl;
    double ph = sgxm_dd_mul(mh, l, SGXM_LOG2E_HI, SGXM_LOG2E_LO, &pl);
    double e;
    double h = sgxm_two_sum((double)k, ph, &e); /* k exact; log2 of 2^k is exactly k */
    return h + (e + pl);
}

double SGX_MATH_FN(log10)(double x) {
    double r, l;
    if (sgxm_log_special(x, &r)) return r;
    int k;
    double mh = sgxm_log_kernel(x, &k, &l);
    double pl;
    double ph = sgxm_dd_mul(mh, l, SGXM_LOG10E_HI, SGXM_LOG10E_LO, &pl);
    double kl;
    double kh = sgxm_dd_mul((double)k, 0.0, SGXM_LOG10_2_HI, SGXM_LOG10_2_LO, &kl);
    double e;
    double h = sgxm_two_sum(kh, ph, &e);
    return h + (e + (pl + kl));
}

double SGX_MATH_FN(log1p)(double x) {
    if (x != x) return x + x;
    if (x == -1.0) return -__builtin_inf();
    if (x < -1.0) return (x - x) / (x - x);                            /* NaN */
    if (x == __builtin_inf()) return x;
    if (SGX_MATH_FN(fabs)(x) < 0x1p-54) return x; /* x - x^2/2 rounds to x, keeps -0 */
    /* 1 + x = uh + ul exactly; ln(uh + ul) = ln uh + ln(1 + ul/uh) ~ ln uh + ul/uh. */
    double ul;
    double uh = sgxm_two_sum(1.0, x, &ul);
    double lo;
    double hi = sgxm_log_dd(uh, &lo);
    return hi + (lo + ul / uh);
}

/* Float: evaluate in double and round once. */
float SGX_MATH_FN(logf)(float x) { return (float)SGX_MATH_FN(log)(x); }
float SGX_MATH_FN(log2f)(float x) { return (float)SGX_MATH_FN(log2)(x); }
float SGX_MATH_FN(log10f)(float x) { return (float)SGX_MATH_FN(log10)(x); }
float SGX_MATH_FN(log1pf)(float x) { return (float)SGX_MATH_FN(log1p)(x); }
