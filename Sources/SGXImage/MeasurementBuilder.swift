import Crypto
import SGXTypes

/// Computes MRENCLAVE the way the CPU does while an enclave is built (Intel SDM Vol. 3D,
/// 39.1 "Enclave Measurement": ECREATE, EADD and EEXTEND each extend SECS.MRENCLAVE):
/// one SHA-256 over 64-byte records.
///
/// - ECREATE: `"ECREATE\0"` · SSAFRAMESIZE u32 · SIZE u64 · 44 zero bytes.
/// - EADD: `"EADD\0\0\0\0"` · page offset u64 · the first 48 bytes of SECINFO (FLAGS + zeros).
/// - EEXTEND: `"EEXTEND\0"` · chunk offset u64 · 48 zero bytes, then the 256 measured bytes.
///
/// Call ``ecreate(ssaFrameSize:enclaveSize:)`` once, then ``eadd(offset:secInfoFlags:)`` and
/// ``eextend(offset:chunk:)`` in load order, then ``finalize()``. With `recordsSGXS` the
/// exact record stream is kept in ``sgxs`` (Fortanix's SGXS format, whose SHA-256 is the
/// MRENCLAVE). Calling out of order or with misaligned offsets is a programming error and traps.
///
/// Hashing reads straight from the caller's buffer; the 64-byte record headers are built
/// on the stack, so measuring tens of megabytes costs little beyond SHA-256 itself.
public struct MeasurementBuilder {
    public static let recordSize = 64
    public static let chunkSize = 256
    public static let pageSize = 4096

    private var hash = SHA256()
    private var created = false
    /// Whether ``sgxs`` is being recorded.
    public let recordsSGXS: Bool
    /// The SGXS stream so far (empty unless `recordsSGXS`).
    public private(set) var sgxs: [UInt8] = []

    public init(recordsSGXS: Bool = false) {
        self.recordsSGXS = recordsSGXS
    }

    /// Builds a 64-byte record header (`tag` then the `fill` closure's fields, the rest zero)
    /// on the stack and hashes (and records) it.
    private mutating func record(_ tag: StaticString, _ fill: (UnsafeMutableRawBufferPointer) -> Void) {
        withUnsafeTemporaryAllocation(byteCount: Self.recordSize, alignment: 8) { header in
            header.initializeMemory(as: UInt8.self, repeating: 0)
            tag.withUTF8Buffer { name in
                precondition(name.count <= 8)
                for index in 0..<name.count { header[index] = name[index] }
            }
            fill(header)
            hash.update(bufferPointer: UnsafeRawBufferPointer(header))
            if recordsSGXS { sgxs.append(contentsOf: UnsafeRawBufferPointer(header)) }
        }
    }

    /// The ECREATE record: SECS.SSAFRAMESIZE (in pages) and SECS.SIZE (bytes, a power of two).
    public mutating func ecreate(ssaFrameSize: UInt32, enclaveSize: UInt64) {
        precondition(!created, "ECREATE measured twice")
        created = true
        record("ECREATE") { header in
            header.storeBytes(of: ssaFrameSize.littleEndian, toByteOffset: 8, as: UInt32.self)
            header.storeBytes(of: enclaveSize.littleEndian, toByteOffset: 12, as: UInt64.self)
        }
    }

    /// An EADD record: the page's offset from the enclave base and its SECINFO.FLAGS
    /// (see ``SGXTypes/SecInfo``; a TCS is 0x100, a R|W regular page 0x203).
    public mutating func eadd(offset: UInt64, secInfoFlags: UInt64) {
        precondition(created, "EADD before ECREATE")
        precondition(offset % UInt64(Self.pageSize) == 0, "EADD offset must be page-aligned")
        record("EADD") { header in
            header.storeBytes(of: offset.littleEndian, toByteOffset: 8, as: UInt64.self)
            header.storeBytes(of: secInfoFlags.littleEndian, toByteOffset: 16, as: UInt64.self)
        }
    }

    /// An EEXTEND record: the chunk's offset from the enclave base (256-aligned) and its
    /// exactly 256 bytes.
    public mutating func eextend(offset: UInt64, chunk: UnsafeRawBufferPointer) {
        precondition(created, "EEXTEND before ECREATE")
        precondition(offset % UInt64(Self.chunkSize) == 0, "EEXTEND offset must be 256-aligned")
        precondition(chunk.count == Self.chunkSize, "EEXTEND measures exactly 256 bytes")
        record("EEXTEND") { header in
            header.storeBytes(of: offset.littleEndian, toByteOffset: 8, as: UInt64.self)
        }
        hash.update(bufferPointer: chunk)
        if recordsSGXS { sgxs.append(contentsOf: chunk) }
    }

    /// Measures a whole 4096-byte page at `offset`: sixteen EEXTENDs.
    public mutating func eextendPage(offset: UInt64, page: UnsafeRawBufferPointer) {
        precondition(page.count == Self.pageSize, "a page is 4096 bytes")
        for index in 0..<(Self.pageSize / Self.chunkSize) {
            let start = index * Self.chunkSize
            eextend(offset: offset + UInt64(start),
                    chunk: UnsafeRawBufferPointer(rebasing: page[start..<(start + Self.chunkSize)]))
        }
    }

    /// The 32-byte MRENCLAVE of everything measured so far (the builder can go on).
    public func finalize() -> [UInt8] {
        Array(hash.finalize())
    }
}
