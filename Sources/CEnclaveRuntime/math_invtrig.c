/*
 * Enclave libm, inverse trigonometric functions: atan, atan2, asin, acos (double and float).
 *
 * Two table-driven kernels, each taking v >= 0 as v + vl (|vl| <= 2^-52 v) and returning a
 * double-double hi + lo (|lo| <= 2^-6 hi, not renormalised):
 *
 * atan(v), three ranges:
 *   v < 2^-4:        v + v^3 (-1/3 + v^2/5 - ... - v^12/15) + vl (Taylor; first omitted
 *                    term v^17/17 < 2^-68 v);
 *   2^-4 <= v < 2^6: by table (Scripts/math_taylor_tables.py): each binade is cut into 32
 *                    intervals by the top five fraction bits, c is the centre of v's
 *                    interval and h = v - c is exact (same binade, at most 46 bits); the
 *                    row holds atan(c) as hi + lo and the Taylor coefficients a1..a9 of
 *                    atan at c, a1 as a 7-bit a1h plus the rest, so atan v = (atan(c) +
 *                    a1h h) + (a1l h + ... + a9 h^9) + vl a1 with a1h h exact and added
 *                    by a fast two-sum; no division. The omitted terms stay below 2^-62
 *                    of the result (the script checks every row) and the rest is below
 *                    2^-12 of it, so its roundings cost about 2^-64;
 *   v >= 2^6:        pi/2 - atan t, t = 1/v rounded (|t| <= 2^-6: its rounding is below
 *                    2^-59 absolute against pi/2's ulp of 2^-52), atan t = t - t^3/3 + ...
 *                    + t^9/9 (first omitted term below 2^-66), plus vl t^2.
 * asin(v) for v <= 1/2: v < 2^-4 by the Taylor series to v^15 (first omitted term below
 *   2^-70 v), otherwise by the same kind of table (binades 2^-4 .. 2^-2 and the first
 *   interval of [1/2, 1), so that 1/2 itself is covered).
 *
 * atan x rounds the atan kernel once. atan2(y, x) scales |x| into [1, 2) and |y| by the
 * same power of two (exact), forms v as the smaller over the larger of |y|, |x| as a
 * double-double (the remainder from an exact Dekker product), so v <= 1, takes the kernel,
 * subtracts it from pi/2 when |y| > |x| and the result from pi for x < 0 (two-sums). asin x: the asin kernel for |x| < 1/2; otherwise asin x = pi/2 - 2 asin s
 * with s = sqrt((1 - |x|)/2) (1 - |x| and the halving exact, s corrected once from the
 * exact remainder z - s^2, so s + sl is a double-double, s <= 1/2). acos x = pi/2 - asin x
 * for |x| < 1/2, 2 asin s for x >= 1/2 and pi - 2 asin s for x <= -1/2 (s from |x|).
 */
#include "math_private.h"
#include "math_tables.h"
#include "math_taylor_tables.h"

/** f(c + h) + a1 vl for a table row r of math_taylor_tables.h, as hi + *lo. */
static inline double sgxm_taylor_row(const double *r, double h, double vl, double *lo) {
    /* a2 + a3 h + ... + a9 h^7 by Estrin's scheme: in a loop of independent calls the
       kernel is bound by its dependency chain, which Horner's rule makes 7 steps long */
    double h2 = h * h, h4 = h2 * h2;
    double p = ((r[4] + h * r[5]) + h2 * (r[6] + h * r[7]))
             + h4 * ((r[8] + h * r[9]) + h2 * (r[10] + h * r[11]));
    double e;
    double s = sgxm_fast_two_sum(r[0], r[2] * h, &e); /* a1h h exact, below f(c) */
    *lo = e + (r[1] + (h * (r[3] + h * p) + vl * r[2]));
    return s;
}

/** The row of v (>= 2^-4) in a table starting at 2^-4, and h = v - c. */
static inline const double *sgxm_taylor_lookup(const double (*table)[12], double v, double *h) {
    uint64_t u = sgxm_bits(v);
    double c = sgxm_from_bits((u & ~((1ULL << 47) - 1)) | (1ULL << 46));
    *h = v - c;                                       /* exact: same binade */
    return table[(u >> 47) - (0x3fb0000000000000ULL >> 47)];
}

