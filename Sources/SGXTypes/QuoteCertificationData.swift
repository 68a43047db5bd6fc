/// The certification data at the end of an ECDSA quote's signature data
/// (`sgx_ql_certification_data_t`: type u16 · size u32 · data): what lets a verifier find
/// the PCK certificate that vouches for the Quoting Enclave.
public enum CertificationData: Hashable, Sendable {
    /// Type 1: PPID in clear text, CPUSVN, PCESVN (and PCE-ID when 36 bytes long).
    case ppidCleartext(PPIDInfo)
    /// Type 2: PPID encrypted with RSA-2048-OAEP, CPUSVN, PCESVN, PCE-ID.
    case ppidEncryptedRSA2048(PPIDInfo)
    /// Type 3: PPID encrypted with RSA-3072-OAEP, CPUSVN, PCESVN, PCE-ID.
    case ppidEncryptedRSA3072(PPIDInfo)
    /// Type 4: the PCK leaf certificate (PEM).
    case pckCertificate([UInt8])
    /// Type 5: the PCK certificate chain, PEM, in any order (PCK, intermediate CA, root).
    case pckCertificateChain([UInt8])
    /// Type 6 (quote v4): QE report certification data, which nests the QE report, its
    /// signature, the QE authentication data and another certification data block.
    indirect case qeReportCertificationData(QEReportCertificationData)
    /// Any other type (e.g. 7, platform manifest), kept verbatim.
    case other(type: UInt16, data: [UInt8])

    /// The certification data type number (`sgx_ql_cert_key_type_t`).
    public var type: UInt16 {
        switch self {
        case .ppidCleartext: 1
        case .ppidEncryptedRSA2048: 2
        case .ppidEncryptedRSA3072: 3
        case .pckCertificate: 4
        case .pckCertificateChain: 5
        case .qeReportCertificationData: 6
        case .other(let type, _): type
        }
    }

    /// The encoded data (without the 6-byte type/size prefix).
    public var data: [UInt8] {
        switch self {
        case .ppidCleartext(let info), .ppidEncryptedRSA2048(let info), .ppidEncryptedRSA3072(let info):
            info.bytes
        case .pckCertificate(let data), .pckCertificateChain(let data), .other(_, let data):
            data
        case .qeReportCertificationData(let nested):
            nested.bytes
        }
    }

    /// The encoding with its type/size prefix.
    public var bytes: [UInt8] {
        let body = data
        var out = [UInt8](repeating: 0, count: 6)
        out.storeLE(type, at: 0)
        out.storeLE(UInt32(truncatingIfNeeded: body.count), at: 2)
        return out + body
    }

    /// Decodes `data` of certification data `type`. `baseOffset` is where `data` starts in the
    /// quote, used in error messages.
    public init(type: UInt16, data: [UInt8], baseOffset: Int) throws(SGXError) {
        switch type {
        case 1:
            self = .ppidCleartext(try PPIDInfo(bytes: data, ppidLength: 16, baseOffset: baseOffset, pceIDOptional: true))
        case 2:
            self = .ppidEncryptedRSA2048(try PPIDInfo(bytes: data, ppidLength: 256, baseOffset: baseOffset, pceIDOptional: false))
        case 3:
            self = .ppidEncryptedRSA3072(try PPIDInfo(bytes: data, ppidLength: 384, baseOffset: baseOffset, pceIDOptional: false))
        case 4:
            self = .pckCertificate(data)
        case 5:
            self = .pckCertificateChain(data)
        case 6:
            self = .qeReportCertificationData(try QEReportCertificationData(bytes: data, baseOffset: baseOffset))
        default:
            self = .other(type: type, data: data)
        }
    }

    /// Reads a type/size/data block at `offset` in `bytes`, which must end exactly where the
    /// block ends. `baseOffset` is the quote offset of `bytes[0]`.
    static func decodeBlock(_ bytes: [UInt8], at offset: Int, baseOffset: Int, context: String) throws(SGXError) -> CertificationData {
        try QuoteBounds.check(bytes, offset, 6, "\(context) cert_data_type/cert_data_size", baseOffset)
        let type = bytes.loadLE(UInt16.self, at: offset)
        let size = Int(bytes.loadLE(UInt32.self, at: offset + 2))
        try QuoteBounds.check(bytes, offset + 6, size, "\(context) cert_data (type \(type))", baseOffset)
        let end = offset + 6 + size
        guard end == bytes.count else {
            throw SGXError(.invalidParameter,
                           "quote: \(bytes.count - end) unexpected bytes after \(context) cert_data at offset \(baseOffset + end)")
        }
        return try CertificationData(type: type, data: bytes.bytes(at: offset + 6, count: size), baseOffset: baseOffset + offset + 6)
    }
}

