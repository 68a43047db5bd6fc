/*
 * Enclave libm, exponentials: exp, exp2, expm1, expm1f (expf, exp2f: math_float.c).
 *
 * Reduction: x = k*ln2 + r with k = nearest(x/ln2), |r| <= ln2/2 + tiny, where
 * r = (x - k*LN2_HI) - k*LN2_LO; LN2_HI has 42 bits, so k*LN2_HI is exact for |k| < 2^11
 * and the subtraction is exact (Sterbenz). The kernel evaluates e^r as a double-double
 * 1 + r + r^2/2 + r^3 * P(r), with P the Taylor polynomial 1/3! + r/4! + ... + r^10/13!
 * (coefficients 1/n!, each the correctly rounded quotient the compiler folds; the
 * truncation error r^14/14! < 4.3e-18 < 0.02 ulp for |r| <= 0.347); 1 + r + r^2/2
 * is summed exactly (two-sum, two-product) so only terms below 0.008 carry rounding
 * errors; and
 * sgxm_scale_dd multiplies by 2^k with a single rounding, subnormal results included.
 * That kernel now serves expm1 and erfc; exp and exp2 use the faster table-driven kernel
 * of math_private.h (sgxm_exp_fast_dd, SGXM_EXP_TABLE from Scripts/math_fast_tables.py).
 */
#include "math_private.h"

/** e^r - 1 - r - r^2/2 for |r| <= 0.35; sets r2h + r2l = r^2 exactly. */
static double sgxm_exp_tail(double r, double *r2h, double *r2l) {
    double p = 1.0 / 6227020800.0;            /* 1/13! */
    p = 1.0 / 479001600.0 + r * p;            /* 1/12! */
    p = 1.0 / 39916800.0 + r * p;             /* 1/11! */
    p = 1.0 / 3628800.0 + r * p;              /* 1/10! */
    p = 1.0 / 362880.0 + r * p;               /* 1/9! */
    p = 1.0 / 40320.0 + r * p;                /* 1/8! */
    p = 1.0 / 5040.0 + r * p;                 /* 1/7! */
    p = 1.0 / 720.0 + r * p;                  /* 1/6! */
    p = 1.0 / 120.0 + r * p;                  /* 1/5! */
    p = 1.0 / 24.0 + r * p;                   /* 1/4! */
    p = 1.0 / 6.0 + r * p;                    /* 1/3! */
    /* p = (e^r - 1 - r - r^2/2) / r^3. r^2/2 is kept exact (two-product) so that the
       only rounding errors left are in terms below 0.008 (|r| <= 0.347). */
    *r2h = sgxm_two_prod(r, r, r2l);
    return (*r2h * r) * p;
}

double sgxm_exp_kernel(double rh, double rl, double *lo) {
    double r2h, r2l;
    double c = sgxm_exp_tail(rh, &r2h, &r2l); /* e^r - 1 - r - r^2/2 */
    double q = 0.5 * r2h + c;                 /* e^r - 1 - r, approximately */
    /* e^(rh+rl) = e^rh * (1 + rl + ...) ~ 1 + rh + r^2/2 + c + rl*(1 + rh + q) */
    double e1, e2;
    double h = sgxm_fast_two_sum(1.0, rh, &e1);
    h = sgxm_two_sum(h, 0.5 * r2h, &e2);
    double t = (e1 + e2) + ((0.5 * r2l + c) + rl * ((1.0 + rh) + q));
    return sgxm_fast_two_sum(h, t, lo);
}

double sgxm_expm1_kernel(double r, double *lo) {
    double r2h, r2l, e;
    double c = sgxm_exp_tail(r, &r2h, &r2l);
    double s = sgxm_two_sum(r, 0.5 * r2h, &e);
    return sgxm_fast_two_sum(s, e + (0.5 * r2l + c), lo);
}

double sgxm_scale_dd(double hi, double lo, int k) {
    if (k > 1020) return (hi * 0x1p4) * sgxm_pow2(k - 4); /* may overflow to inf: correct */
    if (k >= -1021) return hi * sgxm_pow2(k);             /* normal result: exact scaling */
    /* Result in or near the subnormal range: count it in units of 2^-1074 and round that
       count to an integer once, using both halves (ties to even). */
    if (k < -1075 - 2) return 0.0 * hi;
    double uh = hi * sgxm_pow2(k + 1074 + 0); /* k + 1074 >= -3: exact, normal */
    double ul = lo * sgxm_pow2(k + 1074);
    double n = (uh + 0x1.8p52) - 0x1.8p52;    /* uh < 2^52: nearest integer, ties even */
    double d = (uh - n) + ul;                 /* uh - n exact */
    if (d > 0.5 || (d == 0.5 && SGX_MATH_FN(fmod)(n, 2.0) != 0)) n += 1.0;
    else if (d < -0.5 || (d == -0.5 && SGX_MATH_FN(fmod)(n, 2.0) != 0)) n -= 1.0;
    return n * 0x1p-1074;                     /* exact: n <= 2^52 */
}