/** atan(v + vl) = hi + *lo for v >= 0 (v may be +inf), |vl| <= 2^-52 v; see above. */
static inline double sgxm_atan_kernel(double v, double vl, double *lo) {
    uint64_t u = sgxm_bits(v);
    if (u < 0x3fb0000000000000ULL) {                  /* v < 2^-4 */
        double z = v * v, z2 = z * z, z4 = z2 * z2;
        double p = ((-1.0 / 3.0 + z * (1.0 / 5.0)) + z2 * (-1.0 / 7.0 + z * (1.0 / 9.0)))
                 + z4 * ((-1.0 / 11.0 + z * (1.0 / 13.0)) + z2 * (-1.0 / 15.0));
        *lo = vl + (v * z) * p;
        return v;
    }
    if (u >= 0x4050000000000000ULL) {                 /* v >= 2^6 */
        double t = 1.0 / v;
        double z = t * t;
        double p = (-1.0 / 3.0 + z * (1.0 / 5.0)) + (z * z) * (-1.0 / 7.0 + z * (1.0 / 9.0));
        *lo = SGXM_PIO2_LO - ((t + (t * z) * p) - vl * z);
        return SGXM_PIO2_HI;
    }
    double h;
    const double *r = sgxm_taylor_lookup(SGXM_ATAN_KTABLE, v, &h);
    return sgxm_taylor_row(r, h, vl, lo);
}

/** asin(v + vl) = hi + *lo for 0 <= v <= 1/2, |vl| <= 2^-52 v; see above. */
static inline double sgxm_asin_kernel(double v, double vl, double *lo) {
    if (sgxm_bits(v) < 0x3fb0000000000000ULL) {       /* v < 2^-4 */
        double z = v * v, z2 = z * z, z4 = z2 * z2;
        double p = ((1.0 / 6.0 + z * (3.0 / 40.0)) + z2 * (5.0 / 112.0 + z * (35.0 / 1152.0)))
                 + z4 * ((63.0 / 2816.0 + z * (231.0 / 13312.0)) + z2 * (143.0 / 10240.0));
        *lo = vl + (v * z) * p;
        return v;
    }
    double h;
    const double *r = sgxm_taylor_lookup(SGXM_ASIN_KTABLE, v, &h);
    return sgxm_taylor_row(r, h, vl, lo);
}

/** s + *lo = sqrt((1 - a)/2) for 1/2 <= a <= 1 (1 - a exact, Sterbenz). The correction
    (z - s^2)/(2s) is formed as (z - s^2) s (1/(2z)): the division by z runs beside the
    square root instead of after it. */
static inline double sgxm_half_versine_root(double a, double *lo) {
    double z = (1.0 - a) * 0.5;
    if (z == 0) { *lo = 0; return 0; }
    double q = 0.5 / z;
    double s = sgxm_sqrt_inline(z);
    double se;
    double s2 = sgxm_two_prod(s, s, &se);
    *lo = (((z - s2) - se) * s) * q;                  /* z - s2 exact */
    return s;
}

double SGX_MATH_FN(atan)(double x) {
    double ax = sgxm_abs(x);
    if (x != x) return x + x;
    if (ax < 0x1p-27) return x;                       /* x - x^3/3 rounds to x */
    double l;
    double h = sgxm_atan_kernel(ax, 0.0, &l);
    double r = h + l;
    return sgxm_flip_sign(r, x);
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
    double ax = sgxm_abs(x), ay = sgxm_abs(y);
    int xneg = (int)(sgxm_bits(x) >> 63);
    double h, l;
    if (y == 0) return xneg ? sgxm_copysign_inline(SGXM_PI_HI, y) : y;
    if (x == 0) return sgxm_copysign_inline(SGXM_PIO2_HI, y);
    if (ax == inf) {
        if (ay == inf) return sgxm_copysign_inline(xneg ? SGXM_3PIO4_HI : SGXM_PIO4_HI, y);
        return xneg ? sgxm_copysign_inline(SGXM_PI_HI, y) : sgxm_copysign_inline(0.0, y);
    }
    if (ay == inf) return sgxm_copysign_inline(SGXM_PIO2_HI, y);
    int ex = sgxm_ilogb(ax), ey = sgxm_ilogb(ay);
    if (ey - ex > 60) {                               /* pi/2 -+ |x/y| rounds to pi/2 */
        h = SGXM_PIO2_HI; l = SGXM_PIO2_LO;
    } else if (ex - ey > 60) {
        if (!xneg) return sgxm_copysign_inline(ay / ax, y); /* atan v = v (1 - v^2/3) */
        h = SGXM_PI_HI; l = SGXM_PI_LO;               /* pi - v rounds to pi */
    } else {
        if (ex < -400 || ex > 400 || ey < -400 || ey > 400) {
            /* exact scaling, so that the Dekker product below neither overflows nor
               underflows: |x| into [1, 2), |y| then in [2^-61, 2^62) */
            ax = SGX_MATH_FN(scalbn)(ax, -ex);
            ay = SGX_MATH_FN(scalbn)(ay, -ex);
        }
        /* v = the smaller over the larger magnitude, a double-double; pi/2 - ... if swapped */
        int swap = ay > ax;
        double n = swap ? ax : ay, d = swap ? ay : ax;
        double pe;
        double vh = n / d, inv = 1.0 / d;             /* the two divisions overlap */
        double p = sgxm_two_prod(vh, d, &pe);
        double vl = ((n - p) - pe) * inv;             /* n - p exact (Sterbenz) */
        h = sgxm_atan_kernel(vh, vl, &l);
        if (swap) {
            double e;
            double s = sgxm_two_sum(SGXM_PIO2_HI, -h, &e);
            l = e + (SGXM_PIO2_LO - l);
            h = s;
        }
        if (xneg) {
            double e;
            double s = sgxm_two_sum(SGXM_PI_HI, -h, &e);
            l = e + (SGXM_PI_LO - l);
            h = s;
        }
    }
    double r = h + l;
    return sgxm_flip_sign(r, y);
}

