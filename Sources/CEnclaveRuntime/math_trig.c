/*
 * Enclave libm, trigonometric functions: sin, cos, tan (double and float).
 *
 * Reduction of |x| >= 0.785 to x = j*pi/2 + r, |r| <= pi/4 (1 + 2^-30), r = rh + rl:
 * - |x| < 2^20 (Cody-Waite): n = nearest(x 2/pi) < 2^20, pi/2 = CW1 + CW2 + CW3 with
 *   33-bit CW1, CW2 (math_fast_tables.h), so n CW1 and n CW2 are exact; x - n CW1 is
 *   exact (Sterbenz: n CW1 is within a factor 2 of x), its difference with n CW2 is an
 *   exact two-sum, and n CW3 (|n CW3| < 2^-48) adds one rounding. The pieces leave
 *   pi/2 off by less than 2^-118, so the absolute error of r is below 2^-96; when
 *   |r| < 2^-28 (x very close to a multiple of pi/2) that is not enough relative
 *   accuracy and the exact path below is taken instead.
 * - otherwise (Payne-Hanek, exact for every double): with x = m * 2^E (m the 53-bit
 *   integer significand), x * 2/pi mod 4 only depends on the bits of 2/pi from about
 *   2^(-E) on, so m is multiplied by a 256-bit window of them (SGXM_TWO_OVER_PI, 1216
 *   bits derived by Scripts/math_constants.py) with four 64 x 64 -> 128-bit products. The
 *   bits of weight >= 4 are dropped, the two bits above the binary point give the
 *   quadrant and the fraction (rounded to [-1/2, 1/2], 190 bits, its truncation error
 *   below 2^-138) becomes a 106-bit double-double that is multiplied by pi/2
 *   (double-double). The closest a double comes to a multiple of pi/2 is about 2^-61, so
 *   r keeps at least 75 correct bits.
 *
 * sin and cos kernels on r = rh + rl (a = |rh|, rl with rh's sign folded in):
 * - a < 0.246: Taylor polynomials, sin a = a + (rl + a^3 (-1/6 + ... + a^10/13!)) and
 *   cos a = (1 - a^2/2) + (a^4 (1/24 - ... + a^8/12!) - a rl) with 1 - a^2/2 as an exact
 *   fast two-sum (the rounding of a^2 costs below 2^-59 absolute);
 * - 0.246 <= a <= 0.79: a = i/128 + u, i = nearest(128 a) >= 32, u exact, |u| <= 1/256;
 *   sin(i/128) and cos(i/128) as hi + lo from SGXM_SINCOS_TABLE and
 *   S = sin(u + rl) = u + (rl + u^3 (-1/6 + u^2/120)),
 *   C = cos(u + rl) - 1 = u^2 (-1/2 + u^2 (1/24 - u^2/720)) - u rl:
 *   sin a = s_hi + (s_lo + c S + s_hi C), cos a = c_hi + (c_lo + c_hi C - s S). The
 *   added part is below 2^-7.9 of the result, so its rounding errors cost a few
 *   hundredths of an ulp beyond the final rounding.
 * tan: the addition formula on a = i/128 + u with tan(i/128) from SGXM_TAN_TABLE as
 *   N/D (see sgxm_tan_parts), -D/N in odd quadrants, one double-double quotient.
 */
#include "math_private.h"
#include "math_tables.h"
#include "math_fast_tables.h"

static inline uint64_t sgxm_trig_chunk(int i) { return i < 0 ? 0 : SGXM_TWO_OVER_PI[i]; }

/**
 * |x| = j*pi/2 + (rh + rl) (mod 2pi), |rh + rl| <= pi/4 (1 + 2^-60); x finite, nonzero.
 * Returns j mod 4.
 */
