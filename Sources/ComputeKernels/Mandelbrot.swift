/// mandelbrot (Benchmarks Game): the n×n portable bitmap (PBM "P4") of the Mandelbrot set
/// over [-1.5, 0.5] × [-1, 1], 50 iterations, escape at |z|² > 4, eight pixels per byte
/// (most significant bit first, rows padded to whole bytes), as the reference programs
/// write it.
public enum Mandelbrot: StreamingKernel {
    /// Writes the header and the bitmap into `sink`.
    public static func write(_ n: Int, into sink: inout some FastaSink) {
        for byte in "P4\n".utf8 { sink.write(byte) }
        decimal(n, &sink)
        sink.write(32)
        decimal(n, &sink)
        sink.write(10)
        let size = Double(n)
        for y in 0..<n {
            let ci = 2.0 * Double(y) / size - 1.0
            var bits: UInt8 = 0
            var filled = 0
            for x in 0..<n {
                let cr = 2.0 * Double(x) / size - 1.5
                var zr = 0.0, zi = 0.0, tr = 0.0, ti = 0.0
                var i = 0
                while i < 50 && tr + ti <= 4.0 {
                    zi = 2.0 * zr * zi + ci
                    zr = tr - ti + cr
                    tr = zr * zr
                    ti = zi * zi
                    i += 1
                }
                bits = bits << 1 | (tr + ti <= 4.0 ? 1 : 0)
                filled += 1
                if filled == 8 {
                    sink.write(bits)
                    bits = 0
                    filled = 0
                }
            }
            if filled > 0 { sink.write(bits << UInt8(8 - filled)) }
        }
    }

    static func decimal(_ value: Int, _ sink: inout some FastaSink) {
        if value >= 10 { decimal(value / 10, &sink) }
        sink.write(UInt8(48 + value % 10))
    }
}
