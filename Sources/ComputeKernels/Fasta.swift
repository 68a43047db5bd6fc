/// Where fasta writes its output, one byte or one line at a time.
public protocol FastaSink {
    mutating func write(_ byte: UInt8)
}

/// A sink that only hashes (the benchmark: no output buffer grows with n).
public struct HashingSink: FastaSink {
    public var checksum = Checksum()
    public init() {}
    public mutating func write(_ byte: UInt8) { checksum.add(byte) }
}

/// A sink that keeps every byte (tests, and k-nucleotide's input).
public struct CollectingSink: FastaSink {
    public var bytes: [UInt8] = []
    public init() {}
    public mutating func write(_ byte: UInt8) { bytes.append(byte) }
}

/// fasta (Benchmarks Game): three DNA sequences in FASTA format, lines of 60: the ALU
/// sequence repeated (2n bases), then 3n bases drawn from the IUB ambiguity codes and 5n
/// from the Homo sapiens frequencies, with the reference programs' linear congruential
/// generator (seed 42, IM 139968, IA 3877, IC 29573), so the output is byte-identical to
/// theirs.
public enum Fasta: StreamingKernel {
    static let lineLength = 60
    static let alu: [UInt8] = Array(("GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGG" + "GAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGA"
        + "CCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAAT" + "ACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCA"
        + "GCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGG" + "AGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCC"
        + "AGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA").utf8)

    /// A weighted alphabet: symbols and their cumulative probabilities.
    struct Alphabet {
        var symbols: [UInt8]
        var cumulative: [Double]

        init(_ table: [(UInt8, Double)]) {
            symbols = table.map { $0.0 }
            cumulative = []
            var sum = 0.0
            for (_, p) in table { sum += p; cumulative.append(sum) }
        }

        func pick(_ r: Double) -> UInt8 {
            for i in 0..<cumulative.count where r < cumulative[i] { return symbols[i] }
            return symbols[symbols.count - 1]
        }
    }

    static func ascii(_ c: Unicode.Scalar) -> UInt8 { UInt8(c.value) }

    static let iub = Alphabet([
        (ascii("a"), 0.27), (ascii("c"), 0.12), (ascii("g"), 0.12), (ascii("t"), 0.27),
        (ascii("B"), 0.02), (ascii("D"), 0.02), (ascii("H"), 0.02), (ascii("K"), 0.02),
        (ascii("M"), 0.02), (ascii("N"), 0.02), (ascii("R"), 0.02), (ascii("S"), 0.02),
        (ascii("V"), 0.02), (ascii("W"), 0.02), (ascii("Y"), 0.02),
    ])
    static let homoSapiens = Alphabet([
        (ascii("a"), 0.3029549426680), (ascii("c"), 0.1979883004921),
        (ascii("g"), 0.1975473066391), (ascii("t"), 0.3015094502008),
    ])

    /// The reference generator: each value is `max * seed / IM` after one LCG step.
    struct Random {
        var seed: UInt32 = 42
        mutating func next(_ max: Double) -> Double {
            seed = (seed &* 3877 &+ 29573) % 139_968
            return max * Double(seed) / 139_968.0
        }
    }

    static func header(_ text: StaticString, into sink: inout some FastaSink) {
        text.withUTF8Buffer { for byte in $0 { sink.write(byte) } }
        sink.write(10)
    }

    /// Writes the whole output for `n` into `sink`.
    public static func write(_ n: Int, into sink: inout some FastaSink) {
        header(">ONE Homo sapiens alu", into: &sink)
        var position = 0
        var left = 2 * n
        while left > 0 {
            let line = min(left, lineLength)
            for _ in 0..<line {
                sink.write(alu[position])
                position += 1
                if position == alu.count { position = 0 }
            }
            sink.write(10)
            left -= line
        }
        var random = Random()
        header(">TWO IUB ambiguity codes", into: &sink)
        randomLines(3 * n, iub, &random, &sink)
        header(">THREE Homo sapiens frequency", into: &sink)
        randomLines(5 * n, homoSapiens, &random, &sink)
    }

    static func randomLines(_ count: Int, _ alphabet: Alphabet, _ random: inout Random, _ sink: inout some FastaSink) {
        var left = count
        while left > 0 {
            let line = min(left, lineLength)
            for _ in 0..<line { sink.write(alphabet.pick(random.next(1.0))) }
            sink.write(10)
            left -= line
        }
    }
}
