/*
 * swift-sgx enclave libm: the math functions of the trusted runtime.
 *
 * The enclave has no host C library, so the runtime carries its own libm, written for
 * this project (see Docs/enclave-math.md for the algorithms, the measured accuracy and
 * how every constant was derived; Scripts/math_constants.py computes the constants).
 *
 * Behaviour common to every function here:
 *  - Deterministic: no global or thread state, no lookup of CPU features, no FMA
 *    (the enclave targets baseline x86_64). The same inputs give the same bits in every
 *    enclave and in the host twin build used by the accuracy tests.
 *  - errno is NEVER set. Domain errors return NaN, overflow returns ±inf and
 *    underflow returns a (possibly subnormal) number or ±0, exactly as IEEE 754 says;
 *    math_errhandling is MATH_ERREXCEPT only in spirit (the floating-point flags are
 *    raised as the arithmetic raises them, and nobody in an enclave reads them).
 *  - Round to nearest is assumed (the enclave never changes MXCSR).
 *  - Accuracy: sqrt, fabs, copysign, fmin, fmax, floor, ceil, trunc, round, fmod,
 *    rint, remainder, ldexp, scalbn, frexp, modf, fma are exact (correctly rounded). The transcendental
 *    functions are below 1 ulp; the measured maxima are in Docs/enclave-math.md.
 *    The float versions compute in double and round once.
 *
 * The host test build (Tests/CEnclaveMathUnderTest) defines SGX_MATH_PREFIXED so that
 * every function is named sgxm_<name> and does not clash with the host's libm.
 */
#ifndef SGX_MATH_H
#define SGX_MATH_H

#ifdef SGX_MATH_PREFIXED
#define SGX_MATH_FN(name) sgxm_##name
#else
#define SGX_MATH_FN(name) name
#endif

/* ---- exact operations (math_basic.c) ------------------------------------------- */
/** Square root, correctly rounded (SSE2 SQRTSD). sqrt(-0) = -0, sqrt(x<0) = NaN. */
double SGX_MATH_FN(sqrt)(double x);
/** Square root, correctly rounded (SSE SQRTSS). */
float SGX_MATH_FN(sqrtf)(float x);
/** |x| (clears the sign bit, also of NaN). */
double SGX_MATH_FN(fabs)(double x);
float SGX_MATH_FN(fabsf)(float x);
/** The magnitude of x with the sign bit of y. */
double SGX_MATH_FN(copysign)(double x, double y);
float SGX_MATH_FN(copysignf)(float x, float y);
/** The smaller operand; a NaN operand is ignored unless both are NaN; fmin(-0, +0) = -0. */
double SGX_MATH_FN(fmin)(double x, double y);
float SGX_MATH_FN(fminf)(float x, float y);
/** The larger operand; a NaN operand is ignored unless both are NaN; fmax(-0, +0) = +0. */
double SGX_MATH_FN(fmax)(double x, double y);
float SGX_MATH_FN(fmaxf)(float x, float y);
/** Rounding to an integral value: down, up, toward zero, half away from zero. */
double SGX_MATH_FN(floor)(double x);
double SGX_MATH_FN(ceil)(double x);
double SGX_MATH_FN(trunc)(double x);
double SGX_MATH_FN(round)(double x);
float SGX_MATH_FN(floorf)(float x);
float SGX_MATH_FN(ceilf)(float x);
float SGX_MATH_FN(truncf)(float x);
float SGX_MATH_FN(roundf)(float x);
/** Rounding to an integral value, ties to even (Swift's .toNearestOrEven). */
double SGX_MATH_FN(rint)(double x);
float SGX_MATH_FN(rintf)(float x);
/** x - n*y with n = trunc(x/y), exact; NaN if x is infinite or y is zero. */
double SGX_MATH_FN(fmod)(double x, double y);
float SGX_MATH_FN(fmodf)(float x, float y);
/** x - n*y with n = x/y rounded to nearest, ties to even, exact (IEEE remainder). */
double SGX_MATH_FN(remainder)(double x, double y);
float SGX_MATH_FN(remainderf)(float x, float y);
/** x * 2^n, rounded once (correct also for subnormal results). */
double SGX_MATH_FN(scalbn)(double x, int n);
double SGX_MATH_FN(ldexp)(double x, int n);
float SGX_MATH_FN(scalbnf)(float x, int n);
float SGX_MATH_FN(ldexpf)(float x, int n);
/** Splits x into m * 2^e with 0.5 <= |m| < 1 (m = x, e = 0 for 0, inf, NaN). */
double SGX_MATH_FN(frexp)(double x, int *e);
float SGX_MATH_FN(frexpf)(float x, int *e);
/** Splits x into an integral part (*ip) and a fraction with the sign of x. */
double SGX_MATH_FN(modf)(double x, double *ip);
float SGX_MATH_FN(modff)(float x, float *ip);

