import SGXTypes

/// A node of a protected file, named by its kind and its number within that kind.
public enum ProtectedFileNodeID: Sendable, Hashable, CustomStringConvertible {
    /// The metadata node (physical node 0, `meta_data_node_t`).
    case metadata
    /// MHT node `m` (`mht_node_t`; 0 is the root).
    case mht(UInt64)
    /// Data node `n` (`data_node_t`), holding plaintext bytes 3072 + 4096·n onwards.
    case data(UInt64)

    /// The index of the node's 4096-byte block in the file.
    public var physicalNumber: UInt64 {
        switch self {
        case .metadata: 0
        case .mht(let m): ProtectedFileFormat.physicalNode(ofMHTNode: m)
        case .data(let n): ProtectedFileFormat.physicalNode(ofDataNode: n)
        }
    }

    public var description: String {
        switch self {
        case .metadata: "metadata node (physical node 0)"
        case .mht(let m): "MHT node \(m) (physical node \(physicalNumber))"
        case .data(let n): "data node \(n) (physical node \(physicalNumber))"
        }
    }
}

/// Why a protected file could not be read or written. Every condition a file's bytes, its
/// name or a key can cause is a case here; the reader never traps on them.
public enum ProtectedFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Shorter than one node, or shorter than its recorded size needs (a node cut off).
    case truncated(expectedByteCount: UInt64, actualByteCount: UInt64)
    /// Longer than its recorded size needs: nodes appended after the last data node.
    case trailingData(expectedByteCount: UInt64, actualByteCount: UInt64)
    /// Not a whole number of 4096-byte nodes (Intel: `SGX_ERROR_FILE_NOT_SGX_FILE`).
    case notNodeAligned(byteCount: UInt64)
    /// `file_id` is not "SGX_FILE" (Intel: `SGX_ERROR_FILE_NOT_SGX_FILE`).
    case badMagic(found: UInt64)
    /// A version other than 1.0 (Intel: ENOTSUP for another major version).
    case unsupportedVersion(major: UInt8, minor: UInt8)
    /// `update_flag` is 1: Intel's library was interrupted while flushing and the file needs
    /// its `<name>_recovery` journal applied first (Intel: `SGX_ERROR_FILE_RECOVERY_NEEDED`).
    case recoveryNeeded
    /// A plain header field holds a value Intel's library never writes (named in the text).
    case malformedHeader(String)
    /// Opened with a user KDK but written in auto mode, or the other way round (Intel: EINVAL).
    case keyModeMismatch(fileUsesUserKDK: Bool)
    /// A user KDK that is not 16 bytes.
    case invalidKey(String)
    /// Auto mode and `meta_data_key_id` is all zero (Intel: `SGX_ERROR_FILE_NO_KEY_ID`).
    case missingKeyID
    /// EGETKEY refused the metadata key request, e.g. an ISVSVN or CPUSVN above the
    /// enclave's or the CPU's.
    case metadataKeyUnavailable(String)
    /// The metadata GCM tag does not verify: wrong key (KDK, or another enclave signer in
    /// auto mode) or a modified metadata node (Intel: `SGX_ERROR_MAC_MISMATCH`).
    case metadataAuthenticationFailed
    /// A node's GCM tag does not verify against the key and tag its parent holds: the node
    /// was modified, swapped or replaced.
    case nodeAuthenticationFailed(node: ProtectedFileNodeID)
    /// The name bound in the file differs from the one it was opened under (Intel:
    /// `SGX_ERROR_FILE_NAME_MISMATCH`).
    case nameMismatch(expected: String, found: String)
    /// A name Intel's `cleanup_filename` refuses: empty or longer than 258 bytes.
    case invalidName(String)
    /// The recorded size is negative.
    case invalidSize(Int64)

    /// The closest Intel status (`sgx_status_t`) for callers that speak ``SGXError``.
    public var status: SGXStatus {
        switch self {
        case .truncated, .trailingData, .notNodeAligned, .badMagic: .fileNotSGXFile
        case .unsupportedVersion, .malformedHeader, .invalidSize: .fileNotSGXFile
        case .recoveryNeeded: .fileRecoveryNeeded
        case .keyModeMismatch, .invalidKey, .invalidName: .invalidParameter
        case .missingKeyID: .fileNoKeyID
        case .metadataKeyUnavailable, .metadataAuthenticationFailed, .nodeAuthenticationFailed: .macMismatch
        case .nameMismatch: .fileNameMismatch
        }
    }

    public var description: String {
        switch self {
        case .truncated(let expected, let actual):
            "protected file truncated: \(actual) bytes, its metadata needs \(expected)"
        case .trailingData(let expected, let actual):
            "protected file has \(actual - expected) bytes after its last node (\(actual) bytes, its metadata needs \(expected))"
        case .notNodeAligned(let count):
            "not a protected file: \(count) bytes is not a whole number of 4096-byte nodes"
        case .badMagic(let found):
            "not a protected file: file_id is 0x\(String(found, radix: 16)), not 0x5347585f46494c45 (\"SGX_FILE\")"
        case .unsupportedVersion(let major, let minor):
            "unsupported protected file version \(major).\(minor) (only 1.0 is known)"
        case .recoveryNeeded:
            "protected file was being updated when its writer stopped (update_flag = 1): it needs its recovery journal applied first"
        case .malformedHeader(let what):
            "malformed protected file header: \(what)"
        case .keyModeMismatch(let fileUsesUserKDK):
            fileUsesUserKDK
                ? "the protected file was written with a user KDK (sgx_fopen), not an enclave seal key (auto mode)"
                : "the protected file was written in auto mode (sgx_fopen_auto_key, enclave seal key), not with a user KDK"
        case .invalidKey(let what):
            "invalid key: \(what)"
        case .missingKeyID:
            "auto-mode protected file has an all-zero meta_data_key_id"
        case .metadataKeyUnavailable(let why):
            "the metadata key cannot be derived: \(why)"
        case .metadataAuthenticationFailed:
            "metadata does not authenticate: wrong key (KDK, or another enclave signer in auto mode) or a modified metadata node"
        case .nodeAuthenticationFailed(let node):
            "\(node) does not authenticate: the file was modified, or nodes were swapped or replaced"
        case .nameMismatch(let expected, let found):
            "protected file was written as \"\(found)\", opened as \"\(expected)\" (files are bound to their name; pass the original name)"
        case .invalidName(let name):
            "invalid protected file name \"\(name)\": must be non-empty and at most 258 bytes after the last '/' or '\\'"
        case .invalidSize(let size):
            "protected file records a negative size (\(size))"
        }
    }
}
