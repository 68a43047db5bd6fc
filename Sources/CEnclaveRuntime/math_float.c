/*
 * Enclave libm, float kernels: expf, exp2f, logf, log2f, log10f, log1pf, powf, coshf, tanhf,
 * sinf, cosf, tanf.
 *
 * Each evaluates in double with low-degree polynomials on the double kernels' tables
 * (math_fast_tables.h) and rounds once to float. The double result carries a relative
 * error below about 2^-44, so the float result is the correctly rounded one unless the
 * exact value lies within ~2^-20 float ulp of a midpoint between two floats (the accuracy
 * test's bound for these is 0.5001 ulp). The other float functions evaluate their double
 * function and round once (see their files).
 *
 * - expf, exp2f: n = nearest(128 x / ln2) (128 x for exp2f, exact), f = x 128/ln2 - n
 *   (exact, |f| <= 1/2), 2^x = 2^(n >> 7) 2^((n & 127)/128) e^(f ln2/128) with the table's
 *   2^(j/128) (hi) and e^t to degree 4 in f (truncation below 2^-49).
 * - logf, log2f, log10f: the double log reduction (x = 2^k m', m' invc = 1 + r exactly,
 *   |r| < 2^-7) and log1p(r) to degree 6 (first omitted term below 2^-44 r), then
 *   k ln 2 + ln c + log1p(r) (or the log2/log10 columns and constants) in double.
 * - powf: positive normal x and finite nonzero y: l = log2 x = (k + log2 c) + log2(1 + r)
 *   with log2(1 + r) to degree 7 (relative error below 2^-50), z = 128 y l, and 2^(z/128)
 *   like exp2f (|y l| <= 151: beyond it the result overflows or rounds to 0); the absolute
 *   error of y l stays below 2^-43. Everything else (x <= 0, subnormal x, zero or
 *   non-finite y, NaN) goes to the double pow, which handles C Annex F's special cases,
 *   rounded once. The polynomials use Estrin's scheme: these kernels are bound by the
 *   length of their dependency chains, not by their operation count.
 * - log1pf: u = 1 + x in double (exact for |x| >= 2^-24, where the rest matters), the log
 *   reduction of u with r exact for any double and log1p(r) to degree 6; next to 0, r = x.
 * - coshf: (E + 1/E)/2 with E = e^|x| and 1/E = e^-|x| both from expf's kernel (no
 *   cancellation). tanhf: below 2^-5 the Taylor series to x^9; up to 10, 1 - 2/(E + 1) with
 *   E = e^(2|x|) (relative error below 2^-42 for |x| >= 2^-5); beyond, +-1.
 * - sinf, cosf, tanf: |x| < 2^20: x = n pi/2 + r with Cody-Waite's three pieces of pi/2
 *   (the double kernels', n < 2^20: n CW1 and n CW2 exact, x - n CW1 exact), so r has a
 *   relative error near 2^-52; sin r to r^13 and cos r to r^12 (Taylor, omitted terms
 *   below 2^-41 of the result), tan r = sin r / cos r (one division), by quadrant. Larger
 *   |x| (and inf, NaN) go to the double functions (exact Payne-Hanek reduction).
 */
#include "math_private.h"

/* ---- 2^(n/128) e^t ---------------------------------------------------------------- */
/* e^(f ln2/128) = 1 + f E1 + f^2 E2 + f^3 E3 + f^4 E4, Ek = (ln2/128)^k / k! (folded, so
   that f = z - n needs no multiplication first; each constant rounded once) */
#define SGXM_E1 (SGXM_LN2_D_HI * 0x1p-7)
#define SGXM_E2 (SGXM_E1 * SGXM_E1 * 0.5)
#define SGXM_E3 (SGXM_E2 * SGXM_E1 * (1.0 / 3.0))
#define SGXM_E4 (SGXM_E3 * SGXM_E1 * 0.25)

/**
 * 2^(z/128) for a double z with |z| <= 128 * 151: n = nearest(z), f = z - n (exact,
 * |f| <= 1/2), 2^(n/128) as the table's 2^((n & 127)/128) with (n >> 7) added to its
 * exponent field (a normal double for these n), times the polynomial in f (Estrin's
 * scheme: the dependency chain stays short, which is what bounds throughput here).
 */
