// sgx-bench: enclave transitions and services against native baselines, measured side by
// side in one run. Build with -c release for meaningful numbers:
//     swift run -c release sgx-bench [--json]
// SIMULATION MODE: these are costs of the simulated transitions on this machine, not of
// SGX hardware (where an ECALL costs thousands of cycles).
import BenchReport
import CSGXHost
import ComputeSuite
import Crypto
import Foundation
import SGXHost
import SGXTypes

/// The host side of `ocall_empty`: counts the OCALLs it ran (the ocall-empty work check).
final class BenchHost: BenchOCalls, @unchecked Sendable {
    var ocalls: UInt64 = 0
    func ocall_empty() { ocalls &+= 1 }
}

func run() throws -> [BenchRow] {
    let host = BenchHost()
    let enclave = try Enclave(path: BenchEnclave.path, ocalls: Bench.ocallTable(host))
    var rows: [BenchRow] = []

    // ecall-empty: the ECALL transition (index 0 = ecall_empty, empty frame). Baseline: a
    // direct call through a C function pointer (not inlinable).
    let function = sgx_host_empty_function()
    var sink: UInt64 = 0
    let emptyBefore = try enclave.ecall_empty_count()
    let ecallIterations = 1_000_000
    let (ecall, direct) = try interleaved(ours: {
        try round(ecallIterations) { try enclave.ecall(0) }
    }, baseline: {
        round(ecallIterations) { sink &+= sgx_host_call_through(function, sink) }
    })
    let emptyCalls = try enclave.ecall_empty_count() &- emptyBefore
    try expectWork(emptyCalls == UInt64(ecallIterations * benchRounds), "ecall_empty ran \(emptyCalls) times")
    rows.append(BenchRow(name: "ecall-empty", ours: ecall, baseline: direct, baselineName: "direct call", note: "target <= 10 ns, < 8x"))

    // ocall-empty: one ECALL making N OCALLs; the ECALL's own cost removed, divided by N.
    let count: UInt64 = 200_000
    let ocallsBefore = host.ocalls
    let ocallRounds = try measure(iterations: 1) {
        let succeeded = try enclave.ecall_ocalls(count)
        try expectWork(succeeded == count, "\(succeeded) of \(count) OCALLs succeeded")
    }
    try expectWork(host.ocalls &- ocallsBefore == count * UInt64(benchRounds), "the host ran \(host.ocalls &- ocallsBefore) OCALLs")
    let ecallMedian = ecall.median
    let ocall = ocallRounds.map { Swift.max(0, ($0 - ecallMedian) / Double(count)) }
    rows.append(BenchRow(name: "ocall-empty", ours: ocall, baseline: direct, baselineName: "direct call", note: "target <= 6 ns"))

    // edl-in-64KiB / edl-inout-64KiB: the generated trusted bridge checks the buffer and
    // copies it in (and out); the frame is the EDL ABI {return, address, size} built by hand
    // so that no host-side copy is counted. Baseline: memcpy of the same bytes.
    let size = 64 << 10
    let copies = 20_000
    let source = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
    let destination = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
    defer { source.deallocate(); destination.deallocate() }
    source.initializeMemory(as: UInt8.self, repeating: 7, count: size)
    source.storeBytes(of: 3, toByteOffset: size - 1, as: UInt8.self)
    var inFrame: (UInt64, UInt64, UInt64) = (0, UInt64(UInt(bitPattern: source)), UInt64(size))
    let (inNs, memcpyNs) = try withUnsafeMutableBytes(of: &inFrame) { raw in
        try interleaved(ours: {
            try round(copies) { try enclave.ecall(2, frame: raw.baseAddress) }
        }, baseline: {
            round(copies) {
                memcpy(destination, source, size)
                sink &+= UInt64(destination.load(as: UInt8.self))
            }
        })
    }
    // ecall_in returns count + first + last byte of what it copied in.
    try expectWork(inFrame.0 == UInt64(size) + 7 + 3, "ecall_in returned \(inFrame.0)")
    rows.append(BenchRow(name: "edl-in-64KiB", ours: inNs, baseline: memcpyNs, baselineName: "memcpy 64 KiB", note: "target <= 1.25 (>= 80% of memcpy bandwidth)"))
    // [in, out] moves the same 64 KiB twice, in and back out (edger8r's semantics: the
    // enclave works on its own copy), so its baseline is memcpy of those bytes both ways.
    // ecall_inout adds 1 to the first byte: after every call the host's byte has moved on.
    var inoutFrame: (UInt64, UInt64) = (UInt64(UInt(bitPattern: source)), UInt64(size))
    let firstBefore = source.load(as: UInt8.self)
    let (inoutNs, memcpyBothWaysNs) = try withUnsafeMutableBytes(of: &inoutFrame) { raw in
        try interleaved(ours: {
            try round(copies) { try enclave.ecall(3, frame: raw.baseAddress) }
        }, baseline: {
            round(copies) {
                memcpy(destination, source, size)
                destination.storeBytes(of: destination.load(as: UInt8.self) &+ 1, as: UInt8.self)
                memcpy(source, destination, size)
            }
        })
    }
    let increments = UInt8(truncatingIfNeeded: 2 * copies * benchRounds) // enclave and baseline both add 1
    try expectWork(source.load(as: UInt8.self) == firstBefore &+ increments, "[in, out] byte is \(source.load(as: UInt8.self))")
    rows.append(BenchRow(name: "edl-inout-64KiB", ours: inoutNs, baseline: memcpyBothWaysNs, baselineName: "memcpy 64 KiB in + 64 KiB out",
                         note: "target <= 1.25 (>= 80% of memcpy bandwidth for the bytes moved)"))
    rows += try cryptoAndSyncRows(enclave)
    rows += try sealBenchRows(enclave)
    rows += try pfsBenchRows(enclave)
    rows += try mathBenchRows(enclave)
    rows.append(try verifyQuoteRow())
    rows += try tlsBenchRows()
    if sink == 42 { print("") } // keep the baselines' results alive
    return rows
}

