/*
 * Enclave libm, inverse trigonometric functions: atan, atan2, asin, acos (double and float).
 *
 * Kernel: atan(v) for 0 <= v <= 1 given as a double-double v = vh + vl. With c = i/16 the
 * nearest sixteenth, atan v = atan c + atan u, u = (v - c) / (1 + v c), |u| <= 1/32;
 * v - c is exact (Sterbenz), 1 + v c a double-double (Dekker product), u a double-double
 * (division with the remainder from an exact product), atan c a double-double from
 * SGXM_ATAN_TABLE (Scripts/math_constants.py), and
 *   atan u = u + u^3 (-1/3 + u^2/5 - ... - u^12/15)
 * (Taylor series, first omitted term u^17/17 < 2^-80 u). Then
 *   atan x = pi/2 - atan(1/x) for |x| > 1,
 *   atan2(y, x): the ratio of the smaller to the larger magnitude (after an exact scaling
 *     by a power of two), pi/2 - ... when |y| > |x|, pi - ... when x < 0,
 *   asin x = atan(x / sqrt(1 - x^2)) (or pi/2 - atan(sqrt(1 - x^2) / x) for |x| > sqrt(1/2)),
 *   acos x = atan(sqrt(1 - x^2) / x) (or pi/2 - atan(x / sqrt(1 - x^2)), pi - ... for x < 0),
 * with 1 - x^2 exact as a double-double and its square root corrected once, all sums in
 * double-double, rounded once at the end.
 */
#include "math_private.h"
#include "math_tables.h"

/** atan(vh + vl) as a double-double, 0 <= vh <= 1, |vl| <= 2^-52 vh. */
static double sgxm_atan_dd(double vh, double vl, double *lo) {
    int i = (int)(vh * 16.0 + 0.5);
    double uh, ul;
    if (i == 0) {
        uh = vh; ul = vl;
    } else {
        double c = (double)i * 0.0625;
        double nl;
        double nh = sgxm_two_sum(vh - c, vl, &nl);    /* vh - c exact */
        double pe, de;
        double p = sgxm_two_prod(vh, c, &pe);
        double dh = sgxm_fast_two_sum(1.0, p, &de);
        double dl = de + (pe + vl * c);
        uh = nh / dh;
        double qe;
        double q = sgxm_two_prod(uh, dh, &qe);
        ul = ((((nh - q) - qe) + nl) - uh * dl) / dh;  /* nh - q exact */
    }
    double z = uh * uh;
    double p = -1.0 / 15.0;
    p = 1.0 / 13.0 + z * p;
    p = -1.0 / 11.0 + z * p;
    p = 1.0 / 9.0 + z * p;
    p = -1.0 / 7.0 + z * p;
    p = 1.0 / 5.0 + z * p;
    p = -1.0 / 3.0 + z * p;
    double tail = (uh * z) * p;
    double e;
    double h = sgxm_fast_two_sum(SGXM_ATAN_TABLE[i][0], uh, &e); /* atan c >= 1/16 > |u| */
    double l = e + (SGXM_ATAN_TABLE[i][1] + (ul * (1.0 - z) + tail));
    return sgxm_fast_two_sum(h, l, lo);
}

/** (ah + al) - (bh + bl) as a double-double (a the larger). */
static double sgxm_dd_sub(double ah, double al, double bh, double bl, double *lo) {
    double e;
    double h = sgxm_two_sum(ah, -bh, &e);
    return sgxm_fast_two_sum(h, e + (al - bl), lo);
}

/** (nh + nl) / (dh + dl) as a double-double (no overflow or underflow in between). */
static double sgxm_dd_div(double nh, double nl, double dh, double dl, double *lo) {
    double q = nh / dh;
    double e;
    double p = sgxm_two_prod(q, dh, &e);
    *lo = ((((nh - p) - e) + nl) - q * dl) / dh;
    return q;
}

double SGX_MATH_FN(atan)(double x) {
    double ax = SGX_MATH_FN(fabs)(x);
    if (x != x) return x + x;
    if (ax < 0x1p-27) return x;                       /* x - x^3/3 rounds to x */
    double h, l;
    if (ax <= 1.0) {
        h = sgxm_atan_dd(ax, 0.0, &l);
    } else if (ax > 0x1p60) {
        h = SGXM_PIO2_HI; l = SGXM_PIO2_LO;           /* pi/2 - 1/x rounds to pi/2 */
    } else {
        double vl;
        double vh = sgxm_dd_div(1.0, 0.0, ax, 0.0, &vl);
        double al;
        double ah = sgxm_atan_dd(vh, vl, &al);
        h = sgxm_dd_sub(SGXM_PIO2_HI, SGXM_PIO2_LO, ah, al, &l);
    }
    double r = h + l;
    return x < 0 ? -r : r;
}

/** Binary exponent of finite nonzero a (subnormals included). */
static int sgxm_ilogb(double a) {
    uint64_t u = sgxm_bits(a) & ~(1ULL << 63);
    int be = (int)(u >> 52);
    if (be) return be - 1023;
    return -1011 - __builtin_clzll(u);                /* u < 2^52: 2^(63 - clz - 1074) */
}

