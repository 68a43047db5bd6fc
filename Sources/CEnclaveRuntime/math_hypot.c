/*
 * Enclave libm, hypot: sqrt(x^2 + y^2) without undue overflow or underflow.
 *
 * The operands are scaled by a power of two (exact) into a range where their squares
 * neither overflow nor underflow; x^2 + y^2 is formed as a double-double (Dekker
 * products, two-sum); its square root is the rounded root s plus one Newton correction
 * (h + l - s^2) / (2s) with s^2 exact, rounded once.
 */
#include "math_private.h"

double SGX_MATH_FN(hypot)(double x, double y) {
    double ax = sgxm_abs(x), ay = sgxm_abs(y);
    if (ax == __builtin_inf() || ay == __builtin_inf()) return __builtin_inf(); /* even with NaN */
    if (x != x || y != y) return x + y;
    if (ax < ay) { double t = ax; ax = ay; ay = t; }
    if (ay == 0) return ax;
    if (ax > 0x1p60 * ay) return ax + ay;     /* ay^2 is below half an ulp of ax^2 */
    int scale = 0;
    if (ax > 0x1p500) { ax *= 0x1p-600; ay *= 0x1p-600; scale = 600; }
    else if (ay < 0x1p-500) { ax *= 0x1p600; ay *= 0x1p600; scale = -600; }
    double xl, yl, e;
    double xh = sgxm_two_prod(ax, ax, &xl);
    double yh = sgxm_two_prod(ay, ay, &yl);
    double h = sgxm_two_sum(xh, yh, &e);
    double l = e + (xl + yl);
    h = sgxm_fast_two_sum(h, l, &l);
    double s = sgxm_sqrt_inline(h);
    double sl;
    double s2 = sgxm_two_prod(s, s, &sl);
    double r = s + (((h - s2) - sl) + l) / (2.0 * s); /* h - s2 exact (Sterbenz) */
    return scale ? SGX_MATH_FN(scalbn)(r, scale) : r;
}

/* Float: in double the squares cannot overflow or underflow, and the sum is exact to
   2^-53 relative; one rounding of the double result. */
float SGX_MATH_FN(hypotf)(float x, float y) {
    double ax = sgxm_abs(x), ay = sgxm_abs(y);
    if (ax == __builtin_inf() || ay == __builtin_inf()) return __builtin_inff();
    if (x != x || y != y) return x + y;
    return (float)sgxm_sqrt_inline(ax * ax + ay * ay);
}
