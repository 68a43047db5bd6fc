import SGXTypes

/// `count` bytes counting up from `seed`, so every field gets a distinct, recognisable value.
func pattern(_ count: Int, seed: UInt8) -> [UInt8] {
    (0..<count).map { seed &+ UInt8(truncatingIfNeeded: $0) }
}

/// The little-endian integer at `offset` of `bytes`, read without the library's helpers.
func le<T: FixedWidthInteger>(_ bytes: [UInt8], _ offset: Int, _: T.Type) -> T {
    var value: T = 0
    for index in 0..<(T.bitWidth / 8) { value |= T(bytes[offset + index]) << (8 * index) }
    return value
}
