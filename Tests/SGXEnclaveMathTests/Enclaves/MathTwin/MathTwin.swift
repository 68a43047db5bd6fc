// Test enclave for SGXEnclaveMathTests: evaluates the runtime's libm through SGXTrusted's
// Math API (and Swift's own floating-point operations that lower to it) on inputs the
// host hands in, so the host can compare the bits with its twin build of the same C.
import SGXTrusted

/// Functions in the order the host test expects them (EnclaveMathTwinTests.functions).
func evaluate(_ function: Int, _ x: Double) -> Double {
    switch function {
    case 0: return Math.sqrt(x)
    case 1: return Math.exp(x)
    case 2: return Math.exp2(x)
    case 3: return Math.expMinusOne(x)
    case 4: return Math.log(x)
    case 5: return Math.log2(x)
    case 6: return Math.log10(x)
    case 7: return Math.log(onePlus: x)
    case 8: return Math.fmod(x, 0.75)
    case 9: return Double(Math.exp(Float(x)))
    case 10: return Double(Math.log(Float(x)))
    case 11: return x.squareRoot()
    case 12: return x.rounded(.up)
    case 13: return x.rounded(.down)
    case 14: return Math.hypot(x, 3.5)
    case 15: return Math.sinh(x)
    case 16: return Math.cosh(x)
    case 17: return x.rounded(.toNearestOrEven)
    case 18: return x.truncatingRemainder(dividingBy: 1.25)
    case 19: return Math.sin(x)
    case 20: return Math.cos(x)
    case 21: return Math.tan(x)
    case 22: return Math.pow(1.5, x)
    case 23: return Math.pow(x, 3)
    case 24: return Math.atan(x)
    case 25: return Math.asin(x)
    case 26: return Math.acos(x)
    case 27: return Math.atan2(x, 0.75)
    case 28: return Math.tanh(x)
    case 29: return Math.cbrt(x)
    case 30: return Math.erf(x)
    case 31: return Math.erfc(x)
    case 32: return x.addingProduct(x, 1.0 / 3.0)
    case 33: return Math.fma(x, 0.1, -x)
    case 34: return Double(Math.sin(Float(x)))
    default: return .nan
    }
}

/// ECALL 0: frame {u64 count, u64 functions, count × u64 input bits,
/// functions × count × u64 output bits}.
@c(sgx_ecall_dispatch)
func dispatch(_ index: UInt32, _ raw: UnsafeMutableRawPointer?) -> UInt32 {
    guard index == 0, let header = UntrustedBuffer(raw, count: 16),
          let count = header.load(UInt64.self, at: 0), let functions = header.load(UInt64.self, at: 8),
          count <= 4096, functions <= 64 else { return 2 }
    let n = Int(count), f = Int(functions)
    guard let frame = UntrustedBuffer(raw, count: 16 + 8 * n * (1 + f)) else { return 2 }
    for i in 0..<n {
        guard let bits = frame.load(UInt64.self, at: 16 + 8 * i) else { return 2 }
        let x = Double(bitPattern: bits)
        for j in 0..<f {
            _ = frame.store(evaluate(j, x).bitPattern, at: 16 + 8 * n + 8 * (j * n + i))
        }
    }
    return 0
}
