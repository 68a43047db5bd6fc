/// A kernel whose result is a byte stream (fasta's FASTA text, mandelbrot's PBM file):
/// written once into a sink, then either hashed (the benchmark, constant memory) or kept.
public protocol StreamingKernel {
    /// Writes the whole output for `n` into `sink`.
    static func write(_ n: Int, into sink: inout some FastaSink)
}

extension StreamingKernel {
    /// FNV-1a of the whole output for `n`.
    public static func checksum(_ n: Int) -> UInt64 {
        var sink = HashingSink()
        write(n, into: &sink)
        return sink.checksum.value
    }

    /// The output for `n`, kept in memory.
    public static func output(_ n: Int) -> [UInt8] {
        var sink = CollectingSink()
        write(n, into: &sink)
        return sink.bytes
    }
}
