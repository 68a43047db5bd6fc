/// The body of an SGX REPORT (`sgx_report_body_t`, SDM 34.18.1): the identity of the enclave
/// that called EREPORT. 384 bytes; the same bytes are the "ISV enclave report" and the
/// "QE report" inside a DCAP quote.
///
/// Layout: 0 cpusvn 16 · 16 miscselect u32 · 20 rsvd 12 · 32 isvextprodid 16 ·
/// 48 ATTRIBUTES 16 · 64 MRENCLAVE 32 · 96 rsvd 32 · 128 MRSIGNER 32 · 160 rsvd 32 ·
/// 192 CONFIGID 64 · 256 isvprodid u16 · 258 isvsvn u16 · 260 configsvn u16 · 262 rsvd 42 ·
/// 304 isvfamilyid 16 · 320 reportdata 64.
///
/// Reserved ranges must be zero: `init(bytes:)` rejects anything else, so `bytes` always
/// reproduces the input exactly.
public struct ReportBody: SGXStructure, Hashable {
    public static let byteCount = 384

    /// Byte offsets of the fields, as in `sgx_report_body_t`.
    public enum Offset {
        public static let cpuSVN = 0
        public static let miscSelect = 16
        public static let isvExtProdID = 32
        public static let attributes = 48
        public static let mrEnclave = 64
        public static let mrSigner = 128
        public static let configID = 192
        public static let isvProdID = 256
        public static let isvSVN = 258
        public static let configSVN = 260
        public static let isvFamilyID = 304
        public static let reportData = 320
    }

    /// Reserved ranges (offset, length) that must be zero.
    public static let reservedRanges: [(offset: Int, count: Int)] = [(20, 12), (96, 32), (160, 32), (262, 42)]

    /// CPUSVN: the security version of the CPU microcode and firmware (16 bytes).
    public var cpuSVN: [UInt8]
    /// MISCSELECT: which extended features are saved to the SSA on an exit.
    public var miscSelect: UInt32
    /// ISVEXTPRODID (KSS), 16 bytes.
    public var isvExtProdID: [UInt8]
    public var attributes: Attributes
    /// MRENCLAVE: SHA-256 measurement of the enclave's contents (32 bytes).
    public var mrEnclave: [UInt8]
    /// MRSIGNER: SHA-256 of the enclave signer's RSA modulus (32 bytes).
    public var mrSigner: [UInt8]
    /// CONFIGID (KSS), 64 bytes.
    public var configID: [UInt8]
    public var isvProdID: UInt16
    public var isvSVN: UInt16
    public var configSVN: UInt16
    /// ISVFAMILYID (KSS), 16 bytes.
    public var isvFamilyID: [UInt8]
    /// REPORTDATA: 64 bytes chosen by the enclave (e.g. a hash of a public key).
    public var reportData: [UInt8]

    /// An all-zero report body.
    public init() {
        cpuSVN = [UInt8](repeating: 0, count: 16)
        miscSelect = 0
        isvExtProdID = [UInt8](repeating: 0, count: 16)
        attributes = Attributes(flags: [], xfrm: 0)
        mrEnclave = [UInt8](repeating: 0, count: 32)
        mrSigner = [UInt8](repeating: 0, count: 32)
        configID = [UInt8](repeating: 0, count: 64)
        isvProdID = 0
        isvSVN = 0
        configSVN = 0
        isvFamilyID = [UInt8](repeating: 0, count: 16)
        reportData = [UInt8](repeating: 0, count: 64)
    }

    public init(bytes: [UInt8]) throws(SGXError) {
        try Self.checkLength(bytes, "REPORT body")
        for range in Self.reservedRanges {
            for index in range.offset..<(range.offset + range.count) where bytes[index] != 0 {
                throw SGXError(.invalidParameter,
                               "REPORT body: reserved byte at offset \(index) is \(bytes[index]), must be 0")
            }
        }
        cpuSVN = bytes.bytes(at: Offset.cpuSVN, count: 16)
        miscSelect = bytes.loadLE(UInt32.self, at: Offset.miscSelect)
        isvExtProdID = bytes.bytes(at: Offset.isvExtProdID, count: 16)
        attributes = try Attributes(bytes: bytes.bytes(at: Offset.attributes, count: 16))
        mrEnclave = bytes.bytes(at: Offset.mrEnclave, count: 32)
        mrSigner = bytes.bytes(at: Offset.mrSigner, count: 32)
        configID = bytes.bytes(at: Offset.configID, count: 64)
        isvProdID = bytes.loadLE(UInt16.self, at: Offset.isvProdID)
        isvSVN = bytes.loadLE(UInt16.self, at: Offset.isvSVN)
        configSVN = bytes.loadLE(UInt16.self, at: Offset.configSVN)
        isvFamilyID = bytes.bytes(at: Offset.isvFamilyID, count: 16)
        reportData = bytes.bytes(at: Offset.reportData, count: 64)
    }

    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        out.store(fixed(cpuSVN, 16), at: Offset.cpuSVN)
        out.storeLE(miscSelect, at: Offset.miscSelect)
        out.store(fixed(isvExtProdID, 16), at: Offset.isvExtProdID)
        out.store(attributes.bytes, at: Offset.attributes)
        out.store(fixed(mrEnclave, 32), at: Offset.mrEnclave)
        out.store(fixed(mrSigner, 32), at: Offset.mrSigner)
        out.store(fixed(configID, 64), at: Offset.configID)
        out.storeLE(isvProdID, at: Offset.isvProdID)
        out.storeLE(isvSVN, at: Offset.isvSVN)
        out.storeLE(configSVN, at: Offset.configSVN)
        out.store(fixed(isvFamilyID, 16), at: Offset.isvFamilyID)
        out.store(fixed(reportData, 64), at: Offset.reportData)
        return out
    }

    /// True when the DEBUG attribute is set (the enclave's memory is readable by a debugger).
    public var isDebug: Bool { attributes.flags.contains(.debug) }
}

/// Pads or truncates a field to its fixed width so that `bytes` is always well-formed.
@inlinable
func fixed(_ value: [UInt8], _ count: Int) -> [UInt8] {
    if value.count == count { return value }
    var out = [UInt8](repeating: 0, count: count)
    for index in 0..<min(count, value.count) { out[index] = value[index] }
    return out
}

/// REPORT (`sgx_report_t`, SDM 34.18): the output of EREPORT. 432 bytes:
/// 0 body 384 · 384 KEYID 32 · 416 MAC 16, where MAC = AES-CMAC(report key, body).
public struct Report: SGXStructure, Hashable {
    public static let byteCount = 432

    public var body: ReportBody
    /// KEYID: the value used when the report key was derived (32 bytes).
    public var keyID: [UInt8]
    /// MAC: AES-128-CMAC of the body under the target enclave's report key (16 bytes).
    public var mac: [UInt8]

    public init(body: ReportBody, keyID: [UInt8], mac: [UInt8]) {
        self.body = body
        self.keyID = keyID
        self.mac = mac
    }

    public init(bytes: [UInt8]) throws(SGXError) {
        try Self.checkLength(bytes, "REPORT")
        body = try ReportBody(bytes: bytes.bytes(at: 0, count: ReportBody.byteCount))
        keyID = bytes.bytes(at: 384, count: 32)
        mac = bytes.bytes(at: 416, count: 16)
    }

    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        out.store(body.bytes, at: 0)
        out.store(fixed(keyID, 32), at: 384)
        out.store(fixed(mac, 16), at: 416)
        return out
    }
}
