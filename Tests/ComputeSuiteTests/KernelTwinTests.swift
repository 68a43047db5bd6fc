import ComputeKernels
import ComputeSuite
import SGXHost
import Testing

/// Every kernel's enclave checksum equals its native twin's, for small sizes: the same
/// source (Sources/ComputeKernels) compiled into the compute enclave and into the host.
@Suite(.serialized) struct KernelTwinTests {
    /// Small sizes: quick in a debug build, but large enough to exercise every code path.
    static let smallSizes: [String: Int] = [
        "fannkuch-redux": 7, "fasta": 1_000, "mandelbrot": 200, "n-body": 1_000,
        "spectral-norm": 100, "binary-trees": 8, "k-nucleotide": 2_500,
    ]

    @Test func suiteHasTheSevenKernels() {
        #expect(ComputeKernel.all.map(\.name).sorted() == smallSizesNames())
    }

    func smallSizesNames() -> [String] { Self.smallSizes.keys.sorted() }

    @Test(arguments: ComputeKernel.all.map(\.name))
    func enclaveMatchesNativeTwin(_ name: String) throws {
        let kernel = try #require(ComputeKernel.all.first { $0.name == name })
        let size = try #require(Self.smallSizes[name])
        let enclave = try loadComputeEnclave()
        let inside = try kernel.enclave(enclave, size)
        let outside = kernel.native(size)
        #expect(inside == outside, "\(name)(\(size)): enclave 0x\(String(inside, radix: 16)), native 0x\(String(outside, radix: 16))")
        // The checksum depends on the size (the kernel really ran on the size it was given).
        #expect(try kernel.enclave(enclave, size + 1) != inside)
    }
}
