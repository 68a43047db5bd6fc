/// The three messages of Intel's local-attestation key exchange (`sgx_dh.h`:
/// `sgx_dh_msg1_t`, `sgx_dh_msg2_t`, `sgx_dh_msg3_t`), byte for byte, so that a swift-sgx
/// enclave can run the protocol with an enclave built with Intel's SDK.
///
/// Public keys are `sgx_ec256_public_t`: X then Y, each 32 bytes little-endian.
/// Parsing checks sizes only (plus the embedded REPORT/TARGETINFO's reserved bytes); the
/// cryptographic checks are the protocol's (SGXTrusted `DHInitiator`/`DHResponder`).

/// `sgx_dh_msg1_t` (576 bytes), responder → initiator: 0 g_a 64 · 64 TARGETINFO 512
/// (the responder, so that the initiator's REPORT is addressed to it).
public struct DHMessage1: Hashable, Sendable {
    public static let byteCount = 576
    /// g_a, the responder's ephemeral P-256 public key (little-endian X ‖ Y).
    public var publicKey: [UInt8]
    public var target: TargetInfo

    public init(publicKey: [UInt8], target: TargetInfo) {
        self.publicKey = publicKey
        self.target = target
    }

    public init(bytes: [UInt8]) throws(SGXError) {
        guard bytes.count == Self.byteCount else {
            throw SGXError(.invalidParameter, "DH message 1 is \(Self.byteCount) bytes, got \(bytes.count)")
        }
        publicKey = bytes.bytes(at: 0, count: 64)
        target = try TargetInfo(bytes: bytes.bytes(at: 64, count: TargetInfo.byteCount))
    }

    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        out.storeField(publicKey, at: 0, count: 64)
        out.store(target.bytes, at: 64)
        return out
    }
}

/// `sgx_dh_msg2_t` (512 bytes), initiator → responder: 0 g_b 64 · 64 REPORT 432 (for the
/// responder; REPORTDATA = SHA-256(g_a ‖ g_b) ‖ KDF-ID 0x0001 LE) · 496 CMAC 16 (AES-CMAC of
/// the REPORT under the SMK).
public struct DHMessage2: Hashable, Sendable {
    public static let byteCount = 512
    /// The KDF identifier Intel places after the hash in REPORTDATA (`AES_CMAC_KDF_ID`).
    public static let aesCMACKDFID: UInt16 = 0x0001
    public var publicKey: [UInt8]
    public var report: Report
    public var cmac: [UInt8]

    public init(publicKey: [UInt8], report: Report, cmac: [UInt8]) {
        self.publicKey = publicKey
        self.report = report
        self.cmac = cmac
    }

    public init(bytes: [UInt8]) throws(SGXError) {
        guard bytes.count == Self.byteCount else {
            throw SGXError(.invalidParameter, "DH message 2 is \(Self.byteCount) bytes, got \(bytes.count)")
        }
        publicKey = bytes.bytes(at: 0, count: 64)
        report = try Report(bytes: bytes.bytes(at: 64, count: Report.byteCount))
        cmac = bytes.bytes(at: 496, count: 16)
    }

    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        out.storeField(publicKey, at: 0, count: 64)
        out.store(report.bytes, at: 64)
        out.storeField(cmac, at: 496, count: 16)
        return out
    }
}

/// `sgx_dh_msg3_t` (452 bytes + additional properties), responder → initiator: 0 CMAC 16
/// (AES-CMAC under the SMK of everything after it) · 16 REPORT 432 (for the initiator;
/// REPORTDATA = SHA-256(g_b ‖ g_a)) · 448 additional_prop_length u32 · 452 properties.
public struct DHMessage3: Hashable, Sendable {
    public static let headerByteCount = 452
    public var cmac: [UInt8]
    public var report: Report
    /// `additional_prop`: opaque bytes covered by the CMAC.
    public var additionalProperties: [UInt8]

    public init(cmac: [UInt8], report: Report, additionalProperties: [UInt8] = []) {
        self.cmac = cmac
        self.report = report
        self.additionalProperties = additionalProperties
    }

    /// Throws `invalidParameter` unless the buffer holds exactly the header and the
    /// announced properties (a length that would overflow included).
    public init(bytes: [UInt8]) throws(SGXError) {
        guard bytes.count >= Self.headerByteCount else {
            throw SGXError(.invalidParameter, "DH message 3 needs \(Self.headerByteCount) bytes, got \(bytes.count)")
        }
        let announced = UInt64(bytes.loadLE(UInt32.self, at: 448))
        guard UInt64(bytes.count - Self.headerByteCount) == announced else {
            throw SGXError(.invalidParameter,
                "DH message 3 announces \(announced) property bytes but carries \(bytes.count - Self.headerByteCount)")
        }
        cmac = bytes.bytes(at: 0, count: 16)
        report = try Report(bytes: bytes.bytes(at: 16, count: Report.byteCount))
        additionalProperties = bytes.bytes(at: Self.headerByteCount, count: Int(announced))
    }

    /// The bytes the CMAC covers (`sgx_dh_msg3_body_t` and the properties).
    public var macedBytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: Report.byteCount + 4)
        out.store(report.bytes, at: 0)
        out.storeLE(UInt32(additionalProperties.count), at: Report.byteCount)
        return out + additionalProperties
    }

    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: 16)
        out.storeField(cmac, at: 0, count: 16)
        return out + macedBytes
    }
}