/* ---- exponentials (math_exp.c) ------------------------------------------------- */
/** e^x, 2^x, e^x - 1. */
double SGX_MATH_FN(exp)(double x);
double SGX_MATH_FN(exp2)(double x);
double SGX_MATH_FN(expm1)(double x);
float SGX_MATH_FN(expf)(float x);
float SGX_MATH_FN(exp2f)(float x);
float SGX_MATH_FN(expm1f)(float x);

/* ---- logarithms (math_log.c) --------------------------------------------------- */
/** Natural, base-2, base-10 logarithm and log(1 + x). log(±0) = -inf, log(x<0) = NaN. */
double SGX_MATH_FN(log)(double x);
double SGX_MATH_FN(log2)(double x);
double SGX_MATH_FN(log10)(double x);
double SGX_MATH_FN(log1p)(double x);
float SGX_MATH_FN(logf)(float x);
float SGX_MATH_FN(log2f)(float x);
float SGX_MATH_FN(log10f)(float x);
float SGX_MATH_FN(log1pf)(float x);

/* ---- hypot (math_hypot.c) ------------------------------------------------------ */
/** sqrt(x^2 + y^2) without intermediate overflow; hypot(±inf, NaN) = +inf. */
double SGX_MATH_FN(hypot)(double x, double y);
float SGX_MATH_FN(hypotf)(float x, float y);

/* ---- hyperbolic functions (math_hyperbolic.c) --------------------------------- */
/** Hyperbolic sine and cosine (overflow to ±inf beyond 710.47). */
double SGX_MATH_FN(sinh)(double x);
double SGX_MATH_FN(cosh)(double x);
float SGX_MATH_FN(sinhf)(float x);
float SGX_MATH_FN(coshf)(float x);
/** Hyperbolic tangent (±1 for |x| > 22). */
double SGX_MATH_FN(tanh)(double x);
float SGX_MATH_FN(tanhf)(float x);

/* ---- trigonometric functions (math_trig.c) ------------------------------------- */
/** Sine, cosine, tangent; any finite argument (exact Payne-Hanek reduction). ±inf -> NaN. */
double SGX_MATH_FN(sin)(double x);
double SGX_MATH_FN(cos)(double x);
double SGX_MATH_FN(tan)(double x);
float SGX_MATH_FN(sinf)(float x);
float SGX_MATH_FN(cosf)(float x);
float SGX_MATH_FN(tanf)(float x);

/* ---- power (math_pow.c) --------------------------------------------------------- */
/** x^y; C Annex F special cases (pow(x, ±0) = 1, pow(1, y) = 1 even for NaN, ...). */
double SGX_MATH_FN(pow)(double x, double y);
float SGX_MATH_FN(powf)(float x, float y);

/* ---- inverse trigonometric functions (math_invtrig.c) --------------------------- */
/** Arc tangent in [-pi/2, pi/2]; atan2(y, x) in [-pi, pi] with C Annex F's zeros and infinities. */
double SGX_MATH_FN(atan)(double x);
double SGX_MATH_FN(atan2)(double y, double x);
/** Arc sine in [-pi/2, pi/2], arc cosine in [0, pi]; NaN outside [-1, 1]. */
double SGX_MATH_FN(asin)(double x);
double SGX_MATH_FN(acos)(double x);
float SGX_MATH_FN(atanf)(float x);
float SGX_MATH_FN(atan2f)(float y, float x);
float SGX_MATH_FN(asinf)(float x);
float SGX_MATH_FN(acosf)(float x);

/* ---- cube root (math_cbrt.c) ---------------------------------------------------- */
/** Real cube root; cbrt(-8) = -2, keeps the sign of zero. */
double SGX_MATH_FN(cbrt)(double x);
float SGX_MATH_FN(cbrtf)(float x);

/* ---- error functions (math_erf.c) ----------------------------------------------- */
/** erf x = 2/sqrt(pi) * integral from 0 to x of e^(-t^2) dt; ±1 for |x| >= 6. */
double SGX_MATH_FN(erf)(double x);
float SGX_MATH_FN(erff)(float x);
/** erfc x = 1 - erf x, accurate also where it is tiny (underflows beyond 27.3). */
double SGX_MATH_FN(erfc)(double x);
float SGX_MATH_FN(erfcf)(float x);

/* ---- fused multiply-add (math_fma.c) -------------------------------------------- */
/** x*y + z rounded once (exact software implementation, no FMA instruction). */
double SGX_MATH_FN(fma)(double x, double y, double z);
float SGX_MATH_FN(fmaf)(float x, float y, float z);

#endif /* SGX_MATH_H */
