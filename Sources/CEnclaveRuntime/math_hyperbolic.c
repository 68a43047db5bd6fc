/*
 * Enclave libm, hyperbolic functions: sinh, cosh, tanh, sinhf (coshf, tanhf: math_float.c).
 *
 * For |x| <= 1/4, sinh x = x + x^3 (1/3! + x^2/5! + ... + x^14/17!) (Taylor series; the
 * first omitted term x^19/19! is far below 2^-80 x). Otherwise E = e^|x| and 1/E both
 * come from the table-driven exp kernel (math_private.h: 2^(±n/128) e^(±r), relative
 * error below 2^-60), and (E ± 1/E)/2 is summed with a two-sum and rounded once. Beyond
 * |x| = 22, 1/E is below 2^-63 E and the result is E/2, scaled with one rounding (so
 * cosh and sinh reach up to 710.47 without overflowing early).
 *
 * tanh: for |x| <= 0.25, u = e^|x| - 1 as a double-double from the expm1 kernel and
 * tanh = u (u + 2) / (u (u + 2) + 2) in double-double; up to 22, E = e^(2|x|) as a
 * double-double and tanh = 1 - 2/(E + 1) (double-double quotient, one final rounding);
 * beyond 22, 2/(E + 1) < 2^-62 and the result rounds to ±1.
 */
#include "math_private.h"

/** e^ax as a double-double times 2^k (0 <= ax <= 711); returns hi. */
static double sgxm_exp_dd(double ax, int *k, double *lo) {
    double l;
    double h = sgxm_exp_fast_dd(ax, 0.0, k, &l); /* table kernel, relative error < 2^-60 */
    return sgxm_fast_two_sum(h, l, lo);          /* hi = fl(hi + lo) in [0.99, 2] */
}

/**
 * (E + sign/E) / 2 for E = e^ax, 0 < ax <= 22 (for sinh, ax > 1/4): with
 * ax = n ln2/128 + r, E and 1/E = e^(-n ln2/128 - r) both come from the table kernel
 * (relative error < 2^-60 each; no division), are scaled exactly and summed with a
 * two-sum. sinh's cancellation is at most a factor 4.1 (at 1/4).
 */
static double sgxm_cosh_sinh(double ax, double sign) {
    double nd = (ax * SGXM_128_OVER_LN2 + 0x1.8p52) - 0x1.8p52;
    double r = (ax - nd * SGXM_LN2_128_HI) - nd * SGXM_LN2_128_LO;
    int k1, k2;
    double l1, l2;
    double h1 = sgxm_exp_table_kernel((int)nd, r, &k1, &l1);   /* E = 2^k1 (h1 + l1) */
    double h2 = sgxm_exp_table_kernel(-(int)nd, -r, &k2, &l2); /* 1/E */
    double s1 = sgxm_pow2(k1), s2 = sign * sgxm_pow2(k2);      /* |k| <= 32 */
    double e;
    double h = sgxm_fast_two_sum(h1 * s1, h2 * s2, &e);        /* E > 1.28 > 1/E */
    return 0.5 * (h + (e + (l1 * s1 + l2 * s2)));
}

double SGX_MATH_FN(cosh)(double x) {
    double ax = sgxm_abs(x);
    if (x != x) return x + x;
    if (ax < 0x1p-27) return 1.0 + ax * ax;     /* 1 + x^2/2 rounds to 1 */
    if (ax > 22.0) {
        if (ax > 711.0) return __builtin_inf();
        int k;
        double lo;
        double hi = sgxm_exp_dd(ax, &k, &lo);
        return sgxm_scale_dd(hi, lo, k - 1);
    }
    return sgxm_cosh_sinh(ax, 1.0);
}

double SGX_MATH_FN(sinh)(double x) {
    double ax = sgxm_abs(x);
    if (x != x) return x + x;
    double r;
    if (ax < 0x1p-26) return x;                 /* x + x^3/6 rounds to x */
    if (ax <= 0.25) {
        double z = ax * ax;
        double p = 1.0 / 355687428096000.0;     /* 1/17! */
        p = 1.0 / 1307674368000.0 + z * p;      /* 1/15! */
        p = 1.0 / 6227020800.0 + z * p;         /* 1/13! */
        p = 1.0 / 39916800.0 + z * p;           /* 1/11! */
        p = 1.0 / 362880.0 + z * p;             /* 1/9! */
        p = 1.0 / 5040.0 + z * p;               /* 1/7! */
        p = 1.0 / 120.0 + z * p;                /* 1/5! */
        p = 1.0 / 6.0 + z * p;                  /* 1/3! */
        r = ax + (z * ax) * p;
    } else if (ax > 22.0) {
        if (ax > 711.0) return sgxm_copysign_inline(__builtin_inf(), x);
        int k;
        double lo;
        double hi = sgxm_exp_dd(ax, &k, &lo);
        r = sgxm_scale_dd(hi, lo, k - 1);
    } else {
        r = sgxm_cosh_sinh(ax, -1.0);
    }
    return sgxm_copysign_inline(r, x);
}

double SGX_MATH_FN(tanh)(double x) {
    double ax = sgxm_abs(x);
    if (x != x) return x + x;
    if (ax < 0x1p-27) return x;                 /* x - x^3/3 rounds to x; keeps -0 */
    if (ax > 22.0) return sgxm_copysign_inline(1.0, x);
    double nh, nl, dh, dl;
    if (ax <= 0.25) {
        /* u = e^|x| - 1: tanh = u (u + 2) / (u (u + 2) + 2) */
        double ul;
        double uh = sgxm_expm1_kernel(ax, &ul);
        double vl;
        double vh = sgxm_fast_two_sum(2.0, uh, &vl);
        vl += ul;
        nh = sgxm_dd_mul(uh, ul, vh, vl, &nl);  /* e^(2|x|) - 1 */
        dh = sgxm_fast_two_sum(2.0, nh, &dl);
        dl += nl;
    } else {
        int k;
        double lo;
        double hi = sgxm_exp_dd(2.0 * ax, &k, &lo);
        double s = sgxm_pow2(k);
        dh = sgxm_fast_two_sum(hi * s, 1.0, &dl); /* E + 1, E >= 1.4 */
        dl += lo * s;
        nh = 2.0; nl = 0.0;
    }
    /* q = (nh + nl) / (dh + dl) */
    double q = nh / dh, inv = 1.0 / dh;       /* the two divisions overlap */
    double pe;
    double p = sgxm_two_prod(q, dh, &pe);
    double ql = ((((nh - p) - pe) + nl) - q * dl) * inv;
    double r;
    if (ax <= 0.25) {
        r = q + ql;
    } else {
        double e;
        double h = sgxm_fast_two_sum(1.0, -q, &e); /* 1 - 2/(E + 1), q < 0.84 */
        r = h + (e - ql);
    }
    return sgxm_copysign_inline(r, x);
}

/* Float: evaluate in double and round once. */
float SGX_MATH_FN(sinhf)(float x) { return sgxm_d2f(SGX_MATH_FN(sinh)(sgxm_f2d(x))); }