double SGX_MATH_FN(asin)(double x) {
    double ax = sgxm_abs(x);
    if (x != x) return x + x;
    if (ax > 1.0) return (x - x) / (x - x);           /* NaN, also for ±inf */
    if (ax < 0x1p-26) return x;                       /* x + x^3/6 rounds to x */
    double h, l;
    if (ax < 0.5) {
        h = sgxm_asin_kernel(ax, 0.0, &l);
    } else {
        double sl;
        double s = sgxm_half_versine_root(ax, &sl);
        double al;
        double a = sgxm_asin_kernel(s, sl, &al);
        double e;
        h = sgxm_fast_two_sum(SGXM_PIO2_HI, -2.0 * a, &e); /* 2a <= pi/3 */
        l = e + (SGXM_PIO2_LO - 2.0 * al);
    }
    double r = h + l;
    return sgxm_flip_sign(r, x);
}

double SGX_MATH_FN(acos)(double x) {
    double ax = sgxm_abs(x);
    if (x != x) return x + x;
    if (ax > 1.0) return (x - x) / (x - x);           /* NaN */
    if (ax < 0x1p-27) return SGXM_PIO2_HI + (SGXM_PIO2_LO - x);
    double h, l, e;
    if (ax < 0.5) {                                   /* pi/2 - asin x */
        double al;
        double a = sgxm_asin_kernel(ax, 0.0, &al);
        if (x < 0) { a = -a; al = -al; }
        h = sgxm_fast_two_sum(SGXM_PIO2_HI, -a, &e);  /* |a| <= pi/6 */
        l = e + (SGXM_PIO2_LO - al);
    } else {
        double sl, al;
        double s = sgxm_half_versine_root(ax, &sl);
        double a = sgxm_asin_kernel(s, sl, &al);
        if (x > 0) return 2.0 * a + 2.0 * al;         /* 2 asin s */
        h = sgxm_fast_two_sum(SGXM_PI_HI, -2.0 * a, &e); /* pi - 2 asin s */
        l = e + (SGXM_PI_LO - 2.0 * al);
    }
    return h + l;
}

/* Float: evaluate in double and round once. */
/*
 * atanf, atan2f: the atan kernel in double with the table rows cut after a5 (omitted terms
 * below 2^-38 of the result, Estrin's scheme), the Taylor series to v^13 below 2^-4 and
 * pi/2 - (t - t^3/3 + t^5/5), t = 1/v, above 2^6; relative error below about 2^-38, rounded
 * once to float. atan2f divides the smaller magnitude by the larger in double (exact
 * enough: 2^-53) and adjusts by octant; zeros, infinities and NaN go to the double atan2.
 */
