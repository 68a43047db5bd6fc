/// IEEE-754 doubles as little-endian bytes: the wire format of every `Double` crossing the
/// enclave boundary in this example (features in, serialized model out), decoded the same
/// way in the enclave and in the native twin.
public enum LittleEndianDoubles {
    /// The bytes of `values`, eight per value, least significant byte first.
    public static func encode(_ values: [Double]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 8)
        for value in values {
            let bits = value.bitPattern
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        }
        return bytes
    }

    /// The doubles in `bytes[offset ..< offset + 8 * count]`; nil if that range is out of bounds.
    public static func decode(_ bytes: [UInt8], offset: Int = 0, count: Int) -> [Double]? {
        guard offset >= 0, count >= 0, count <= (bytes.count - offset) / 8 else { return nil }
        var values: [Double] = []
        values.reserveCapacity(count)
        for index in 0..<count {
            var bits: UInt64 = 0
            let start = offset + index * 8
            for byte in 0..<8 { bits |= UInt64(bytes[start + byte]) << UInt64(byte * 8) }
            values.append(Double(bitPattern: bits))
        }
        return values
    }
}
