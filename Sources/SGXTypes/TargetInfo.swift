/// TARGETINFO (`sgx_target_info_t`, SDM 34.17): names the enclave that a REPORT is made for,
/// so that EREPORT can derive that enclave's report key. 512 bytes:
/// 0 MRENCLAVE 32 · 32 ATTRIBUTES 16 · 48 rsvd 2 · 50 configsvn u16 · 52 miscselect u32 ·
/// 56 rsvd 8 · 64 CONFIGID 64 · 128 rsvd 384.
///
/// Reserved ranges must be zero.
public struct TargetInfo: SGXStructure, Hashable {
    public static let byteCount = 512

    public var mrEnclave: [UInt8]
    public var attributes: Attributes
    public var configSVN: UInt16
    public var miscSelect: UInt32
    public var configID: [UInt8]

    public init(mrEnclave: [UInt8], attributes: Attributes, configSVN: UInt16 = 0,
                miscSelect: UInt32 = 0, configID: [UInt8] = [UInt8](repeating: 0, count: 64)) {
        self.mrEnclave = mrEnclave
        self.attributes = attributes
        self.configSVN = configSVN
        self.miscSelect = miscSelect
        self.configID = configID
    }

    public init(bytes: [UInt8]) throws(SGXError) {
        try Self.checkLength(bytes, "TARGETINFO")
        for range in [(48, 2), (56, 8), (128, 384)] {
            for index in range.0..<(range.0 + range.1) where bytes[index] != 0 {
                throw SGXError(.invalidParameter, "TARGETINFO: reserved byte at offset \(index) must be 0")
            }
        }
        mrEnclave = bytes.bytes(at: 0, count: 32)
        attributes = try Attributes(bytes: bytes.bytes(at: 32, count: 16))
        configSVN = bytes.loadLE(UInt16.self, at: 50)
        miscSelect = bytes.loadLE(UInt32.self, at: 52)
        configID = bytes.bytes(at: 64, count: 64)
    }

    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        out.store(fixed(mrEnclave, 32), at: 0)
        out.store(attributes.bytes, at: 32)
        out.storeLE(configSVN, at: 50)
        out.storeLE(miscSelect, at: 52)
        out.store(fixed(configID, 64), at: 64)
        return out
    }
}
