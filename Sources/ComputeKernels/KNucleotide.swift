/// k-nucleotide (Benchmarks Game): the third sequence of fasta's output, upper-cased; the
/// frequencies of every 1- and 2-nucleotide fragment (sorted by count, then by name) and
/// the counts of GGT, GGTA, GGTATT, GGTATTTTAATT and GGTATTTTAATTTATAGT, each counted
/// with a `Dictionary` keyed by `String` fragments (the kernel is about hashing strings).
public enum KNucleotide {
    /// A fragment and how often it occurs.
    public struct Count: Equatable {
        public var fragment: String
        public var count: Int
    }

    /// The results: all fragments of length 1 and 2 (descending count, then name), then the
    /// five fixed fragments' counts.
    public struct Result: Equatable {
        public var singles: [Count]
        public var pairs: [Count]
        public var specific: [Count]
    }

    public static let specificFragments = ["GGT", "GGTA", "GGTATT", "GGTATTTTAATT", "GGTATTTTAATTTATAGT"]

    /// The upper-cased third sequence (">THREE") of `fasta`.
    public static func sequence(fromFasta fasta: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var section = 0
        var lineStart = true
        var inHeader = false
        for byte in fasta {
            if lineStart && byte == UInt8(ascii: ">") { section += 1; inHeader = true }
            lineStart = byte == 10
            if byte == 10 { inHeader = false; continue }
            if section == 3 && !inHeader { result.append(byte >= 97 && byte <= 122 ? byte - 32 : byte) }
        }
        return result
    }

    /// How often each fragment of length `k` occurs in `sequence`.
    public static func frequencies(_ sequence: [UInt8], _ k: Int) -> [String: Int] {
        var counts: [String: Int] = [:]
        guard sequence.count >= k else { return counts }
        for start in 0...(sequence.count - k) {
            counts[String(decoding: sequence[start..<(start + k)], as: UTF8.self), default: 0] += 1
        }
        return counts
    }

    static func sorted(_ counts: [String: Int]) -> [Count] {
        counts.map { Count(fragment: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.fragment < $1.fragment }
    }

    /// The results for `sequence`.
    public static func run(sequence: [UInt8]) -> Result {
        let specific = specificFragments.map { fragment in
            Count(fragment: fragment, count: frequencies(sequence, fragment.utf8.count)[fragment] ?? 0)
        }
        return Result(singles: sorted(frequencies(sequence, 1)), pairs: sorted(frequencies(sequence, 2)), specific: specific)
    }

    /// The results for the input fasta writes for `n`.
    public static func run(_ n: Int) -> Result {
        run(sequence: sequence(fromFasta: Fasta.output(n)))
    }

    /// FNV-1a of every fragment and count, in result order.
    public static func checksum(_ n: Int) -> UInt64 {
        let result = run(n)
        var checksum = Checksum()
        for entry in result.singles + result.pairs + result.specific {
            checksum.add(bytes: entry.fragment.utf8)
            checksum.add(word: UInt64(entry.count))
        }
        return checksum.value
    }
}
