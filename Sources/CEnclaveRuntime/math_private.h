/*
 * Private helpers of the enclave libm (math_*.c): bit access, error-free transformations
 * (double-double arithmetic without FMA) and the constants that Scripts/math_constants.py
 * derives (run it: its output must equal the #defines below).
 *
 * No libc headers: the same files compile freestanding for the enclave and hosted for
 * the accuracy tests (Tests/CEnclaveMathUnderTest, with SGX_MATH_PREFIXED).
 */
#ifndef SGX_MATH_PRIVATE_H
#define SGX_MATH_PRIVATE_H

/* Never fuse a*b+c: results must not depend on the compiler or the CPU. */
#pragma STDC FP_CONTRACT OFF

#include <stdint.h>
#include "include/sgx_math.h"

/* ---- constants (Scripts/math_constants.py) ------------------------------------- */
#define SGXM_LN2_HI 0x1.62e42fefa3800p-1        /* ln 2 to 42 bits: k*LN2_HI exact, |k| < 2^11 */
#define SGXM_LN2_LO 0x1.ef35793c76730p-45       /* ln 2 - LN2_HI */
#define SGXM_INV_LN2 0x1.71547652b82fep+0       /* 1/ln 2 */
#define SGXM_LN2_D_HI 0x1.62e42fefa39efp-1      /* ln 2 as a double-double */
#define SGXM_LN2_D_LO 0x1.abc9e3b39803fp-56
#define SGXM_LOG2E_HI 0x1.71547652b82fep+0      /* log2(e) as a double-double */
#define SGXM_LOG2E_LO 0x1.777d0ffda0d24p-56
#define SGXM_LOG10E_HI 0x1.bcb7b1526e50ep-2     /* log10(e) as a double-double */
#define SGXM_LOG10E_LO 0x1.95355baaafad3p-57
#define SGXM_LOG10_2_HI 0x1.34413509f79ffp-2    /* log10(2) as a double-double */
#define SGXM_LOG10_2_LO (-0x1.9dc1da994fd21p-59)
#define SGXM_SQRT2 0x1.6a09e667f3bcdp+0         /* sqrt 2 */
#define SGXM_EXP_OVERFLOW 0x1.62e42fefa39efp+9  /* 1024 ln 2: above, e^x = inf */
#define SGXM_EXP_UNDERFLOW (-0x1.74910d52d3052p+9) /* 1075 ln 2: below, e^x rounds to 0 */

/* ---- bits ----------------------------------------------------------------------- */
static inline uint64_t sgxm_bits(double x) {
    union { double d; uint64_t u; } v = { .d = x };
    return v.u;
}
static inline double sgxm_from_bits(uint64_t u) {
    union { uint64_t u; double d; } v = { .u = u };
    return v.d;
}
static inline uint32_t sgxm_bitsf(float x) {
    union { float f; uint32_t u; } v = { .f = x };
    return v.u;
}
static inline float sgxm_from_bitsf(uint32_t u) {
    union { uint32_t u; float f; } v = { .u = u };
    return v.f;
}
/** |x| by clearing the sign bit (inline; fabs itself is an external function). */
static inline double sgxm_abs(double x) {
    return sgxm_from_bits(sgxm_bits(x) & ~(1ULL << 63));
}
/*
 * Conversions and SQRTSD without false dependencies. CVTSS2SD, CVTSD2SS and SQRTSD write
 * only the low lane of their destination and keep the rest, so the CPU makes them wait
 * for the destination register's previous value. At a function's entry that register
 * holds whatever the caller left in it, typically the previous call's result in a loop,
 * which chains otherwise independent calls (measured: tanf 21 ns instead of 6). The
 * compiler zeroes the destination before some of these but not at function entry; these
 * helpers always do (XORPS is free), or write SQRTSD onto its own source.
 */
/** The correctly rounded square root (SQRTSD), inline: sqrt itself lives in math_basic.c,
    another translation unit of the enclave build, so calling it would cost a call. */
