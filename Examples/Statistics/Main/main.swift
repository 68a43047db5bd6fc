// swift run stats-example: private statistics over data provisioned into an enclave (mean,
// sample variance, quantiles, least-squares line), cross-checked against the host's own
// formulas. Data: petal length (x) and petal width (y) of the 150 flowers in Fisher's Iris
// data (Examples/Fixtures). SIMULATION MODE: the enclave is ordinary memory in this process;
// there is no isolation from the host.
import IrisFixture
import StatsExample
import SGXHost
import SGXTypes

#if canImport(Glibc)
import Glibc
#endif

func run() throws {
    print("swift-sgx stats-example (SIMULATION MODE: no isolation)")
    let iris = try IrisFixture.load()
    let x = iris.column(2), y = iris.column(3)
    print("data: Iris petal length (x, cm) and petal width (y, cm), \(x.count) rows (Fisher 1936, UCI, CC BY 4.0)")
    print("quantiles: linear interpolation between order statistics (Hyndman & Fan type 7)")
    print("tolerance: |enclave - host| <= \(StatsExample.tolerance) * max(1, |host|)")
    let enclave = try StatsExample.loadEnclave()
    let inside = try StatsExample.enclaveStatistics(enclave, x: x, y: y, count: UInt64(x.count))
    let host = StatsExample.hostStatistics(x: x, y: y)
    func fixed(_ value: Double) -> String {
        let text = String(format6: value)
        return String(repeating: " ", count: max(0, 14 - text.count)) + text
    }
    print("statistic            enclave           host")
    for (e, h) in zip(inside.named, host.named) {
        print(e.name.padding(16) + fixed(e.value) + " " + fixed(h.value))
    }
    let bad = StatsExample.disagreements(inside, host)
    guard bad.isEmpty else {
        print("error: the enclave and the host disagree on \(bad.joined(separator: ", "))")
        exit(1)
    }
    print("all \(inside.named.count) statistics agree")
}

extension String {
    /// `value` with six decimals (round half away from zero).
    init(format6 value: Double) {
        let scaled = (abs(value) * 1_000_000).rounded(.toNearestOrAwayFromZero)
        let whole = Int(scaled / 1_000_000)
        var fraction = String(Int(scaled) - whole * 1_000_000)
        while fraction.count < 6 { fraction = "0" + fraction }
        self = (value < 0 ? "-" : "") + "\(whole)." + fraction
    }

    /// This string padded with spaces to `width` characters.
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}

do {
    try run()
} catch {
    print("error: \(error)")
    exit(1)
}
