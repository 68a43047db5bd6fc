import IrisFixture
import SGXHost
import SGXTypes
import StatsExample
import Testing

/// stats-example: the enclave agrees with the host's independent formulas and with
/// published values for Iris; hostile sizes are refused.
@Suite struct StatsExampleTests {
    let x: [Double]
    let y: [Double]

    init() throws {
        let iris = try IrisFixture.load()
        x = iris.column(2)
        y = iris.column(3)
    }

    @Test func enclaveAgreesWithHost() throws {
        let enclave = try StatsExample.loadEnclave()
        let inside = try StatsExample.enclaveStatistics(enclave, x: x, y: y, count: UInt64(x.count))
        let host = StatsExample.hostStatistics(x: x, y: y)
        #expect(StatsExample.disagreements(inside, host).isEmpty, "\(inside) vs \(host)")
    }

    /// Published summaries of Iris petal length / width (R: mean 3.758, var 3.116278,
    /// quantile(type 7) 10% 1.4, 50% 4.35, 90% 5.8; lm(Petal.Width ~ Petal.Length):
    /// slope 0.415755, intercept -0.363076, R² 0.9271).
    @Test func enclaveMatchesPublishedIrisValues() throws {
        let r = try StatsExample.enclaveStatistics(try StatsExample.loadEnclave(), x: x, y: y, count: UInt64(x.count))
        #expect(abs(r.mean - 3.758) < 1e-9)
        #expect(abs(r.variance - 3.116278) < 1e-6)
        #expect(abs(r.p10 - 1.4) < 1e-9)
        #expect(abs(r.median - 4.35) < 1e-9)
        #expect(abs(r.p90 - 5.8) < 1e-9)
        #expect(abs(r.slope - 0.415755) < 1e-6)
        #expect(abs(r.intercept - -0.363076) < 1e-6)
        #expect(abs(r.rSquared - 0.9271) < 1e-4)
    }

    @Test func quantileRuleInterpolates() throws {
        // 1, 2, 3, 4: h = 3p; p10 = 1.3, median = 2.5, p90 = 3.7.
        let values: [Double] = [4, 1, 3, 2]
        let r = try StatsExample.enclaveStatistics(try StatsExample.loadEnclave(), x: values, y: [1, 2, 3, 5],
                                                   count: 4)
        #expect(abs(r.p10 - 1.3) < 1e-12)
        #expect(r.median == 2.5)
        #expect(abs(r.p90 - 3.7) < 1e-12)
        #expect(abs(r.variance - 5.0 / 3.0) < 1e-12)
    }

    @Test func hostileSizesAreRefused() throws {
        let enclave = try StatsExample.loadEnclave()
        let n = UInt64(x.count)
        for count in [n - 1, n + 1, 0, 1, UInt64.max] {
            #expect(thrownStatus { _ = try StatsExample.enclaveStatistics(enclave, x: x, y: y, count: count) } == .invalidParameter,
                    "count \(count)")
        }
        // y one value short, a NaN, a constant x.
        #expect(thrownStatus { _ = try StatsExample.enclaveStatistics(enclave, x: x, y: Array(y.dropLast()), count: n) }
                == .invalidParameter)
        var withNaN = x
        withNaN[3] = .nan
        #expect(thrownStatus { _ = try StatsExample.enclaveStatistics(enclave, x: withNaN, y: y, count: n) } == .invalidParameter)
        let constant = [Double](repeating: 2, count: x.count)
        #expect(thrownStatus { _ = try StatsExample.enclaveStatistics(enclave, x: constant, y: y, count: n) } == .invalidParameter)
        // Still works afterwards.
        _ = try StatsExample.enclaveStatistics(enclave, x: x, y: y, count: n)
    }
}
