// The trusted runtime's libm (Sources/CEnclaveRuntime/math_*.c, declared in
// include/sgx_math.h), imported without a Clang module like RuntimeImports.swift.

@_extern(c, "sqrt") func sgx_math_sqrt(_ x: Double) -> Double
@_extern(c, "exp") func sgx_math_exp(_ x: Double) -> Double
@_extern(c, "exp2") func sgx_math_exp2(_ x: Double) -> Double
@_extern(c, "expm1") func sgx_math_expm1(_ x: Double) -> Double
@_extern(c, "log") func sgx_math_log(_ x: Double) -> Double
@_extern(c, "log2") func sgx_math_log2(_ x: Double) -> Double
@_extern(c, "log10") func sgx_math_log10(_ x: Double) -> Double
@_extern(c, "log1p") func sgx_math_log1p(_ x: Double) -> Double
@_extern(c, "fmod") func sgx_math_fmod(_ x: Double, _ y: Double) -> Double
@_extern(c, "hypot") func sgx_math_hypot(_ x: Double, _ y: Double) -> Double
@_extern(c, "sinh") func sgx_math_sinh(_ x: Double) -> Double
@_extern(c, "cosh") func sgx_math_cosh(_ x: Double) -> Double
@_extern(c, "sin") func sgx_math_sin(_ x: Double) -> Double
@_extern(c, "cos") func sgx_math_cos(_ x: Double) -> Double
@_extern(c, "tan") func sgx_math_tan(_ x: Double) -> Double
@_extern(c, "sinf") func sgx_math_sinf(_ x: Float) -> Float
@_extern(c, "cosf") func sgx_math_cosf(_ x: Float) -> Float
@_extern(c, "tanf") func sgx_math_tanf(_ x: Float) -> Float
@_extern(c, "pow") func sgx_math_pow(_ x: Double, _ y: Double) -> Double
@_extern(c, "powf") func sgx_math_powf(_ x: Float, _ y: Float) -> Float
@_extern(c, "atan") func sgx_math_atan(_ x: Double) -> Double
@_extern(c, "atan2") func sgx_math_atan2(_ y: Double, _ x: Double) -> Double
@_extern(c, "asin") func sgx_math_asin(_ x: Double) -> Double
@_extern(c, "acos") func sgx_math_acos(_ x: Double) -> Double
@_extern(c, "atanf") func sgx_math_atanf(_ x: Float) -> Float
@_extern(c, "atan2f") func sgx_math_atan2f(_ y: Float, _ x: Float) -> Float
@_extern(c, "asinf") func sgx_math_asinf(_ x: Float) -> Float
@_extern(c, "acosf") func sgx_math_acosf(_ x: Float) -> Float
@_extern(c, "tanh") func sgx_math_tanh(_ x: Double) -> Double
@_extern(c, "cbrt") func sgx_math_cbrt(_ x: Double) -> Double
@_extern(c, "erf") func sgx_math_erf(_ x: Double) -> Double
@_extern(c, "tanhf") func sgx_math_tanhf(_ x: Float) -> Float
@_extern(c, "cbrtf") func sgx_math_cbrtf(_ x: Float) -> Float
@_extern(c, "erff") func sgx_math_erff(_ x: Float) -> Float
@_extern(c, "erfc") func sgx_math_erfc(_ x: Double) -> Double
@_extern(c, "erfcf") func sgx_math_erfcf(_ x: Float) -> Float
@_extern(c, "fma") func sgx_math_fma(_ x: Double, _ y: Double, _ z: Double) -> Double
@_extern(c, "fmaf") func sgx_math_fmaf(_ x: Float, _ y: Float, _ z: Float) -> Float
@_extern(c, "expf") func sgx_math_expf(_ x: Float) -> Float
@_extern(c, "logf") func sgx_math_logf(_ x: Float) -> Float
@_extern(c, "exp2f") func sgx_math_exp2f(_ x: Float) -> Float
@_extern(c, "expm1f") func sgx_math_expm1f(_ x: Float) -> Float
@_extern(c, "log2f") func sgx_math_log2f(_ x: Float) -> Float
@_extern(c, "log10f") func sgx_math_log10f(_ x: Float) -> Float
@_extern(c, "log1pf") func sgx_math_log1pf(_ x: Float) -> Float
@_extern(c, "sinhf") func sgx_math_sinhf(_ x: Float) -> Float
@_extern(c, "coshf") func sgx_math_coshf(_ x: Float) -> Float
@_extern(c, "hypotf") func sgx_math_hypotf(_ x: Float, _ y: Float) -> Float
@_extern(c, "fmodf") func sgx_math_fmodf(_ x: Float, _ y: Float) -> Float

