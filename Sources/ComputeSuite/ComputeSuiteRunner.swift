import BenchReport
import Foundation
import SGXHost
import SGXTypes

/// One kernel's result: both sides' spreads over the rounds and their checksums.
public struct ComputeMeasurement: Sendable {
    public var kernel: String
    public var size: Int
    public var enclave: Timing
    public var native: Timing
    /// The checksum of the enclave's first (warm-up) run.
    public var enclaveChecksum: UInt64
    /// The checksum of the native twin's first (warm-up) run.
    public var nativeChecksum: UInt64
    /// Whether every timed run on each side returned that side's first checksum.
    public var repeatable: Bool

    /// Both sides computed the same checksum, every time.
    public var checksumsMatch: Bool { repeatable && enclaveChecksum == nativeChecksum }

    /// As an sgx-bench row: the enclave against its native twin.
    public var row: BenchRow {
        BenchRow(name: kernel, ours: enclave, baseline: native, baselineName: "native twin (same source, host build)",
                 note: "n = \(size); checksums \(checksumsMatch ? "match" : "DIFFER")", checksum: enclaveChecksum)
    }
}

/// Runs every kernel `rounds` times in the enclave and natively, interleaved (enclave,
/// native, enclave, native, ...) after one untimed warm-up run of each, so that both sides
/// see the same machine load. Every timed run's checksum is compared with that side's
/// warm-up checksum after its timing (``ComputeMeasurement/repeatable``).
public func runComputeSuite(_ enclave: borrowing Enclave, kernels: [ComputeKernel] = ComputeKernel.all, rounds: Int = 5,
                            progress: (String) -> Void = { _ in }) throws(SGXError) -> [ComputeMeasurement] {
    precondition(rounds >= 1)
    var results: [ComputeMeasurement] = []
    for kernel in kernels {
        progress(kernel.name)
        let enclaveFirst = try kernel.enclave(enclave, kernel.size)
        let nativeFirst = kernel.native(kernel.size)
        var repeatable = true
        var enclaveTimes: [Double] = [], nativeTimes: [Double] = []
        for _ in 0..<rounds {
            var start = DispatchTime.now().uptimeNanoseconds
            let inside = try kernel.enclave(enclave, kernel.size)
            enclaveTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start))
            start = DispatchTime.now().uptimeNanoseconds
            let outside = kernel.native(kernel.size)
            nativeTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start))
            if inside != enclaveFirst || outside != nativeFirst { repeatable = false }
        }
        results.append(ComputeMeasurement(kernel: kernel.name, size: kernel.size, enclave: Timing(samples: enclaveTimes),
                                          native: Timing(samples: nativeTimes), enclaveChecksum: enclaveFirst,
                                          nativeChecksum: nativeFirst, repeatable: repeatable))
    }
    return results
}
