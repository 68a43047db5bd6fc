import Crypto
import SGXTypes

/// A parsed SGXS measurement stream (Fortanix's "SGXS" format, as produced by
/// `sgxs-tools`): the exact sequence of 64-byte ECREATE/EADD/EEXTEND measurement records,
/// each EEXTEND record followed by its 256 measured bytes. SHA-256 of the stream is the
/// enclave's MRENCLAVE.
///
/// Only the canonical form is accepted: one ECREATE first (its 44 trailing bytes zero),
/// then EADD records (page-aligned offsets inside the enclave, each page added once,
/// SECINFO bytes after FLAGS zero) and EEXTEND records (256-aligned offsets inside an
/// already added page). Problems throw `invalidMetadata` naming the byte offset.
public struct SGXSStream: Sendable {
    /// One EEXTEND: the chunk's offset from the enclave base and where its 256 bytes sit in ``bytes``.
    public struct Chunk: Sendable, Hashable {
        public var offset: UInt64
        public var dataRange: Range<Int>
    }

    /// One EADD'ed page with the chunks of it that were measured, in stream order.
    public struct Page: Sendable, Hashable {
        /// Offset of the page from the enclave base.
        public var offset: UInt64
        /// SECINFO.FLAGS from the EADD record.
        public var secInfoFlags: UInt64
        /// The EEXTEND records that fall in this page, in stream order.
        public var chunks: [Chunk]
    }

    /// One record, in stream order.
    public enum Record: Sendable, Hashable {
        case ecreate(ssaFrameSize: UInt32, enclaveSize: UInt64)
        /// An EADD; the value indexes ``pages``.
        case eadd(page: Int)
        case eextend(Chunk)
    }

    /// The whole stream.
    public let bytes: [UInt8]
    /// SECS.SSAFRAMESIZE from the ECREATE record, in pages.
    public let ssaFrameSize: UInt32
    /// SECS.SIZE from the ECREATE record.
    public let enclaveSize: UInt64
    /// The added pages, in EADD order.
    public let pages: [Page]
    /// Every record, in stream order.
    public let records: [Record]

    static let ecreateTag: [UInt8] = Array("ECREATE\0".utf8)
    static let eaddTag: [UInt8] = Array("EADD\0\0\0\0".utf8)
    static let eextendTag: [UInt8] = Array("EEXTEND\0".utf8)

