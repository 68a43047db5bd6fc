/// `exp` written in plain Swift arithmetic, so that the enclave and the native twin
/// compute bit-identical results (the enclave's libm and the host's glibc may differ in
/// the last bit, which could flip a tie in training). Accurate to a few ulps, which is
/// plenty for a softmax; not a replacement for `Math.exp`.
///
/// Method: x = k·ln2 + r with |r| <= ln2/2 (ln2 split in a high and a low part so that
/// k·ln2_hi is exact), e^r by its Taylor series to degree 13 (truncation error below
/// 2^-60 on that interval) evaluated by Horner's rule, then scaled by 2^k.
public enum PortableExp {
    static let ln2High = 6.93147180369123816490e-01 // upper bits of ln 2: k * ln2High is exact
    static let ln2Low = 1.90821492927058770002e-10  // ln 2 - ln2High
    static let inverseLn2 = 1.44269504088896338700e+00

    /// e^x; 0 below -745, +infinity above 709.78, NaN for NaN.
    public static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.78 { return .infinity }
        if x < -745.0 { return 0 }
        // k = round(x / ln 2), written without calling a rounding function.
        let scaled = x * inverseLn2
        let k = Int(scaled < 0 ? scaled - 0.5 : scaled + 0.5)
        let r = (x - Double(k) * ln2High) - Double(k) * ln2Low
        var sum = 1.0
        var degree = 13
        while degree > 0 {
            sum = 1.0 + sum * r / Double(degree)
            degree -= 1
        }
        return scaleByPowerOfTwo(sum, k)
    }

    /// `value · 2^k` for k in -1100...1100, in steps that stay in the normal range.
    static func scaleByPowerOfTwo(_ value: Double, _ k: Int) -> Double {
        var result = value
        var remaining = k
        while remaining > 1000 { result *= Double(sign: .plus, exponent: 1000, significand: 1); remaining -= 1000 }
        while remaining < -1000 { result *= Double(sign: .plus, exponent: -1000, significand: 1); remaining += 1000 }
        return result * Double(sign: .plus, exponent: remaining, significand: 1)
    }
}
