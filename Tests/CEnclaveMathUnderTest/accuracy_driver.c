/*
 * Accuracy driver: the host twin of the enclave libm against glibc.
 *
 * Double functions are compared with glibc's long double functions (64-bit
 * significands: their own error is ~2^-11 of a double ulp), float functions with
 * glibc's double functions (error ~2^-29 of a float ulp). Exact functions are compared
 * with glibc's double functions, which are exact for them too.
 */
#include "CEnclaveMathUnderTest.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- pseudo-random inputs -------------------------------------------------------- */
static uint64_t splitmix64(uint64_t *s) {
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static double bits_d(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static uint64_t d_bits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static float bits_f(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static uint32_t f_bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static double uniform(uint64_t *s, double a, double b) {
    double t = (double)(splitmix64(s) >> 11) * 0x1p-53;
    return a + (b - a) * t;
}

/* ---- ulp errors ----------------------------------------------------------------- */
static double ulp_error_d(double got, long double ref, uint64_t *nan_mismatch) {
    if (isnan(ref) || isnan(got)) {
        if (isnan(ref) != isnan(got)) { (*nan_mismatch)++; return INFINITY; }
        return 0;
    }
    double rounded = (double)ref;
    if (isinf(rounded) || isinf(got)) return got == rounded ? 0 : INFINITY;
    int e = ref == 0 ? -1074 : ilogbl(ref) - 52;
    if (e < -1074) e = -1074;
    return (double)(fabsl((long double)got - ref) / ldexpl(1.0L, e));
}
static double ulp_error_f(float got, double ref, uint64_t *nan_mismatch) {
    if (isnan(ref) || isnan(got)) {
        if (isnan(ref) != isnan(got)) { (*nan_mismatch)++; return INFINITY; }
        return 0;
    }
    float rounded = (float)ref;
    if (isinf(rounded) || isinf(got)) return got == rounded ? 0 : INFINITY;
    int e = ref == 0 ? -149 : ilogb(ref) - 23;
    if (e < -149) e = -149;
    return fabs((double)got - ref) / ldexp(1.0, e);
}
static double perturb_d(double x, int k) { return k ? bits_d(d_bits(x) + (uint64_t)(int64_t)k) : x; }
static float perturb_f(float x, int k) { return k ? bits_f(f_bits(x) + (uint32_t)k) : x; }

/* ---- the functions under test ---------------------------------------------------- */
typedef enum { K_D1, K_F1, K_D2, K_F2, K_DI, K_FI, K_D3, K_F3 } kind;
/* Input generators beyond the default (a third bit patterns, a third in [lo1, hi1], a
   third in [lo2, hi2]): G_TRIG replaces the last third by values near multiples of pi/2
   (k pi/2 for k up to 2^40, rounded, then moved by up to 3 ulps) alternating with
   magnitudes log-uniform in [2^-30, 2^1000]; G_POW draws (x, y) pairs whose results span
   the whole range (see pow_inputs); G_FMA draws (x, y, z) with cancellation. */
typedef enum { G_DEFAULT, G_TRIG, G_POW, G_FMA } generator;
typedef struct {
    const char *name;
    kind k;
    double (*d1)(double); long double (*r1)(long double);
    float (*f1)(float); double (*rf1)(double);
    double (*d2)(double, double); long double (*r2)(long double, long double);
    float (*f2)(float, float); double (*rf2)(double, double);
    double lo1, hi1, lo2, hi2; /* two interesting ranges for the first argument */
    generator gen;
    const double *hard; int nhard; /* inputs tried first (counted among the `count`) */
    double (*d3)(double, double, double); long double (*r3)(long double, long double, long double);
    float (*f3)(float, float, float); double (*rf3)(double, double, double);
} entry;

/* Exact functions: reference is glibc's double function, lifted to long double. */
#define EXACT1(fn) static long double ref_##fn(long double x) { return fn((double)x); }
EXACT1(sqrt) EXACT1(floor) EXACT1(ceil) EXACT1(trunc) EXACT1(round) EXACT1(fabs) EXACT1(rint)
static long double ref_remainder(long double x, long double y) { return remainder((double)x, (double)y); }
static long double ref_fmod(long double x, long double y) { return fmod((double)x, (double)y); }
static long double ref_fma(long double x, long double y, long double z) { return fma((double)x, (double)y, (double)z); }
static double ref_fmaf(double x, double y, double z) { return fmaf((float)x, (float)y, (float)z); }
static double sgxm_scalbn_fix(double x, double n) { return sgxm_scalbn(x, (int)n); }
static long double ref_scalbn(long double x, long double n) { return scalbn((double)x, (int)n); }
static float sgxm_scalbnf_fix(float x, float n) { return sgxm_scalbnf(x, (int)n); }
static double ref_scalbnf(double x, double n) { return (double)scalbnf((float)x, (int)n); }

#define D1(n, lo1, hi1, lo2, hi2) { #n, K_D1, sgxm_##n, n##l, 0, 0, 0, 0, 0, 0, lo1, hi1, lo2, hi2 }
#define DX(n, lo1, hi1, lo2, hi2) { #n, K_D1, sgxm_##n, ref_##n, 0, 0, 0, 0, 0, 0, lo1, hi1, lo2, hi2 }
#define F1(n, lo1, hi1, lo2, hi2) { #n "f", K_F1, 0, 0, sgxm_##n##f, n, 0, 0, 0, 0, lo1, hi1, lo2, hi2 }
#define D1G(n, lo1, hi1, g, h) { #n, K_D1, sgxm_##n, n##l, 0, 0, 0, 0, 0, 0, lo1, hi1, 0, 0, g, h, (int)(sizeof h / sizeof h[0]) }
#define F1G(n, lo1, hi1, g, h) { #n "f", K_F1, 0, 0, sgxm_##n##f, n, 0, 0, 0, 0, lo1, hi1, 0, 0, g, h, (int)(sizeof h / sizeof h[0]) }
/* The double nearest a multiple of pi/2 (6381956970095103 * 2^797, |x mod pi/2| ~ 2^-61),
   the doubles nearest pi/4, pi/2, pi, 2pi, 1e22 (|1e22 mod pi/2| is small) and large values. */
static const double trig_hard[] = {
    0x1.6ac5b262ca1ffp+849, -0x1.6ac5b262ca1ffp+849, 0x1.921fb54442d18p-1, 0x1.921fb54442d18p+0,
    0x1.921fb54442d18p+1, 0x1.921fb54442d18p+2, 1e22, 1e300, 0x1.fffffffffffffp+1023, 0x1p-1022,
    0x1.4d84b0f5e9dp+34, 355.0, 103993.0, 0.78539816339744828,
};
static const entry entries[] = {
    D1G(sin, -1e6, 1e6, G_TRIG, trig_hard), D1G(cos, -1e6, 1e6, G_TRIG, trig_hard),
    D1G(tan, -1e6, 1e6, G_TRIG, trig_hard),
    F1G(sin, -1e4, 1e4, G_TRIG, trig_hard), F1G(cos, -1e4, 1e4, G_TRIG, trig_hard),
    F1G(tan, -1e4, 1e4, G_TRIG, trig_hard),
    D1(exp, -746, 710, -1, 1), D1(exp2, -1080, 1025, -1, 1), D1(expm1, -40, 710, -0.5, 0.5),
    D1(log, 0, 10, 0.5, 2), D1(log2, 0, 10, 0.5, 2), D1(log10, 0, 10, 0.5, 2),
    D1(log1p, -1, 1, -1e-6, 1e-6), D1(sinh, -711, 711, -2, 2), D1(cosh, -711, 711, -2, 2),
    F1(sinh, -90, 90, -2, 2), F1(cosh, -90, 90, -2, 2),
    F1(exp, -104, 89, -1, 1), F1(exp2, -150, 129, -1, 1), F1(expm1, -20, 89, -0.5, 0.5),
    F1(log, 0, 10, 0.5, 2), F1(log2, 0, 10, 0.5, 2), F1(log10, 0, 10, 0.5, 2),
    F1(log1p, -1, 1, -1e-3, 1e-3),
    DX(sqrt, 0, 10, 0, 1e-300), DX(floor, -1e16, 1e16, -4, 4), DX(ceil, -1e16, 1e16, -4, 4),
    DX(trunc, -1e16, 1e16, -4, 4), DX(round, -1e16, 1e16, -4, 4), DX(fabs, -1, 1, -4, 4), DX(rint, -1e16, 1e16, -4, 4), F1(rint, -1e8, 1e8, -4, 4),
    F1(sqrt, 0, 10, 0, 1e-30), F1(floor, -1e8, 1e8, -4, 4), F1(ceil, -1e8, 1e8, -4, 4),
    F1(trunc, -1e8, 1e8, -4, 4), F1(round, -1e8, 1e8, -4, 4),
    { "fmod", K_D2, 0, 0, 0, 0, sgxm_fmod, ref_fmod, 0, 0, -1e20, 1e20, -10, 10 },
    { "remainder", K_D2, 0, 0, 0, 0, sgxm_remainder, ref_remainder, 0, 0, -1e20, 1e20, -10, 10 },
    { "remainderf", K_F2, 0, 0, 0, 0, 0, 0, sgxm_remainderf, remainder, -1e10, 1e10, -10, 10 },
    { "hypot", K_D2, 0, 0, 0, 0, sgxm_hypot, hypotl, 0, 0, -1e3, 1e3, -1e-300, 1e-300 },
    { "hypotf", K_F2, 0, 0, 0, 0, 0, 0, sgxm_hypotf, hypot, -1e3, 1e3, -1e-30, 1e-30 },
    { "fmodf", K_F2, 0, 0, 0, 0, 0, 0, sgxm_fmodf, fmod, -1e10, 1e10, -10, 10 },
    { "scalbn", K_DI, 0, 0, 0, 0, sgxm_scalbn_fix, ref_scalbn, 0, 0, -4, 4, -1e-300, 1e-300 },
    D1(atan, -20, 20, -1.2, 1.2), D1(asin, -1, 1, -0.05, 0.05), D1(acos, -1, 1, 0.99, 1),
    F1(atan, -20, 20, -1.2, 1.2), F1(asin, -1, 1, -0.05, 0.05), F1(acos, -1, 1, 0.99, 1),
    { "atan2", K_D2, 0, 0, 0, 0, sgxm_atan2, atan2l, 0, 0, -1e3, 1e3, -1e-300, 1e-300 },
    { "atan2f", K_F2, 0, 0, 0, 0, 0, 0, sgxm_atan2f, atan2, -1e3, 1e3, -1e-30, 1e-30 },
    D1(tanh, -25, 25, -0.3, 0.3), F1(tanh, -12, 12, -0.3, 0.3),
    D1(cbrt, -1e3, 1e3, -1e-300, 1e-300), F1(cbrt, -1e3, 1e3, -1e-30, 1e-30),
    D1(erf, -7, 7, -0.5, 0.5), F1(erf, -5, 5, -0.5, 0.5),
    D1(erfc, -7, 28, 0.4, 27.3), F1(erfc, -5, 11, 0.4, 10.1),
    { "fma", K_D3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, G_FMA, 0, 0, sgxm_fma, ref_fma, 0, 0 },
    { "fmaf", K_F3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, G_FMA, 0, 0, 0, 0, sgxm_fmaf, ref_fmaf },
    { "pow", K_D2, 0, 0, 0, 0, sgxm_pow, powl, 0, 0, 0, 0, 0, 0, G_POW },
    { "powf", K_F2, 0, 0, 0, 0, 0, 0, sgxm_powf, pow, 0, 0, 0, 0, G_POW },
    { "scalbnf", K_FI, 0, 0, 0, 0, 0, 0, sgxm_scalbnf_fix, ref_scalbnf, -4, 4, -1e-30, 1e-30 },
};

/* pow inputs: random bit patterns, and pairs with y = t / ln|x| for t spread over the
   range that neither overflows nor underflows (x anywhere, x near 1, results near
   overflow and in the subnormal range), negative x with integer y, small integer y. */
static void pow_inputs(uint64_t *s, int single, double *x, double *y) {
    uint64_t b = splitmix64(s);
    double tmax = single ? 88.8 : 709.8, tmin = single ? -103.5 : -745.2;
    double t = uniform(s, tmin, tmax);
    switch (b % 8) {
    case 0:
        *x = single ? bits_f((uint32_t)splitmix64(s)) : bits_d(splitmix64(s));
        *y = single ? bits_f((uint32_t)splitmix64(s)) : bits_d(splitmix64(s));
        return;
    case 1: case 2: *x = uniform(s, 0, 10); break;
    case 3: *x = 1.0 + uniform(s, -1, 1) * (single ? 0x1p-10 : 0x1p-20); break;
    case 4: /* negative base, integer exponent */
        *x = -uniform(s, 0.01, 10);
        *y = nearbyint(t / log(fabs(*x)));
        return;
    case 5: *x = ldexp(1.0 + uniform(s, 0, 1), (int)(splitmix64(s) % (single ? 250 : 2090)) - (single ? 140 : 1066)); break;
    case 6: *x = uniform(s, -10, 10); *y = (double)((int)(splitmix64(s) % 41) - 20); return;
    default: /* near overflow or deep underflow */
        *x = uniform(s, 1.001, 1000);
        t = (b & 8) ? uniform(s, tmax - 10, tmax) : uniform(s, tmin, tmin + 40);
        break;
    }
    double l = log(*x);
    *y = l != 0 ? t / l : t;
}

/* fma inputs: bit patterns, exact cancellation (z = -fl(x*y), moved a few ulps),
   subnormal and near-overflow results, z of any relative size. */
static void fma_inputs(uint64_t *s, int single, double *x, double *y, double *z) {
    uint64_t b = splitmix64(s);
    double u = uniform(s, -1, 1), v = uniform(s, -1, 1), w = uniform(s, -1, 1);
    int k = (int)(b >> 8) % 7 - 3;
    switch (b % 6) {
    case 0:
        *x = single ? bits_f((uint32_t)splitmix64(s)) : bits_d(splitmix64(s));
        *y = single ? bits_f((uint32_t)splitmix64(s)) : bits_d(splitmix64(s));
        *z = single ? bits_f((uint32_t)splitmix64(s)) : bits_d(splitmix64(s));
        return;
    case 1: /* cancellation */
        *x = ldexp(u, (int)(splitmix64(s) % 60) - 30); *y = ldexp(v, (int)(splitmix64(s) % 60) - 30);
        if (single) { *x = (float)*x; *y = (float)*y; *z = perturb_f(-(float)(*x * *y), k); }
        else *z = perturb_d(-(*x * *y), k);
        return;
    case 2: /* subnormal results */
        *x = ldexp(u, single ? -70 : -530); *y = ldexp(v, single ? -75 : -540);
        *z = ldexp(w, single ? -147 : -1072);
        break;
    case 3: /* near overflow */
        *x = ldexp(u, single ? 64 : 512); *y = ldexp(v, single ? 64 : 512);
        *z = ldexp(w, single ? 127 : 1023);
        break;
    default:
        *x = u; *y = v; *z = ldexp(w, (int)(splitmix64(s) % 140) - 70);
        break;
    }
    if (single) { *x = (float)*x; *y = (float)*y; *z = (float)*z; }
}

int sgxm_test_function_count(void) { return (int)(sizeof entries / sizeof entries[0]); }
const char *sgxm_test_function_name(int index) { return entries[index].name; }

sgxm_accuracy sgxm_test_accuracy(int index, uint64_t count, uint64_t seed, int perturb_ulps) {
    const entry *e = &entries[index];
    sgxm_accuracy r = { 0, 0, 0, 0, 0 };
    uint64_t s = seed ^ (0x51ED270B27A3C5F1ULL * (uint64_t)(index + 1));
    for (uint64_t i = 0; i < count; i++) {
        double x, y = 0, z = 0;
        switch (i % 3) {
        case 2:
            if (e->gen == G_TRIG) {
                uint64_t b = splitmix64(&s);
                if (b & 1) {
                    int kbits = (int)((b >> 1) % 41);
                    double k = (double)((splitmix64(&s) >> 24) >> (40 - kbits));
                    long double pio2 = 1.57079632679489661923132169163975144L;
                    x = perturb_d((double)(k * pio2), (int)((b >> 8) % 7) - 3);
                } else {
                    x = ldexp(1.0 + (double)(splitmix64(&s) >> 12) * 0x1p-52, (int)((b >> 1) % 1031) - 30);
                }
                if (b & 0x10000) x = -x;
                break;
            }
            x = uniform(&s, e->lo2, e->hi2); break;
        case 0: x = (e->k == K_F1 || e->k == K_F2 || e->k == K_FI) ? bits_f((uint32_t)splitmix64(&s))
                                                                   : bits_d(splitmix64(&s)); break;
        case 1: x = uniform(&s, e->lo1, e->hi1); break;
        }
        if ((int)i < e->nhard) x = e->hard[i];
        if (e->k == K_D2 || e->k == K_F2) {
            uint64_t b = splitmix64(&s);
            y = (b & 1) ? uniform(&s, -1000, 1000) : ((e->k == K_F2) ? bits_f((uint32_t)(b >> 20)) : bits_d(b));
        }
        if (e->gen == G_POW) pow_inputs(&s, e->k == K_F2, &x, &y);
        if (e->gen == G_FMA) fma_inputs(&s, e->k == K_F3, &x, &y, &z);
        if (e->k == K_DI || e->k == K_FI) y = (double)((int64_t)(splitmix64(&s) % 2400) - 1200);
        double err;
        switch (e->k) {
        case K_D1: err = ulp_error_d(perturb_d(e->d1(x), perturb_ulps), e->r1(x), &r.nan_mismatches); break;
        case K_F1: { float xf = (float)x; x = xf;
            err = ulp_error_f(perturb_f(e->f1(xf), perturb_ulps), e->rf1(xf), &r.nan_mismatches); break; }
        case K_D3:
            err = ulp_error_d(perturb_d(e->d3(x, y, z), perturb_ulps), e->r3(x, y, z), &r.nan_mismatches); break;
        case K_F3:
            err = ulp_error_f(perturb_f(e->f3((float)x, (float)y, (float)z), perturb_ulps), e->rf3(x, y, z), &r.nan_mismatches); break;
        case K_D2: case K_DI:
            err = ulp_error_d(perturb_d(e->d2(x, y), perturb_ulps), e->r2(x, y), &r.nan_mismatches); break;
        default: { float xf = (float)x, yf = (float)y; x = xf; y = yf;
            err = ulp_error_f(perturb_f(e->f2(xf, yf), perturb_ulps), e->rf2(xf, yf), &r.nan_mismatches); break; }
        }
        if (err > r.max_ulp || err != err) { r.max_ulp = err; r.worst_x = x; r.worst_y = y; }
        r.count++;
    }
    return r;
}

/* ---- special values --------------------------------------------------------------- */
typedef struct { const char *name; double (*f)(double); double x; double expected; } special_d;
typedef struct { const char *name; float (*f)(float); float x; float expected; } special_f;

static int same(double a, double b) {
    if (isnan(a) || isnan(b)) return isnan(a) && isnan(b);
    return d_bits(a) == d_bits(b);
}

int sgxm_test_specials(int perturb, char *report, size_t capacity) {
    const double inf = INFINITY, nan = NAN, tiny = 0x1p-1074, maxd = 0x1.fffffffffffffp1023;
    const special_d d[] = {
        { "exp", sgxm_exp, 0.0, 1.0 }, { "exp", sgxm_exp, -0.0, 1.0 }, { "exp", sgxm_exp, inf, inf },
        { "exp", sgxm_exp, -inf, 0.0 }, { "exp", sgxm_exp, nan, nan }, { "exp", sgxm_exp, 710, inf },
        { "exp", sgxm_exp, -746, 0.0 }, { "exp", sgxm_exp, tiny, 1.0 }, { "exp", sgxm_exp, maxd, inf },
        { "exp", sgxm_exp, -maxd, 0.0 },
        { "exp2", sgxm_exp2, 0.0, 1.0 }, { "exp2", sgxm_exp2, 1024, inf }, { "exp2", sgxm_exp2, 1023, 0x1p1023 },
        { "exp2", sgxm_exp2, -1074, tiny }, { "exp2", sgxm_exp2, -1075, 0.0 }, { "exp2", sgxm_exp2, -1022, 0x1p-1022 },
        { "exp2", sgxm_exp2, -inf, 0.0 }, { "exp2", sgxm_exp2, inf, inf }, { "exp2", sgxm_exp2, nan, nan },
        { "exp2", sgxm_exp2, 10, 1024 }, { "exp2", sgxm_exp2, -1, 0.5 },
        { "expm1", sgxm_expm1, 0.0, 0.0 }, { "expm1", sgxm_expm1, -0.0, -0.0 }, { "expm1", sgxm_expm1, -inf, -1.0 },
        { "expm1", sgxm_expm1, inf, inf }, { "expm1", sgxm_expm1, nan, nan }, { "expm1", sgxm_expm1, tiny, tiny },
        { "expm1", sgxm_expm1, -tiny, -tiny }, { "expm1", sgxm_expm1, 710, inf }, { "expm1", sgxm_expm1, -800, -1.0 },
        { "log", sgxm_log, 1.0, 0.0 }, { "log", sgxm_log, 0.0, -inf }, { "log", sgxm_log, -0.0, -inf },
        { "log", sgxm_log, -1.0, nan }, { "log", sgxm_log, inf, inf }, { "log", sgxm_log, -inf, nan },
        { "log", sgxm_log, nan, nan },
        { "log2", sgxm_log2, 1.0, 0.0 }, { "log2", sgxm_log2, 0x1p-1074, -1074 }, { "log2", sgxm_log2, 0x1p1023, 1023 },
        { "log2", sgxm_log2, 0.0, -inf }, { "log2", sgxm_log2, -2.0, nan }, { "log2", sgxm_log2, inf, inf },
        { "log2", sgxm_log2, 0.5, -1.0 },
        { "log10", sgxm_log10, 1.0, 0.0 }, { "log10", sgxm_log10, 10.0, 1.0 }, { "log10", sgxm_log10, 1e22, 22.0 },
        { "log10", sgxm_log10, 0.0, -inf }, { "log10", sgxm_log10, -1.0, nan }, { "log10", sgxm_log10, inf, inf },
        { "log1p", sgxm_log1p, 0.0, 0.0 }, { "log1p", sgxm_log1p, -0.0, -0.0 }, { "log1p", sgxm_log1p, -1.0, -inf },
        { "log1p", sgxm_log1p, -2.0, nan }, { "log1p", sgxm_log1p, inf, inf }, { "log1p", sgxm_log1p, tiny, tiny },
        { "log1p", sgxm_log1p, -tiny, -tiny }, { "log1p", sgxm_log1p, nan, nan },
        { "sinh", sgxm_sinh, -0.0, -0.0 }, { "sinh", sgxm_sinh, -inf, -inf }, { "sinh", sgxm_sinh, 711.0, inf },
        { "sinh", sgxm_sinh, -tiny, -tiny }, { "sinh", sgxm_sinh, nan, nan }, { "cosh", sgxm_cosh, -0.0, 1.0 },
        { "cosh", sgxm_cosh, -inf, inf }, { "cosh", sgxm_cosh, -711.0, inf }, { "cosh", sgxm_cosh, nan, nan },
        { "sqrt", sgxm_sqrt, -0.0, -0.0 }, { "sqrt", sgxm_sqrt, 0.0, 0.0 }, { "sqrt", sgxm_sqrt, -1.0, nan },
        { "sqrt", sgxm_sqrt, inf, inf }, { "sqrt", sgxm_sqrt, 0x1p-1074, 0x1p-537 }, { "sqrt", sgxm_sqrt, 4.0, 2.0 },
        { "floor", sgxm_floor, -0.0, -0.0 }, { "floor", sgxm_floor, -0.5, -1.0 }, { "floor", sgxm_floor, 0.5, 0.0 },
        { "floor", sgxm_floor, -inf, -inf }, { "floor", sgxm_floor, nan, nan }, { "floor", sgxm_floor, -tiny, -1.0 },
        { "ceil", sgxm_ceil, -0.5, -0.0 }, { "ceil", sgxm_ceil, 0.5, 1.0 }, { "ceil", sgxm_ceil, tiny, 1.0 },
        { "ceil", sgxm_ceil, inf, inf }, { "ceil", sgxm_ceil, 0x1p52 + 1, 0x1p52 + 1 },
        { "trunc", sgxm_trunc, -0.7, -0.0 }, { "trunc", sgxm_trunc, 2.9, 2.0 }, { "trunc", sgxm_trunc, -inf, -inf },
        { "round", sgxm_round, 0.5, 1.0 }, { "round", sgxm_round, -0.5, -1.0 }, { "round", sgxm_round, 2.5, 3.0 },
        { "round", sgxm_round, -0.49999999999999994, -0.0 }, { "round", sgxm_round, 0x1p52 + 1, 0x1p52 + 1 },
        { "fabs", sgxm_fabs, -0.0, 0.0 }, { "fabs", sgxm_fabs, -inf, inf },
        { "sin", sgxm_sin, 0.0, 0.0 }, { "sin", sgxm_sin, -0.0, -0.0 }, { "sin", sgxm_sin, inf, nan },
        { "sin", sgxm_sin, -inf, nan }, { "sin", sgxm_sin, nan, nan }, { "sin", sgxm_sin, -tiny, -tiny },
        { "sin", sgxm_sin, 0x1p-1022, 0x1p-1022 }, { "sin", sgxm_sin, 0x1.6ac5b262ca1ffp+849, 1.0 },
        { "cos", sgxm_cos, 0.0, 1.0 }, { "cos", sgxm_cos, -0.0, 1.0 }, { "cos", sgxm_cos, inf, nan },
        { "cos", sgxm_cos, -inf, nan }, { "cos", sgxm_cos, nan, nan }, { "cos", sgxm_cos, tiny, 1.0 },
        { "cos", sgxm_cos, 0x1.6ac5b262ca1ffp+849, -0x1.14ae72e6ba22fp-61 },
        { "tan", sgxm_tan, 0.0, 0.0 }, { "tan", sgxm_tan, -0.0, -0.0 }, { "tan", sgxm_tan, inf, nan },
        { "tan", sgxm_tan, -inf, nan }, { "tan", sgxm_tan, nan, nan }, { "tan", sgxm_tan, -tiny, -tiny },
        { "tan", sgxm_tan, 0x1.921fb54442d18p+0, 0x1.d02967c31cdb5p+53 },
        { "tanh", sgxm_tanh, 0.0, 0.0 }, { "tanh", sgxm_tanh, -0.0, -0.0 }, { "tanh", sgxm_tanh, inf, 1.0 },
        { "tanh", sgxm_tanh, -inf, -1.0 }, { "tanh", sgxm_tanh, nan, nan }, { "tanh", sgxm_tanh, -tiny, -tiny },
        { "tanh", sgxm_tanh, 30.0, 1.0 }, { "tanh", sgxm_tanh, -maxd, -1.0 },
        { "cbrt", sgxm_cbrt, 0.0, 0.0 }, { "cbrt", sgxm_cbrt, -0.0, -0.0 }, { "cbrt", sgxm_cbrt, inf, inf },
        { "cbrt", sgxm_cbrt, -inf, -inf }, { "cbrt", sgxm_cbrt, nan, nan }, { "cbrt", sgxm_cbrt, -27.0, -3.0 },
        { "cbrt", sgxm_cbrt, 0x1p-1074, 0x1p-358 }, { "cbrt", sgxm_cbrt, -0x1p-1071, -0x1p-357 },
        { "cbrt", sgxm_cbrt, 1e300, 1e100 }, { "cbrt", sgxm_cbrt, 0.125, 0.5 }, { "cbrt", sgxm_cbrt, 1.0, 1.0 },
        { "erf", sgxm_erf, 0.0, 0.0 }, { "erf", sgxm_erf, -0.0, -0.0 }, { "erf", sgxm_erf, inf, 1.0 },
        { "erf", sgxm_erf, -inf, -1.0 }, { "erf", sgxm_erf, nan, nan }, { "erf", sgxm_erf, -tiny, -tiny },
        { "erf", sgxm_erf, 6.0, 1.0 }, { "erf", sgxm_erf, 0x1p-1022, 0x1.20dd750429b6dp-1022 },
        { "erfc", sgxm_erfc, 0.0, 1.0 }, { "erfc", sgxm_erfc, -0.0, 1.0 }, { "erfc", sgxm_erfc, inf, 0.0 },
        { "erfc", sgxm_erfc, -inf, 2.0 }, { "erfc", sgxm_erfc, nan, nan }, { "erfc", sgxm_erfc, tiny, 1.0 },
        { "erfc", sgxm_erfc, 30.0, 0.0 }, { "erfc", sgxm_erfc, -7.0, 2.0 },
        { "atan", sgxm_atan, 0.0, 0.0 }, { "atan", sgxm_atan, -0.0, -0.0 }, { "atan", sgxm_atan, inf, 0x1.921fb54442d18p+0 },
        { "atan", sgxm_atan, -inf, -0x1.921fb54442d18p+0 }, { "atan", sgxm_atan, nan, nan }, { "atan", sgxm_atan, -tiny, -tiny },
        { "atan", sgxm_atan, 1.0, 0x1.921fb54442d18p-1 }, { "atan", sgxm_atan, -maxd, -0x1.921fb54442d18p+0 },
        { "asin", sgxm_asin, 0.0, 0.0 }, { "asin", sgxm_asin, -0.0, -0.0 }, { "asin", sgxm_asin, 1.0, 0x1.921fb54442d18p+0 },
        { "asin", sgxm_asin, -1.0, -0x1.921fb54442d18p+0 }, { "asin", sgxm_asin, 1.0000000000000002, nan },
        { "asin", sgxm_asin, inf, nan }, { "asin", sgxm_asin, nan, nan }, { "asin", sgxm_asin, -tiny, -tiny },
        { "acos", sgxm_acos, 1.0, 0.0 }, { "acos", sgxm_acos, -1.0, 0x1.921fb54442d18p+1 },
        { "acos", sgxm_acos, 0.0, 0x1.921fb54442d18p+0 }, { "acos", sgxm_acos, -0.0, 0x1.921fb54442d18p+0 },
        { "acos", sgxm_acos, -1.5, nan }, { "acos", sgxm_acos, -inf, nan }, { "acos", sgxm_acos, nan, nan },
    };
    const special_f f[] = {
        { "expf", sgxm_expf, 0.0f, 1.0f }, { "expf", sgxm_expf, 89.0f, INFINITY }, { "expf", sgxm_expf, -104.0f, 0.0f },
        { "expf", sgxm_expf, -INFINITY, 0.0f }, { "exp2f", sgxm_exp2f, -149.0f, 0x1p-149f },
        { "exp2f", sgxm_exp2f, 128.0f, INFINITY }, { "expm1f", sgxm_expm1f, -0.0f, -0.0f },
        { "logf", sgxm_logf, 0.0f, -INFINITY }, { "logf", sgxm_logf, -1.0f, NAN }, { "logf", sgxm_logf, 1.0f, 0.0f },
        { "log2f", sgxm_log2f, 0x1p-149f, -149.0f }, { "log10f", sgxm_log10f, 1000.0f, 3.0f },
        { "log1pf", sgxm_log1pf, -0.0f, -0.0f }, { "log1pf", sgxm_log1pf, -1.0f, -INFINITY },
        { "sqrtf", sgxm_sqrtf, -0.0f, -0.0f }, { "sqrtf", sgxm_sqrtf, -1.0f, NAN }, { "sqrtf", sgxm_sqrtf, 0x1p-148f, 0x1p-74f },
        { "floorf", sgxm_floorf, -0.5f, -1.0f }, { "ceilf", sgxm_ceilf, -0.5f, -0.0f }, { "roundf", sgxm_roundf, -2.5f, -3.0f },
        { "truncf", sgxm_truncf, -0.5f, -0.0f },
        { "sinf", sgxm_sinf, -0.0f, -0.0f }, { "sinf", sgxm_sinf, INFINITY, NAN }, { "sinf", sgxm_sinf, 0x1p-149f, 0x1p-149f },
        { "cosf", sgxm_cosf, -0.0f, 1.0f }, { "cosf", sgxm_cosf, -INFINITY, NAN }, { "cosf", sgxm_cosf, NAN, NAN },
        { "atanf", sgxm_atanf, -0.0f, -0.0f }, { "atanf", sgxm_atanf, INFINITY, 0x1.921fb6p+0f },
        { "asinf", sgxm_asinf, -1.0f, -0x1.921fb6p+0f }, { "asinf", sgxm_asinf, 2.0f, NAN }, { "asinf", sgxm_asinf, -0.0f, -0.0f },
        { "acosf", sgxm_acosf, 1.0f, 0.0f }, { "acosf", sgxm_acosf, -1.0f, 0x1.921fb6p+1f }, { "acosf", sgxm_acosf, NAN, NAN },
        { "tanhf", sgxm_tanhf, -0.0f, -0.0f }, { "tanhf", sgxm_tanhf, -INFINITY, -1.0f }, { "tanhf", sgxm_tanhf, 0x1p-149f, 0x1p-149f },
        { "cbrtf", sgxm_cbrtf, -0.0f, -0.0f }, { "cbrtf", sgxm_cbrtf, -64.0f, -4.0f }, { "cbrtf", sgxm_cbrtf, -INFINITY, -INFINITY },
        { "erfcf", sgxm_erfcf, -INFINITY, 2.0f }, { "erfcf", sgxm_erfcf, INFINITY, 0.0f }, { "erfcf", sgxm_erfcf, 20.0f, 0.0f },
        { "erff", sgxm_erff, -0.0f, -0.0f }, { "erff", sgxm_erff, INFINITY, 1.0f }, { "erff", sgxm_erff, NAN, NAN },
        { "tanf", sgxm_tanf, -0.0f, -0.0f }, { "tanf", sgxm_tanf, -INFINITY, NAN }, { "tanf", sgxm_tanf, -0x1p-149f, -0x1p-149f },
    };
    int bad = 0;
    size_t used = 0;
    if (capacity) report[0] = 0;
#define NOTE(...) do { if (used < capacity) { int w = snprintf(report + used, capacity - used, __VA_ARGS__); if (w > 0) used += (size_t)w; } } while (0)
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
        double got = d[i].f(d[i].x);
        if (perturb) got = -got;
        if (!same(got, d[i].expected)) { bad++; NOTE("%s(%a) = %a, expected %a\n", d[i].name, d[i].x, got, d[i].expected); }
    }
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        float got = f[i].f(f[i].x);
        if (perturb) got = -got;
        if (!same(got, f[i].expected)) { bad++; NOTE("%s(%a) = %a, expected %a\n", f[i].name, (double)f[i].x, (double)got, (double)f[i].expected); }
    }
    /* Binary and pointer-returning functions. */
    struct { const char *name; double got, expected; } b[] = {
        { "fmod(5.5, 2)", sgxm_fmod(5.5, 2), 1.5 }, { "fmod(-5.5, 2)", sgxm_fmod(-5.5, 2), -1.5 },
        { "fmod(-0, 1)", sgxm_fmod(-0.0, 1), -0.0 }, { "fmod(inf, 1)", sgxm_fmod(inf, 1), nan },
        { "fmod(1, 0)", sgxm_fmod(1, 0), nan }, { "fmod(1, inf)", sgxm_fmod(1, inf), 1 },
        { "fmod(-4, 2)", sgxm_fmod(-4, 2), -0.0 }, { "fmod(maxd, tiny)", sgxm_fmod(maxd, tiny), 0.0 },
        { "fmin(-0, 0)", sgxm_fmin(-0.0, 0.0), -0.0 }, { "fmin(0, -0)", sgxm_fmin(0.0, -0.0), -0.0 },
        { "fmax(-0, 0)", sgxm_fmax(-0.0, 0.0), 0.0 }, { "fmin(nan, 1)", sgxm_fmin(nan, 1), 1 },
        { "fmax(2, nan)", sgxm_fmax(2, nan), 2 }, { "fmax(nan, nan)", sgxm_fmax(nan, nan), nan },
        { "copysign(1, -0)", sgxm_copysign(1, -0.0), -1 }, { "copysign(-inf, 1)", sgxm_copysign(-inf, 1), inf },
        { "scalbn(1, -1074)", sgxm_scalbn(1, -1074), tiny }, { "scalbn(1, -1075)", sgxm_scalbn(1, -1075), 0 },
        { "scalbn(0x1.8p0, -1075)", sgxm_scalbn(0x1.8p0, -1075), tiny }, { "scalbn(tiny, 2098)", sgxm_scalbn(tiny, 2097), 0x1p1023 },
        { "scalbn(1, 1024)", sgxm_scalbn(1, 1024), inf }, { "scalbn(-0, 5)", sgxm_scalbn(-0.0, 5), -0.0 },
        { "ldexp(3, 4)", sgxm_ldexp(3, 4), 48 },
        { "remainder(5, 2)", sgxm_remainder(5, 2), 1 }, { "remainder(7, 2)", sgxm_remainder(7, 2), -1 },
        { "remainder(-7, 2)", sgxm_remainder(-7, 2), 1 }, { "remainder(-4, 2)", sgxm_remainder(-4, 2), -0.0 },
        { "remainder(1, inf)", sgxm_remainder(1, inf), 1 }, { "remainder(inf, 1)", sgxm_remainder(inf, 1), nan },
        { "remainder(maxd, 0.75)", sgxm_remainder(maxd, 0.75), remainder(maxd, 0.75) },
        { "rint(2.5)", sgxm_rint(2.5), 2 }, { "rint(-0.5)", sgxm_rint(-0.5), -0.0 }, { "rint(3.5)", sgxm_rint(3.5), 4 },
        { "rint(-inf)", sgxm_rint(-inf), -inf },
        { "hypot(-inf, nan)", sgxm_hypot(-inf, nan), inf }, { "hypot(nan, 1)", sgxm_hypot(nan, 1), nan },
        { "hypot(3, -4)", sgxm_hypot(3, -4), 5 }, { "hypot(-0, -0)", sgxm_hypot(-0.0, -0.0), 0 },
        { "hypot(maxd, maxd)", sgxm_hypot(maxd, maxd), inf }, { "hypot(tiny, 0)", sgxm_hypot(tiny, 0), tiny },
        { "hypot(3e300, 4e300)", sgxm_hypot(3e300, 4e300), 5e300 },
        { "fma(inf, 0, 1)", sgxm_fma(inf, 0, 1), nan }, { "fma(inf, 1, -inf)", sgxm_fma(inf, 1, -inf), nan },
        { "fma(1e308, 10, -inf)", sgxm_fma(1e308, 10, -inf), -inf }, { "fma(0, 5, -0)", sgxm_fma(0.0, 5, -0.0), 0.0 },
        { "fma(-0, 5, -0)", sgxm_fma(-0.0, 5, -0.0), -0.0 }, { "fma(1, 1, -1)", sgxm_fma(1, 1, -1), 0.0 },
        { "fma(-1, 1, 1)", sgxm_fma(-1, 1, 1), 0.0 }, { "fma(tiny, 0.5, 0)", sgxm_fma(tiny, 0.5, 0.0), 0.0 },
        { "fma(-tiny, 0.5, 0)", sgxm_fma(-tiny, 0.5, 0.0), -0.0 }, { "fma(tiny, 0.75, -0)", sgxm_fma(tiny, 0.75, -0.0), tiny },
        { "fma(1+2^-52, 1+2^-52, -1)", sgxm_fma(1 + 0x1p-52, 1 + 0x1p-52, -1), 0x1p-51 },
        { "fma(1+2^-52, 1+2^-51, -1)", sgxm_fma(1 + 0x1p-52, 1 + 0x1p-51, -1), 0x1.8000000000001p-51 },
        { "fma(1+2^-27, 1+2^-27, -1)", sgxm_fma(1 + 0x1p-27, 1 + 0x1p-27, -1), 0x1.0000001p-26 },
        { "fma(maxd, 2, -maxd)", sgxm_fma(maxd, 2, -maxd), maxd }, { "fma(maxd, 2, 0)", sgxm_fma(maxd, 2, 0), inf },
        { "fma(2^-600, 2^-600, tiny)", sgxm_fma(0x1p-600, 0x1p-600, tiny), tiny },
        { "fma(2^-600, -2^-600, tiny)", sgxm_fma(0x1p-600, -0x1p-600, tiny), tiny },
        { "fma(2^-1000, -2^-74, 3 tiny)", sgxm_fma(0x1p-1000, -0x1p-75, 3 * tiny), 2 * tiny },
        { "fma(nan, 0, 1)", sgxm_fma(nan, 0, 1), nan }, { "fma(1, 1, nan)", sgxm_fma(1, 1, nan), nan },
        { "fma(0.1, 10, -1)", sgxm_fma(0.1, 10, -1), 0x1p-54 },
        { "fmaf(1+2^-23, 1+2^-23, -1)", sgxm_fmaf(1 + 0x1p-23f, 1 + 0x1p-23f, -1), 0x1p-22 },
        { "fmaf(-0, 1, -0)", sgxm_fmaf(-0.0f, 1, -0.0f), -0.0 }, { "fmaf(1, 1, -1)", sgxm_fmaf(1, 1, -1), 0.0 },
        { "fmaf(2^100, 2^100, -inf)", sgxm_fmaf(0x1p100f, 0x1p100f, -INFINITY), -inf },
        { "fmaf(0.1, 10, -1)", sgxm_fmaf(0.1f, 10, -1), 0x1p-26 },
        { "atan2(0, -0)", sgxm_atan2(0.0, -0.0), 0x1.921fb54442d18p+1 }, { "atan2(-0, -0)", sgxm_atan2(-0.0, -0.0), -0x1.921fb54442d18p+1 },
        { "atan2(0, 0)", sgxm_atan2(0.0, 0.0), 0.0 }, { "atan2(-0, 0)", sgxm_atan2(-0.0, 0.0), -0.0 },
        { "atan2(-0, -1)", sgxm_atan2(-0.0, -1), -0x1.921fb54442d18p+1 }, { "atan2(0, 1)", sgxm_atan2(0.0, 1), 0.0 },
        { "atan2(-1, 0)", sgxm_atan2(-1, 0.0), -0x1.921fb54442d18p+0 }, { "atan2(1, -0)", sgxm_atan2(1, -0.0), 0x1.921fb54442d18p+0 },
        { "atan2(-1, -inf)", sgxm_atan2(-1, -inf), -0x1.921fb54442d18p+1 }, { "atan2(1, inf)", sgxm_atan2(1, inf), 0.0 },
        { "atan2(-1, inf)", sgxm_atan2(-1, inf), -0.0 }, { "atan2(-inf, 3)", sgxm_atan2(-inf, 3), -0x1.921fb54442d18p+0 },
        { "atan2(inf, -inf)", sgxm_atan2(inf, -inf), 0x1.2d97c7f3321d2p+1 }, { "atan2(-inf, inf)", sgxm_atan2(-inf, inf), -0x1.921fb54442d18p-1 },
        { "atan2(nan, 1)", sgxm_atan2(nan, 1), nan }, { "atan2(1, nan)", sgxm_atan2(1, nan), nan },
        { "atan2(tiny, maxd)", sgxm_atan2(tiny, maxd), 0.0 }, { "atan2(tiny, -maxd)", sgxm_atan2(tiny, -maxd), 0x1.921fb54442d18p+1 },
        { "atan2(maxd, tiny)", sgxm_atan2(maxd, tiny), 0x1.921fb54442d18p+0 }, { "atan2(-tiny, 1)", sgxm_atan2(-tiny, 1), -tiny },
        { "atan2(1, 1)", sgxm_atan2(1, 1), 0x1.921fb54442d18p-1 }, { "atan2(-maxd, -maxd)", sgxm_atan2(-maxd, -maxd), -0x1.2d97c7f3321d2p+1 },
        { "atan2f(-0, -0)", sgxm_atan2f(-0.0f, -0.0f), (double)-0x1.921fb6p+1f },
        { "pow(nan, 0)", sgxm_pow(nan, 0.0), 1 }, { "pow(nan, -0)", sgxm_pow(nan, -0.0), 1 },
        { "pow(1, nan)", sgxm_pow(1, nan), 1 }, { "pow(1, -inf)", sgxm_pow(1, -inf), 1 },
        { "pow(-1, inf)", sgxm_pow(-1, inf), 1 }, { "pow(-1, -inf)", sgxm_pow(-1, -inf), 1 },
        { "pow(nan, 1)", sgxm_pow(nan, 1), nan }, { "pow(2, nan)", sgxm_pow(2, nan), nan },
        { "pow(-0, -3)", sgxm_pow(-0.0, -3), -inf }, { "pow(0, -3)", sgxm_pow(0.0, -3), inf },
        { "pow(-0, -2)", sgxm_pow(-0.0, -2), inf }, { "pow(-0, -0.5)", sgxm_pow(-0.0, -0.5), inf },
        { "pow(-0, -inf)", sgxm_pow(-0.0, -inf), inf }, { "pow(-0, 3)", sgxm_pow(-0.0, 3), -0.0 },
        { "pow(-0, 2)", sgxm_pow(-0.0, 2), 0.0 }, { "pow(-0, 0.5)", sgxm_pow(-0.0, 0.5), 0.0 },
        { "pow(-0, inf)", sgxm_pow(-0.0, inf), 0.0 }, { "pow(0.5, -inf)", sgxm_pow(0.5, -inf), inf },
        { "pow(-0.5, inf)", sgxm_pow(-0.5, inf), 0.0 }, { "pow(-2, -inf)", sgxm_pow(-2, -inf), 0.0 },
        { "pow(2, inf)", sgxm_pow(2, inf), inf }, { "pow(-inf, -3)", sgxm_pow(-inf, -3), -0.0 },
        { "pow(-inf, -2)", sgxm_pow(-inf, -2), 0.0 }, { "pow(-inf, 3)", sgxm_pow(-inf, 3), -inf },
        { "pow(-inf, 2.5)", sgxm_pow(-inf, 2.5), inf }, { "pow(inf, -1)", sgxm_pow(inf, -1), 0.0 },
        { "pow(inf, 0.5)", sgxm_pow(inf, 0.5), inf }, { "pow(-2, 0.5)", sgxm_pow(-2, 0.5), nan },
        { "pow(-2, 3)", sgxm_pow(-2, 3), -8 }, { "pow(-2, -1073)", sgxm_pow(-2, -1073), -2 * tiny }, { "pow(-2, -1075)", sgxm_pow(-2, -1075), -0.0 },
        { "pow(2, -1075)", sgxm_pow(2, -1075), 0.0 }, { "pow(-2, 1025)", sgxm_pow(-2, 1025), -inf },
        { "pow(2, 1023)", sgxm_pow(2, 1023), 0x1p1023 }, { "pow(10, 22)", sgxm_pow(10, 22), 1e22 },
        { "pow(tiny, 0.5)", sgxm_pow(tiny, 0.5), 0x1p-537 }, { "pow(-tiny, 1)", sgxm_pow(-tiny, 1), -tiny },
        { "pow(maxd, -1)", sgxm_pow(maxd, -1), 0x1p-1024 }, { "pow(3, 40)", sgxm_pow(3, 40), 12157665459056928801.0 },
        { "powf(-0, -1)", sgxm_powf(-0.0f, -1.0f), -inf }, { "powf(-2, 127)", sgxm_powf(-2.0f, 127.0f), -0x1p127 },
        { "powf(nan, 0)", sgxm_powf(NAN, 0.0f), 1 }, { "powf(2, -149)", sgxm_powf(2.0f, -149.0f), 0x1p-149 },
    };
    for (size_t i = 0; i < sizeof b / sizeof b[0]; i++) {
        double got = perturb ? -b[i].got : b[i].got;
        if (!same(got, b[i].expected)) { bad++; NOTE("%s = %a, expected %a\n", b[i].name, got, b[i].expected); }
    }
    int e;
    double m = sgxm_frexp(tiny, &e);
    if (perturb) m = -m;
    if (!same(m, 0.5) || e != -1073) { bad++; NOTE("frexp(tiny) = %a, %d\n", m, e); }
    m = sgxm_frexp(-6.0, &e);
    if (!same(m, -0.75) || e != 3) { bad++; NOTE("frexp(-6) = %a, %d\n", m, e); }
    m = sgxm_frexp(-0.0, &e);
    if (!same(m, -0.0) || e != 0) { bad++; NOTE("frexp(-0) = %a, %d\n", m, e); }
    double ip;
    m = sgxm_modf(-3.75, &ip);
    if (!same(m, -0.75) || !same(ip, -3.0)) { bad++; NOTE("modf(-3.75) = %a, %a\n", m, ip); }
    m = sgxm_modf(-inf, &ip);
    if (!same(m, -0.0) || !same(ip, -inf)) { bad++; NOTE("modf(-inf) = %a, %a\n", m, ip); }
    m = sgxm_modf(-2.0, &ip);
    if (!same(m, -0.0) || !same(ip, -2.0)) { bad++; NOTE("modf(-2) = %a, %a\n", m, ip); }
    return bad;
}
