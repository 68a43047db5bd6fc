
/// `meta_data_plain_t`, the 94-byte unencrypted head of the metadata node (packed):
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 8 | `file_id` = ``ProtectedFileFormat/fileID`` |
/// | 8 | 1 | `major_version` |
/// | 9 | 1 | `minor_version` |
/// | 10 | 32 | `meta_data_key_id`: KEYID of the metadata key (auto mode) or nonce of the KDF (user KDK) |
/// | 42 | 16 | `cpu_svn`: CPUSVN of the key request (auto mode; zero with a user KDK) |
/// | 58 | 2 | `isv_svn`: ISVSVN of the key request (auto mode; zero with a user KDK) |
/// | 60 | 1 | `use_user_kdk_key`: 1 for `sgx_fopen` with a KDK, 0 for `sgx_fopen_auto_key` |
/// | 61 | 16 | `attribute_mask`: never written by Intel's library (zero) |
/// | 77 | 16 | `meta_data_gmac`: the GCM tag of the encrypted part |
/// | 93 | 1 | `update_flag`: 1 while a flush is under way (recovery needed) |
public struct ProtectedFileMetadataPlain: Sendable, Hashable {
    public static let byteCount = 94

    public var fileID: UInt64
    public var majorVersion: UInt8
    public var minorVersion: UInt8
    public var metadataKeyID: [UInt8]
    public var cpuSVN: [UInt8]
    public var isvSVN: UInt16
    /// The raw `use_user_kdk_key` byte (0 or 1 in a well-formed file).
    public var useUserKDKKey: UInt8
    public var attributeMask: [UInt8]
    public var metadataGMAC: [UInt8]
    /// The raw `update_flag` byte (0, or 1 while Intel's library was flushing).
    public var updateFlag: UInt8

    public init(fileID: UInt64 = ProtectedFileFormat.fileID, majorVersion: UInt8 = ProtectedFileFormat.majorVersion,
                minorVersion: UInt8 = ProtectedFileFormat.minorVersion,
                metadataKeyID: [UInt8] = [UInt8](repeating: 0, count: 32),
                cpuSVN: [UInt8] = [UInt8](repeating: 0, count: 16), isvSVN: UInt16 = 0, useUserKDKKey: UInt8 = 0,
                attributeMask: [UInt8] = [UInt8](repeating: 0, count: 16),
                metadataGMAC: [UInt8] = [UInt8](repeating: 0, count: 16), updateFlag: UInt8 = 0) {
        self.fileID = fileID
        self.majorVersion = majorVersion
        self.minorVersion = minorVersion
        self.metadataKeyID = metadataKeyID
        self.cpuSVN = cpuSVN
        self.isvSVN = isvSVN
        self.useUserKDKKey = useUserKDKKey
        self.attributeMask = attributeMask
        self.metadataGMAC = metadataGMAC
        self.updateFlag = updateFlag
    }

    /// Parses the first 94 bytes of `bytes` without judging them; nil when there are fewer.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= Self.byteCount else { return nil }
        fileID = bytes.loadLE(UInt64.self, at: 0)
        majorVersion = bytes[8]
        minorVersion = bytes[9]
        metadataKeyID = bytes.bytes(at: 10, count: 32)
        cpuSVN = bytes.bytes(at: 42, count: 16)
        isvSVN = bytes.loadLE(UInt16.self, at: 58)
        useUserKDKKey = bytes[60]
        attributeMask = bytes.bytes(at: 61, count: 16)
        metadataGMAC = bytes.bytes(at: 77, count: 16)
        updateFlag = bytes[93]
    }

    /// The 94 packed bytes (fields of the wrong length are cut or zero-padded).
    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        out.storeLE(fileID, at: 0)
        out[8] = majorVersion
        out[9] = minorVersion
        out.store(fixedWidth(metadataKeyID, 32), at: 10)
        out.store(fixedWidth(cpuSVN, 16), at: 42)
        out.storeLE(isvSVN, at: 58)
        out[60] = useUserKDKKey
        out.store(fixedWidth(attributeMask, 16), at: 61)
        out.store(fixedWidth(metadataGMAC, 16), at: 77)
        out[93] = updateFlag
        return out
    }
}

