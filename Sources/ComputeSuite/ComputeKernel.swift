import ComputeKernels
import SGXHost
import SGXTypes

/// One kernel of the compute suite, runnable in the compute enclave (through its ECALL) and
/// natively (the same source compiled into the host module ComputeKernels).
public struct ComputeKernel: Sendable {
    /// The Benchmarks Game name.
    public var name: String
    /// The size the suite runs (in release, roughly 50–300 ms per run on this project's machines).
    public var size: Int
    /// The native twin: the kernel's checksum for a size.
    public var native: @Sendable (Int) -> UInt64
    /// The enclave run: the same checksum, computed inside `enclave`.
    public var enclave: @Sendable (borrowing Enclave, Int) throws(SGXError) -> UInt64

    /// The seven kernels, in the order the suite prints them.
    public static let all: [ComputeKernel] = [
        ComputeKernel(name: "fannkuch-redux", size: 9, native: { FannkuchRedux.checksum($0) },
                      enclave: { (e, n) throws(SGXError) in try e.ecall_fannkuch_redux(UInt64(n)) }),
        ComputeKernel(name: "fasta", size: 250_000, native: { Fasta.checksum($0) },
                      enclave: { (e, n) throws(SGXError) in try e.ecall_fasta(UInt64(n)) }),
        ComputeKernel(name: "mandelbrot", size: 800, native: { Mandelbrot.checksum($0) },
                      enclave: { (e, n) throws(SGXError) in try e.ecall_mandelbrot(UInt64(n)) }),
        ComputeKernel(name: "n-body", size: 500_000, native: { NBody.checksum($0) },
                      enclave: { (e, n) throws(SGXError) in try e.ecall_n_body(UInt64(n)) }),
        ComputeKernel(name: "spectral-norm", size: 800, native: { SpectralNorm.checksum($0) },
                      enclave: { (e, n) throws(SGXError) in try e.ecall_spectral_norm(UInt64(n)) }),
        ComputeKernel(name: "binary-trees", size: 13, native: { BinaryTrees.checksum($0) },
                      enclave: { (e, n) throws(SGXError) in try e.ecall_binary_trees(UInt64(n)) }),
        ComputeKernel(name: "k-nucleotide", size: 10_000, native: { KNucleotide.checksum($0) },
                      enclave: { (e, n) throws(SGXError) in try e.ecall_k_nucleotide(UInt64(n)) }),
    ]
}

/// Loads the compute enclave the build plugin built from ComputeEnclave/ (simulation mode).
public func loadComputeEnclave() throws(SGXError) -> Enclave {
    try Enclave(path: ComputeEnclave.path)
}