__attribute__((noinline)) static int sgxm_trig_reduce(double x, double *rh, double *rl) {
    uint64_t u = sgxm_bits(x) & ~(1ULL << 63);
    int be = (int)(u >> 52);
    uint64_t m = u & ((1ULL << 52) - 1);
    int E;
    if (be == 0) E = -1074;
    else { m |= 1ULL << 52; E = be - 1075; }
    /* First chunk i0 = i1 - 1 with i1 = ceil((E - 1)/64): its products' last bit has
       weight 2^w0, w0 = E - 64 i1 in [-62, 1]; earlier chunks only add multiples of 4. */
    int q = E - 1;
    int i1 = q >= 0 ? (q + 63) / 64 : -((-q) / 64);
    int w0 = E - 64 * i1;
    unsigned __int128 p0 = (unsigned __int128)m * sgxm_trig_chunk(i1 - 1);
    unsigned __int128 p1 = (unsigned __int128)m * sgxm_trig_chunk(i1);
    unsigned __int128 p2 = (unsigned __int128)m * sgxm_trig_chunk(i1 + 1);
    unsigned __int128 p3 = (unsigned __int128)m * sgxm_trig_chunk(i1 + 2);
    /* Sum as limbs a1 (last bit 2^w0), a2, a3, a4 (last bit 2^(w0 - 192)). */
    uint64_t a4 = (uint64_t)p3;
    unsigned __int128 t = (p3 >> 64) + (uint64_t)p2;
    uint64_t a3 = (uint64_t)t;
    t = (t >> 64) + (p2 >> 64) + (uint64_t)p1;
    uint64_t a2 = (uint64_t)t;
    t = (t >> 64) + (p1 >> 64) + (uint64_t)p0;
    uint64_t a1 = (uint64_t)t;
    /* Shift so that bit 63 of t0 has weight 2^1 (bits above are multiples of 4). */
    int s = w0 + 62; /* 0..63 */
    uint64_t t0 = a1, t1 = a2, t2 = a3;
    if (s) {
        t0 = (a1 << s) | (a2 >> (64 - s));
        t1 = (a2 << s) | (a3 >> (64 - s));
        t2 = (a3 << s) | (a4 >> (64 - s));
    }
    int j = (int)(t0 >> 62);
    uint64_t f0 = t0 & ((1ULL << 62) - 1); /* fraction: f0 bit 61 = 2^-1, t2 bit 0 = 2^-190 */
    int negative = 0;
    if (f0 >> 61) { /* fraction >= 1/2: next quadrant, r = fraction - 1 */
        j = (j + 1) & 3;
        negative = 1;
        /* 2^190 - (f0:t1:t2) in 190 bits */
        t2 = ~t2; t1 = ~t1; f0 = (~f0) & ((1ULL << 62) - 1);
        if (++t2 == 0 && ++t1 == 0) f0++;
    }
    /* Normalise to a 128-bit nh:nl with its top bit set; value = nh:nl * 2^sc. */
    uint64_t nh, nl;
    int sc;
    if (f0) {
        int lz = __builtin_clzll(f0); /* >= 2 */
        nh = (f0 << lz) | (t1 >> (64 - lz));
        nl = (t1 << lz) | (t2 >> (64 - lz));
        sc = 64 - lz - 190;
    } else if (t1) {
        int lz = __builtin_clzll(t1);
        nh = lz ? (t1 << lz) | (t2 >> (64 - lz)) : t1;
        nl = t2 << lz;
        sc = -lz - 190;
    } else if (t2) {
        int lz = __builtin_clzll(t2);
        nh = t2 << lz;
        nl = 0;
        sc = -lz - 64 - 190;
    } else {
        *rh = 0.0; *rl = 0.0; /* not reached for doubles */
        return j;
    }
    /* 106 bits as a double-double (truncation below 2^-105 relative). */
    double fh = (double)(int64_t)(nh >> 11) * sgxm_pow2(sc + 75);
    double fl = (double)(int64_t)(((nh & 0x7ff) << 42) | (nl >> 22)) * sgxm_pow2(sc + 22);
    double l;
    double h = sgxm_dd_mul(fh, fl, SGXM_PIO2_HI, SGXM_PIO2_LO, &l);
    if (negative) { h = -h; l = -l; }
    *rh = h;
    *rl = l;
    return j;
}

/**
 * Cody-Waite reduction for 0.785 <= ax < 2^20: ax = n pi/2 + (rh + rl), returns n mod 4,
 * or -1 when ax is within about 2^-14 of a multiple of pi/2 (then the caller takes the
 * exact reduction). rh + rl is not normalised: |rl| <= 2^-53 |rh| + 2^-48, |rh| >= 2^-16.
 */
static inline int sgxm_trig_reduce_cw(double ax, double *rh, double *rl) {
    double t = ax * SGXM_TWO_OVER_PI_D + 0x1.8p52;
    double nd = t - 0x1.8p52;                      /* nearest integer n to ax 2/pi */
    double a = ax - nd * SGXM_PIO2_CW1;            /* exact */
    if (sgxm_abs(a) < 0x1p-14) return -1;
    /* |n CW2| < 2^-14.5 <= |a|: the fast two-sum is exact; n CW2 is exact */
    double w = nd * SGXM_PIO2_CW2;
    double h = a - w;
    *rh = h;
    *rl = ((a - h) - w) - nd * SGXM_PIO2_CW3;
    return (int)(sgxm_bits(t) & 3);                /* n mod 4 (t = 1.5 2^52 + n) */
}