static inline double sgxm_exp2_128(double z) {
    double nd = (z + 0x1.8p52) - 0x1.8p52;              /* nearest integer */
    double f = z - nd;                                   /* exact */
    int n = (int)nd;
    double scale = sgxm_from_bits(sgxm_bits(SGXM_EXP_TABLE[n & 127][0]) + ((uint64_t)(int64_t)(n >> 7) << 52));
    double f2 = f * f;
    double p = (1.0 + f * SGXM_E1) + f2 * ((SGXM_E2 + f * SGXM_E3) + f2 * SGXM_E4);
    return scale * p;
}

float SGX_MATH_FN(expf)(float x) {
    if (x != x) return x + x;
    if (x > 89.0f) return __builtin_inff();              /* e^89 > FLT_MAX */
    if (x < -104.0f) return 0.0f;                        /* e^-104 < 2^-150 */
    return sgxm_d2f(sgxm_exp2_128(sgxm_f2d(x) * SGXM_128_OVER_LN2));  /* error 2^-46 relative */
}

float SGX_MATH_FN(exp2f)(float x) {
    if (x != x) return x + x;
    if (x >= 128.0f) return __builtin_inff();
    if (x < -151.0f) return 0.0f;
    return sgxm_d2f(sgxm_exp2_128(sgxm_f2d(x) * 128.0));     /* exact */
}

/* ---- logarithms ------------------------------------------------------------------- */
/** 1 and the result in *r if x is not a positive finite float (subnormals are normal doubles). */
static inline int sgxm_logf_special(float x, float *r) {
    uint32_t u = sgxm_bitsf(x);
    if (u - 1u < 0x7f7fffffu) return 0;                  /* 0 < x < inf */
    if (x != x) *r = x + x;
    else if (x == 0) *r = -__builtin_inff();
    else if (x < 0) *r = (x - x) / (x - x);               /* NaN */
    else *r = x;                                          /* +inf */
    return 1;
}

/**
 * The double log reduction for a positive normal or subnormal float x: x = 2^k m',
 * m' invc = 1 + r; m (24 bits) times invc (8 bits) is exact in double, and so is the
 * subtraction of 1 (Sterbenz), so no split is needed.
 */
static inline double sgxm_logf_reduce(float x, int *k, const double **t) {
    uint64_t u = sgxm_bits(sgxm_f2d(x));
    int i = (int)(u >> 45) & 127;
    *k = (int)(u >> 52) - 1023 + (i >= SGXM_LOG_HALVE_FROM);
    *t = SGXM_LOG_TABLE[i];
    double m = sgxm_from_bits((u & ((1ULL << 52) - 1)) | (1023ULL << 52));
    return m * (*t)[0] - 1.0;
}

/** log1p(r) for |r| < 2^-7, degree 6. */
static inline double sgxm_log1p_deg6(double r) {
    double r2 = r * r, r4 = r2 * r2;
    return r + r2 * ((-0.5 + r * (1.0 / 3.0)) + r2 * (-0.25 + r * 0.2) + r4 * (-1.0 / 6.0));
}

float SGX_MATH_FN(logf)(float x) {
    float s;
    if (sgxm_logf_special(x, &s)) return s;
    int k;
    const double *t;
    double r = sgxm_logf_reduce(x, &k, &t);
    return sgxm_d2f((double)k * SGXM_LN2_D_HI + (t[1] + sgxm_log1p_deg6(r)));
}

float SGX_MATH_FN(log2f)(float x) {
    float s;
    if (sgxm_logf_special(x, &s)) return s;
    int k;
    const double *t;
    double r = sgxm_logf_reduce(x, &k, &t);
    return sgxm_d2f((double)k + (t[3] + sgxm_log1p_deg6(r) * SGXM_LOG2E_HI));
}

float SGX_MATH_FN(log10f)(float x) {
    float s;
    if (sgxm_logf_special(x, &s)) return s;
    int k;
    const double *t;
    double r = sgxm_logf_reduce(x, &k, &t);
    return sgxm_d2f((double)k * SGXM_LOG10_2_HI + (t[5] + sgxm_log1p_deg6(r) * SGXM_LOG10E_HI));
}

