/// sgx-bench's command line: `[--suite default|compute|all] [--json] [--chart FILE.svg]`.
struct BenchOptions {
    enum Suite: String {
        /// Transitions, copies, crypto, sealing, attestation, TLS (what sgx-bench ran before suites).
        case `default`
        /// The Benchmarks Game kernels, enclave against native twin.
        case compute
        /// Both.
        case all
    }

    var suite = Suite.default
    var json = false
    var chart: String?

    var runsDefaultRows: Bool { suite != .compute }
    var runsCompute: Bool { suite != .default }

    static func parse(_ arguments: [String]) throws(BenchFailure) -> BenchOptions {
        var options = BenchOptions()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--json": options.json = true
            case "--suite":
                guard let value = rest.popFirst(), let suite = Suite(rawValue: value) else {
                    throw BenchFailure("--suite needs one of: default, compute, all")
                }
                options.suite = suite
            case "--chart":
                guard let value = rest.popFirst(), !value.hasPrefix("--") else { throw BenchFailure("--chart needs a file name (FILE.svg)") }
                options.chart = value
            default:
                throw BenchFailure("unknown argument '\(argument)'; usage: sgx-bench [--suite default|compute|all] [--json] [--chart FILE.svg]")
            }
        }
        return options
    }
}
