/// Little-endian field access on byte arrays: the one place where SGX structures are
/// taken apart and put together. All SGX architectural structures are little-endian.
extension Array where Element == UInt8 {
    /// Reads a little-endian integer at `offset`. The caller has checked the bounds.
    @inlinable
    public func loadLE<T: FixedWidthInteger>(_ type: T.Type = T.self, at offset: Int) -> T {
        var value: T = 0
        for index in 0..<(T.bitWidth / 8) {
            value |= T(truncatingIfNeeded: self[offset + index]) << (index * 8)
        }
        return value
    }

    /// Writes a little-endian integer at `offset`. The caller has checked the bounds.
    @inlinable
    public mutating func storeLE<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        for index in 0..<(T.bitWidth / 8) {
            self[offset + index] = UInt8(truncatingIfNeeded: value >> (index * 8))
        }
    }

    /// The `count` bytes at `offset`, copied with one bulk copy (large payloads such as
    /// sealed texts go through here). Traps when the range is not inside the array.
    @inlinable
    public func bytes(at offset: Int, count: Int) -> [UInt8] {
        precondition(offset >= 0 && count >= 0 && offset <= self.count - count, "byte range out of bounds")
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 {
                self.withUnsafeBytes { source in
                    UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: source.baseAddress! + offset, byteCount: count)
                }
            }
            initialized = count
        }
    }

    /// Copies `count` bytes of `source` from `sourceOffset` into the array at `offset` with
    /// one bulk copy (no element-wise slice append). Traps when either range is out of bounds.
    @inlinable
    public mutating func store(_ source: [UInt8], from sourceOffset: Int, count: Int, at offset: Int) {
        precondition(sourceOffset >= 0 && count >= 0 && sourceOffset <= source.count - count, "source range out of bounds")
        precondition(offset >= 0 && offset <= self.count - count, "byte range out of bounds")
        guard count > 0 else { return }
        withUnsafeMutableBytes { destination in
            source.withUnsafeBytes { (destination.baseAddress! + offset).copyMemory(from: $0.baseAddress! + sourceOffset, byteCount: count) }
        }
    }

    /// Copies `source` into the array at `offset` with one bulk copy; `source.count` must fit.
    @inlinable
    public mutating func store(_ source: [UInt8], at offset: Int) {
        precondition(offset >= 0 && offset <= self.count - source.count, "byte range out of bounds")
        guard !source.isEmpty else { return }
        withUnsafeMutableBytes { destination in
            source.withUnsafeBytes { (destination.baseAddress! + offset).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        }
    }

    /// Lowercase hexadecimal, two digits a byte.
    public var hexString: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses hexadecimal (either case, even length); nil when malformed.
    public init?(hexString: String) {
        var out: [UInt8] = []
        var high: UInt8? = nil
        for char in hexString.utf8 {
            let nibble: UInt8
            switch char {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = char - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = char - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = char - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let h = high { out.append(h << 4 | nibble); high = nil } else { high = nibble }
        }
        if high != nil { return nil }
        self = out
    }
}