    public init(bytes: [UInt8]) throws(SGXError) {
        let recordSize = MeasurementBuilder.recordSize
        guard !bytes.isEmpty else { throw .invalidParameter("SGXS stream is empty") }
        guard bytes.count >= recordSize else {
            throw .invalidMetadata("SGXS truncated at offset 0: \(bytes.count) bytes, an ECREATE record needs 64")
        }
        guard bytes.bytes(at: 0, count: 8) == Self.ecreateTag else {
            throw .invalidMetadata("SGXS does not start with ECREATE at offset 0 (tag \(bytes.bytes(at: 0, count: 8).hexString))")
        }
        guard bytes.isZero(at: 20, count: 44) else {
            throw .invalidMetadata("SGXS ECREATE at offset 0 has non-zero bytes after SIZE (not canonical SGXS)")
        }
        let ssaFrameSize: UInt32 = bytes.loadLE(at: 8)
        let enclaveSize: UInt64 = bytes.loadLE(at: 12)
        guard enclaveSize >= 2 * UInt64(MeasurementBuilder.pageSize), enclaveSize & (enclaveSize - 1) == 0 else {
            throw .invalidMetadata("SGXS ECREATE at offset 0: enclave size 0x\(String(enclaveSize, radix: 16)) is not a power of two of at least 8 KiB")
        }

        var pages: [Page] = []
        var pageIndex: [UInt64: Int] = [:]
        var records: [Record] = [.ecreate(ssaFrameSize: ssaFrameSize, enclaveSize: enclaveSize)]
        var position = recordSize
        while position < bytes.count {
            guard bytes.count - position >= recordSize else {
                throw .invalidMetadata("SGXS truncated at offset \(position): \(bytes.count - position) bytes left, a record needs 64")
            }
            let tag = bytes.bytes(at: position, count: 8)
            let offset: UInt64 = bytes.loadLE(at: position + 8)
            if tag == Self.eaddTag {
                guard offset % UInt64(MeasurementBuilder.pageSize) == 0 else {
                    throw .invalidMetadata("SGXS EADD at offset \(position): page offset 0x\(String(offset, radix: 16)) is not page-aligned")
                }
                guard offset < enclaveSize else {
                    throw .invalidMetadata("SGXS EADD at offset \(position): page offset 0x\(String(offset, radix: 16)) is outside the enclave")
                }
                guard pageIndex[offset] == nil else {
                    throw .invalidMetadata("SGXS EADD at offset \(position): page 0x\(String(offset, radix: 16)) was already added")
                }
                guard bytes.isZero(at: position + 24, count: 40) else {
                    throw .invalidMetadata("SGXS EADD at offset \(position): SECINFO reserved bytes are not zero")
                }
                let flags: UInt64 = bytes.loadLE(at: position + 16)
                do throws(SGXError) {
                    _ = try SecInfo(flags: flags)
                } catch {
                    throw .invalidMetadata("SGXS EADD at offset \(position): \(error.detail)")
                }
                pageIndex[offset] = pages.count
                records.append(.eadd(page: pages.count))
                pages.append(Page(offset: offset, secInfoFlags: flags, chunks: []))
                position += recordSize
            } else if tag == Self.eextendTag {
                guard offset % UInt64(MeasurementBuilder.chunkSize) == 0 else {
                    throw .invalidMetadata("SGXS EEXTEND at offset \(position): chunk offset 0x\(String(offset, radix: 16)) is not 256-aligned")
                }
                guard bytes.isZero(at: position + 16, count: 48) else {
                    throw .invalidMetadata("SGXS EEXTEND at offset \(position): bytes after the offset are not zero")
                }
                let pageOffset = offset & ~UInt64(MeasurementBuilder.pageSize - 1)
                guard let index = pageIndex[pageOffset] else {
                    throw .invalidMetadata("SGXS EEXTEND at offset \(position): chunk 0x\(String(offset, radix: 16)) is in no page added before it")
                }
                let dataStart = position + recordSize
                guard bytes.count - dataStart >= MeasurementBuilder.chunkSize else {
                    throw .invalidMetadata("SGXS EEXTEND at offset \(position): truncated, \(bytes.count - dataStart) of its 256 data bytes present")
                }
                let chunk = Chunk(offset: offset, dataRange: dataStart..<(dataStart + MeasurementBuilder.chunkSize))
                pages[index].chunks.append(chunk)
                records.append(.eextend(chunk))
                position = dataStart + MeasurementBuilder.chunkSize
            } else if tag == Self.ecreateTag {
                throw .invalidMetadata("SGXS has a second ECREATE at offset \(position)")
            } else {
                throw .invalidMetadata("SGXS has an unknown record tag \(tag.hexString) at offset \(position)")
            }
        }
        self.bytes = bytes
        self.ssaFrameSize = ssaFrameSize
        self.enclaveSize = enclaveSize
        self.pages = pages
        self.records = records
    }

    /// The 256 measured bytes of `chunk`.
    public func data(of chunk: Chunk) -> ArraySlice<UInt8> {
        bytes[chunk.dataRange]
    }

    /// MRENCLAVE: SHA-256 of the stream.
    public var mrenclave: [UInt8] {
        Array(SHA256.hash(data: bytes))
    }

    /// Replays every record, in stream order, into `builder` (which must be fresh).
    public func replay(into builder: inout MeasurementBuilder) {
        bytes.withUnsafeBytes { buffer in
            for record in records {
                switch record {
                case .ecreate(let ssaFrameSize, let enclaveSize):
                    builder.ecreate(ssaFrameSize: ssaFrameSize, enclaveSize: enclaveSize)
                case .eadd(let index):
                    builder.eadd(offset: pages[index].offset, secInfoFlags: pages[index].secInfoFlags)
                case .eextend(let chunk):
                    builder.eextend(offset: chunk.offset, chunk: UnsafeRawBufferPointer(rebasing: buffer[chunk.dataRange]))
                }
            }
        }
    }
}
