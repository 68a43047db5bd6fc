/// The model's serialized form (what the enclave seals), and a digest of it that can be
/// compared without revealing the weights.
///
/// Layout, little-endian: magic "IRS1" (4 bytes), featureCount (UInt32), classCount
/// (UInt32), then `mean`, `scale` and `weights` as doubles.
extension SoftmaxClassifier {
    static let magic: [UInt8] = [0x49, 0x52, 0x53, 0x31] // "IRS1"
    static let largestDimension = 1024

    /// The serialized model.
    public var bytes: [UInt8] {
        var result = Self.magic
        for value in [UInt32(featureCount), UInt32(classCount)] {
            for shift in stride(from: 0, to: 32, by: 8) { result.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
        }
        result += LittleEndianDoubles.encode(mean)
        result += LittleEndianDoubles.encode(scale)
        result += LittleEndianDoubles.encode(weights)
        return result
    }

    /// Parses a serialized model.
    ///
    /// - Throws: `badModelBytes` for a wrong magic, an implausible shape, a length that
    ///   does not match the shape exactly, or non-finite numbers.
    public init(bytes: [UInt8]) throws(ModelError) {
        guard bytes.count >= 12, Array(bytes[0..<4]) == Self.magic else { throw .badModelBytes }
        func readUInt32(_ offset: Int) -> Int {
            var value = 0
            for byte in 0..<4 { value |= Int(bytes[offset + byte]) << (byte * 8) }
            return value
        }
        let d = readUInt32(4), k = readUInt32(8)
        guard d > 0, k > 1, d <= Self.largestDimension, k <= Self.largestDimension else { throw .badModelBytes }
        let weightCount = k * (d + 1)
        guard bytes.count == 12 + 8 * (2 * d + weightCount),
              let mean = LittleEndianDoubles.decode(bytes, offset: 12, count: d),
              let scale = LittleEndianDoubles.decode(bytes, offset: 12 + 8 * d, count: d),
              let weights = LittleEndianDoubles.decode(bytes, offset: 12 + 16 * d, count: weightCount) else {
            throw .badModelBytes
        }
        for value in mean + scale + weights where !value.isFinite { throw .badModelBytes }
        for value in scale where value == 0 { throw .badModelBytes }
        self.init(featureCount: d, classCount: k)
        self.mean = mean
        self.scale = scale
        self.weights = weights
    }

    /// FNV-1a (64-bit) of `bytes`: a fingerprint for comparing two models' exact bits
    /// (not a cryptographic commitment).
    public var digest: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
