/*
 * Enclave libm, cube root: cbrt, cbrtf.
 *
 * |x| = 2^(3q + r) m with m in [1, 2) and r in {0, 1, 2} (subnormals scaled by 2^54
 * first), a = 2^r m in [1, 8). No Newton iteration: y0 = P(m) 2^(r/3) with P the degree-5
 * polynomial of Scripts/math_cbrt_poly.py (relative error below 2^-19 on [1, 2]);
 * yt = y0 cut to 17 significant bits (relative error below 2^-15.9), so yt^2 (34 bits) and
 * yt^3 (51 bits) are exact and so is a - yt^3 (Sterbenz: they differ by less than 2^-14).
 * With e = (a - yt^3)/yt^3 (|e| < 2^-14, one division),
 *   cbrt a = yt (1 + e)^(1/3) = yt + yt (e/3 - e^2/9 + 5e^3/81 - 10e^4/243)
 * (binomial series, first omitted term 22e^5/729 < 2^-75); the added part is below 2^-15
 * of yt, so its roundings cost about 2^-68 and the result is rounded once (within a few
 * hundredths of an ulp of the correctly rounded value), then scaled by 2^q exactly.
 */
#include "math_private.h"

#define SGXM_CBRT_P0 0x1.e68ceb1fc3429p-2
#define SGXM_CBRT_P1 0x1.a9da3cc66f245p-1
#define SGXM_CBRT_P2 -0x1.d758498b983bcp-2
#define SGXM_CBRT_P3 0x1.92bfc00e33108p-3
#define SGXM_CBRT_P4 -0x1.8bd2dce403128p-5
#define SGXM_CBRT_P5 0x1.4c7608a04eba1p-8

/* 2^(r/3), r = 0, 1, 2, rounded (only the initial approximation uses them) */
static const double sgxm_cbrt2[3] = { 1.0, 0x1.428a2f98d728bp+0, 0x1.965fea53d6e3dp+0 };

double SGX_MATH_FN(cbrt)(double x) {
    uint64_t sign = sgxm_bits(x) & (1ULL << 63);
    double ax = sgxm_abs(x);
    if (!(ax == ax) || ax == 0 || ax == __builtin_inf()) return x + x;
    int bias = 0;
    if (ax < 0x1p-1022) { ax *= 0x1p54; bias = 18; }
    uint64_t u = sgxm_bits(ax);
    int e = (int)(u >> 52) - 1023 + 1023 * 3;        /* biased up to stay positive */
    int q = e / 3;
    int r = e - 3 * q;
    q -= 1023;
    double m = sgxm_from_bits((u & ((1ULL << 52) - 1)) | (1023ULL << 52));       /* [1, 2) */
    double a = m * (double)(1 << r);                                              /* exact */
    double p = SGXM_CBRT_P5;
    p = SGXM_CBRT_P4 + m * p;
    p = SGXM_CBRT_P3 + m * p;
    p = SGXM_CBRT_P2 + m * p;
    p = SGXM_CBRT_P1 + m * p;
    p = SGXM_CBRT_P0 + m * p;
    double yt = sgxm_from_bits(sgxm_bits(p * sgxm_cbrt2[r]) & ~((1ULL << 36) - 1));
    double y3 = (yt * yt) * yt;                                                   /* exact */
    double t = (a - y3) / y3;                                                     /* a - y3 exact */
    double s = t * (1.0 / 3.0 + t * (-1.0 / 9.0 + t * (5.0 / 81.0 + t * (-10.0 / 243.0))));
    double y = yt + yt * s;
    return sgxm_from_bits(sgxm_bits(sgxm_pow2(q - bias) * y) | sign);           /* exact */
}

/* Float: the double result rounded once. */
float SGX_MATH_FN(cbrtf)(float x) { return sgxm_d2f(SGX_MATH_FN(cbrt)(sgxm_f2d(x))); }
