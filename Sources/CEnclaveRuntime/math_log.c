/*
 * Enclave libm, logarithms: log, log2, log10, log1p (the float versions: math_float.c).
 *
 * Table-driven (sgxm_log_reduce in math_private.h, SGXM_LOG_TABLE from
 * Scripts/math_fast_tables.py): x = 2^k m', m' in [0.707, 1.414), c the centre of one of
 * 128 intervals (c = 1 next to 1), m'/c = 1 + r computed exactly through an 8-bit
 * 1/c, |r| < 2^-7, and
 *   ln x = k ln2 + ln c + log1p(r),  log1p(r) = r - r^2/2 + ... + r^9/9 (Taylor),
 * with ln c from the table as hi + lo. The large parts (k LN2_HI, ln c, rh) are added
 * with fast two-sums, so the result is hi + lo rounded once with an error of about
 * 2^-60 relative before that rounding. log2 and log10 use the table's log2 c and
 * log10 c and multiply r by log2 e or log10 e split so that the large product is exact.
 */
#include "math_private.h"

/** log1p(r) - r = -r^2/2 + r^3/3 - ... + r^9/9 (Taylor), returned as r^2 * (...). */
static inline double sgxm_log1p_tail(double r) {
    double r2 = r * r;
    double p = (-0.5 + r * (1.0 / 3.0)) + r2 * (-0.25 + r * 0.2)
             + (r2 * r2) * ((-1.0 / 6.0 + r * (1.0 / 7.0)) + r2 * (-0.125 + r * (1.0 / 9.0)));
    return r2 * p;
}

/** Special cases common to the logarithms; returns 1 and sets *r if x is one. */
static int sgxm_log_special(double x, double *r) {
    if (x != x) { *r = x + x; return 1; }
    if (x == 0) { *r = -__builtin_inf(); return 1; }
    if (x < 0) { *r = (x - x) / (x - x); return 1; }              /* NaN */
    if (x == __builtin_inf()) { *r = x; return 1; }
    return 0;
}

/**
 * ln x as a double-double (x finite, > 0): k ln2 + ln c + log1p(r), with
 * k LN2_HI + ln c and the sum with rh as fast two-sums (|k LN2_HI| >= 0.69 > |ln c| unless
 * k = 0; |ln c| > |rh| unless ln c = 0), the rest in lo.
 */
static inline double sgxm_log_dd_any(double x, double *lo, int normal) {
    int k;
    const double *t;
    double r = normal ? sgxm_log_reduce_normal(x, &k, &t) : sgxm_log_reduce(x, &k, &t);
    double kd = (double)k;
    double e1, e2;
    double w = sgxm_fast_two_sum(kd * SGXM_LN2_HI, t[1], &e1); /* k*LN2_HI exact */
    double h = sgxm_fast_two_sum(w, r, &e2);
    *lo = (e1 + e2) + ((kd * SGXM_LN2_LO + t[2]) + sgxm_log1p_tail(r));
    return h;
}
static double sgxm_log_dd(double x, double *lo) { return sgxm_log_dd_any(x, lo, 0); }

double SGX_MATH_FN(log)(double x) {
    double r, lo, hi;
    if (sgxm_log_unusual(x)) {
        if (sgxm_log_special(x, &r)) return r;
        hi = sgxm_log_dd(x, &lo);                      /* subnormal */
        return hi + lo;
    }
    hi = sgxm_log_dd_any(x, &lo, 1);
    return hi + lo;
}

/** r = rh + rl with rh holding r's top 27 bits (rh * a 26-bit constant is exact). */
static inline double sgxm_split27(double r, double *rl) {
    double rh = sgxm_from_bits(sgxm_bits(r) & ~((1ULL << 26) - 1));
    *rl = r - rh;                                      /* exact, at most 26 bits */
    return rh;
}

