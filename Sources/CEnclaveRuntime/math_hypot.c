/*
 * Enclave libm, hypot: sqrt(x^2 + y^2) without undue overflow or underflow.
 *
 * a = max(|x|, |y|), b = min (MAXSD/MINSD, no branch: which one is larger is unpredictable
 * for random inputs). Outside [2^-500, 2^500] both are scaled by 2^-+600 (exact). s is the
 * rounded root of the rounded a^2 + b^2, then one Newton correction s + D s/(2 (a^2 + b^2))
 * (the division runs beside the square root) with
 * D = a^2 + b^2 - s^2 to about 2^-78 relative: every operand is cut by masking into a
 * 26-bit head and the rest (v = vh + vl), so vh^2 and 2 vh vl are exact; ah^2 - sh^2 is
 * exact (Sterbenz: a^2 >= s^2/2) and so is its sum with bh^2 (the two nearly cancel), and
 * the cross terms (below 2^-25 s^2 each, vl^2 below 2^-52) are added with one rounding
 * each. The result is rounded once.
 */
#include "math_private.h"

static inline double sgxm_head26(double v) {
    return sgxm_from_bits(sgxm_bits(v) & ~((1ULL << 27) - 1));
}

double SGX_MATH_FN(hypot)(double x, double y) {
    double ax = sgxm_abs(x), ay = sgxm_abs(y);
    if (ax == __builtin_inf() || ay == __builtin_inf()) return __builtin_inf(); /* even with NaN */
    if (x != x || y != y) return x + y;
    double a = ax > ay ? ax : ay, b = ax > ay ? ay : ax;
    if (b == 0) return a;
    if (a > 0x1p60 * b) return a + b;         /* b^2 is below half an ulp of a^2 */
    int scale = 0;
    if (a > 0x1p500) { a *= 0x1p-600; b *= 0x1p-600; scale = 600; }
    else if (b < 0x1p-500) { a *= 0x1p600; b *= 0x1p600; scale = -600; }
    double sq = a * a + b * b;
    double q = 0.5 / sq;                      /* beside the square root: 1/(2s) = s q */
    double s = sgxm_sqrt_inline(sq);
    double ah = sgxm_head26(a), al = a - ah;
    double bh = sgxm_head26(b), bl = b - bh;
    double sh = sgxm_head26(s), sl = s - sh;
    double d = ((ah * ah - sh * sh) + bh * bh)
             + ((((ah + ah) * al + al * al) + ((bh + bh) * bl + bl * bl)) - ((sh + sh) * sl + sl * sl));
    double r = s + d * (s * q);
    return scale ? SGX_MATH_FN(scalbn)(r, scale) : r;
}

/* Float: in double the squares cannot overflow or underflow, and the sum is exact to
   2^-53 relative; one rounding of the double result. */
float SGX_MATH_FN(hypotf)(float x, float y) {
    double ax = sgxm_abs(sgxm_f2d(x)), ay = sgxm_abs(sgxm_f2d(y));
    if (ax == __builtin_inf() || ay == __builtin_inf()) return __builtin_inff();
    if (x != x || y != y) return x + y;
    return sgxm_d2f(sgxm_sqrt_inline(ax * ax + ay * ay));
}
