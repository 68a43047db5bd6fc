/// A fixed-size SGX architectural structure with a byte-exact little-endian encoding
/// (Intel SDM Vol. 3D, chapter 34 "SGX Data Structures").
///
/// Every conforming type has a static size, a validating `init(bytes:)` that rejects a
/// wrong length (and reserved fields the SDM requires to be zero, where it does), and
/// `bytes` that encodes it back exactly.
public protocol SGXStructure: Sendable {
    /// The structure's size in bytes, as the SDM defines it.
    static var byteCount: Int { get }
    /// Decodes the structure; throws `invalidParameter` naming the structure and the problem.
    init(bytes: [UInt8]) throws(SGXError)
    /// The exact encoding, `Self.byteCount` bytes long.
    var bytes: [UInt8] { get }
}

extension SGXStructure {
    /// Throws unless `bytes` is exactly `byteCount` long.
    @inlinable
    public static func checkLength(_ bytes: [UInt8], _ name: String) throws(SGXError) {
        guard bytes.count == byteCount else {
            throw SGXError(.invalidParameter, "\(name) must be \(byteCount) bytes, got \(bytes.count)")
        }
    }
}