/** (hi + lo) 2^k rounded once, hi in [1, 2), |lo| < 2^-6 (overflow and subnormal results too). */
static double sgxm_exp_finish(double hi, double lo, int k) {
    if (k >= -1021 && k <= 1020) return (hi + lo) * sgxm_pow2(k); /* exact scaling */
    double e;
    double s = sgxm_fast_two_sum(hi, lo, &e);
    return sgxm_scale_dd(s, e, k);
}

/*
 * exp: table-driven (see sgxm_exp_fast_dd in math_private.h): x = n ln2/128 + r,
 * e^x = 2^(n/128) e^r with 2^(j/128) from SGXM_EXP_TABLE as hi + lo and a degree-5
 * polynomial for e^r - 1, |r| <= 0.0028; one final rounding of hi + lo, then an exact
 * scaling by 2^k (sgxm_scale_dd near overflow and for subnormal results).
 */
double SGX_MATH_FN(exp)(double x) {
    uint32_t top = (uint32_t)(sgxm_bits(x) >> 52) & 0x7ff;
    int k;
    double lo, hi;
    if (top - 0x3c9u >= 0x408u - 0x3c9u) {      /* |x| < 2^-54, |x| >= 512, inf, NaN */
        if (top < 0x3c9u) return 1.0 + x;
        if (x != x) return x + x;
        if (x > SGXM_EXP_OVERFLOW) return 0x1p1023 * 2.0; /* +inf */
        if (x < SGXM_EXP_UNDERFLOW) return 0.0;
        hi = sgxm_exp_fast_dd(x, 0.0, &k, &lo);
        return sgxm_exp_finish(hi, lo, k);
    }
    hi = sgxm_exp_fast_dd(x, 0.0, &k, &lo);
    return (hi + lo) * sgxm_pow2(k);             /* |k| <= 739: normal, exact */
}

/*
 * exp2: n = nearest(128 x), x 128 - n exact (|.| <= 1/2), r = (x 128 - n) ln2/128
 * (one rounding, relative 2^-53 of |r| <= 0.0028), then the exp table kernel.
 */
double SGX_MATH_FN(exp2)(double x) {
    uint32_t top = (uint32_t)(sgxm_bits(x) >> 52) & 0x7ff;
    int k;
    double lo, hi;
    if (top - 0x3c9u >= 0x408u - 0x3c9u) {      /* |x| < 2^-54, |x| >= 512, inf, NaN */
        if (top < 0x3c9u) return 1.0 + x;
        if (x != x) return x + x;
        if (x >= 1024.0) return 0x1p1023 * 2.0; /* +inf */
        if (x < -1076.0) return 0.0;
        double t = x * 128.0;
        double nd = (t + 0x1.8p52) - 0x1.8p52;
        hi = sgxm_exp_table_kernel((int)nd, (t - nd) * (SGXM_LN2_D_HI / 128.0), &k, &lo);
        return sgxm_exp_finish(hi, lo, k);
    }
    double t = x * 128.0;
    double nd = (t + 0x1.8p52) - 0x1.8p52;     /* t - nd exact, |t - nd| <= 1/2 */
    hi = sgxm_exp_table_kernel((int)nd, (t - nd) * (SGXM_LN2_D_HI / 128.0), &k, &lo);
    return (hi + lo) * sgxm_pow2(k);             /* |k| <= 512: normal, exact */
}

double SGX_MATH_FN(expm1)(double x) {
    if (x != x) return x + x;
    if (x > SGXM_EXP_OVERFLOW) return 0x1p1023 * 2.0; /* +inf */
    if (x < -40.0) return -1.0 + 0x1p-60;            /* e^x < 2^-57: rounds to -1 */
    if (sgxm_abs(x) < 0x1p-54) return x;    /* x + x^2/2 rounds to x */
    if (sgxm_abs(x) < 0.3465) { /* x + x^2/2 + tail, the first sum exact */
        double r2h, r2l, e;
        double c = sgxm_exp_tail(x, &r2h, &r2l);
        double s = sgxm_two_sum(x, 0.5 * r2h, &e);
        return s + (e + (0.5 * r2l + c));
    }
    /* e^x = 2^k (hi + lo) from the table-driven kernel (relative error below 2^-60);
       the subtraction of 1 loses at most a factor 3.4 of that (at x = 0.3465). */
    double nd = (x * SGXM_128_OVER_LN2 + 0x1.8p52) - 0x1.8p52;
    double r = (x - nd * SGXM_LN2_128_HI) - nd * SGXM_LN2_128_LO;
    int k;
    double lo;
    double hi = sgxm_exp_table_kernel((int)nd, r, &k, &lo);
    if (k > 1000) { /* the -1 is far below the last bit */
        double e;
        double h = sgxm_fast_two_sum(hi, lo, &e);
        return sgxm_scale_dd(h, e, k);
    }
    /* (hi + lo) * 2^k - 1, with the scaling exact and the subtraction a two-sum. */
    double s = sgxm_pow2(k);
    double h = hi * s, l = lo * s;
    double e;
    double d = sgxm_two_sum(h, -1.0, &e);
    return d + (e + l);
}

/* Float: evaluate in double (error < 0.52 double ulp) and round once. */
float SGX_MATH_FN(expm1f)(float x) { return sgxm_d2f(SGX_MATH_FN(expm1)(sgxm_f2d(x))); }
