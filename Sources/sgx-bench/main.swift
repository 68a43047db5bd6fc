// sgx-bench: enclave transitions and services against native baselines, measured side by
// side in one run. Build with -c release for meaningful numbers:
//     swift run -c release sgx-bench [--suite default|compute|all] [--json] [--chart FILE.svg]
// --suite compute runs the Benchmarks Game kernels in the enclave and as their native twin.
// SIMULATION MODE: these are costs of the simulated transitions on this machine, not of
// SGX hardware (where an ECALL costs thousands of cycles).
import BenchReport
import ComputeSuite
import CSGXHost
import Crypto
import Foundation
import SGXHost
import SGXTypes

struct BenchHost: BenchOCalls {
    func ocall_empty() {}
}

func run() throws -> [BenchRow] {
    let enclave = try Enclave(path: BenchEnclave.path, ocalls: Bench.ocallTable(BenchHost()))
    var rows: [BenchRow] = []

    // Baseline: a direct call through a C function pointer (not inlinable).
    let function = sgx_host_empty_function()
    var sink: UInt64 = 0
    let direct = measure(iterations: 2_000_000) { sink &+= sgx_host_call_through(function, sink) }

    // ecall-empty: the ECALL transition (index 0 = ecall_empty, empty frame).
    let ecall = try measure(iterations: 1_000_000) { try enclave.ecall(0) }
    rows.append(BenchRow(name: "ecall-empty", spread: ecall, baselineSpread: direct, baselineName: "direct call", note: "target <= 10 ns, < 8x"))

    // ocall-empty: one ECALL making N OCALLs; subtract the ECALL, divide by N. The ECALL
    // returns how many OCALLs succeeded, checked after timing.
    let count = 200_000
    var frame: (UInt64, UInt64) = (0, UInt64(count))
    let ocallLoop = try withUnsafeMutableBytes(of: &frame) { raw in
        try measure(iterations: 1) { try enclave.ecall(1, frame: raw.baseAddress) }
    }
    guard frame.0 == UInt64(count) else { throw BenchFailure("ocall-empty: \(frame.0) of \(count) OCALLs succeeded") }
    let ocall = ocallLoop.map { max(0, ($0 - ecall.median) / Double(count)) }
    rows.append(BenchRow(name: "ocall-empty", spread: ocall, baselineSpread: direct, baselineName: "direct call", note: "target <= 6 ns"))

    // edl-in-64KiB / edl-inout-64KiB: the generated trusted bridge checks the buffer and
    // copies it in (and out); the frame is the EDL ABI {address, size} built by hand so
    // that no host-side copy is counted. Baseline: memcpy of the same bytes.
    let size = 64 << 10
    let source = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
    let destination = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
    defer { source.deallocate(); destination.deallocate() }
    source.initializeMemory(as: UInt8.self, repeating: 7, count: size)
    let memcpyNs = measure(iterations: 20_000) {
        memcpy(destination, source, size)
        sink &+= UInt64(destination.load(as: UInt8.self))
    }
    // ecall_in returns count + first + last byte of its copy: checked after timing.
    var inFrame: (UInt64, UInt64, UInt64) = (0, UInt64(UInt(bitPattern: source)), UInt64(size))
    let inNs = try withUnsafeMutableBytes(of: &inFrame) { raw in
        try measure(iterations: 20_000) { try enclave.ecall(2, frame: raw.baseAddress) }
    }
    guard inFrame.0 == UInt64(size) + 14 else { throw BenchFailure("edl-in-64KiB: the enclave saw other bytes (\(inFrame.0))") }
    rows.append(BenchRow(name: "edl-in-64KiB", spread: inNs, baselineSpread: memcpyNs, baselineName: "memcpy 64 KiB", note: "target <= 1.25 (>= 80% of memcpy bandwidth)"))
    // [in, out] moves the same 64 KiB twice, in and back out (edger8r's semantics: the
    // enclave works on its own copy), so its baseline is memcpy of those bytes both ways.
    let memcpyBothWaysNs = measure(iterations: 20_000) {
        memcpy(destination, source, size)
        destination.storeBytes(of: destination.load(as: UInt8.self) &+ 1, as: UInt8.self)
        memcpy(source, destination, size)
        sink &+= UInt64(source.load(as: UInt8.self))
    }
    // ecall_inout adds 1 to the first byte each call: after timing it has moved by the call count.
    let firstBefore = source.load(as: UInt8.self)
    let inoutRounds = 7, inoutIterations = 20_000
    var inoutFrame: (UInt64, UInt64) = (UInt64(UInt(bitPattern: source)), UInt64(size))
    let inoutNs = try withUnsafeMutableBytes(of: &inoutFrame) { raw in
        try measure(iterations: inoutIterations, rounds: inoutRounds) { try enclave.ecall(3, frame: raw.baseAddress) }
    }
    guard source.load(as: UInt8.self) == firstBefore &+ UInt8(truncatingIfNeeded: inoutRounds * inoutIterations) else {
        throw BenchFailure("edl-inout-64KiB: the buffer did not come back changed by every call")
    }
    rows.append(BenchRow(name: "edl-inout-64KiB", spread: inoutNs, baselineSpread: memcpyBothWaysNs, baselineName: "memcpy 64 KiB in + 64 KiB out",
                         note: "target <= 1.25 (>= 80% of memcpy bandwidth for the bytes moved)"))
    rows += try cryptoAndSyncRows(enclave)
    rows += try sealBenchRows(enclave)
    let quote = try verifyQuoteBenchmark()
    rows.append(BenchRow(name: "verify-quote", spread: quote.perVerification, baselineSpread: quote.ecdsaVerify,
                         baselineName: "one P-256 ECDSA verify",
                         note: String(format: "%.0f verifications/s, collateral parsed once", 1e9 / quote.perVerification.median)))
    rows += try tlsBenchRows()
    if sink == 42 { print("") } // keep the baselines' results alive
    return rows
}