do {
    let options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
    var rows: [BenchRow] = []
    if options.runsDefaultRows { rows += try run() }
    if options.runsMathOnly {
        let enclave = try Enclave(path: BenchEnclave.path, ocalls: Bench.ocallTable(BenchHost()))
        rows += try mathBenchRows(enclave)
    }
    var mismatches: [ComputeMeasurement] = []
    var computeRows: [BenchRow] = []
    if options.runsCompute {
        let enclave = try loadComputeEnclave()
        let measurements = try runComputeSuite(enclave) { name in
            if !options.json { FileHandle.standardError.write(Data("  running \(name)...\n".utf8)) }
        }
        mismatches = measurements.filter { !$0.checksumsMatch }
        computeRows = measurements.map(\.row)
    }
    if options.json {
        print(try BenchJSON.encode(rows + computeRows))
    } else {
        #if DEBUG
        print("warning: debug build; run `swift run -c release sgx-bench` for meaningful numbers\n")
        #endif
        if !rows.isEmpty { printTable(rows) }
        if options.runsCompute {
            if !rows.isEmpty { print("") }
            printComputeTable(computeRows)
        }
    }
    if let chart = options.chart {
        let svg = RatioChart.svg((rows + computeRows).map { ($0.name, $0.ratio) },
                                 title: "sgx-bench: time ratio enclave / baseline (simulation mode)")
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

/// The default rows: transitions, copies, crypto, sealing, math, attestation, TLS.
func printTable(_ rows: [BenchRow]) {
    print("sgx-bench (simulation mode: simulated transitions, not SGX hardware)")
    print("medians of \(benchRounds) interleaved rounds, [min-max] spread; ratio = ns / baseline ns (1.0 is parity, lower is better)\n")
    let header = "name".padding(toLength: 18, withPad: " ", startingAt: 0) + "ns/op".leftPad(12) + "spread".leftPad(22)
        + "baseline ns".leftPad(14) + "spread".leftPad(22) + "ratio".leftPad(8) + "   baseline; note"
    print(header)
    print(String(repeating: "-", count: header.count + 30))
    for row in rows {
        print(row.name.padding(toLength: 18, withPad: " ", startingAt: 0) + format(row.ns).leftPad(12)
              + "[\(format(row.ours.min))-\(format(row.ours.max))]".leftPad(22)
              + format(row.baselineNs).leftPad(14)
              + "[\(format(row.baseline.min))-\(format(row.baseline.max))]".leftPad(22)
              + String(format: "%.2f", row.ratio).leftPad(8)
              + "   \(row.baselineName); \(row.note)")
    }
}

/// The compute suite: per kernel, both sides' medians and spreads in ms, the ratio and the checksum.
func printComputeTable(_ rows: [BenchRow]) {
    let rounds = rows.first?.ours.rounds ?? 0
    print("compute suite: each kernel in the enclave and as its native twin (same source), interleaved, \(rounds) rounds each")
    print("(simulation mode; ratio = enclave median / native median, 1.0 is parity, lower is better)\n")
    func ms(_ ns: Double) -> String { String(format: "%.2f", ns / 1e6) }
    func range(_ t: Timing) -> String { "[\(ms(t.min))-\(ms(t.max))]" }
    let header = "kernel".padding(toLength: 16, withPad: " ", startingAt: 0) + "enclave ms".leftPad(12)
        + "spread".leftPad(18) + "native ms".leftPad(12) + "spread".leftPad(18) + "ratio".leftPad(8) + "   checksum; note"
    print(header)
    print(String(repeating: "-", count: header.count + 30))
    for row in rows {
        print(row.name.padding(toLength: 16, withPad: " ", startingAt: 0) + ms(row.ns).leftPad(12)
              + range(row.ours).leftPad(18) + ms(row.baselineNs).leftPad(12) + range(row.baseline).leftPad(18)
              + String(format: "%.3f", row.ratio).leftPad(8)
              + "   0x\(String(row.checksum ?? 0, radix: 16)); \(row.note)")
    }
}

/// Three significant figures, enough for noisy timings.
func format(_ ns: Double) -> String {
    ns >= 100 ? String(format: "%.0f", ns) : ns >= 10 ? String(format: "%.1f", ns) : String(format: "%.2f", ns)
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
