/// SIGSTRUCT, the Enclave Signature Structure (Intel SDM Vol. 3D, 34.13 "Enclave Signature
/// Structure (SIGSTRUCT)"): the signed statement of an enclave's identity that EINIT checks.
/// 1808 bytes.
///
/// Layout: 0 HEADER 16 (12 constant bytes, then Intel's "type" word) · 16 VENDOR u32 ·
/// 20 DATE u32 (BCD yyyymmdd) · 24 HEADER2 16 · 40 SWDEFINED u32 · 44 rsvd 84 ·
/// 128 MODULUS 384 (LE) · 512 EXPONENT u32 (= 3) · 516 SIGNATURE 384 (LE) ·
/// 900 MISCSELECT u32 · 904 MISCMASK u32 · 908 rsvd 4 · 912 ISVFAMILYID 16 ·
/// 928 ATTRIBUTES 16 · 944 ATTRIBUTEMASK 16 · 960 ENCLAVEHASH 32 · 992 rsvd 16 ·
/// 1008 ISVEXTPRODID 16 · 1024 ISVPRODID u16 · 1026 ISVSVN u16 · 1028 rsvd 12 ·
/// 1040 Q1 384 (LE) · 1424 Q2 384 (LE).
///
/// The RSA-3072 signature (RSASSA-PKCS1-v1_5, SHA-256, e = 3) covers ``signedBytes``:
/// bytes [0, 128) followed by [900, 1028).
public struct Sigstruct: SGXStructure, Hashable {
    public static let byteCount = 1808

    /// HEADER bytes 0..<12: `06000000E10000000000 0100`.
    public static let headerConstant: [UInt8] = [0x06, 0, 0, 0, 0xE1, 0, 0, 0, 0, 0, 0x01, 0]
    /// HEADER2: `01010000600000006000000001000000`.
    public static let header2Constant: [UInt8] = [
        0x01, 0x01, 0, 0, 0x60, 0, 0, 0, 0x60, 0, 0, 0, 0x01, 0, 0, 0,
    ]
    /// EXPONENT: SGX only accepts RSA public exponent 3.
    public static let exponent: UInt32 = 3
    /// The "type" word's bit 31, which Intel's signing tool sets to mark a debug signing.
    public static let debugTypeBit: UInt32 = 0x8000_0000
    /// Size of MODULUS, SIGNATURE, Q1 and Q2 (RSA-3072).
    public static let keyByteCount = 384
    /// VENDOR value for enclaves signed by Intel.
    public static let intelVendor: UInt32 = 0x8086

    /// HEADER bytes 12..<16, the word Intel's SDK calls "type": 0, or bit 31 set
    /// (``debugTypeBit``) for a debug signing. The other bits must be zero.
    public var headerType: UInt32
    /// VENDOR: 0 for ISVs, 0x8086 (``intelVendor``) for Intel.
    public var vendor: UInt32
    /// DATE: the signing date as BCD `yyyymmdd` (see ``bcdDate(year:month:day:)``).
    public var date: UInt32
    /// SWDEFINED: software-defined value (Intel's SDK calls it hw_version; launch enclaves only).
    public var swDefined: UInt32
    /// MODULUS: the signer's RSA-3072 modulus, 384 bytes little-endian.
    public var modulus: [UInt8]
    /// SIGNATURE: the RSA signature over ``signedBytes``, 384 bytes little-endian.
    public var signature: [UInt8]
    /// MISCSELECT: the MISCSELECT value the enclave requires.
    public var miscSelect: UInt32
    /// MISCMASK: which MISCSELECT bits EINIT compares.
    public var miscMask: UInt32
    /// ISVFAMILYID: product family identity (16 bytes; KSS).
    public var isvFamilyID: [UInt8]
    /// ATTRIBUTES: the attributes the enclave requires.
    public var attributes: Attributes
    /// ATTRIBUTEMASK: which ATTRIBUTES bits EINIT compares.
    public var attributeMask: Attributes
    /// ENCLAVEHASH: the expected MRENCLAVE (32 bytes).
    public var enclaveHash: [UInt8]
    /// ISVEXTPRODID: extended product identity (16 bytes; KSS).
    public var isvExtProdID: [UInt8]
    /// ISVPRODID: the enclave's product ID.
    public var isvProdID: UInt16
    /// ISVSVN: the enclave's security version number.
    public var isvSVN: UInt16
    /// Q1 = floor(S² / N), 384 bytes little-endian: lets EINIT verify without division.
    public var q1: [UInt8]
    /// Q2 = floor((S² mod N) · S / N), 384 bytes little-endian.
    public var q2: [UInt8]

