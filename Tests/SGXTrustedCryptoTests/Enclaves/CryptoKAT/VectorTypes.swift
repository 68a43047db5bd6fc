// Shapes of the known-answer vectors in Vectors.swift (hex strings, parsed at run time).
import SGXTrusted

struct HashVector {
    let name: StaticString
    let algorithm: SHAAlgorithm
    let message: StaticString
    let repeatCount: Int
    let digest: StaticString
}

struct MACVector {
    let name: StaticString
    let key: StaticString
    let message: StaticString
    let tag: StaticString
    let valid: Bool
}

struct HKDFVector {
    let name: StaticString
    let ikm: StaticString
    let salt: StaticString
    let info: StaticString
    let okm: StaticString
}

struct CTRVector {
    let name: StaticString
    let key: StaticString
    let counter: StaticString
    let plaintext: StaticString
    let ciphertext: StaticString
}

struct GCMVector {
    let name: StaticString
    let key: StaticString
    let nonce: StaticString
    let aad: StaticString
    let plaintext: StaticString
    let ciphertext: StaticString
    let tag: StaticString
    let valid: Bool
}

struct ECDSAVector {
    let name: StaticString
    let publicKey: StaticString
    let message: StaticString
    let signature: StaticString
    let valid: Bool
}

struct ECDHVector {
    let name: StaticString
    let privateKey: StaticString
    let publicKey: StaticString
    let shared: StaticString
    let valid: Bool
}

struct RSAVector {
    let name: StaticString
    let message: StaticString
    let signature: StaticString
    let valid: Bool
}

/// Bytes of a hex string (the vectors are trusted, well-formed constants).
func hex(_ text: StaticString) -> [UInt8] {
    let count = text.utf8CodeUnitCount
    let start = text.utf8Start
    func nibble(_ c: UInt8) -> UInt8 {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: fatalError("bad hex digit in a vector")
        }
    }
    var out: [UInt8] = []
    out.reserveCapacity(count / 2)
    var i = 0
    while i + 1 < count {
        out.append(nibble(start[i]) << 4 | nibble(start[i + 1]))
        i += 2
    }
    return out
}
