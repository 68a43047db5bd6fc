import Testing
import CEnclaveMathUnderTest

/// The enclave libm (`Sources/CEnclaveRuntime/math_*.c`), built for the host as `sgxm_*`,
/// against glibc: the largest error over 1,000,000 pseudo-random inputs per function, and
/// the exact results for special inputs. See Docs/enclave-math.md.
@Suite struct EnclaveMathAccuracyTests {
    /// The largest error allowed per function, in ulps of the correctly rounded result.
    /// Exact operations: 0 (the float ones against a double reference: 0.5 for sqrtf,
    /// whose exact result is not a float). Float transcendentals are computed in double
    /// and rounded once: 0.5 plus the double evaluation's share.
    static let bounds: [String: Double] = [
        "exp": 0.6, "exp2": 0.6, "expm1": 0.75, "log": 0.6, "log2": 0.6, "log10": 0.6, "log1p": 0.75,
        "expf": 0.5001, "exp2f": 0.5001, "expm1f": 0.5001, "logf": 0.5001, "log2f": 0.5001,
        "log10f": 0.5001, "log1pf": 0.5001, "hypot": 0.75, "hypotf": 0.5001,
        "sinh": 0.75, "cosh": 0.75, "sinhf": 0.5001, "coshf": 0.5001,
        "sin": 0.65, "cos": 0.65, "tan": 0.55, "sinf": 0.5001, "cosf": 0.5001, "tanf": 0.5001,
        "pow": 0.6, "powf": 0.5001,
        "atan": 0.51, "asin": 0.51, "acos": 0.51, "atan2": 0.51,
        "atanf": 0.5001, "asinf": 0.5001, "acosf": 0.5001, "atan2f": 0.5001,
        "tanh": 0.6, "tanhf": 0.5001, "cbrt": 0.51, "cbrtf": 0.5001, "erf": 0.55, "erff": 0.5001, "erfc": 0.6, "erfcf": 0.5001,
        "fma": 0, "fmaf": 0,
        "sqrt": 0, "floor": 0, "ceil": 0, "trunc": 0, "round": 0, "fabs": 0,
        "sqrtf": 0.5, "floorf": 0, "ceilf": 0, "truncf": 0, "roundf": 0,
        "fmod": 0, "fmodf": 0, "rint": 0, "rintf": 0, "remainder": 0, "remainderf": 0, "scalbn": 0, "scalbnf": 0,
    ]
    static let seed: UInt64 = 0x5347_584d_4154_4821

    static var names: [String] {
        (0..<sgxm_test_function_count()).map { String(cString: sgxm_test_function_name($0)) }
    }

    @Test func everyFunctionHasABound() {
        #expect(Set(Self.names) == Set(Self.bounds.keys))
    }

    @Test(arguments: 0..<Int(sgxm_test_function_count()))
    func maxUlpWithinBound(index: Int) {
        let name = String(cString: sgxm_test_function_name(Int32(index)))
        let result = sgxm_test_accuracy(Int32(index), 1_000_000, Self.seed, 0)
        let bound = Self.bounds[name] ?? -1
        print("enclave-math max-ulp \(name): \(result.max_ulp) over \(result.count) inputs (bound \(bound); worst x = \(result.worst_x), y = \(result.worst_y))")
        #expect(result.count == 1_000_000)
        #expect(result.nan_mismatches == 0, "\(name): NaN where glibc has none or the reverse")
        #expect(result.max_ulp <= bound, "\(name): \(result.max_ulp) ulp at x = \(result.worst_x), y = \(result.worst_y)")
    }

    /// The comparison notices a result one ulp off: every function's perturbed error
    /// exceeds its bound.
    @Test(arguments: 0..<Int(sgxm_test_function_count()))
    func perturbedResultIsCaught(index: Int) {
        let name = String(cString: sgxm_test_function_name(Int32(index)))
        let result = sgxm_test_accuracy(Int32(index), 20_000, Self.seed, 1)
        #expect(result.max_ulp > Self.bounds[name] ?? .infinity, "\(name): a 1-ulp perturbation went unnoticed")
    }

    @Test func specialValuesAreExact() {
        var report = [CChar](repeating: 0, count: 4096)
        let bad = sgxm_test_specials(0, &report, report.count)
        #expect(bad == 0, Comment(rawValue: String(cString: report)))
    }

    @Test func specialValueCheckCatchesAWrongSign() {
        var report = [CChar](repeating: 0, count: 64)
        #expect(sgxm_test_specials(1, &report, report.count) > 50)
    }
}