float SGX_MATH_FN(log1pf)(float x) {
    if (x != x) return x + x;
    if (x == -1.0f) return -__builtin_inff();
    if (x < -1.0f) return (x - x) / (x - x);             /* NaN */
    if (x == __builtin_inff()) return x;
    if (sgxm_abs(sgxm_f2d(x)) < 0x1p-25) return x;         /* x - x^2/2 rounds to x, keeps -0 */
    int k;
    const double *t;
    double r = sgxm_log_reduce_normal(1.0 + sgxm_f2d(x), &k, &t);
    return sgxm_d2f((double)k * SGXM_LN2_D_HI + (t[1] + sgxm_log1p_deg6(r)));
}

/* ---- hyperbolic --------------------------------------------------------------------- */
float SGX_MATH_FN(coshf)(float x) {
    double ax = sgxm_abs(sgxm_f2d(x));
    if (!(ax <= 90.0)) return ax == ax ? __builtin_inff() : x + x;  /* cosh 90 > FLT_MAX */
    double z = ax * SGXM_128_OVER_LN2;
    return sgxm_d2f(0.5 * (sgxm_exp2_128(z) + sgxm_exp2_128(-z)));
}

float SGX_MATH_FN(tanhf)(float x) {
    double ax = sgxm_abs(sgxm_f2d(x)), t;
    if (!(ax < 10.0)) {
        if (ax != ax) return x + x;
        t = 1.0;                                          /* 1 - tanh 10 < 2^-28 */
    } else if (ax < 0x1p-5) {
        double z = ax * ax;
        t = ax + (ax * z) * ((-1.0 / 3.0 + z * (2.0 / 15.0)) + (z * z) * (-17.0 / 315.0 + z * (62.0 / 2835.0)));
    } else {
        t = 1.0 - 2.0 / (sgxm_exp2_128(ax * (2.0 * SGXM_128_OVER_LN2)) + 1.0);
    }
    return sgxm_d2f(sgxm_from_bits(sgxm_bits(t) | ((uint64_t)(sgxm_bitsf(x) >> 31) << 63)));
}

/* ---- power -------------------------------------------------------------------------- */
float SGX_MATH_FN(powf)(float x, float y) {
    uint32_t ux = sgxm_bitsf(x), uy = sgxm_bitsf(y) & 0x7fffffffu;
    if (ux - 0x00800000u >= 0x7f800000u - 0x00800000u || uy - 1u >= 0x7f7fffffu)
        return sgxm_d2f(SGX_MATH_FN(pow)(sgxm_f2d(x), sgxm_f2d(y)));
    int k;
    const double *t;
    double r = sgxm_logf_reduce(x, &k, &t);
    /* log2(1 + r) = r (L - r L/2 + r^2 L/3 - ... + r^6 L/7), L = log2 e folded in */
    const double L = SGXM_LOG2E_HI;
    double r2 = r * r, r4 = r2 * r2;
    double q = ((L + r * (-0.5 * L)) + r2 * (L / 3.0 + r * (-0.25 * L)))
             + r4 * ((0.2 * L + r * (-L / 6.0)) + r2 * (L / 7.0));
    double base = (double)k + t[3];                      /* k + log2 c */
    double z = (sgxm_f2d(y) * 128.0) * (base + r * q);     /* 128 y log2 x */
    if (z >= 128.0 * 128.0) return __builtin_inff();
    if (z < -151.0 * 128.0) return 0.0f;
    return sgxm_d2f(sgxm_exp2_128(z));
}

