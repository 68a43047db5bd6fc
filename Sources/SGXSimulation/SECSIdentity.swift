import SGXTypes

/// The identity fields of an initialised enclave's SECS that EGETKEY and EREPORT read
/// (SDM Vol. 3D 34.7 "SGX Enclave Control Structure"), plus ISVFAMILYID and ISVEXTPRODID,
/// which EINIT copies from SIGSTRUCT for KSS enclaves.
///
/// The simulated CPU derives every key from this value; the host builds it from the
/// identity its loader measured and verified, never from what an enclave asks for.
public struct SECSIdentity: Sendable, Hashable {
    /// SECS.MRENCLAVE (32 bytes).
    public var mrEnclave: [UInt8]
    /// SECS.MRSIGNER (32 bytes).
    public var mrSigner: [UInt8]
    /// SECS.ATTRIBUTES, including INIT once EINIT has run.
    public var attributes: Attributes
    /// SECS.MISCSELECT.
    public var miscSelect: UInt32
    /// SECS.ISVPRODID.
    public var isvProdID: UInt16
    /// SECS.ISVSVN.
    public var isvSVN: UInt16
    /// SECS.CONFIGSVN (KSS).
    public var configSVN: UInt16
    /// SECS.CONFIGID (KSS), 64 bytes.
    public var configID: [UInt8]
    /// ISVFAMILYID (KSS), 16 bytes.
    public var isvFamilyID: [UInt8]
    /// ISVEXTPRODID (KSS), 16 bytes.
    public var isvExtProdID: [UInt8]

    public init(mrEnclave: [UInt8], mrSigner: [UInt8], attributes: Attributes, miscSelect: UInt32 = 0,
                isvProdID: UInt16 = 0, isvSVN: UInt16 = 0, configSVN: UInt16 = 0,
                configID: [UInt8] = [UInt8](repeating: 0, count: 64),
                isvFamilyID: [UInt8] = [UInt8](repeating: 0, count: 16),
                isvExtProdID: [UInt8] = [UInt8](repeating: 0, count: 16)) {
        self.mrEnclave = mrEnclave
        self.mrSigner = mrSigner
        self.attributes = attributes
        self.miscSelect = miscSelect
        self.isvProdID = isvProdID
        self.isvSVN = isvSVN
        self.configSVN = configSVN
        self.configID = configID
        self.isvFamilyID = isvFamilyID
        self.isvExtProdID = isvExtProdID
    }

    /// The identity part of a SECS (ISVFAMILYID/ISVEXTPRODID are not SECS fields: pass them).
    public init(_ secs: SECS, isvFamilyID: [UInt8] = [UInt8](repeating: 0, count: 16),
                isvExtProdID: [UInt8] = [UInt8](repeating: 0, count: 16)) {
        self.init(mrEnclave: secs.mrEnclave, mrSigner: secs.mrSigner, attributes: secs.attributes,
                  miscSelect: secs.miscSelect, isvProdID: secs.isvProdID, isvSVN: secs.isvSVN,
                  configSVN: secs.configSVN, configID: secs.configID,
                  isvFamilyID: isvFamilyID, isvExtProdID: isvExtProdID)
    }

    /// The TARGETINFO that names this enclave (what `sgx_self_target` returns).
    public var targetInfo: TargetInfo {
        TargetInfo(mrEnclave: mrEnclave, attributes: attributes, configSVN: configSVN,
                   miscSelect: miscSelect, configID: configID)
    }
}
