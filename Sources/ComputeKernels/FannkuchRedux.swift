/// fannkuch-redux (Benchmarks Game): for every permutation of 0..<n, count the prefix
/// reversals ("pancake flips") until 0 comes first; report the maximum and an alternating
/// checksum. Permutations are visited in the order of the reference programs, so the
/// checksum matches theirs (n = 7: checksum 228, max flips 16).
public enum FannkuchRedux {
    public struct Result: Equatable {
        public var checksum: Int
        public var maxFlips: Int

        public init(checksum: Int, maxFlips: Int) {
            self.checksum = checksum
            self.maxFlips = maxFlips
        }
    }

    /// Runs the kernel for `n` (1...12).
    public static func run(_ n: Int) -> Result {
        precondition(n >= 1 && n <= 12, "fannkuch-redux: n must be 1...12")
        var permutation = [Int](repeating: 0, count: n)
        var next = Array(0..<n)
        var count = [Int](repeating: 0, count: n)
        var maxFlips = 0, checksum = 0, index = 0
        var r = n
        while true {
            while r != 1 { count[r - 1] = r; r -= 1 }
            for i in 0..<n { permutation[i] = next[i] }
            var flips = 0
            var first = permutation[0]
            while first != 0 {
                var i = 0, j = first
                while i < j { permutation.swapAt(i, j); i += 1; j -= 1 }
                flips += 1
                first = permutation[0]
            }
            if flips > maxFlips { maxFlips = flips }
            checksum += index & 1 == 0 ? flips : -flips
            // The next permutation: rotate the first r + 1 elements until a counter is left.
            while true {
                if r == n { return Result(checksum: checksum, maxFlips: maxFlips) }
                let head = next[0]
                for i in 0..<r { next[i] = next[i + 1] }
                next[r] = head
                count[r] -= 1
                if count[r] > 0 { break }
                r += 1
            }
            index += 1
        }
    }

    /// The result as one word: checksum (two's complement) in the high half, max flips low.
    public static func checksum(_ n: Int) -> UInt64 {
        let result = run(n)
        return UInt64(UInt32(truncatingIfNeeded: result.checksum)) << 32 | UInt64(UInt32(truncatingIfNeeded: result.maxFlips))
    }
}
