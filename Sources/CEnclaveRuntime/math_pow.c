/*
 * Enclave libm, power: pow (powf: math_float.c).
 *
 * pow(x, y) = e^(y ln|x|), with y ln|x| as a double-double accurate to about 2^-59
 * absolute over the whole range that neither overflows nor underflows (|y ln x| <= 746),
 * so the only significant error is the exp kernel's rounding.
 *
 * ln|x| to about 2^-68 relative with the log family's table reduction (math_private.h,
 * SGXM_LOG_TABLE: |x| = 2^k m', m'/c = 1 + r exactly, |r| < 2^-7, c = 1 next to 1 so
 * that ln|x| keeps its relative accuracy as it goes to 0) and log1p(r) to degree 10
 * with r^2/2 exact; the product with y is formed from exact partial products; e^(th + tl) comes from the
 * table-driven exp kernel (sgxm_exp_fast_dd), rounded once and scaled exactly
 * (sgxm_scale_dd near overflow and for subnormal results). Positive normal x with
 * 0 < |y| <= 2^66 takes that path directly; everything else goes through the checks
 * below first.
 *
 * Special cases follow C Annex F (pow(x, ±0) = 1 and pow(1, y) = 1 even for NaN,
 * pow(-1, ±inf) = 1, signs of zeros and infinities for odd integer y, NaN for x < 0 and
 * non-integer y).
 */
#include "math_private.h"
#include "math_tables.h"

/**
 * ln(ax) as a double-double for finite ax > 0, to about 2^-68 relative: the table
 * reduction of the log family (sgxm_log_reduce: ax = 2^k m', m' invc = 1 + r exactly,
 * |r| < 2^-7), ln ax = k ln2 + ln c + r - r^2/2 + r^3 (1/3 - r/4 + ... - r^7/10)
 * (Taylor; first omitted term r^11/11 below 2^-73 |r|), r^2/2 exact (r = rh + rl with 26 and
 * 27 bits: rh^2 and rh rl exact, rl^2 negligible), the large parts added with fast
 * two-sums (|k LN2_HI| > |ln c| unless k = 0, |ln c| > |r| unless ln c = 0,
 * |ln c + r| > r^2/2).
 */
static inline double sgxm_pow_log(double ax, double *lo, int normal) {
    int k;
    const double *t;
    double r = normal ? sgxm_log_reduce_normal(ax, &k, &t) : sgxm_log_reduce(ax, &k, &t);
    double rh = sgxm_from_bits(sgxm_bits(r) & ~((1ULL << 27) - 1)); /* 26 bits */
    double rl = r - rh;                                             /* exact, 27 bits */
    double h2 = -0.5 * (rh * rh);                                   /* exact */
    double l2 = -(rh * rl) - 0.5 * (rl * rl);
    double r2 = r * r, r4 = r2 * r2;
    double p = ((1.0 / 3.0 - r * 0.25) + r2 * (0.2 - r * (1.0 / 6.0)))
             + r4 * ((1.0 / 7.0 - r * 0.125) + r2 * (1.0 / 9.0 - r * 0.1));
    double kd = (double)k;
    double e1, e2, e3;
    double w = sgxm_fast_two_sum(kd * SGXM_LN2_HI, t[1], &e1);     /* k*LN2_HI exact */
    double s = sgxm_fast_two_sum(w, r, &e2);
    s = sgxm_fast_two_sum(s, h2, &e3);
    double l = (e1 + e2 + e3) + ((kd * SGXM_LN2_LO + t[2]) + (l2 + (r * r2) * p));
    return sgxm_fast_two_sum(s, l, lo);
}

/**
 * sign * e^(y ln ax) for finite ax > 0 and finite y, |y| <= 2^66: y ln ax as a
 * double-double (exact partial products), then the table-driven exp kernel on it.
 */
static inline double sgxm_pow_core(double ax, double y, double sign, int normal) {
    double ll;
    double lh = sgxm_pow_log(ax, &ll, normal);
    /* y (lh + ll) with lh cut to 26 bits and y split into 27 + 26 bits by masking:
       both partial products of the large part are exact (no Veltkamp splits). */
    double lc = sgxm_from_bits(sgxm_bits(lh) & ~((1ULL << 27) - 1));
    ll += lh - lc;                                  /* exact; |ll| <= 2^-25 |lc| */
    double yh = sgxm_from_bits(sgxm_bits(y) & ~((1ULL << 26) - 1));
    double yl = y - yh;                             /* exact */
    double tl;
    double th = sgxm_fast_two_sum(yh * lc, yl * lc, &tl);
    tl += y * ll;
    /* th + tl is not renormalised: |tl| <= 2^-15.5 (|y ll| <= 2^-25 |y lc| <= 2^-25 746),
       which only widens the exp kernel's |r| from ln2/256 to below 0.00273 < 0.0028. */
    if (th > 710.0) return sign * __builtin_inf();
    if (th < -746.0) return sign * 0.0;
    int k;
    double lo;
    double hi = sgxm_exp_fast_dd(th, tl, &k, &lo);
    if (k >= -1021 && k <= 1020) return sign * ((hi + lo) * sgxm_pow2(k));
    double e;
    double h = sgxm_fast_two_sum(hi, lo, &e);
    return sign * sgxm_scale_dd(h, e, k);
}

/** 0 if y is not an integer, 1 if odd, 2 if even (y finite). */
static int sgxm_pow_yclass(double y) {
    double ay = sgxm_abs(y);
    if (ay >= 0x1p53) return 2;
    if (SGX_MATH_FN(trunc)(ay) != ay) return 0;
    return SGX_MATH_FN(trunc)(0.5 * ay) * 2.0 == ay ? 2 : 1;
}

double SGX_MATH_FN(pow)(double x, double y) {
    uint64_t ux = sgxm_bits(x), uy = sgxm_bits(y) & ~(1ULL << 63);
    /* fast path: x positive, normal, finite; 0 < |y| <= 2^66 (pow(1, y) = 1 exactly there) */
    if (ux - 0x0010000000000000ULL < 0x7ff0000000000000ULL - 0x0010000000000000ULL &&
        uy - 1 < 0x4410000000000000ULL)
        return sgxm_pow_core(x, y, 1.0, 1);
    if (y == 0) return 1.0;
    if (x == 1.0) return 1.0;
    if (x != x || y != y) return x + y;
    double ax = sgxm_abs(x), ay = sgxm_abs(y);
    const double inf = __builtin_inf();
    if (ay == inf) {
        if (ax == 1.0) return 1.0;                    /* pow(-1, ±inf) */
        return ((ax > 1.0) == (y > 0)) ? inf : 0.0;
    }
    int yc = sgxm_pow_yclass(y);
    if (ax == 0) {
        if (y < 0) return yc == 1 ? sgxm_copysign_inline(inf, x) : inf;
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
    return sgxm_pow_core(ax, y, sign, 0);
}
