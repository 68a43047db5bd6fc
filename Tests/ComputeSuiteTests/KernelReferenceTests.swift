import ComputeKernels
import ComputeSuite
import Crypto
import Foundation
import SGXHost
import Testing

/// The kernels against the Benchmarks Game's published results (and, where none is
/// published, against independent properties of the output), through the native twin and,
/// where the checksum carries the value, through the enclave too.
@Suite(.serialized) struct KernelReferenceTests {
    /// fannkuch-redux n = 7: "228\nPfannkuchen(7) = 16".
    @Test func fannkuchReduxSeven() throws {
        #expect(FannkuchRedux.run(7) == FannkuchRedux.Result(checksum: 228, maxFlips: 16))
        let enclave = try loadComputeEnclave()
        let word = try enclave.ecall_fannkuch_redux(7)
        #expect(Int32(bitPattern: UInt32(truncatingIfNeeded: word >> 32)) == 228)
        #expect(UInt32(truncatingIfNeeded: word) == 16)
    }

    /// spectral-norm n = 100: 1.274219991.
    @Test func spectralNormHundred() throws {
        #expect(String(format: "%.9f", SpectralNorm.run(100)) == "1.274219991")
        let enclave = try loadComputeEnclave()
        #expect(String(format: "%.9f", Double(bitPattern: try enclave.ecall_spectral_norm(100))) == "1.274219991")
    }

    /// n-body 1000 steps: -0.169075164 before, -0.169087605 after.
    @Test func nBodyThousandSteps() {
        let (before, after) = NBody.run(1000)
        #expect(String(format: "%.9f", before) == "-0.169075164")
        #expect(String(format: "%.9f", after) == "-0.169087605")
    }

    /// binary-trees: every tree of depth d has 2^(d+1) - 1 nodes; the reference output's lines.
    @Test func binaryTreesLines() {
        let lines = BinaryTrees.run(10)
        #expect(lines.first == BinaryTrees.Line(iterations: 1, depth: 11, check: 4095))
        #expect(lines.last == BinaryTrees.Line(iterations: 1, depth: 10, check: 2047))
        #expect(lines.dropFirst().dropLast().map(\.depth) == [4, 6, 8, 10])
        for line in lines { #expect(line.check == line.iterations * ((1 << (line.depth + 1)) - 1)) }
    }

    /// fasta: the ALU section is the ALU sequence repeated, lines of 60, the three headers in
    /// order, 2n + 3n + 5n bases, and the random sections use only their alphabets.
    @Test func fastaStructure() {
        let n = 1000
        let text = String(decoding: Fasta.output(n), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let headers = lines.enumerated().filter { $0.element.hasPrefix(">") }
        #expect(headers.map { String($0.element) } == [">ONE Homo sapiens alu", ">TWO IUB ambiguity codes", ">THREE Homo sapiens frequency"])
        #expect(lines.allSatisfy { $0.hasPrefix(">") || ($0.count >= 1 && $0.count <= 60) })
        let one = lines[1..<headers[1].offset].joined(), two = lines[(headers[1].offset + 1)..<headers[2].offset].joined()
        let three = lines[(headers[2].offset + 1)...].joined()
        #expect(one.count == 2 * n && two.count == 3 * n && three.count == 5 * n)
        #expect(one.hasPrefix("GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGGGAGGCCGAGGCGGGCGGATCA"))
        #expect(Set(two).isSubset(of: Set("acgtBDHKMNRSVWY")))
        #expect(Set(three).isSubset(of: Set("acgt")))
        // Whole output hashed both ways: MD5 of the native output is stable across sinks.
        var hashing = HashingSink()
        Fasta.write(n, into: &hashing)
        var check = Checksum()
        check.add(bytes: Fasta.output(n))
        #expect(hashing.checksum.value == check.value)
        #expect(Insecure.MD5.hash(data: Fasta.output(n)) == Insecure.MD5.hash(data: Array(text.utf8)))
    }

    /// mandelbrot: a PBM header, n rows of ⌈n/8⌉ bytes, the origin inside the set and the
    /// corner (-1.5, -1) outside; the set is symmetric about the real axis.
    @Test func mandelbrotBitmap() {
        let n = 200
        let pbm = Mandelbrot.output(n)
        let header = Array("P4\n200 200\n".utf8)
        #expect(Array(pbm.prefix(header.count)) == header)
        let bitmap = Array(pbm.dropFirst(header.count))
        #expect(bitmap.count == n * ((n + 7) / 8))
        func pixel(_ x: Int, _ y: Int) -> Bool { bitmap[y * 25 + x / 8] & (0x80 >> UInt8(x % 8)) != 0 }
        #expect(pixel(150, 100))   // c = 0
        #expect(!pixel(0, 0))      // c = -1.5 - i
        var asymmetric = 0
        for y in 1..<n / 2 { for x in 0..<n where pixel(x, y) != pixel(x, n - y) { asymmetric += 1 } }
        #expect(asymmetric < n)    // rounding may flip a few boundary pixels, not whole regions
    }

    /// k-nucleotide on the Benchmarks Game's input (fasta 25000): A 30.279 %, T 30.113 %, and
    /// 1474 GGT, 459 GGTA, 49 GGTATT, 1 GGTATTTTAATT, 1 GGTATTTTAATTTATAGT.
    @Test func kNucleotidePublishedOutput() {
        let result = KNucleotide.run(25_000)
        let total = Double(result.singles.map(\.count).reduce(0, +))
        #expect(result.singles.prefix(2).map { "\($0.fragment) " + String(format: "%.3f", 100 * Double($0.count) / total) } == ["A 30.279", "T 30.113"])
        #expect(result.specific.map(\.count) == [1474, 459, 49, 1, 1])
    }

    /// k-nucleotide: the dictionary counts equal a plain scan's, for every specific fragment
    /// and every pair; the frequencies are sorted by count, then name.
    @Test func kNucleotideCounts() {
        let sequence = KNucleotide.sequence(fromFasta: Fasta.output(2_500))
        #expect(sequence.count == 5 * 2_500)
        let result = KNucleotide.run(sequence: sequence)
        let text = Array(sequence)
        func scan(_ fragment: String) -> Int {
            let f = Array(fragment.utf8)
            return (0...(text.count - f.count)).filter { Array(text[$0..<($0 + f.count)]) == f }.count
        }
        for entry in result.specific { #expect(entry.count == scan(entry.fragment), "\(entry.fragment)") }
        #expect(result.specific.map(\.fragment) == KNucleotide.specificFragments)
        #expect(result.specific[0].count > 0)
        #expect(result.singles.map(\.count).reduce(0, +) == text.count)
        #expect(result.pairs.count == 16)
        for entry in result.pairs { #expect(entry.count == scan(entry.fragment)) }
        #expect(zip(result.pairs, result.pairs.dropFirst()).allSatisfy { $0.count > $1.count || ($0.count == $1.count && $0.fragment < $1.fragment) })
    }
}