    /// An unsigned SIGSTRUCT: modulus, signature, Q1 and Q2 zero until it is signed.
    public init(
        headerType: UInt32 = 0, vendor: UInt32 = 0, date: UInt32, swDefined: UInt32 = 0,
        miscSelect: UInt32 = 0, miscMask: UInt32 = 0,
        isvFamilyID: [UInt8] = [UInt8](repeating: 0, count: 16),
        attributes: Attributes, attributeMask: Attributes, enclaveHash: [UInt8],
        isvExtProdID: [UInt8] = [UInt8](repeating: 0, count: 16),
        isvProdID: UInt16 = 0, isvSVN: UInt16 = 0
    ) {
        let zeroKey = [UInt8](repeating: 0, count: Self.keyByteCount)
        self.headerType = headerType
        self.vendor = vendor
        self.date = date
        self.swDefined = swDefined
        self.modulus = zeroKey
        self.signature = zeroKey
        self.miscSelect = miscSelect
        self.miscMask = miscMask
        self.isvFamilyID = isvFamilyID
        self.attributes = attributes
        self.attributeMask = attributeMask
        self.enclaveHash = enclaveHash
        self.isvExtProdID = isvExtProdID
        self.isvProdID = isvProdID
        self.isvSVN = isvSVN
        self.q1 = zeroKey
        self.q2 = zeroKey
    }