static inline double sgxm_sqrt_inline(double x) {
    __asm__("sqrtsd %0, %0" : "+x"(x));
    return x;
}
/** (double)x for a float x (CVTSS2SD into a zeroed register). */
static inline double sgxm_f2d(float x) {
    double d;
    __asm__("xorps %0, %0\n\tcvtss2sd %1, %0" : "=&x"(d) : "x"(x));
    return d;
}
/** (float)x for a double x, rounded to nearest (CVTSD2SS into a zeroed register). */
static inline float sgxm_d2f(double x) {
    float f;
    __asm__("xorps %0, %0\n\tcvtsd2ss %1, %0" : "=&x"(f) : "x"(x));
    return f;
}
/** r with its sign flipped when s's sign bit is set: x < 0 ? -r : r without a branch
    (the sign of random inputs is unpredictable; callers have handled s = -0 already). */
static inline double sgxm_flip_sign(double r, double s) {
    return sgxm_from_bits(sgxm_bits(r) ^ (sgxm_bits(s) & (1ULL << 63)));
}
/** r negated when bit 0 of `flip` is set, without a branch. */
static inline double sgxm_negate_if(double r, unsigned flip) {
    return sgxm_from_bits(sgxm_bits(r) ^ ((uint64_t)(flip & 1) << 63));
}
/** x with the sign of y (inline, as sgxm_abs). */
static inline double sgxm_copysign_inline(double x, double y) {
    return sgxm_from_bits((sgxm_bits(x) & ~(1ULL << 63)) | (sgxm_bits(y) & (1ULL << 63)));
}
/** 2^n for -1022 <= n <= 1023, exactly. */
static inline double sgxm_pow2(int n) {
    return sgxm_from_bits((uint64_t)(n + 1023) << 52);
}

/* ---- error-free transformations ------------------------------------------------ */
/** s + e = a + b exactly (Knuth's two-sum, any order of magnitudes). */
static inline double sgxm_two_sum(double a, double b, double *e) {
    double s = a + b;
    double bb = s - a;
    *e = (a - (s - bb)) + (b - bb);
    return s;
}
/** s + e = a + b exactly, given |a| >= |b| or a == 0 (Dekker's fast two-sum). */
static inline double sgxm_fast_two_sum(double a, double b, double *e) {
    double s = a + b;
    *e = b - (s - a);
    return s;
}
/** Veltkamp split: a = hi + lo with hi holding the top 26 bits (|a| < 2^996). */
static inline void sgxm_split(double a, double *hi, double *lo) {
    double c = 134217729.0 * a; /* 2^27 + 1 */
    *hi = c - (c - a);
    *lo = a - *hi;
}
/** p + e = a * b exactly (Dekker's product, no FMA; no overflow or underflow in between). */
static inline double sgxm_two_prod(double a, double b, double *e) {
    double p = a * b;
    double ah, al, bh, bl;
    sgxm_split(a, &ah, &al);
    sgxm_split(b, &bh, &bl);
    *e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
    return p;
}
/** (h + l) = (ah + al) * (bh + bl), to about 2^-104 relative. */
static inline double sgxm_dd_mul(double ah, double al, double bh, double bl, double *l) {
    double e;
    double p = sgxm_two_prod(ah, bh, &e);
    e += ah * bl + al * bh;
    return sgxm_fast_two_sum(p, e, l);
}

/* ---- table-driven exp kernel (inline: exp, exp2, pow, sinh, cosh, tanh) ----------- */
#include "math_fast_tables.h"

/**
 * e^(r + n ln2/128) = 2^k (hi + lo) for an integer n (|n| < 2^19) and |r| <= 0.0028:
 * hi + lo = 2^(j/128) e^r with j = n mod 128 and k = (n - j)/128; returns hi, the
 * table's 2^(j/128) (in [1, 2)); |lo| < 2^-6 hi. e^r - 1 is the Taylor polynomial
 * r + r^2/2 + r^3/6 + r^4/24 + r^5/120 (truncation r^6/720 < 2^-60.7); the relative
 * error of hi + lo is below 2^-60 (the rounding of hi*p, p <= 0.0028, and of the
 * table's lo), so rounding hi + lo once costs at most ~0.51 ulp.
 */
static inline double sgxm_exp_table_kernel(int n, double r, int *k, double *lo) {
    int j = n & 127;
    *k = (n - j) / 128;                          /* exact: n - j is a multiple of 128 */
    double r2 = r * r;
    double p = r + r2 * (0.5 + r * (1.0 / 6.0)) + (r2 * r2) * (1.0 / 24.0 + r * (1.0 / 120.0));
    double th = SGXM_EXP_TABLE[j][0];
    *lo = SGXM_EXP_TABLE[j][1] + th * p;
    return th;
}

