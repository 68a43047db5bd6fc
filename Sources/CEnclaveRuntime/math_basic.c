/*
 * Enclave libm, exact operations: sqrt, fabs, copysign, fmin, fmax, floor, ceil, trunc,
 * round, rint, fmod, remainder, scalbn/ldexp, frexp, modf (double and float). Every result here is the
 * exactly rounded one; none of them needs an approximation.
 */
#include "math_private.h"

double SGX_MATH_FN(sqrt)(double x) {
    __asm__("sqrtsd %0, %0" : "+x"(x));              /* onto its source: no false dependency */
    return x;
}

float SGX_MATH_FN(sqrtf)(float x) {
    __asm__("sqrtss %0, %0" : "+x"(x));
    return x;
}

double SGX_MATH_FN(fabs)(double x) { return sgxm_from_bits(sgxm_bits(x) & ~(1ULL << 63)); }
float SGX_MATH_FN(fabsf)(float x) { return sgxm_from_bitsf(sgxm_bitsf(x) & ~(1U << 31)); }

double SGX_MATH_FN(copysign)(double x, double y) {
    return sgxm_from_bits((sgxm_bits(x) & ~(1ULL << 63)) | (sgxm_bits(y) & (1ULL << 63)));
}
float SGX_MATH_FN(copysignf)(float x, float y) {
    return sgxm_from_bitsf((sgxm_bitsf(x) & ~(1U << 31)) | (sgxm_bitsf(y) & (1U << 31)));
}

double SGX_MATH_FN(fmin)(double x, double y) {
    if (x != x) return y;
    if (y != y) return x;
    if (x == y) return (sgxm_bits(x) >> 63) ? x : y; /* prefer -0 */
    return x < y ? x : y;
}
double SGX_MATH_FN(fmax)(double x, double y) {
    if (x != x) return y;
    if (y != y) return x;
    if (x == y) return (sgxm_bits(x) >> 63) ? y : x; /* prefer +0 */
    return x > y ? x : y;
}
float SGX_MATH_FN(fminf)(float x, float y) { return sgxm_d2f(SGX_MATH_FN(fmin)(sgxm_f2d(x), sgxm_f2d(y))); }
float SGX_MATH_FN(fmaxf)(float x, float y) { return sgxm_d2f(SGX_MATH_FN(fmax)(sgxm_f2d(x), sgxm_f2d(y))); }

/*
 * trunc, floor, ceil, round: for |x| < 2^52 the integer part comes from one truncating
 * conversion (CVTTSD2SI, exact: |x| < 2^63) and back, with the sign of x put back so
 * that -0 and negative values that truncate to 0 give -0; floor and ceil then step by
 * one where x was not integral; round truncates x + (1/2 - ulp) with the sign of x.
 * |x| >= 2^52 is integral already and returned as is, as is inf; NaN is quieted (x + x).
 */