    /// Decodes and checks the constant fields: HEADER, HEADER2, EXPONENT = 3, and that
    /// reserved bytes are zero. Throws `invalidSignature` for a wrong header or exponent
    /// (this is not a SIGSTRUCT EINIT would take) and `invalidParameter` for other problems.
    public init(bytes: [UInt8]) throws(SGXError) {
        try Self.checkLength(bytes, "SIGSTRUCT")
        guard bytes.bytes(at: 0, count: 12) == Self.headerConstant else {
            throw SGXError(.invalidSignature,
                "SIGSTRUCT HEADER is \(bytes.bytes(at: 0, count: 12).hexString), expected \(Self.headerConstant.hexString)")
        }
        let type: UInt32 = bytes.loadLE(at: 12)
        guard type & ~Self.debugTypeBit == 0 else {
            throw SGXError(.invalidSignature,
                "SIGSTRUCT HEADER type word 0x\(String(type, radix: 16)) has bits other than bit 31 set")
        }
        guard bytes.bytes(at: 24, count: 16) == Self.header2Constant else {
            throw SGXError(.invalidSignature,
                "SIGSTRUCT HEADER2 is \(bytes.bytes(at: 24, count: 16).hexString), expected \(Self.header2Constant.hexString)")
        }
        let exponent: UInt32 = bytes.loadLE(at: 512)
        guard exponent == Self.exponent else {
            throw SGXError(.invalidSignature, "SIGSTRUCT EXPONENT is \(exponent), SGX requires 3")
        }
        try Self.checkReserved(bytes, at: 44, count: 84, "SIGSTRUCT")
        try Self.checkReserved(bytes, at: 908, count: 4, "SIGSTRUCT")
        try Self.checkReserved(bytes, at: 992, count: 16, "SIGSTRUCT")
        try Self.checkReserved(bytes, at: 1028, count: 12, "SIGSTRUCT")
        headerType = type
        vendor = bytes.loadLE(at: 16)
        date = bytes.loadLE(at: 20)
        swDefined = bytes.loadLE(at: 40)
        modulus = bytes.bytes(at: 128, count: Self.keyByteCount)
        signature = bytes.bytes(at: 516, count: Self.keyByteCount)
        miscSelect = bytes.loadLE(at: 900)
        miscMask = bytes.loadLE(at: 904)
        isvFamilyID = bytes.bytes(at: 912, count: 16)
        attributes = try Attributes(bytes: bytes.bytes(at: 928, count: 16))
        attributeMask = try Attributes(bytes: bytes.bytes(at: 944, count: 16))
        enclaveHash = bytes.bytes(at: 960, count: 32)
        isvExtProdID = bytes.bytes(at: 1008, count: 16)
        isvProdID = bytes.loadLE(at: 1024)
        isvSVN = bytes.loadLE(at: 1026)
        q1 = bytes.bytes(at: 1040, count: Self.keyByteCount)
        q2 = bytes.bytes(at: 1424, count: Self.keyByteCount)
    }

    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        out.store(Self.headerConstant, at: 0)
        out.storeLE(headerType, at: 12)
        out.storeLE(vendor, at: 16)
        out.storeLE(date, at: 20)
        out.store(Self.header2Constant, at: 24)
        out.storeLE(swDefined, at: 40)
        out.storeField(modulus, at: 128, count: Self.keyByteCount)
        out.storeLE(Self.exponent, at: 512)
        out.storeField(signature, at: 516, count: Self.keyByteCount)
        out.storeLE(miscSelect, at: 900)
        out.storeLE(miscMask, at: 904)
        out.storeField(isvFamilyID, at: 912, count: 16)
        out.store(attributes.bytes, at: 928)
        out.store(attributeMask.bytes, at: 944)
        out.storeField(enclaveHash, at: 960, count: 32)
        out.storeField(isvExtProdID, at: 1008, count: 16)
        out.storeLE(isvProdID, at: 1024)
        out.storeLE(isvSVN, at: 1026)
        out.storeField(q1, at: 1040, count: Self.keyByteCount)
        out.storeField(q2, at: 1424, count: Self.keyByteCount)
        return out
    }

    /// The 256 bytes the signature covers: [0, 128) followed by [900, 1028). Modulus,
    /// signature, Q1 and Q2 are not part of them, which is what makes two-step (HSM)
    /// signing possible.
    public var signedBytes: [UInt8] {
        let all = bytes
        return Array(all[0..<128]) + Array(all[900..<1028])
    }

    /// Whether the header type word marks a debug signing (bit 31).
    public var isDebugSigned: Bool { headerType & Self.debugTypeBit != 0 }

    /// Encodes a calendar date as SIGSTRUCT.DATE: BCD `yyyymmdd`, so 2016-12-14 is
    /// 0x20161214 (bytes `14 12 16 20`). Nil for an out-of-range year, month or day.
    public static func bcdDate(year: Int, month: Int, day: Int) -> UInt32? {
        guard (0...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        func bcd(_ value: Int, digits: Int) -> UInt32 {
            var result: UInt32 = 0
            var rest = value
            for index in 0..<digits {
                result |= UInt32(rest % 10) << (4 * index)
                rest /= 10
            }
            return result
        }
        return bcd(year, digits: 4) << 16 | bcd(month, digits: 2) << 8 | bcd(day, digits: 2)
    }

    /// DATE decoded from BCD; nil when a nibble is not a decimal digit or the month or
    /// day is out of range.
    public var dateComponents: (year: Int, month: Int, day: Int)? {
        var digits: [Int] = []
        for index in (0..<8).reversed() {
            let nibble = Int((date >> (4 * UInt32(index))) & 0xf)
            guard nibble <= 9 else { return nil }
            digits.append(nibble)
        }
        let year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
        let month = digits[4] * 10 + digits[5]
        let day = digits[6] * 10 + digits[7]
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return (year, month, day)
    }
}
