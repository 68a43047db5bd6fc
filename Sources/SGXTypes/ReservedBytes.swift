/// Checks on the reserved and fixed-size regions of SGX structures. These build on the
/// accessors in `ByteCodec.swift`; they do not read bytes any other way.
extension Array where Element == UInt8 {
    /// True when the `count` bytes at `offset` are all zero. The caller has checked the bounds.
    @inlinable
    public func isZero(at offset: Int, count: Int) -> Bool {
        var accumulated: UInt8 = 0
        for index in offset..<(offset + count) { accumulated |= self[index] }
        return accumulated == 0
    }

    /// Copies `source` into the array at `offset`; traps unless `source` has exactly
    /// `count` bytes (a fixed-size field set to the wrong length is a programming error).
    @inlinable
    public mutating func storeField(_ source: [UInt8], at offset: Int, count: Int) {
        precondition(source.count == count)
        store(source, at: offset)
    }
}

extension SGXStructure {
    /// Throws `invalidParameter` unless the reserved region `[offset, offset + count)` is zero.
    @inlinable
    public static func checkReserved(_ bytes: [UInt8], at offset: Int, count: Int, _ name: String) throws(SGXError) {
        guard bytes.isZero(at: offset, count: count) else {
            throw SGXError(.invalidParameter, "\(name): reserved bytes at offset \(offset) (\(count) B) must be zero")
        }
    }
}
