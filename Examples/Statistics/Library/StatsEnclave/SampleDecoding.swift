/// Decodes the host's sample buffers: exactly `count` finite little-endian doubles.
/// Returns nil when the byte count is not 8·count (a host lying about `count`), when
/// `count` is absurd, or when a value is NaN or infinite.
func decodeSamples(_ bytes: [UInt8], count: UInt64) -> [Double]? {
    guard count <= UInt64(bytes.count), bytes.count == Int(count) * 8 else { return nil }
    var values: [Double] = []
    values.reserveCapacity(Int(count))
    for index in 0..<Int(count) {
        var bits: UInt64 = 0
        for byte in 0..<8 { bits |= UInt64(bytes[index * 8 + byte]) << UInt64(byte * 8) }
        let value = Double(bitPattern: bits)
        guard value.isFinite else { return nil }
        values.append(value)
    }
    return values
}