/// PPID-based certification data (types 1, 2 and 3): the platform's PPID (clear or
/// encrypted), the raw CPUSVN, the PCESVN and the PCE-ID. Intel's type 1 carries a PCE-ID;
/// some samples (Intel QVL's) stop after the PCESVN, so for type 1 the PCE-ID is optional.
public struct PPIDInfo: Hashable, Sendable {
    /// The PPID, in clear (16 B) or encrypted (256 B or 384 B).
    public var ppid: [UInt8]
    public var cpuSVN: [UInt8]
    public var pceSVN: UInt16
    public var pceID: UInt16?

    public init(ppid: [UInt8], cpuSVN: [UInt8], pceSVN: UInt16, pceID: UInt16?) {
        self.ppid = ppid
        self.cpuSVN = cpuSVN
        self.pceSVN = pceSVN
        self.pceID = pceID
    }

    init(bytes: [UInt8], ppidLength: Int, baseOffset: Int, pceIDOptional: Bool) throws(SGXError) {
        let withPCEID = ppidLength + 16 + 2 + 2
        let withoutPCEID = ppidLength + 16 + 2
        guard bytes.count == withPCEID || (pceIDOptional && bytes.count == withoutPCEID) else {
            throw SGXError(.invalidParameter,
                           "quote: PPID certification data at offset \(baseOffset) must be \(withPCEID) bytes, got \(bytes.count)")
        }
        ppid = bytes.bytes(at: 0, count: ppidLength)
        cpuSVN = bytes.bytes(at: ppidLength, count: 16)
        pceSVN = bytes.loadLE(UInt16.self, at: ppidLength + 16)
        pceID = bytes.count == withPCEID ? bytes.loadLE(UInt16.self, at: ppidLength + 18) : nil
    }

    public var bytes: [UInt8] {
        var out = ppid + fixed(cpuSVN, 16) + [0, 0]
        out.storeLE(pceSVN, at: ppid.count + 16)
        if let pceID {
            out += [0, 0]
            out.storeLE(pceID, at: ppid.count + 18)
        }
        return out
    }
}

/// QE report certification data (certification data type 6, quote v4,
/// `sgx_ql_qe_report_cert_data_t`): 0 QE report body 384 · 384 QE report signature 64 ·
/// 448 qe_auth_data_len u16 · auth data · certification data (type, size, data).
public struct QEReportCertificationData: Hashable, Sendable {
    public var qeReport: ReportBody
    public var qeReportSignature: [UInt8]
    public var qeAuthData: [UInt8]
    public var certificationData: CertificationData

    public init(qeReport: ReportBody, qeReportSignature: [UInt8], qeAuthData: [UInt8], certificationData: CertificationData) {
        self.qeReport = qeReport
        self.qeReportSignature = qeReportSignature
        self.qeAuthData = qeAuthData
        self.certificationData = certificationData
    }

    init(bytes: [UInt8], baseOffset: Int) throws(SGXError) {
        try QuoteBounds.check(bytes, 0, 384, "QE report", baseOffset)
        qeReport = try QuoteBounds.reportBody(bytes.bytes(at: 0, count: 384), "QE report", baseOffset)
        try QuoteBounds.check(bytes, 384, 64, "QE report signature", baseOffset)
        qeReportSignature = bytes.bytes(at: 384, count: 64)
        try QuoteBounds.check(bytes, 448, 2, "qe_auth_data_len", baseOffset)
        let authLength = Int(bytes.loadLE(UInt16.self, at: 448))
        try QuoteBounds.check(bytes, 450, authLength, "qe_auth_data", baseOffset)
        qeAuthData = bytes.bytes(at: 450, count: authLength)
        let nested = try CertificationData.decodeBlock(bytes, at: 450 + authLength, baseOffset: baseOffset, context: "QE report certification data's")
        if case .qeReportCertificationData = nested {
            throw SGXError(.invalidParameter, "quote: QE report certification data at offset \(baseOffset) nests another of type 6")
        }
        certificationData = nested
    }

    public var bytes: [UInt8] {
        var length: [UInt8] = [0, 0]
        length.storeLE(UInt16(truncatingIfNeeded: qeAuthData.count), at: 0)
        return qeReport.bytes + fixed(qeReportSignature, 64) + length + qeAuthData + certificationData.bytes
    }
}

/// Bounds checks for quote parsing: every field is checked before it is read, and a failure
/// names the field and its offset in the quote.
enum QuoteBounds {
    static func check(_ bytes: [UInt8], _ offset: Int, _ count: Int, _ field: String, _ baseOffset: Int) throws(SGXError) {
        guard offset >= 0, count >= 0, offset <= bytes.count, count <= bytes.count - offset else {
            let available = max(0, bytes.count - offset)
            throw SGXError(.invalidParameter,
                           "quote truncated: \(field) at offset \(baseOffset + offset) needs \(count) bytes, \(available) available")
        }
    }

    static func reportBody(_ bytes: [UInt8], _ field: String, _ baseOffset: Int) throws(SGXError) -> ReportBody {
        do {
            return try ReportBody(bytes: bytes)
        } catch {
            throw SGXError(.invalidParameter, "quote: \(field) at offset \(baseOffset): \(error.detail)")
        }
    }
}
