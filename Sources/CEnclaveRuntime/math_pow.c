/*
 * Enclave libm, power: pow, powf.
 *
 * pow(x, y) = 2^k e^r for y ln|x| = k ln2 + r, with y ln|x| as a double-double accurate
 * to about 2^-60 absolute over the whole range that neither overflows nor underflows
 * (|y ln x| <= 746), so the only significant error is the exp kernel's.
 *
 * ln|x| to about 2^-75 relative: |x| = 2^k m, m in [1, 2) (halved, k + 1, for the top
 * 150 of the 256 intervals, so that m lies within [0.707, 1.414)); with the top 8 bits i
 * of m's fraction, c = SGXM_POW_LOG_TABLE[i] ~ 1/m rounded to double, m c = 1 + f exactly
 * as a double-double (Dekker product; m c - 1 exact by Sterbenz), |f| <= 2^-9, and
 * ln|x| = k ln2 - ln c + log1p(f), with -ln c a double-double from the table and
 * log1p(f) = f - f^2/2 + f^3 (1/3 - f/4 + ... - f^7/10), f^2/2 exact. Near 1 (i = 0 or
 * 255) c is 1 so that ln|x| keeps its relative accuracy as it goes to 0.
 *
 * Special cases follow C Annex F (pow(x, ±0) = 1 and pow(1, y) = 1 even for NaN,
 * pow(-1, ±inf) = 1, signs of zeros and infinities for odd integer y, NaN for x < 0 and
 * non-integer y).
 */
#include "math_private.h"
#include "math_tables.h"

/** ln(ax) as a double-double for finite ax > 0. */
static double sgxm_pow_log(double ax, double *lo) {
    uint64_t u = sgxm_bits(ax);
    int bias = 0;
    if ((u >> 52) == 0) { /* subnormal */
        ax *= 0x1p54; bias = 54;
        u = sgxm_bits(ax);
    }
    int k = (int)(u >> 52) - 1023 - bias;
    uint64_t frac = u & ((1ULL << 52) - 1);
    int i = (int)(frac >> 44);
    double m = sgxm_from_bits(frac | (1023ULL << 52)); /* [1, 2) */
    if (i >= 106) { m *= 0.5; k++; }
    const double *t = SGXM_POW_LOG_TABLE[i];
    double fh, fl;
    if (i == 0 || i == 255) {
        fh = m - 1.0; fl = 0.0;                        /* exact */
    } else {
        double e;
        double p = sgxm_two_prod(m, t[0], &e);
        fh = sgxm_fast_two_sum(p - 1.0, e, &fl);       /* p - 1 exact */
    }
    /* log1p(fh + fl), |f| <= 2^-8 */
    double al;
    double ah = sgxm_two_prod(fh, fh, &al);            /* fh^2 */
    double p = -1.0 / 10.0;
    p = 1.0 / 9.0 + fh * p;
    p = -1.0 / 8.0 + fh * p;
    p = 1.0 / 7.0 + fh * p;
    p = -1.0 / 6.0 + fh * p;
    p = 1.0 / 5.0 + fh * p;
    p = -1.0 / 4.0 + fh * p;
    p = 1.0 / 3.0 + fh * p;
    double tail = (fh * ah) * p;                       /* f^3/3 - f^4/4 + ... */
    double e;
    double h = sgxm_fast_two_sum(fh, -0.5 * ah, &e);
    double l = e + (((fl - 0.5 * al) - fh * fl) + tail);
    /* k ln2 - ln c + (h + l) */
    double kd = (double)k, e1, e2;
    double s = sgxm_two_sum(kd * SGXM_LN2_HI, t[1], &e1); /* k*LN2_HI exact */
    s = sgxm_two_sum(s, h, &e2);
    return sgxm_fast_two_sum(s, (e1 + e2) + ((t[2] + kd * SGXM_LN2_LO) + l), lo);
}

/** 0 if y is not an integer, 1 if odd, 2 if even (y finite). */
static int sgxm_pow_yclass(double y) {
    double ay = SGX_MATH_FN(fabs)(y);
    if (ay >= 0x1p53) return 2;
    if (SGX_MATH_FN(trunc)(ay) != ay) return 0;
    return SGX_MATH_FN(trunc)(0.5 * ay) * 2.0 == ay ? 2 : 1;
}

double SGX_MATH_FN(pow)(double x, double y) {
    if (y == 0) return 1.0;
    if (x == 1.0) return 1.0;
    if (x != x || y != y) return x + y;
    double ax = SGX_MATH_FN(fabs)(x), ay = SGX_MATH_FN(fabs)(y);
    const double inf = __builtin_inf();
    if (ay == inf) {
        if (ax == 1.0) return 1.0;                    /* pow(-1, ±inf) */
        return ((ax > 1.0) == (y > 0)) ? inf : 0.0;
    }
    int yc = sgxm_pow_yclass(y);
    if (ax == 0) {
        if (y < 0) return yc == 1 ? SGX_MATH_FN(copysign)(inf, x) : inf;
        return yc == 1 ? x : 0.0;
    }
    if (ax == inf) {
        double r = y < 0 ? 0.0 : inf;
        return (x < 0 && yc == 1) ? -r : r;
    }
    double sign = 1.0;
    if (x < 0) {
        if (yc == 0) return (x - x) / (x - x);         /* NaN */
        if (yc == 1) sign = -1.0;
    }
    /* |ln x| >= 2^-53 for x != 1, so |y| > 2^66 means |y ln x| > 2^13. */
    if (ay > 0x1p66) return ((ax > 1.0) == (y > 0)) ? inf : 0.0;
    double ll;
    double lh = sgxm_pow_log(ax, &ll);
    double tl;
    double th = sgxm_two_prod(y, lh, &tl);
    tl += y * ll;
    th = sgxm_fast_two_sum(th, tl, &tl);
    if (th > 710.0) return sign * inf;
    if (th < -746.0) return sign * 0.0;
    if (SGX_MATH_FN(fabs)(th) < 0x1p-60) return sign * (1.0 + th);
    double kd = (th * SGXM_INV_LN2 + 0x1.8p52) - 0x1.8p52;
    double rh = th - kd * SGXM_LN2_HI;                 /* exact */
    double rl = tl - kd * SGXM_LN2_LO;
    double lo;
    double hi = sgxm_exp_kernel(rh, rl, &lo);
    return sign * sgxm_scale_dd(hi, lo, (int)kd);
}

/* Float: the double result (below 0.6 double ulp) rounded once. */
float SGX_MATH_FN(powf)(float x, float y) { return (float)SGX_MATH_FN(pow)(x, y); }
