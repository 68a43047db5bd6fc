/// sgx-bench's command line: `[--suite default|compute|math|all] [--json] [--chart FILE.svg]`.
struct BenchOptions {
    enum Suite: String {
        /// Transitions, copies, crypto, sealing, attestation, TLS (what sgx-bench ran before suites).
        case `default`
        /// The Benchmarks Game kernels, enclave against native twin.
        case compute
        /// Only the `math-*` rows (part of `default`): the enclave libm against glibc.
        case math
        /// Both.
        case all
    }

    var suite = Suite.default
    var json = false
    var chart: String?

    var runsDefaultRows: Bool { suite == .default || suite == .all }
    var runsMathOnly: Bool { suite == .math }
    var runsCompute: Bool { suite == .compute || suite == .all }

    static func parse(_ arguments: [String]) throws(BenchFailure) -> BenchOptions {
        var options = BenchOptions()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--json": options.json = true
            case "--suite":
                guard let value = rest.popFirst(), let suite = Suite(rawValue: value) else {
                    throw BenchFailure("--suite needs one of: default, compute, math, all")
                }
                options.suite = suite
            case "--chart":
                guard let value = rest.popFirst(), !value.hasPrefix("--") else { throw BenchFailure("--chart needs a file name (FILE.svg)") }
                options.chart = value
            default:
                throw BenchFailure("unknown argument '\(argument)'; usage: sgx-bench [--suite default|compute|math|all] [--json] [--chart FILE.svg]")
            }
        }
        return options
    }
}
