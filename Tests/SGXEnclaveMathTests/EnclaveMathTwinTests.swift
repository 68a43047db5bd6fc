import CEnclaveMathUnderTest
import Foundation
import SGXEnclaveBuild
import SGXHost
import Testing

/// The libm inside a simulation enclave (Enclaves/MathTwin, through SGXTrusted's `Math`)
/// gives the same bits as the host twin build of the same C (`sgxm_*`).
@Suite(.serialized) struct EnclaveMathTwinTests {
    static let sourceRoot = EnclaveBuildCache.directory(of: #filePath) + "/Enclaves"
    static let cache = EnclaveBuildCache(label: "math-tests")

    /// The host twin of each function MathTwin.swift evaluates, in the same order.
    static let functions: [(name: String, twin: @Sendable (Double) -> Double)] = [
        ("sqrt", { sgxm_sqrt($0) }), ("exp", { sgxm_exp($0) }), ("exp2", { sgxm_exp2($0) }),
        ("expm1", { sgxm_expm1($0) }), ("log", { sgxm_log($0) }), ("log2", { sgxm_log2($0) }),
        ("log10", { sgxm_log10($0) }), ("log1p", { sgxm_log1p($0) }), ("fmod(x, 0.75)", { sgxm_fmod($0, 0.75) }),
        ("expf", { Double(sgxm_expf(Float($0))) }), ("logf", { Double(sgxm_logf(Float($0))) }),
        ("squareRoot()", { sgxm_sqrt($0) }), ("rounded(.up)", { sgxm_ceil($0) }), ("rounded(.down)", { sgxm_floor($0) }),
        ("hypot(x, 3.5)", { sgxm_hypot($0, 3.5) }), ("sinh", { sgxm_sinh($0) }), ("cosh", { sgxm_cosh($0) }),
        ("rounded(.toNearestOrEven)", { sgxm_rint($0) }), ("truncatingRemainder(1.25)", { sgxm_fmod($0, 1.25) }),
        ("sin", { sgxm_sin($0) }), ("cos", { sgxm_cos($0) }), ("tan", { sgxm_tan($0) }),
        ("pow(1.5, x)", { sgxm_pow(1.5, $0) }), ("pow(x, 3)", { sgxm_pow($0, 3) }), ("atan", { sgxm_atan($0) }),
        ("asin", { sgxm_asin($0) }), ("acos", { sgxm_acos($0) }), ("atan2(x, 0.75)", { sgxm_atan2($0, 0.75) }),
        ("tanh", { sgxm_tanh($0) }), ("cbrt", { sgxm_cbrt($0) }), ("erf", { sgxm_erf($0) }), ("erfc", { sgxm_erfc($0) }),
        ("addingProduct(x, 1/3)", { sgxm_fma($0, 1.0 / 3.0, $0) }), ("fma(x, 0.1, -x)", { sgxm_fma($0, 0.1, -$0) }),
        ("sinf", { Double(sgxm_sinf(Float($0))) }),
    ]

    /// Special values, then pseudo-random bit patterns and values in [-800, 800].
    static func inputs() -> [Double] {
        var values: [Double] = [0, -0.0, .infinity, -.infinity, .nan, 1, -1, 0.5, 2, 709.78, -745.1, 1e-310,
                                -1e-310, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1e300, -1e-20]
        var state: UInt64 = 0x4d41_5448_5457_494e
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        while values.count < 2000 {
            let r = next()
            values.append(r & 1 == 0 ? Double(bitPattern: r) : Double(r >> 11) * 0x1p-53 * 1600 - 800)
        }
        return values
    }

    /// Indices where the two result arrays differ in any bit.
    static func mismatches(_ a: [UInt64], _ b: [UInt64]) -> [Int] {
        precondition(a.count == b.count)
        return a.indices.filter { a[$0] != b[$0] }
    }

    static func enclaveResults(_ inputs: [Double]) throws -> [UInt64] {
        let image = try cache.image("MathTwin") { work in EnclaveBuildCache.request("MathTwin", in: sourceRoot, work: work) }
        let enclave = try Enclave(image: image)
        let n = inputs.count, f = functions.count
        let frame = UnsafeMutableRawPointer.allocate(byteCount: 16 + 8 * n * (1 + f), alignment: 16)
        defer { frame.deallocate() }
        frame.storeBytes(of: UInt64(n), toByteOffset: 0, as: UInt64.self)
        frame.storeBytes(of: UInt64(f), toByteOffset: 8, as: UInt64.self)
        for (i, x) in inputs.enumerated() { frame.storeBytes(of: x.bitPattern, toByteOffset: 16 + 8 * i, as: UInt64.self) }
        try enclave.ecall(0, frame: frame)
        return (0..<(n * f)).map { frame.load(fromByteOffset: 16 + 8 * n + 8 * $0, as: UInt64.self) }
    }

    @Test func enclaveAndHostTwinAgreeBitForBit() throws {
        let inputs = Self.inputs()
        let inside = try Self.enclaveResults(inputs)
        let host = Self.functions.flatMap { function in inputs.map { function.twin($0).bitPattern } }
        let bad = Self.mismatches(inside, host)
        for index in bad.prefix(10) {
            let function = Self.functions[index / inputs.count].name, x = inputs[index % inputs.count]
            Issue.record("\(function)(\(x)): enclave \(Double(bitPattern: inside[index])), host \(Double(bitPattern: host[index]))")
        }
        #expect(bad.isEmpty)
        // Sanity: the enclave really computed (exp(1) is e, sqrt(2) squared is about 2).
        let one = inputs.firstIndex(of: 1)!, two = inputs.firstIndex(of: 2)!
        #expect(abs(Double(bitPattern: inside[1 * inputs.count + one]) - 2.718281828459045) < 1e-15)
        #expect(abs(Double(bitPattern: inside[two]) * Double(bitPattern: inside[two]) - 2) < 1e-15)
    }

    @Test func comparisonCatchesOneFlippedBit() {
        let host = Self.inputs().map { sgxm_exp($0).bitPattern }
        var perturbed = host
        perturbed[1234] ^= 1
        #expect(Self.mismatches(host, perturbed) == [1234])
        #expect(Self.mismatches(host, host).isEmpty)
    }
}
