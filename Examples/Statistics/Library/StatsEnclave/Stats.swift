// The stats-example's enclave: the ECALL of Stats.edl. The data arrives as copies in
// enclave memory (the generated bridge copied the buffers in); only the eight results leave.
import SGXTrusted
import SGXTypes

func ecall_statistics(_ x: [UInt8], _ xSize: Int, _ y: [UInt8], _ ySize: Int, _ count: UInt64,
                      _ results: inout [Double]) -> UInt32 {
    guard count >= 2, let xs = decodeSamples(x, count: count), let ys = decodeSamples(y, count: count),
          let line = LeastSquaresLine(x: xs, y: ys), results.count == 8 else {
        return SGXStatus.invalidParameter.rawValue
    }
    let summary = Summary(xs)
    let values = [summary.mean, summary.variance, summary.quantile(0.1), summary.quantile(0.5), summary.quantile(0.9),
                  line.slope, line.intercept, line.rSquared]
    for index in 0..<8 { results[index] = values[index] }
    return 0
}