/** sin(rh + rl) for |rh| <= 0.79, |rl| <= 2^-30 |rh|. */
static inline double sgxm_sin_fast(double rh, double rl) {
    double a = sgxm_abs(rh);
    double al = sgxm_flip_sign(rl, rh);
    double r;
    if (a < 0x1.f8p-3) {                           /* 0.24609375 = 31.5/128 */
        double z = a * a;
        double p = -1.0 / 39916800.0 + z * (1.0 / 6227020800.0);
        p = 1.0 / 362880.0 + z * p;
        p = -1.0 / 5040.0 + z * p;
        p = 1.0 / 120.0 + z * p;
        p = -1.0 / 6.0 + z * p;
        r = a + ((al - al * (0.5 * z)) + (a * z) * p);
    } else {
        double t = a + 0x1.8p45;                   /* rounds a to a multiple of 1/128 */
        const double *tb = SGXM_SINCOS_TABLE[sgxm_bits(t) & 127];
        double u = a - (t - 0x1.8p45);             /* exact */
        double u2 = u * u;
        double S = u + (al + (u * u2) * (-1.0 / 6.0 + u2 * (1.0 / 120.0)));
        double C = u2 * (-0.5 + u2 * (1.0 / 24.0 - u2 * (1.0 / 720.0))) - u * al;
        r = tb[0] + ((tb[1] + (tb[2] + tb[3]) * S) + tb[0] * C);
    }
    return sgxm_flip_sign(r, rh);
}

/** cos(rh + rl) for |rh| <= 0.79, |rl| <= 2^-30 |rh|. */
static inline double sgxm_cos_fast(double rh, double rl) {
    double a = sgxm_abs(rh);
    double al = sgxm_flip_sign(rl, rh);
    if (a < 0x1.f8p-3) {
        double z = a * a;
        double hz = 0.5 * z;
        double h = 1.0 - hz;
        double e = (1.0 - h) - hz;                 /* exact */
        double p = -1.0 / 3628800.0 + z * (1.0 / 479001600.0);
        p = 1.0 / 40320.0 + z * p;
        p = -1.0 / 720.0 + z * p;
        p = 1.0 / 24.0 + z * p;
        return h + (e + ((z * z) * p - a * al));
    }
    double t = a + 0x1.8p45;
    const double *tb = SGXM_SINCOS_TABLE[sgxm_bits(t) & 127];
    double u = a - (t - 0x1.8p45);
    double u2 = u * u;
    double S = u + (al + (u * u2) * (-1.0 / 6.0 + u2 * (1.0 / 120.0)));
    double C = u2 * (-0.5 + u2 * (1.0 / 24.0 - u2 * (1.0 / 720.0))) - u * al;
    return tb[2] + ((tb[3] + tb[2] * C) - (tb[0] + tb[1]) * S);
}

/** Quadrant and reduced argument of |x| (x finite), |rl| <= 2^-52 |rh| (tan). */
static inline int sgxm_trig_arg(double ax, double *rh, double *rl) {
    if (ax < 0.785) { *rh = ax; *rl = 0.0; return 0; }
    if (ax < 0x1p20) {
        double h, l;
        int j = sgxm_trig_reduce_cw(ax, &h, &l);
        if (j >= 0) { *rh = sgxm_fast_two_sum(h, l, rl); return j; }
    }
    return sgxm_trig_reduce(ax, rh, rl);
}

double SGX_MATH_FN(sin)(double x) {
    double ax = sgxm_abs(x);
    if (!(ax < __builtin_inf())) return x - x;     /* NaN for inf and NaN */
    if (ax < 0x1p-26) return x;                    /* x - x^3/6 rounds to x; keeps -0 */
    if (ax < 0.785) return sgxm_sin_fast(x, 0.0);
    double rh, rl;
    int j = ax < 0x1p20 ? sgxm_trig_reduce_cw(ax, &rh, &rl) : -1;
    if (j < 0) j = sgxm_trig_reduce(ax, &rh, &rl);
    double r = (j & 1) ? sgxm_cos_fast(rh, rl) : sgxm_sin_fast(rh, rl);
    return sgxm_flip_sign(sgxm_negate_if(r, (unsigned)j >> 1), x);
}