/// Elementary functions for enclave code, from the trusted runtime's own libm.
///
/// An enclave has no host C library; these call the runtime's implementations
/// (`Sources/CEnclaveRuntime/math_*.c`), which are deterministic (no global state, no
/// FMA, errno never set) and give the same bits in every enclave. Accuracy per function
/// is measured and listed in Docs/enclave-math.md: sqrt and fmod are exact, the others
/// below 1 ulp. Special values follow C's Annex F (e.g. `log(0) == -inf`,
/// `log(-1)` is NaN, `exp(1000) == inf`).
public enum Math {
    /// √x, correctly rounded (SQRTSD); the same as `x.squareRoot()`.
    public static func sqrt(_ x: Double) -> Double { sgx_math_sqrt(x) }
    /// eˣ (C `exp`).
    public static func exp(_ x: Double) -> Double { sgx_math_exp(x) }
    /// 2ˣ (C `exp2`).
    public static func exp2(_ x: Double) -> Double { sgx_math_exp2(x) }
    /// eˣ − 1, accurate for small x (C `expm1`).
    public static func expMinusOne(_ x: Double) -> Double { sgx_math_expm1(x) }
    /// ln x (C `log`).
    public static func log(_ x: Double) -> Double { sgx_math_log(x) }
    /// log₂ x (C `log2`).
    public static func log2(_ x: Double) -> Double { sgx_math_log2(x) }
    /// log₁₀ x (C `log10`).
    public static func log10(_ x: Double) -> Double { sgx_math_log10(x) }
    /// ln(1 + x), accurate for small x (C `log1p`).
    public static func log(onePlus x: Double) -> Double { sgx_math_log1p(x) }
    /// x − trunc(x/y)·y, exact (C `fmod`); unlike `truncatingRemainder(dividingBy:)`
    /// this needs no help from the compiler.
    public static func fmod(_ x: Double, _ y: Double) -> Double { sgx_math_fmod(x, y) }
    /// √(x² + y²) without intermediate overflow (C `hypot`).
    public static func hypot(_ x: Double, _ y: Double) -> Double { sgx_math_hypot(x, y) }
    /// Hyperbolic sine (C `sinh`).
    public static func sinh(_ x: Double) -> Double { sgx_math_sinh(x) }
    /// Hyperbolic cosine (C `cosh`).
    public static func cosh(_ x: Double) -> Double { sgx_math_cosh(x) }
    /// Sine of x radians (C `sin`); exact argument reduction for every finite x.
    public static func sin(_ x: Double) -> Double { sgx_math_sin(x) }
    /// Cosine of x radians (C `cos`).
    public static func cos(_ x: Double) -> Double { sgx_math_cos(x) }
    /// Tangent of x radians (C `tan`).
    public static func tan(_ x: Double) -> Double { sgx_math_tan(x) }
    /// Sine in single precision (C `sinf`).
    public static func sin(_ x: Float) -> Float { sgx_math_sinf(x) }
    /// Cosine in single precision (C `cosf`).
    public static func cos(_ x: Float) -> Float { sgx_math_cosf(x) }
    /// Tangent in single precision (C `tanf`).
    public static func tan(_ x: Float) -> Float { sgx_math_tanf(x) }
    /// xʸ (C `pow`): `pow(x, 0) == 1` and `pow(1, y) == 1` even for NaN, negative x
    /// only with integer y (NaN otherwise).
    public static func pow(_ x: Double, _ y: Double) -> Double { sgx_math_pow(x, y) }
    /// xʸ in single precision (C `powf`).
    public static func pow(_ x: Float, _ y: Float) -> Float { sgx_math_powf(x, y) }
    /// Arc tangent in [−π/2, π/2] (C `atan`).
    public static func atan(_ x: Double) -> Double { sgx_math_atan(x) }
    /// The angle of the point (x, y), in [−π, π] (C `atan2`; note the order y, x).
    public static func atan2(_ y: Double, _ x: Double) -> Double { sgx_math_atan2(y, x) }
    /// Arc sine in [−π/2, π/2]; NaN outside [−1, 1] (C `asin`).
    public static func asin(_ x: Double) -> Double { sgx_math_asin(x) }
    /// Arc cosine in [0, π]; NaN outside [−1, 1] (C `acos`).
    public static func acos(_ x: Double) -> Double { sgx_math_acos(x) }
    /// Arc tangent in single precision (C `atanf`).
    public static func atan(_ x: Float) -> Float { sgx_math_atanf(x) }
    /// atan2 in single precision (C `atan2f`).
    public static func atan2(_ y: Float, _ x: Float) -> Float { sgx_math_atan2f(y, x) }
    /// Arc sine in single precision (C `asinf`).
    public static func asin(_ x: Float) -> Float { sgx_math_asinf(x) }
    /// Arc cosine in single precision (C `acosf`).
    public static func acos(_ x: Float) -> Float { sgx_math_acosf(x) }
    /// Hyperbolic tangent (C `tanh`).
    public static func tanh(_ x: Double) -> Double { sgx_math_tanh(x) }
    /// Real cube root, negative for negative x (C `cbrt`).
    public static func cbrt(_ x: Double) -> Double { sgx_math_cbrt(x) }
    /// Error function (C `erf`).
    public static func erf(_ x: Double) -> Double { sgx_math_erf(x) }
    /// Hyperbolic tangent in single precision (C `tanhf`).
    public static func tanh(_ x: Float) -> Float { sgx_math_tanhf(x) }
    /// Cube root in single precision (C `cbrtf`).
    public static func cbrt(_ x: Float) -> Float { sgx_math_cbrtf(x) }
    /// Error function in single precision (C `erff`).
    public static func erf(_ x: Float) -> Float { sgx_math_erff(x) }
    /// Complementary error function 1 − erf(x), accurate where it is tiny (C `erfc`).
    public static func erfc(_ x: Double) -> Double { sgx_math_erfc(x) }
    /// Complementary error function in single precision (C `erfcf`).
    public static func erfc(_ x: Float) -> Float { sgx_math_erfcf(x) }
    /// x·y + z rounded once (C `fma`, exact in software); the same as
    /// `z.addingProduct(x, y)`, which Embedded Swift lowers to this symbol.
    public static func fma(_ x: Double, _ y: Double, _ z: Double) -> Double { sgx_math_fma(x, y, z) }
    /// x·y + z rounded once in single precision (C `fmaf`).
    public static func fma(_ x: Float, _ y: Float, _ z: Float) -> Float { sgx_math_fmaf(x, y, z) }
    /// eˣ in single precision (C `expf`).
    public static func exp(_ x: Float) -> Float { sgx_math_expf(x) }
    /// ln x in single precision (C `logf`).
    public static func log(_ x: Float) -> Float { sgx_math_logf(x) }
    /// 2ˣ in single precision (C `exp2f`).
    public static func exp2(_ x: Float) -> Float { sgx_math_exp2f(x) }
    /// eˣ − 1 in single precision (C `expm1f`).
    public static func expMinusOne(_ x: Float) -> Float { sgx_math_expm1f(x) }
    /// log₂ x in single precision (C `log2f`).
    public static func log2(_ x: Float) -> Float { sgx_math_log2f(x) }
    /// log₁₀ x in single precision (C `log10f`).
    public static func log10(_ x: Float) -> Float { sgx_math_log10f(x) }
    /// ln(1 + x) in single precision (C `log1pf`).
    public static func log(onePlus x: Float) -> Float { sgx_math_log1pf(x) }
    /// sinh x in single precision (C `sinhf`).
    public static func sinh(_ x: Float) -> Float { sgx_math_sinhf(x) }
    /// cosh x in single precision (C `coshf`).
    public static func cosh(_ x: Float) -> Float { sgx_math_coshf(x) }
    /// √(x² + y²) in single precision without intermediate overflow (C `hypotf`).
    public static func hypot(_ x: Float, _ y: Float) -> Float { sgx_math_hypotf(x, y) }
    /// x − n·y with n = x/y truncated, exact, in single precision (C `fmodf`).
    public static func fmod(_ x: Float, _ y: Float) -> Float { sgx_math_fmodf(x, y) }
}