static inline double sgxm_trunc_small(double x) {     /* |x| < 2^52 */
    return sgxm_from_bits(sgxm_bits((double)(int64_t)x) | (sgxm_bits(x) & (1ULL << 63)));
}
double SGX_MATH_FN(trunc)(double x) {
    if (!(sgxm_abs(x) < 0x1p52)) return x != x ? x + x : x; /* integral, inf or NaN */
    return sgxm_trunc_small(x);
}
double SGX_MATH_FN(floor)(double x) {
    if (!(sgxm_abs(x) < 0x1p52)) return x != x ? x + x : x;
    double t = sgxm_trunc_small(x);
    return t > x ? t - 1.0 : t;                       /* only for negative non-integers */
}
double SGX_MATH_FN(ceil)(double x) {
    if (!(sgxm_abs(x) < 0x1p52)) return x != x ? x + x : x;
    double t = sgxm_trunc_small(x);
    return t < x ? t + 1.0 : t;                       /* only for positive non-integers */
}
double SGX_MATH_FN(round)(double x) {
    if (!(sgxm_abs(x) < 0x1p52)) return x != x ? x + x : x;
    /* x + (1/2 - 2^-54) with the sign of x, truncated: a fraction of 1/2 or more carries
       into the next integer (1/2 + (1/2 - 2^-54) rounds to 1, ties to even), less does not
       (the sum stays below the next integer); no branch on the fraction. */
    return sgxm_trunc_small(x + sgxm_from_bits(sgxm_bits(0x1.fffffffffffffp-2) | (sgxm_bits(x) & (1ULL << 63))));
}
double SGX_MATH_FN(rint)(double x) {
    double a = SGX_MATH_FN(fabs)(x);
    if (!(a < 0x1p52)) return x != x ? x + x : x; /* integral, inf, or NaN (quieted) */
    /* Adding and removing 2^52 rounds to an integer in the current mode (nearest-even). */
    double t = (a + 0x1p52) - 0x1p52;
    return SGX_MATH_FN(copysign)(t, x);
}
/* Float: |x| < 2^23 through a 32-bit conversion, the same way. */
static inline float sgxm_truncf_small(float x) {      /* |x| < 2^23 */
    return sgxm_from_bitsf(sgxm_bitsf((float)(int32_t)x) | (sgxm_bitsf(x) & 0x80000000u));
}
static inline int sgxm_floatf_big(float x) {          /* |x| >= 2^23, inf or NaN */
    return (sgxm_bitsf(x) & 0x7fffffffu) >= 0x4b000000u;
}
float SGX_MATH_FN(truncf)(float x) {
    if (sgxm_floatf_big(x)) return x != x ? x + x : x;
    return sgxm_truncf_small(x);
}
float SGX_MATH_FN(floorf)(float x) {
    if (sgxm_floatf_big(x)) return x != x ? x + x : x;
    float t = sgxm_truncf_small(x);
    return t > x ? t - 1.0f : t;
}
float SGX_MATH_FN(ceilf)(float x) {
    if (sgxm_floatf_big(x)) return x != x ? x + x : x;
    float t = sgxm_truncf_small(x);
    return t < x ? t + 1.0f : t;
}
float SGX_MATH_FN(roundf)(float x) {
    if (sgxm_floatf_big(x)) return x != x ? x + x : x;
    return sgxm_truncf_small(x + sgxm_from_bitsf(sgxm_bitsf(0x1.fffffep-2f) | (sgxm_bitsf(x) & 0x80000000u)));
}
float SGX_MATH_FN(rintf)(float x) { return sgxm_d2f(SGX_MATH_FN(rint)(sgxm_f2d(x))); }

double SGX_MATH_FN(scalbn)(double x, int n) {
    /* Steps that are exact (or whose result is decided anyway), then one rounding. */
    if (n > 1023) {
        x *= 0x1p1023; n -= 1023;
        if (n > 1023) { x *= 0x1p1023; n -= 1023; if (n > 1023) n = 1023; }
    } else if (n < -1022) {
        /* 2^-1022 * 2^53: keeps the intermediate normal whenever the result can be nonzero. */
        x *= 0x1p-969; n += 969;
        if (n < -1022) { x *= 0x1p-969; n += 969; if (n < -1022) n = -1022; }
    }
    return x * sgxm_pow2(n);
}
double SGX_MATH_FN(ldexp)(double x, int n) { return SGX_MATH_FN(scalbn)(x, n); }

float SGX_MATH_FN(scalbnf)(float x, int n) {
    /* In double, x * 2^n is exact for |n| <= 400 and beyond float's range after that. */
    if (n > 400) n = 400;
    if (n < -400) n = -400;
    return (float)((double)x * sgxm_pow2(n));
}
float SGX_MATH_FN(ldexpf)(float x, int n) { return SGX_MATH_FN(scalbnf)(x, n); }

double SGX_MATH_FN(frexp)(double x, int *e) {
    uint64_t u = sgxm_bits(x);
    int be = (int)((u >> 52) & 0x7ff);
    if (be == 0x7ff || x == 0) { *e = 0; return x + x * 0.0; }
    int bias = 0;
    if (be == 0) { /* subnormal: normalise first */
        x *= 0x1p64; bias = 64;
        u = sgxm_bits(x);
        be = (int)((u >> 52) & 0x7ff);
    }
    *e = be - 1022 - bias;
    return sgxm_from_bits((u & ~(0x7ffULL << 52)) | (1022ULL << 52));
}

