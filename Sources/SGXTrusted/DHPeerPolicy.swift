import SGXTypes

/// Which peer enclave a local-attestation session may be established with: checked against
/// the peer's REPORT body (Intel's `sgx_dh_session_enclave_identity_t` fields) before the
/// session exists. At least one of MRENCLAVE and MRSIGNER must be pinned.
public struct DHPeerPolicy: Sendable {
    /// The exact enclave expected, or nil for any enclave of `mrSigner`.
    public var mrEnclave: [UInt8]?
    /// The expected signer, or nil when `mrEnclave` pins the enclave.
    public var mrSigner: [UInt8]?
    /// The expected ISVPRODID, or nil for any.
    public var isvProdID: UInt16?
    /// The lowest acceptable ISVSVN.
    public var minimumISVSVN: UInt16
    /// Whether a DEBUG enclave (whose memory a debugger can read) is acceptable.
    public var allowDebug: Bool

    public init(mrEnclave: [UInt8]? = nil, mrSigner: [UInt8]? = nil, isvProdID: UInt16? = nil,
                minimumISVSVN: UInt16 = 0, allowDebug: Bool = false) {
        self.mrEnclave = mrEnclave
        self.mrSigner = mrSigner
        self.isvProdID = isvProdID
        self.minimumISVSVN = minimumISVSVN
        self.allowDebug = allowDebug
    }

    /// Throws `invalidParameter` for a policy that pins neither MRENCLAVE nor MRSIGNER;
    /// `invalidEnclave` when MRENCLAVE, MRSIGNER or ISVPRODID differ; `invalidISVSVN` for an
    /// ISVSVN below the minimum; `invalidAttribute` for a DEBUG peer when not allowed.
    public func check(_ peer: ReportBody) throws(SGXError) {
        guard mrEnclave != nil || mrSigner != nil else {
            throw SGXError(.invalidParameter, "DH peer policy must pin MRENCLAVE or MRSIGNER")
        }
        if let mrEnclave, mrEnclave != peer.mrEnclave {
            throw SGXError(.invalidEnclave, "DH peer: MRENCLAVE is not the expected one")
        }
        if let mrSigner, mrSigner != peer.mrSigner {
            throw SGXError(.invalidEnclave, "DH peer: MRSIGNER is not the expected one")
        }
        if let isvProdID, isvProdID != peer.isvProdID {
            throw SGXError(.invalidEnclave, "DH peer: ISVPRODID \(peer.isvProdID), expected \(isvProdID)")
        }
        guard peer.isvSVN >= minimumISVSVN else {
            throw SGXError(.invalidISVSVN, "DH peer: ISVSVN \(peer.isvSVN) is below \(minimumISVSVN)")
        }
        guard allowDebug || !peer.isDebug else {
            throw SGXError(.invalidAttribute, "DH peer is a DEBUG enclave")
        }
    }
}
