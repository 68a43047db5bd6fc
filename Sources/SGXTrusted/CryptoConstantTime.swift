/// Compares two byte strings in time that depends only on their lengths
/// (`CRYPTO_memcmp`), for MACs, tags and other secrets. Different lengths compare unequal.
public func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    if a.isEmpty { return true }
    return a.withUnsafeBytes { x in b.withUnsafeBytes { y in boring_memcmp(x.baseAddress, y.baseAddress, a.count) == 0 } }
}