/// The two layouts of `meta_data_encrypted_t` that carry version 1.0.
///
/// Intel's SDK 2.18 removed two unused fields (`mc_uuid`, 16 B, and `mc_value`, 4 B, after
/// `size`) without changing the version number, so files written by SDK ≤ 2.17 and ≥ 2.18
/// differ. Only the GCM tag tells them apart: the encrypted part is 3372 or 3392 bytes.
public enum ProtectedFileMetadataLayout: Sendable, Hashable, CustomStringConvertible {
    /// SDK 2.18 and later: `clean_filename` 260 · `size` 8 · `mht_key` 16 · `mht_gmac` 16 · `data` 3072 (3372 B).
    case current
    /// SDK up to 2.17: `clean_filename` 260 · `size` 8 · `mc_uuid` 16 · `mc_value` 4 · `mht_key` · `mht_gmac` · `data` (3392 B).
    case withMonotonicCounterFields

    /// `sizeof(meta_data_encrypted_t)`.
    public var encryptedByteCount: Int {
        switch self {
        case .current: 3372
        case .withMonotonicCounterFields: 3392
        }
    }

    public var sizeOffset: Int { 260 }
    public var mhtKeyOffset: Int { self == .current ? 268 : 288 }
    public var mhtGMACOffset: Int { mhtKeyOffset + 16 }
    public var dataOffset: Int { mhtKeyOffset + 32 }

    public var description: String {
        switch self {
        case .current: "SDK >= 2.18 (3372-byte encrypted metadata)"
        case .withMonotonicCounterFields: "SDK <= 2.17 (3392-byte encrypted metadata with mc_uuid/mc_value)"
        }
    }
}

/// `meta_data_encrypted_t`, the part of the metadata node under the metadata key.
public struct ProtectedFileMetadataEncrypted: Sendable {
    /// `clean_filename`, 260 bytes, NUL-terminated and zero-filled.
    public var cleanFilename: [UInt8]
    /// `size`: the plaintext size in bytes (signed in Intel's struct).
    public var size: Int64
    /// `mht_key`: the key of the root MHT node (zero while the file fits in the metadata node).
    public var mhtKey: [UInt8]
    /// `mht_gmac`: the GCM tag of the root MHT node.
    public var mhtGMAC: [UInt8]
    /// `data`: the first 3072 bytes of the file, zero-filled.
    public var data: [UInt8]

    public init(cleanFilename: [UInt8], size: Int64, mhtKey: [UInt8], mhtGMAC: [UInt8], data: [UInt8]) {
        self.cleanFilename = cleanFilename
        self.size = size
        self.mhtKey = mhtKey
        self.mhtGMAC = mhtGMAC
        self.data = data
    }

    public init(bytes: [UInt8], layout: ProtectedFileMetadataLayout) {
        precondition(bytes.count == layout.encryptedByteCount)
        cleanFilename = bytes.bytes(at: 0, count: ProtectedFileFormat.filenameFieldByteCount)
        size = bytes.loadLE(Int64.self, at: layout.sizeOffset)
        mhtKey = bytes.bytes(at: layout.mhtKeyOffset, count: 16)
        mhtGMAC = bytes.bytes(at: layout.mhtGMACOffset, count: 16)
        data = bytes.bytes(at: layout.dataOffset, count: ProtectedFileFormat.metadataDataByteCount)
    }

    /// The name up to its NUL, or nil when the 260-byte field has none.
    public var name: [UInt8]? {
        guard let end = cleanFilename.firstIndex(of: 0) else { return nil }
        return Array(cleanFilename[..<end])
    }

    public func bytes(layout: ProtectedFileMetadataLayout) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: layout.encryptedByteCount)
        out.storeField(cleanFilename, at: 0, count: ProtectedFileFormat.filenameFieldByteCount)
        out.storeLE(size, at: layout.sizeOffset)
        out.storeField(mhtKey, at: layout.mhtKeyOffset, count: 16)
        out.storeField(mhtGMAC, at: layout.mhtGMACOffset, count: 16)
        out.storeField(data, at: layout.dataOffset, count: ProtectedFileFormat.metadataDataByteCount)
        return out
    }
}

/// A fixed-width copy of `value` (zero-padded or cut), so a field of the wrong length can
/// never shift the packed layout.
func fixedWidth(_ value: [UInt8], _ count: Int) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: count)
    for index in 0..<min(count, value.count) { out[index] = value[index] }
    return out
}