/* ---- sin, cos, tan ------------------------------------------------------------------ */
/** |x| = n pi/2 + r for |x| < 2^20; returns n mod 4. */
static inline int sgxm_trigf_reduce(double ax, double *r) {
    double t = ax * SGXM_TWO_OVER_PI_D + 0x1.8p52;
    double nd = t - 0x1.8p52;
    *r = ((ax - nd * SGXM_PIO2_CW1) - nd * SGXM_PIO2_CW2) - nd * SGXM_PIO2_CW3;
    return (int)(sgxm_bits(t) & 3);
}
/** sin r and cos r for |r| <= 0.7854 (Estrin's scheme: short dependency chains). */
static inline void sgxm_sincosf_poly(double r, double *sr, double *cr) {
    double z = r * r, z2 = z * z, z4 = z2 * z2;
    double ps = ((-1.0 / 6.0 + z * (1.0 / 120.0)) + z2 * (-1.0 / 5040.0 + z * (1.0 / 362880.0)))
              + z4 * (-1.0 / 39916800.0 + z * (1.0 / 6227020800.0));
    double pc = ((-0.5 + z * (1.0 / 24.0)) + z2 * (-1.0 / 720.0 + z * (1.0 / 40320.0)))
              + z4 * (-1.0 / 3628800.0 + z * (1.0 / 479001600.0));
    *sr = r + (r * z) * ps;
    *cr = 1.0 + z * pc;
}

/** sin r and cos r for |x| = n pi/2 + r, |x| < 2^20; returns n mod 4. */
static inline int sgxm_trigf_kernel(double ax, double *s, double *c) {
    double r;
    int j = sgxm_trigf_reduce(ax, &r);
    sgxm_sincosf_poly(r, s, c);
    return j;
}

/* The quadrant picks sin or cos and a sign without branches (the quadrant of random
   inputs is unpredictable): for sinf the result is s A + c B with A, B in {0, 1, -1} from a
   table indexed by the quadrant, without leaving the vector registers. */
static const double sgxm_quadrant_sin[4][2] = { { 1, 0 }, { 0, 1 }, { -1, 0 }, { 0, -1 } };

float SGX_MATH_FN(sinf)(float x) {
    double xd = sgxm_f2d(x);
    double ax = sgxm_abs(xd);
    if (!(ax < 0x1p20)) return sgxm_d2f(SGX_MATH_FN(sin)(xd));
    if (ax < 0x1p-12) return x;                         /* x - x^3/6 rounds to x; -0 too */
    double s, c;
    int j = sgxm_trigf_kernel(ax, &s, &c);
    /* sin(-a) = sin(a + 2 quadrants): the sign of x moves the table row */
    const double *q = sgxm_quadrant_sin[(j + (int)((sgxm_bitsf(x) >> 31) << 1)) & 3];
    return sgxm_d2f(s * q[0] + c * q[1]);
}

/* cosf picks with bit masks instead: measured faster here than the table (4.6 ns against
   5.4), while the table wins for sinf (5.5 against 6.6). */
static inline double sgxm_pick(int odd, double even_value, double odd_value, uint64_t flip) {
    uint64_t mask = (uint64_t)0 - (uint64_t)(odd & 1);
    return sgxm_from_bits(((sgxm_bits(odd_value) & mask) | (sgxm_bits(even_value) & ~mask)) ^ flip);
}

float SGX_MATH_FN(cosf)(float x) {
    double xd = sgxm_f2d(x);
    double ax = sgxm_abs(xd);
    if (!(ax < 0x1p20)) return sgxm_d2f(SGX_MATH_FN(cos)(xd));
    double s, c;
    int j = sgxm_trigf_kernel(ax, &s, &c);
    uint64_t flip = (uint64_t)(((j + 1) >> 1) & 1) << 63;
    return sgxm_d2f(sgxm_pick(j, c, s, flip));          /* cos, -sin, -cos, sin */
}

float SGX_MATH_FN(tanf)(float x) {
    double ax = sgxm_abs(sgxm_f2d(x));
    if (!(ax < 0x1p20)) return sgxm_d2f(SGX_MATH_FN(tan)(sgxm_f2d(x)));
    double s, c;
    int j = sgxm_trigf_kernel(ax, &s, &c);
    static const double parts[2][4] = { { 1, 0, 0, 1 }, { 0, -1, 1, 0 } };  /* s/c, -c/s */
    const double *q = parts[j & 1];
    double v = (s * q[0] + c * q[1]) / (s * q[2] + c * q[3]);
    return sgxm_d2f(sgxm_negate_if(v, sgxm_bitsf(x) >> 31));         /* -0 stays -0 */
}