float SGX_MATH_FN(frexpf)(float x, int *e) { return (float)SGX_MATH_FN(frexp)(x, e); }

double SGX_MATH_FN(modf)(double x, double *ip) {
    double t = SGX_MATH_FN(trunc)(x);
    *ip = t;
    if (x != x) return x;
    if (t == x) return SGX_MATH_FN(copysign)(0.0, x); /* integral or infinite */
    return x - t;
}

float SGX_MATH_FN(modff)(float x, float *ip) {
    double i;
    double f = SGX_MATH_FN(modf)(x, &i);
    *ip = (float)i;
    return (float)f;
}

/* ---- fmod: binary long division of the significands, exact ------------------------ */

/** |x| as m * 2^q with m normalised to [2^52, 2^53) (x finite, nonzero). */
static uint64_t sgxm_unpack(double x, int *q) {
    uint64_t u = sgxm_bits(x);
    int be = (int)((u >> 52) & 0x7ff);
    uint64_t m = u & ((1ULL << 52) - 1);
    if (be == 0) {
        *q = -1074;
    } else {
        m |= 1ULL << 52;
        *q = be - 1075;
    }
    while (m < (1ULL << 52)) { m <<= 1; (*q)--; }
    return m;
}

double SGX_MATH_FN(fmod)(double x, double y) {
    if (x != x || y != y) return x + y;
    double ax = SGX_MATH_FN(fabs)(x), ay = SGX_MATH_FN(fabs)(y);
    if (ax == __builtin_inf() || y == 0) return (x * y) / (x * y); /* NaN */
    if (ax < ay || ax == 0) return x;
    if (ay == __builtin_inf()) return x;
    int qx, qy;
    uint64_t mx = sgxm_unpack(x, &qx);
    uint64_t my = sgxm_unpack(y, &qy);
    while (qx > qy) {
        if (mx >= my) mx -= my;
        mx <<= 1;
        qx--;
    }
    if (mx >= my) mx -= my;
    /* The remainder mx * 2^qy is representable (it is a multiple of y's last unit and
       below |y|); the conversion and scaling are exact. */
    double r = SGX_MATH_FN(scalbn)((double)mx, qy);
    return SGX_MATH_FN(copysign)(r, x);
}

float SGX_MATH_FN(fmodf)(float x, float y) { return sgxm_d2f(SGX_MATH_FN(fmod)(sgxm_f2d(x), sgxm_f2d(y))); }

/* ---- remainder: x - n*y with n = x/y rounded to nearest, ties to even; exact ------ */
double SGX_MATH_FN(remainder)(double x, double y) {
    if (x != x || y != y) return x + y;
    double ax = SGX_MATH_FN(fabs)(x), ay = SGX_MATH_FN(fabs)(y);
    if (ax == __builtin_inf() || y == 0) return (x * y) / (x * y); /* NaN */
    if (ay == __builtin_inf()) return x;
    /* ax = q*(2ay) + r with 0 <= r < 2ay (r = ax when 2ay would overflow or exceed ax). */
    double r = (ay <= 0x1p1022 && ax >= 2.0 * ay) ? SGX_MATH_FN(fmod)(ax, 2.0 * ay) : ax;
    int odd = 0;
    if (r >= ay) { r -= ay; odd = 1; }          /* exact (Sterbenz); quotient 2q+1 */
    /* Now ax = n*ay + r with 0 <= r < ay and n of parity `odd`: round r/ay. */
    int above, tie;
    if (ay < 0x1p1000) { above = 2.0 * r > ay; tie = 2.0 * r == ay; }
    else { above = r > 0.5 * ay; tie = r == 0.5 * ay; }
    if (above || (tie && odd)) r -= ay;         /* exact: r in [ay/2, ay) */
    return x < 0 ? -r : (r == 0 ? 0.0 * x + r : r);
}

float SGX_MATH_FN(remainderf)(float x, float y) { return sgxm_d2f(SGX_MATH_FN(remainder)(sgxm_f2d(x), sgxm_f2d(y))); }
