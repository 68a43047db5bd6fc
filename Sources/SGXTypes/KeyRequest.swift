/// KEYREQUEST (Intel SDM Vol. 3D, 34.18.1 "Key Request (KEYREQUEST)"): the operand of
/// EGETKEY, naming which key to derive and what enclave identity to bind it to.
/// 512 bytes, 512-byte aligned.
///
/// Layout: 0 KEYNAME u16 · 2 KEYPOLICY u16 · 4 ISVSVN u16 · 6 rsvd u16 · 8 CPUSVN 16 ·
/// 24 ATTRIBUTEMASK 16 · 40 KEYID 32 · 72 MISCMASK u32 · 76 CONFIGSVN u16 · 78 rsvd 434.
/// `init(bytes:)` rejects non-zero reserved bytes and unknown key names and policy bits,
/// as EGETKEY does.
public struct KeyRequest: SGXStructure, Hashable {
    public static let byteCount = 512

    /// KEYREQUEST.KEYNAME (SDM Table 34-25).
    public enum KeyName: UInt16, Sendable, CaseIterable {
        /// EINITTOKEN_KEY: MACs launch tokens (launch enclaves only).
        case einitToken = 0
        /// PROVISION_KEY: provisioning (needs ATTRIBUTES.PROVISIONKEY).
        case provision = 1
        /// PROVISION_SEAL_KEY: sealing for provisioning enclaves.
        case provisionSeal = 2
        /// REPORT_KEY: verifies REPORT MACs addressed to this enclave.
        case report = 3
        /// SEAL_KEY: seals data to the enclave or its signer.
        case seal = 4
    }

    /// KEYREQUEST.KEYPOLICY bits: which identities the derived key is bound to.
    public struct KeyPolicy: OptionSet, Hashable, Sendable {
        public var rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        /// Bind to MRENCLAVE.
        public static let mrEnclave = KeyPolicy(rawValue: 0x01)
        /// Bind to MRSIGNER.
        public static let mrSigner = KeyPolicy(rawValue: 0x02)
        /// Leave ISVPRODID out of the derivation.
        public static let noISVProdID = KeyPolicy(rawValue: 0x04)
        /// Bind to CONFIGID (KSS).
        public static let configID = KeyPolicy(rawValue: 0x08)
        /// Bind to ISVFAMILYID (KSS).
        public static let isvFamilyID = KeyPolicy(rawValue: 0x10)
        /// Bind to ISVEXTPRODID (KSS).
        public static let isvExtProdID = KeyPolicy(rawValue: 0x20)

        /// Every bit the SDM defines; the rest are reserved.
        public static let defined = KeyPolicy(rawValue: 0x3f)
    }

    /// KEYREQUEST.KEYNAME.
    public var keyName: KeyName
    /// KEYREQUEST.KEYPOLICY.
    public var keyPolicy: KeyPolicy
    /// KEYREQUEST.ISVSVN: the enclave security version the key is derived for.
    public var isvSVN: UInt16
    /// KEYREQUEST.CPUSVN: the CPU security version the key is derived for (16 bytes).
    public var cpuSVN: [UInt8]
    /// KEYREQUEST.ATTRIBUTEMASK: which ATTRIBUTES bits enter the derivation.
    public var attributeMask: Attributes
    /// KEYREQUEST.KEYID: caller-chosen diversifier (32 bytes).
    public var keyID: [UInt8]
    /// KEYREQUEST.MISCMASK: which MISCSELECT bits enter the derivation.
    public var miscMask: UInt32
    /// KEYREQUEST.CONFIGSVN: the configuration security version (KSS).
    public var configSVN: UInt16

    public init(
        keyName: KeyName, keyPolicy: KeyPolicy = [], isvSVN: UInt16 = 0,
        cpuSVN: [UInt8] = [UInt8](repeating: 0, count: 16),
        attributeMask: Attributes = Attributes(flags: [], xfrm: 0),
        keyID: [UInt8] = [UInt8](repeating: 0, count: 32),
        miscMask: UInt32 = 0, configSVN: UInt16 = 0
    ) {
        self.keyName = keyName
        self.keyPolicy = keyPolicy
        self.isvSVN = isvSVN
        self.cpuSVN = cpuSVN
        self.attributeMask = attributeMask
        self.keyID = keyID
        self.miscMask = miscMask
        self.configSVN = configSVN
    }

    public init(bytes: [UInt8]) throws(SGXError) {
        try Self.checkLength(bytes, "KEYREQUEST")
        try Self.checkReserved(bytes, at: 6, count: 2, "KEYREQUEST")
        try Self.checkReserved(bytes, at: 78, count: 434, "KEYREQUEST")
        let rawName: UInt16 = bytes.loadLE(at: 0)
        guard let name = KeyName(rawValue: rawName) else {
            throw SGXError(.invalidKeyname, "KEYREQUEST.KEYNAME \(rawName) is not a defined key name")
        }
        let policy = KeyPolicy(rawValue: bytes.loadLE(at: 2))
        guard policy.isSubset(of: .defined) else {
            throw SGXError(.invalidParameter,
                "KEYREQUEST.KEYPOLICY 0x\(String(policy.rawValue, radix: 16)) has reserved bits set")
        }
        keyName = name
        keyPolicy = policy
        isvSVN = bytes.loadLE(at: 4)
        cpuSVN = bytes.bytes(at: 8, count: 16)
        attributeMask = try Attributes(bytes: bytes.bytes(at: 24, count: 16))
        keyID = bytes.bytes(at: 40, count: 32)
        miscMask = bytes.loadLE(at: 72)
        configSVN = bytes.loadLE(at: 76)
    }

    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.byteCount)
        out.storeLE(keyName.rawValue, at: 0)
        out.storeLE(keyPolicy.rawValue, at: 2)
        out.storeLE(isvSVN, at: 4)
        out.storeField(cpuSVN, at: 8, count: 16)
        out.store(attributeMask.bytes, at: 24)
        out.storeField(keyID, at: 40, count: 32)
        out.storeLE(miscMask, at: 72)
        out.storeLE(configSVN, at: 76)
        return out
    }
}
