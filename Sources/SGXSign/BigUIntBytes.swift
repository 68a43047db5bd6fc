import BigInt
import Foundation

/// Conversions between BigUInt and the fixed-width byte strings SIGSTRUCT and DER use.
extension BigUInt {
    /// From big-endian bytes (leading zeros allowed).
    init(bigEndian bytes: some Collection<UInt8>) {
        self.init(Data(bytes))
    }

    /// From little-endian bytes, as SIGSTRUCT stores MODULUS, SIGNATURE, Q1 and Q2.
    init(littleEndian bytes: [UInt8]) {
        self.init(Data(bytes.reversed()))
    }

    /// Minimal big-endian bytes (empty for zero).
    var bigEndianBytes: [UInt8] { Array(serialize()) }

    /// Big-endian, left-padded with zeros to `width` bytes; nil when the value does not fit.
    func bigEndianBytes(width: Int) -> [UInt8]? {
        let minimal = bigEndianBytes
        guard minimal.count <= width else { return nil }
        return [UInt8](repeating: 0, count: width - minimal.count) + minimal
    }

    /// Little-endian, padded with zeros to `width` bytes; nil when the value does not fit.
    func littleEndianBytes(width: Int) -> [UInt8]? {
        bigEndianBytes(width: width).map { Array($0.reversed()) }
    }

    /// `self mod divisor` for a small divisor, from the machine words.
    func remainder(dividingBy divisor: UInt) -> UInt {
        var remainder: UInt = 0
        for word in words.reversed() {
            remainder = divisor.dividingFullWidth((high: remainder, low: word)).remainder
        }
        return remainder
    }
}
