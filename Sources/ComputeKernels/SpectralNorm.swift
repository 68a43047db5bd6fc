/// spectral-norm (Benchmarks Game): the spectral norm of the infinite matrix
/// A(i, j) = 1 / ((i + j)(i + j + 1) / 2 + i + 1), truncated to n×n, by ten rounds of the
/// power method on AᵀA (n = 100 gives 1.274219991).
public enum SpectralNorm {
    @inline(__always)
    static func a(_ i: Int, _ j: Int) -> Double {
        let sum: Int = i + j
        let index: Int = sum * (sum + 1) / 2 + i + 1
        return 1.0 / Double(index)
    }

    static func multiplyA(_ v: [Double], _ out: inout [Double]) {
        let n = v.count
        for i in 0..<n {
            var sum = 0.0
            for j in 0..<n { sum += a(i, j) * v[j] }
            out[i] = sum
        }
    }

    static func multiplyAt(_ v: [Double], _ out: inout [Double]) {
        let n = v.count
        for i in 0..<n {
            var sum = 0.0
            for j in 0..<n { sum += a(j, i) * v[j] }
            out[i] = sum
        }
    }

    static func multiplyAtA(_ v: [Double], _ out: inout [Double], _ scratch: inout [Double]) {
        multiplyA(v, &scratch)
        multiplyAt(scratch, &out)
    }

    /// The norm for `n`.
    public static func run(_ n: Int) -> Double {
        var u = [Double](repeating: 1, count: n)
        var v = [Double](repeating: 0, count: n)
        var scratch = [Double](repeating: 0, count: n)
        for _ in 0..<10 {
            multiplyAtA(u, &v, &scratch)
            multiplyAtA(v, &u, &scratch)
        }
        var vBv = 0.0, vv = 0.0
        for i in 0..<n {
            vBv += u[i] * v[i]
            vv += v[i] * v[i]
        }
        return (vBv / vv).squareRoot()
    }

    /// The bit pattern of the norm.
    public static func checksum(_ n: Int) -> UInt64 { run(n).bitPattern }
}