do {
    let options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
    var rows: [BenchRow] = []
    if options.runsDefaultRows { rows += try run() }
    var mismatches: [ComputeMeasurement] = []
    if options.runsCompute {
        let enclave = try loadComputeEnclave()
        let measurements = try runComputeSuite(enclave) { name in
            if !options.json { FileHandle.standardError.write(Data("  running \(name)...\n".utf8)) }
        }
        mismatches = measurements.filter { !$0.checksumsMatch }
        rows += measurements.map(\.row)
        if !options.json { printComputeTable(measurements) }
    }
    if options.json {
        print(try BenchJSON.encode(rows))
    } else if options.runsDefaultRows {
        printTable(rows.filter { $0.checksum == nil })
    }
    if let chart = options.chart {
        let svg = RatioChart.svg(rows.map { ($0.name, $0.ratio) }, title: "sgx-bench: time ratio enclave / baseline (simulation mode)")
        try Data(svg.utf8).write(to: URL(fileURLWithPath: chart))
        if !options.json { print("\nwrote \(chart)") }
    }
    if !mismatches.isEmpty {
        for m in mismatches {
            FileHandle.standardError.write(Data(("sgx-bench: CHECKSUM MISMATCH in \(m.kernel) (n = \(m.size)): enclave 0x\(String(m.enclaveChecksum, radix: 16)), "
                + "native 0x\(String(m.nativeChecksum, radix: 16))\(m.repeatable ? "" : ", and a repeated run disagreed with the first")\n").utf8))
        }
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("sgx-bench: \(error)\n".utf8))
    exit(1)
}

/// Today's rows: transitions, copies, crypto, sealing, attestation, TLS.
func printTable(_ rows: [BenchRow]) {
    #if DEBUG
    print("warning: debug build; run `swift run -c release sgx-bench` for meaningful numbers\n")
    #endif
    print("sgx-bench (simulation mode: simulated transitions, not SGX hardware)\n")
    func spread(_ s: Spread?) -> String {
        guard let s else { return "" }
        return "(" + String(format: "%.2f", s.min) + "–" + String(format: "%.2f", s.max) + ")"
    }
    let header = "name".padding(toLength: 18, withPad: " ", startingAt: 0) + "ns/op".leftPad(12) + "(min–max)".leftPad(24)
        + "baseline ns".leftPad(14) + "(min–max)".leftPad(24) + "ratio".leftPad(9) + "   baseline / target"
    print(header)
    print(String(repeating: "-", count: header.count + 30))
    for row in rows {
        print(row.name.padding(toLength: 18, withPad: " ", startingAt: 0) + String(format: "%.2f", row.ns).leftPad(12)
              + spread(row.spread).leftPad(24) + String(format: "%.2f", row.baselineNs).leftPad(14)
              + spread(row.baselineSpread).leftPad(24) + String(format: "%.2f", row.ratio).leftPad(9)
              + "   \(row.baselineName); \(row.note)")
    }
    print("\nns/op and baseline ns are medians of at least 5 rounds; ratio = ns / baseline ns (1.0 parity, lower is better).")
}

/// The compute suite: per kernel, both sides' medians and (min, max), the ratio and the checksum check.
func printComputeTable(_ measurements: [ComputeMeasurement]) {
    #if DEBUG
    print("warning: debug build; run `swift run -c release sgx-bench --suite compute` for meaningful numbers\n")
    #endif
    print("compute suite: each kernel in the enclave and as its native twin, interleaved, 5 rounds each")
    print("(simulation mode; ratio = enclave median / native median, 1.0 is parity, lower is better)\n")
    func ms(_ ns: Double) -> String { String(format: "%.2f", ns / 1e6) }
    func range(_ s: Spread) -> String { "(\(ms(s.min))–\(ms(s.max)))" }
    let header = "kernel".padding(toLength: 16, withPad: " ", startingAt: 0) + "n".leftPad(9) + "enclave ms".leftPad(12)
        + "(min–max)".leftPad(18) + "native ms".leftPad(12) + "(min–max)".leftPad(18) + "ratio".leftPad(8) + "  checksum"
    print(header)
    print(String(repeating: "-", count: header.count + 24))
    for m in measurements {
        print(m.kernel.padding(toLength: 16, withPad: " ", startingAt: 0) + "\(m.size)".leftPad(9) + ms(m.enclave.median).leftPad(12)
              + range(m.enclave).leftPad(18) + ms(m.native.median).leftPad(12) + range(m.native).leftPad(18)
              + String(format: "%.3f", m.enclave.median / m.native.median).leftPad(8)
              + "  " + (m.checksumsMatch ? "match 0x\(String(m.enclaveChecksum, radix: 16))" : "MISMATCH"))
    }
    print("\nmedians in ns: " + measurements.map { "\($0.kernel) \(Int($0.enclave.median))/\(Int($0.native.median))" }.joined(separator: ", "))
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