double SGX_MATH_FN(atan2)(double y, double x) {
    if (x != x || y != y) return x + y;
    const double inf = __builtin_inf();
    double ax = SGX_MATH_FN(fabs)(x), ay = SGX_MATH_FN(fabs)(y);
    int xneg = (int)(sgxm_bits(x) >> 63);
    double h, l;
    if (y == 0) return xneg ? SGX_MATH_FN(copysign)(SGXM_PI_HI, y) : y;
    if (x == 0) return SGX_MATH_FN(copysign)(SGXM_PIO2_HI, y);
    if (ax == inf) {
        if (ay == inf) return SGX_MATH_FN(copysign)(xneg ? SGXM_3PIO4_HI : SGXM_PIO4_HI, y);
        return xneg ? SGX_MATH_FN(copysign)(SGXM_PI_HI, y) : SGX_MATH_FN(copysign)(0.0, y);
    }
    if (ay == inf) return SGX_MATH_FN(copysign)(SGXM_PIO2_HI, y);
    int ex = sgxm_ilogb(ax), ey = sgxm_ilogb(ay);
    if (ey - ex > 60) {                               /* pi/2 -+ |x/y| rounds to pi/2 */
        h = SGXM_PIO2_HI; l = SGXM_PIO2_LO;
    } else if (ex - ey > 60) {
        if (!xneg) return SGX_MATH_FN(copysign)(ay / ax, y); /* atan v = v (1 - v^2/3) */
        h = SGXM_PI_HI; l = SGXM_PI_LO;               /* pi - v rounds to pi */
    } else {
        /* exact scaling: |x| into [1, 2), |y| then in [2^-61, 2^62) */
        ax = SGX_MATH_FN(scalbn)(ax, -ex);
        ay = SGX_MATH_FN(scalbn)(ay, -ex);
        double vh, vl, ah, al;
        if (ay <= ax) {
            vh = sgxm_dd_div(ay, 0.0, ax, 0.0, &vl);
            h = sgxm_atan_dd(vh, vl, &l);
        } else {
            vh = sgxm_dd_div(ax, 0.0, ay, 0.0, &vl);
            ah = sgxm_atan_dd(vh, vl, &al);
            h = sgxm_dd_sub(SGXM_PIO2_HI, SGXM_PIO2_LO, ah, al, &l);
        }
        if (xneg) h = sgxm_dd_sub(SGXM_PI_HI, SGXM_PI_LO, h, l, &l);
    }
    double r = h + l;
    return y < 0 ? -r : r;
}

/** sqrt(1 - a^2) as a double-double, 2^-27 <= a <= 1. */
static double sgxm_sqrt_one_minus_sq(double a, double *lo) {
    double pe, e;
    double p = sgxm_two_prod(a, a, &pe);
    double h = sgxm_two_sum(1.0, -p, &e);
    h = sgxm_fast_two_sum(h, e - pe, &e);             /* 1 - a^2 = h + e */
    if (h <= 0) { *lo = 0.0; return 0.0; }
    double s = SGX_MATH_FN(sqrt)(h);
    double se;
    double s2 = sgxm_two_prod(s, s, &se);
    *lo = (((h - s2) - se) + e) / (2.0 * s);          /* h - s2 exact */
    return s;
}

double SGX_MATH_FN(asin)(double x) {
    double ax = SGX_MATH_FN(fabs)(x);
    if (x != x) return x + x;
    if (ax > 1.0) return (x - x) / (x - x);           /* NaN, also for ±inf */
    if (ax < 0x1p-26) return x;                       /* x + x^3/6 rounds to x */
    double wl;
    double wh = sgxm_sqrt_one_minus_sq(ax, &wl);
    double h, l, vh, vl;
    if (ax <= wh) {
        vh = sgxm_dd_div(ax, 0.0, wh, wl, &vl);
        h = sgxm_atan_dd(vh, vl, &l);
    } else {
        double al;
        vh = sgxm_dd_div(wh, wl, ax, 0.0, &vl);
        double ah = sgxm_atan_dd(vh, vl, &al);
        h = sgxm_dd_sub(SGXM_PIO2_HI, SGXM_PIO2_LO, ah, al, &l);
    }
    double r = h + l;
    return x < 0 ? -r : r;
}

double SGX_MATH_FN(acos)(double x) {
    double ax = SGX_MATH_FN(fabs)(x);
    if (x != x) return x + x;
    if (ax > 1.0) return (x - x) / (x - x);           /* NaN */
    if (ax < 0x1p-27) return SGXM_PIO2_HI + (SGXM_PIO2_LO - x);
    double wl;
    double wh = sgxm_sqrt_one_minus_sq(ax, &wl);
    double h, l, vh, vl;
    if (ax >= wh) {                                   /* acos|x| = atan(w/|x|) <= pi/4 */
        vh = sgxm_dd_div(wh, wl, ax, 0.0, &vl);
        h = sgxm_atan_dd(vh, vl, &l);
    } else {
        double al;
        vh = sgxm_dd_div(ax, 0.0, wh, wl, &vl);
        double ah = sgxm_atan_dd(vh, vl, &al);
        h = sgxm_dd_sub(SGXM_PIO2_HI, SGXM_PIO2_LO, ah, al, &l);
    }
    if (x < 0) h = sgxm_dd_sub(SGXM_PI_HI, SGXM_PI_LO, h, l, &l);
    return h + l;
}

/* Float: evaluate in double and round once. */
float SGX_MATH_FN(atanf)(float x) { return (float)SGX_MATH_FN(atan)(x); }
float SGX_MATH_FN(atan2f)(float y, float x) { return (float)SGX_MATH_FN(atan2)(y, x); }
float SGX_MATH_FN(asinf)(float x) { return (float)SGX_MATH_FN(asin)(x); }
float SGX_MATH_FN(acosf)(float x) { return (float)SGX_MATH_FN(acos)(x); }