double SGX_MATH_FN(cos)(double x) {
    double ax = sgxm_abs(x);
    if (!(ax < __builtin_inf())) return x - x;
    if (ax < 0x1p-27) return 1.0;                  /* 1 - x^2/2 rounds to 1 */
    if (ax < 0.785) return sgxm_cos_fast(x, 0.0);
    double rh, rl;
    int j = ax < 0x1p20 ? sgxm_trig_reduce_cw(ax, &rh, &rl) : -1;
    if (j < 0) j = sgxm_trig_reduce(ax, &rh, &rl);
    double r = (j & 1) ? sgxm_sin_fast(rh, rl) : sgxm_cos_fast(rh, rl);
    return sgxm_negate_if(r, (unsigned)(j + 1) >> 1);
}

/**
 * tan by the addition formula. For |rh| <= 0.79, |rl| <= 2^-52 |rh|: a = |rh| = c + u,
 * c = i/128 the nearest (1.5 2^45 shift, u exact, |u| <= 1/256), tc = tan c = hi + lo from
 * SGXM_TAN_TABLE, w = u + wl = tan(u + rl) with wl = rl + u^3 (1/3 + 2u^2/15 + 17u^4/315)
 * (first omitted term 62u^9/2835 < 2^-77), and
 *   tan a = N/D,  N = tc + w = (tc_hi + u) + (tc_lo + wl),  D = 1 - tc w;
 * tc_hi + u is an exact fast two-sum (tc >= tan(1/128) > |u|, or tc = 0), so N keeps its
 * relative accuracy down to 0 (N is renormalised: its low part is the divisor's low part
 * in odd quadrants, which the quotient's correction takes to first order); D = 1 - tc w is
 * a fast two-sum (only the product's rounding, below 2^-61, is dropped). In odd quadrants
 * tan x = -D/N. One quotient for both: q = n/d and 1/d start together (their
 * divisions overlap), the remainder n - q d is exact (Dekker product), and
 * n/d = q + (n - q d + n_lo - q d_lo)/d. Sets N = *n + *nl (with rh's sign) and D = *d + *dl.
 */
static inline void sgxm_tan_parts(double rh, double rl, double *n, double *nl, double *d, double *dl) {
    double a = sgxm_abs(rh);
    double al = sgxm_flip_sign(rl, rh);
    double t = a + 0x1.8p45;                       /* rounds a to a multiple of 1/128 */
    const double *tb = SGXM_TAN_TABLE[sgxm_bits(t) & 127];
    double u = a - (t - 0x1.8p45);                 /* exact */
    double u2 = u * u;
    double wl = al + (u * u2) * ((1.0 / 3.0 + u2 * (2.0 / 15.0)) + (u2 * u2) * (17.0 / 315.0));
    double tc = tb[0];
    double e, l;
    double s = sgxm_fast_two_sum(tc, u, &e);
    s = sgxm_fast_two_sum(s, e + (tb[1] + wl), &l);  /* renormalised: |l| <= ulp(s)/2 */
    *n = sgxm_flip_sign(s, rh);
    *nl = sgxm_flip_sign(l, rh);
    *d = sgxm_fast_two_sum(1.0, -(tc * (u + wl)), dl);  /* 1 - tc w, |tc w| < 2^-7.9 */
}

double SGX_MATH_FN(tan)(double x) {
    double ax = sgxm_abs(x);
    if (!(ax < __builtin_inf())) return x - x;
    if (ax < 0x1p-27) return x;                    /* x + x^3/3 rounds to x */
    double rh, rl, n, nl, d, dl;
    int j = sgxm_trig_arg(ax, &rh, &rl);
    sgxm_tan_parts(rh, rl, &n, &nl, &d, &dl);
    /* even quadrants N/D, odd ones -D/N, picked with bit masks (the quadrant's parity is
       unpredictable for random inputs) */
    uint64_t odd = (uint64_t)0 - (uint64_t)(j & 1);
    double num = sgxm_from_bits((sgxm_bits(-d) & odd) | (sgxm_bits(n) & ~odd));
    double numl = sgxm_from_bits((sgxm_bits(-dl) & odd) | (sgxm_bits(nl) & ~odd));
    double den = sgxm_from_bits((sgxm_bits(n) & odd) | (sgxm_bits(d) & ~odd));
    double denl = sgxm_from_bits((sgxm_bits(nl) & odd) | (sgxm_bits(dl) & ~odd));
    double q = num / den, inv = 1.0 / den;
    double pe;
    double p = sgxm_two_prod(q, den, &pe);
    double r = q + ((((num - p) - pe) + numl) - q * denl) * inv;   /* num - p exact */
    return sgxm_flip_sign(r, x);
}
