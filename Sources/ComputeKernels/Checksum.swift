// Compiled twice: as the host module ComputeKernels (the native twin) and into the compute
// enclave (Sources/ComputeSuite/ComputeEnclave lists this directory in `sharedSources`).
// Embedded-clean: no imports, no existentials, no Foundation.

/// FNV-1a (64-bit) over bytes and words: the checksum every kernel reports, so that the
/// enclave's and the native twin's results compare as one number.
public struct Checksum {
    /// The hash so far.
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Adds one byte.
    @inline(__always)
    public mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// Adds the eight little-endian bytes of `word`.
    public mutating func add(word: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { add(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
    }

    /// Adds every byte of `bytes`.
    public mutating func add(bytes: some Sequence<UInt8>) {
        for byte in bytes { add(byte) }
    }
}