/*
 * log2 x = k + log2 c + log2 e * log1p(r), with log2 c from the table (hi + lo) and
 * r log2 e = rh L + rl L + r (log2 e - L), L = log2 e to 26 bits, so the large part
 * rh L is exact; k + log2 c and then + rh L are fast two-sums (|k| >= 1 > |log2 c| or
 * k = 0; |log2 c| >= |r log2 e| or log2 c = 0), the rest is added once.
 */
static inline double sgxm_log2_body(double x, int normal) {
    int k;
    const double *t;
    double r = normal ? sgxm_log_reduce_normal(x, &k, &t) : sgxm_log_reduce(x, &k, &t);
    double rl;
    double rh = sgxm_split27(r, &rl);
    double e1, e2;
    double w = sgxm_fast_two_sum((double)k, t[3], &e1);
    double h = sgxm_fast_two_sum(w, rh * SGXM_LOG2E_26, &e2);
    /* log2 e (log1p(r) - r) with log2 e folded into the Taylor coefficients (each rounded
       once; they multiply terms below 2^-15), r (L - log2 e...) added in the same Horner
       step: one multiplication less on the critical path than scaling log1p's tail. */
    const double L = SGXM_LOG2E_HI;
    double r2 = r * r, r4 = r2 * r2;
    double q = ((-0.5 * L + r * (L / 3.0)) + r2 * (-0.25 * L + r * (0.2 * L)))
             + r4 * ((-L / 6.0 + r * (L / 7.0)) + r2 * (-0.125 * L + r * (L / 9.0)));
    double lo = (e1 + e2) + (t[4] + (rl * SGXM_LOG2E_26 + r * (SGXM_LOG2E_26R + r * q)));
    return h + lo;
}

double SGX_MATH_FN(log2)(double x) {
    double res;
    if (sgxm_log_unusual(x)) {
        if (sgxm_log_special(x, &res)) return res;
        return sgxm_log2_body(x, 0);                   /* subnormal */
    }
    return sgxm_log2_body(x, 1);
}

/* log10 x = k log10 2 + log10 c + log10 e * log1p(r), the same way (k * 42-bit log10 2 exact). */
static inline double sgxm_log10_body(double x, int normal) {
    int k;
    const double *t;
    double r = normal ? sgxm_log_reduce_normal(x, &k, &t) : sgxm_log_reduce(x, &k, &t);
    double rl;
    double rh = sgxm_split27(r, &rl);
    double kd = (double)k;
    double e1, e2;
    double w = sgxm_fast_two_sum(kd * SGXM_LOG10_2_42, t[5], &e1);
    double h = sgxm_fast_two_sum(w, rh * SGXM_LOG10E_26, &e2);
    double lo = (e1 + e2) + ((kd * SGXM_LOG10_2_42R + t[6]) + (rl * SGXM_LOG10E_26 +
                (r * SGXM_LOG10E_26R + sgxm_log1p_tail(r) * SGXM_LOG10E_HI)));
    return h + lo;
}

double SGX_MATH_FN(log10)(double x) {
    double res;
    if (sgxm_log_unusual(x)) {
        if (sgxm_log_special(x, &res)) return res;
        return sgxm_log10_body(x, 0);                   /* subnormal */
    }
    return sgxm_log10_body(x, 1);
}

double SGX_MATH_FN(log1p)(double x) {
    if (x != x) return x + x;
    if (x == -1.0) return -__builtin_inf();
    if (x < -1.0) return (x - x) / (x - x);                            /* NaN */
    if (x == __builtin_inf()) return x;
    if (sgxm_abs(x) < 0x1p-54) return x; /* x - x^2/2 rounds to x, keeps -0 */
    /* 1 + x = uh + ul exactly; ln(uh + ul) = ln uh + ln(1 + ul/uh) ~ ln uh + ul/uh. */
    double ul;
    double uh = sgxm_two_sum(1.0, x, &ul);
    double lo;
    double hi = sgxm_log_dd(uh, &lo);
    return hi + (lo + ul / uh);
}