static inline double sgxm_atanf_kernel(double v) {    /* v >= 0 finite */
    uint64_t u = sgxm_bits(v);
    if (u < 0x3fb0000000000000ULL) {                  /* v < 2^-4 */
        double z = v * v, z2 = z * z;
        double p = ((-1.0 / 3.0 + z * (1.0 / 5.0)) + z2 * (-1.0 / 7.0 + z * (1.0 / 9.0)))
                 + (z2 * z2) * (-1.0 / 11.0 + z * (1.0 / 13.0));
        return v + (v * z) * p;
    }
    if (u >= 0x4050000000000000ULL) {                 /* v >= 2^6 */
        double t = 1.0 / v, z = t * t;
        return SGXM_PIO2_HI - (t + (t * z) * (-1.0 / 3.0 + z * (1.0 / 5.0)));
    }
    double h;
    const double *r = sgxm_taylor_lookup(SGXM_ATAN_KTABLE, v, &h);
    double h2 = h * h;
    double q = ((r[2] + r[3]) + h * r[4]) + h2 * ((r[5] + h * r[6]) + h2 * r[7]);
    return r[0] + h * q;
}

float SGX_MATH_FN(atanf)(float x) {
    if (x != x) return x + x;
    double a = sgxm_atanf_kernel(sgxm_abs(sgxm_f2d(x)));
    return sgxm_d2f(sgxm_from_bits(sgxm_bits(a) | ((uint64_t)(sgxm_bitsf(x) >> 31) << 63)));
}

float SGX_MATH_FN(atan2f)(float y, float x) {
    uint32_t ux = sgxm_bitsf(x) & 0x7fffffffu, uy = sgxm_bitsf(y) & 0x7fffffffu;
    if (ux - 1u >= 0x7f7fffffu || uy - 1u >= 0x7f7fffffu)   /* zero, inf or NaN */
        return sgxm_d2f(SGX_MATH_FN(atan2)(sgxm_f2d(y), sgxm_f2d(x)));
    double ax = sgxm_abs(sgxm_f2d(x)), ay = sgxm_abs(sgxm_f2d(y));
    double a = sgxm_atanf_kernel(ay > ax ? ax / ay : ay / ax);
    if (ay > ax) a = SGXM_PIO2_HI - a;
    if (sgxm_bitsf(x) >> 31) a = SGXM_PI_HI - a;
    return sgxm_d2f(sgxm_from_bits(sgxm_bits(a) | ((uint64_t)(sgxm_bitsf(y) >> 31) << 63)));
}

/*
 * asinf, acosf: the asin kernel in double with the table rows' Taylor series cut after a5
 * (omitted terms below 2^-42 of the result over each interval, Estrin's scheme), the
 * Taylor series to v^9 below 2^-4 (omitted term below 2^-40 v), sqrt((1 - |x|)/2) in
 * plain double for |x| >= 1/2; relative error below about 2^-40, rounded once to float.
 */
static inline double sgxm_asinf_kernel(double v) {    /* 0 <= v <= 1/2 */
    if (sgxm_bits(v) < 0x3fb0000000000000ULL) {
        double z = v * v;
        return v + (v * z) * ((1.0 / 6.0 + z * (3.0 / 40.0)) + (z * z) * (5.0 / 112.0 + z * (35.0 / 1152.0)));
    }
    double h;
    const double *r = sgxm_taylor_lookup(SGXM_ASIN_KTABLE, v, &h);
    double h2 = h * h;
    double q = ((r[2] + r[3]) + h * r[4]) + h2 * ((r[5] + h * r[6]) + h2 * r[7]);
    return r[0] + h * q;
}

/* asinf, acosf branch on |x| < 1/2 like the double functions: computing both paths and
   picking with bit masks measured slower (1.6x glibc against 1.3x), the square root's
   latency outweighing a mispredicted branch. */
float SGX_MATH_FN(asinf)(float x) {
    double ax = sgxm_abs(sgxm_f2d(x));
    double a;
    if (ax < 0.5) a = sgxm_asinf_kernel(ax);
    else if (ax <= 1.0) a = SGXM_PIO2_HI - 2.0 * sgxm_asinf_kernel(sgxm_sqrt_inline((1.0 - ax) * 0.5));
    else return (x - x) / (x - x);                    /* NaN, also for ±inf and NaN */
    return sgxm_d2f(sgxm_negate_if(a, sgxm_bitsf(x) >> 31));   /* -0 stays -0 */
}

float SGX_MATH_FN(acosf)(float x) {
    double xd = sgxm_f2d(x), ax = sgxm_abs(xd);
    if (ax < 0.5) return sgxm_d2f(SGXM_PIO2_HI - sgxm_asinf_kernel(ax) * (xd < 0 ? -1.0 : 1.0));
    if (!(ax <= 1.0)) return (x - x) / (x - x);       /* NaN */
    double a = 2.0 * sgxm_asinf_kernel(sgxm_sqrt_inline((1.0 - ax) * 0.5));
    return sgxm_d2f(xd > 0 ? a : SGXM_PI_HI - a);
}
