/*
 * Enclave libm, fused multiply-add: fma, fmaf (Embedded Swift lowers
 * Double.addingProduct / Float.addingProduct to them). Exact, in software: the enclave
 * targets baseline x86-64 and uses no FMA instruction.
 *
 * fma: integer arithmetic. The product of the two 53-bit significands is exact in 128
 * bits; it and z's significand are both normalised to bit 125 of a 128-bit integer, the
 * smaller is shifted right with the bits shifted out collected in a sticky bit, the two
 * are added or subtracted (the larger minus the smaller), and the sum is rounded once to
 * 53 bits (or to the subnormal grid), ties to even. The sticky bit is harmless: a shift
 * that loses bits is one of 20 or more places, and then no cancellation can move the
 * rounding position near it; the larger operand's low 19 bits are zero, so the sticky bit
 * decides ties exactly.
 *
 * fmaf: x*y is exact in double; p + z is rounded to odd in double (a two-sum tells whether
 * it is exact and on which side the rest lies) and then to float: rounding to odd at 53
 * bits followed by rounding to 24 bits gives the correctly rounded result.
 */
#include "math_private.h"

/** |a| = m 2^e, m < 2^53 (a finite, nonzero). */
static uint64_t sgxm_fma_unpack(double a, int *e) {
    uint64_t u = sgxm_bits(a) & ~(1ULL << 63);
    int be = (int)(u >> 52);
    uint64_t m = u & ((1ULL << 52) - 1);
    if (be) { m |= 1ULL << 52; *e = be - 1075; }
    else *e = -1074;
    return m;
}

static int sgxm_msb128(unsigned __int128 v) {
    uint64_t hi = (uint64_t)(v >> 64);
    return hi ? 127 - __builtin_clzll(hi) : 63 - __builtin_clzll((uint64_t)v);
}

double SGX_MATH_FN(fma)(double x, double y, double z) {
    const double inf = __builtin_inf();
    if (x != x || y != y || z != z) return x * y + z;
    double ax = sgxm_abs(x), ay = sgxm_abs(y), az = sgxm_abs(z);
    if (ax == inf || ay == inf) return x * y + z;     /* exact infinite product (or NaN) */
    if (az == inf) return z;                          /* finite product: even if x*y overflows */
    if (x == 0 || y == 0) return x * y + z;           /* exact ±0 product: IEEE sum rules */
    if (z == 0) return x * y;                         /* one rounding; sign of the product */
    int ex, ey, ez;
    uint64_t mx = sgxm_fma_unpack(x, &ex), my = sgxm_fma_unpack(y, &ey);
    uint64_t mz = sgxm_fma_unpack(z, &ez);
    int sp = (int)((sgxm_bits(x) ^ sgxm_bits(y)) >> 63), sz = (int)(sgxm_bits(z) >> 63);
    unsigned __int128 a = (unsigned __int128)mx * my;
    int sh = 125 - sgxm_msb128(a);
    a <<= sh;
    int ea = ex + ey - sh;
    unsigned __int128 b = mz;
    sh = 125 - (63 - __builtin_clzll(mz));
    b <<= sh;
    int eb = ez - sh;
    int sa = sp, sb = sz;
    if (eb > ea || (eb == ea && b > a)) {             /* a: the larger magnitude */
        unsigned __int128 t = a; a = b; b = t;
        int te = ea; ea = eb; eb = te;
        int ts = sa; sa = sb; sb = ts;
    }
    int d = ea - eb;
    if (d >= 127) {
        b = 1;                                        /* sticky only (b != 0) */
    } else if (d > 0) {
        unsigned __int128 lost = b & (((unsigned __int128)1 << d) - 1);
        b >>= d;
        if (lost) b |= 1;
    }
    unsigned __int128 r = sa == sb ? a + b : a - b;
    if (r == 0) return 0.0;                           /* exact cancellation: +0 */
    int bp = sgxm_msb128(r);
    int elsb = ea + bp - 52;                          /* exponent of the result's last bit */
    if (elsb < -1074) elsb = -1074;
    int s = elsb - ea;                                /* bits to drop */
    uint64_t m;
    if (s <= 0) {
        m = (uint64_t)(r << -s);                      /* exact (after cancellation) */
    } else if (s >= 128) {
        m = 0;                                        /* below half the smallest subnormal */
    } else {
        m = (uint64_t)(r >> s);
        unsigned __int128 rem = r & (((unsigned __int128)1 << s) - 1);
        unsigned __int128 half = (unsigned __int128)1 << (s - 1);
        if (rem > half || (rem == half && (m & 1))) m++;
        if (m == (1ULL << 53)) { m >>= 1; elsb++; }
    }
    double res;
    if (elsb > 971) res = inf;
    else res = sgxm_from_bits(((uint64_t)(elsb + 1074) << 52) + m); /* m < 2^52: subnormal */
    return sa ? -res : res;
}

float SGX_MATH_FN(fmaf)(float x, float y, float z) {
    double p = (double)x * (double)y;                 /* exact: 48 bits, no overflow */
    double e;
    double s = sgxm_two_sum(p, (double)z, &e);
    if (!(sgxm_abs(s) < __builtin_inf())) return (float)(p + (double)z);
    if (e != 0 && (sgxm_bits(s) & 1) == 0)             /* round to odd: the odd neighbour */
        s = sgxm_from_bits(sgxm_bits(s) + (((e > 0) == (s > 0)) ? 1 : (uint64_t)-1));
    return (float)s;
}
