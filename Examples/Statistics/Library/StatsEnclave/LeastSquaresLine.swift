/// The ordinary least-squares line y = slope·x + intercept, from centered sums (two
/// passes), and its coefficient of determination R² = 1 - SS_res / SS_tot.
struct LeastSquaresLine {
    let slope: Double
    let intercept: Double
    let rSquared: Double

    /// nil when x is constant (no unique line) or the inputs differ in length.
    init?(x: [Double], y: [Double]) {
        guard x.count == y.count, x.count >= 2 else { return nil }
        let n = Double(x.count)
        var sumX = 0.0, sumY = 0.0
        for i in x.indices { sumX += x[i]; sumY += y[i] }
        let meanX = sumX / n, meanY = sumY / n
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for i in x.indices {
            let dx = x[i] - meanX, dy = y[i] - meanY
            sxx += dx * dx
            sxy += dx * dy
            syy += dy * dy
        }
        guard sxx > 0 else { return nil }
        slope = sxy / sxx
        intercept = meanY - slope * meanX
        var residual = 0.0
        for i in x.indices {
            let e = y[i] - (slope * x[i] + intercept)
            residual += e * e
        }
        rSquared = syy > 0 ? 1 - residual / syy : 1
    }
}