/**
 * e^(xh + xl) = 2^k (hi + lo) (see sgxm_exp_table_kernel) for |xh| <= 746,
 * |xl| <= 2^-15 (|r| stays below 0.00273): n = nearest(xh 128/ln2), r = (xh - n LN2_128_HI) - n LN2_128_LO + xl,
 * where n LN2_128_HI is exact (34-bit constant, |n| < 2^18) and so is the difference
 * (Sterbenz); r carries one rounding (below 2^-61 absolute).
 */
static inline double sgxm_exp_fast_dd(double xh, double xl, int *k, double *lo) {
    double nd = (xh * SGXM_128_OVER_LN2 + 0x1.8p52) - 0x1.8p52; /* nearest integer */
    double r = ((xh - nd * SGXM_LN2_128_HI) - nd * SGXM_LN2_128_LO) + xl;
    return sgxm_exp_table_kernel((int)nd, r, k, lo);
}

/* ---- kernels shared between families ------------------------------------------- */
/**
 * e^(rh + rl) ≈ hi + lo for |rh| <= 0.35 and |rl| <= 2^-30 (math_exp.c), with
 * hi = fl(hi + lo) in [0.7, 1.42].
 */
double sgxm_exp_kernel(double rh, double rl, double *lo);
/** e^r - 1 as a double-double for |r| <= 0.35 (math_exp.c); returns hi. */
double sgxm_expm1_kernel(double r, double *lo);
/** (hi + lo) * 2^k rounded once to double, for hi = fl(hi + lo) in [0.5, 2] (math_exp.c). */
double sgxm_scale_dd(double hi, double lo, int k);

/* ---- table-driven log reduction (inline: log family, pow) ---------------------- */
/**
 * For finite x > 0: x = 2^k m' with m' in [0.707, 1.414), and m' invc = 1 + r exactly,
 * |r| < 2^-7, invc ~ 1/c from the row *t of SGXM_LOG_TABLE, whose columns 1 and 2 hold
 * -ln(invc) = ln c as hi + lo; so ln x = k ln2 + ln c + log1p(r). Returns r.
 * Exactness: column 0 (invc, or invc/2 where m' = m/2) has 8 significant bits in
 * [1/2, 1], so m t[0] - 1 is a multiple of 2^-60 below 2^-7 in magnitude, a double
 * (Scripts/math_fast_tables.py checks the bound). It is formed without rounding as
 * (mh t[0] - 1) + ml t[0]: mh = m with its low 27 bits cleared, ml = m - mh; both
 * products are exact, the subtraction is exact (Sterbenz) and so is the sum, whose
 * value is a double. Next to 1 (first and last interval) invc = 1: r = m' - 1.
 * This one takes positive normal finite x only.
 */
static inline double sgxm_log_reduce_normal(double x, int *k, const double **t) {
    uint64_t u = sgxm_bits(x);
    int i = (int)(u >> 45) & 127;
    *k = (int)(u >> 52) - 1023 + (i >= SGXM_LOG_HALVE_FROM);
    *t = SGXM_LOG_TABLE[i];
    uint64_t mb = (u & ((1ULL << 52) - 1)) | (1023ULL << 52);
    double mh = sgxm_from_bits(mb & ~((1ULL << 27) - 1));
    double ml = sgxm_from_bits(mb) - mh;               /* exact */
    double invc = (*t)[0];
    return (mh * invc - 1.0) + ml * invc;              /* exact, see above */
}
/** The same for any finite x > 0 (subnormal x scaled by 2^54 first). */
static inline double sgxm_log_reduce(double x, int *k, const double **t) {
    if ((sgxm_bits(x) >> 52) == 0) {                   /* subnormal */
        double r = sgxm_log_reduce_normal(x * 0x1p54, k, t);
        *k -= 54;
        return r;
    }
    return sgxm_log_reduce_normal(x, k, t);
}

/** 1 if x is not a positive normal finite double (0, negative, subnormal, inf, NaN). */
static inline int sgxm_log_unusual(double x) {
    return sgxm_bits(x) - 0x0010000000000000ULL >= 0x7ff0000000000000ULL - 0x0010000000000000ULL;
}

#endif /* SGX_MATH_PRIVATE_H */
