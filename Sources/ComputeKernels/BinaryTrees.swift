/// binary-trees (Benchmarks Game): allocates and walks many perfect binary trees (one heap
/// object per node), which exercises the allocator: in the enclave, the enclave heap.
public enum BinaryTrees {
    final class Node {
        let left: Node?
        let right: Node?

        init(left: Node?, right: Node?) {
            self.left = left
            self.right = right
        }

        /// The number of nodes.
        func check() -> Int {
            guard let left, let right else { return 1 }
            return 1 + left.check() + right.check()
        }
    }

    static func tree(_ depth: Int) -> Node {
        depth == 0 ? Node(left: nil, right: nil) : Node(left: tree(depth - 1), right: tree(depth - 1))
    }

    /// One line of the reference output: `iterations` trees of `depth` whose checks sum to `check`.
    public struct Line: Equatable {
        public var iterations: Int
        public var depth: Int
        public var check: Int

        public init(iterations: Int, depth: Int, check: Int) {
            self.iterations = iterations
            self.depth = depth
            self.check = check
        }
    }

    /// The reference program's results for `n`: the stretch tree (depth max(6, n) + 1), the
    /// trees of depth 4, 6, ... up to max(6, n), then the long-lived tree.
    public static func run(_ n: Int) -> [Line] {
        let maxDepth = max(6, n)
        var lines = [Line(iterations: 1, depth: maxDepth + 1, check: tree(maxDepth + 1).check())]
        let longLived = tree(maxDepth)
        for depth in stride(from: 4, through: maxDepth, by: 2) {
            let iterations = 1 << (maxDepth - depth + 4)
            var check = 0
            for _ in 0..<iterations { check += tree(depth).check() }
            lines.append(Line(iterations: iterations, depth: depth, check: check))
        }
        lines.append(Line(iterations: 1, depth: maxDepth, check: longLived.check()))
        return lines
    }

    /// FNV-1a of every line's numbers.
    public static func checksum(_ n: Int) -> UInt64 {
        var checksum = Checksum()
        for line in run(n) {
            checksum.add(word: UInt64(line.iterations))
            checksum.add(word: UInt64(line.depth))
            checksum.add(word: UInt64(line.check))
        }
        return checksum.value
    }
}
