import Crypto
import SGXAttestation
import SGXTypes
import X509

/// A simulated DCAP Quoting Enclave (Intel's QE3, `sgx_qe_get_target_info` /
/// `sgx_qe_get_quote`): turns a REPORT addressed to it into an ECDSA-P256 quote, version 3
/// (`sgx_quote3_t`), whose PCK chain ends in the ``SimulatedPKI`` root.
///
/// As the real QE, it first checks the REPORT's MAC with its own report key (EGETKEY(REPORT)
/// on the ``SimulatedCPU`` for its identity), so it quotes only reports made on this
/// (simulated) platform for it. Then:
///
/// * header: version 3, att_key_type 2 (ECDSA-P256), Intel's QE vendor ID, QE and PCE SVNs;
/// * the ISV report body, signed with the attestation key (over header ‖ body);
/// * the attestation public key and the QE report, made with EREPORT for the QE's own
///   identity (targeted at a simulated PCE), whose REPORTDATA is
///   SHA-256(attestation key ‖ QE auth data) ‖ 0³², signed with the PCK key;
/// * QE authentication data and certification data type 5 (PEM chain PCK → CA → root).
///
/// Everything here is a public test artefact labelled SIMULATED (see Docs/simulation.md);
/// a verifier accepts its quotes only when told to trust ``trustedRoot``.
public final class SimulatedQuotingEnclave: Sendable {
    /// The QE's identity (MRSIGNER, ISVPRODID 1 like Intel's QE3, ISVSVN, attributes); its
    /// QE identity JSON in ``collateral`` describes exactly this.
    public let identity: SECSIdentity
    /// The enclave the QE report is targeted at (the PCE in a real platform).
    public let pceIdentity: SECSIdentity
    public let pki: SimulatedPKI
    public let cpu: SimulatedCPU
    /// The QE's authentication data (32 bytes), bound into the QE report.
    public let qeAuthData: [UInt8]

    private let attestationKey: P256.Signing.PrivateKey
    private let qeReport: ReportBody
    private let qeReportSignature: [UInt8]

    /// The simulated QE's identity: MRENCLAVE and MRSIGNER are SHA-256 of labels, not of any
    /// real code or key.
    public static let defaultIdentity = SECSIdentity(
        mrEnclave: Array(SHA256.hash(data: Array("swift-sgx SIMULATED quoting enclave".utf8))),
        mrSigner: Array(SHA256.hash(data: Array("swift-sgx SIMULATED quoting enclave signer".utf8))),
        attributes: Attributes(flags: [.initted, .mode64Bit], xfrm: 0x3), isvProdID: 1, isvSVN: 8)

    /// Creates the QE, its attestation key and its PKI. With a configuration seed the PKI
    /// keys and the attestation key are derived from it.
    public init(configuration: SimulatedPKI.Configuration = .init(), identity: SECSIdentity = defaultIdentity,
                cpu: SimulatedCPU = SimulatedCPU()) throws(SGXError) {
        self.identity = identity
        self.cpu = cpu
        var pce = identity
        pce.mrEnclave = Array(SHA256.hash(data: Array("swift-sgx SIMULATED provisioning certification enclave".utf8)))
        pce.isvProdID = 2
        pce.isvSVN = configuration.pceSVN
        pceIdentity = pce
        pki = try SimulatedPKI(configuration: configuration, qe: identity)
        qeAuthData = Array("swift-sgx SIMULATED QE auth data".utf8)
        if let seed = configuration.seed,
           let key = try? P256.Signing.PrivateKey(rawRepresentation: Array(SHA256.hash(data: seed + Array("swift-sgx SIMULATED attestation key".utf8)))) {
            attestationKey = key
        } else {
            attestationKey = P256.Signing.PrivateKey()
        }
        let binding = Array(SHA256.hash(data: Array(attestationKey.publicKey.rawRepresentation) + qeAuthData))
            + [UInt8](repeating: 0, count: 32)
        qeReport = try cpu.ereport(targetInfo: pce.targetInfo, reportData: binding, for: identity).body
        do {
            qeReportSignature = Array(try pki.pckKey.signature(for: qeReport.bytes).rawRepresentation)
        } catch {
            throw SGXError(.unexpected, "simulated QE: signing the QE report failed: \(error)")
        }
    }

    /// The TARGETINFO an enclave EREPORTs to for a quote (Intel's `sgx_qe_get_target_info`).
    public var targetInfo: TargetInfo { identity.targetInfo }
    /// The collateral for verifying this QE's quotes.
    public var collateral: Collateral { pki.collateral }
    public var rootCertificate: Certificate { pki.rootCertificate }
    /// The trust anchor a relying party must pass explicitly to accept these quotes.
    public var trustedRoot: TrustedRoot { pki.trustedRoot }
    /// The attestation public key, raw X‖Y.
    public var attestationPublicKey: [UInt8] { Array(attestationKey.publicKey.rawRepresentation) }

    /// A version-3 quote for `report` (Intel's `sgx_qe_get_quote`).
    ///
    /// Throws `macMismatch` when the REPORT does not verify with this QE's report key: it was
    /// made for another target, on another CPU, or altered.
    public func quote(for report: Report) throws(SGXError) -> [UInt8] {
        guard cpu.verify(report, asTarget: identity) else {
            throw SGXError(.macMismatch,
                "simulated QE: the REPORT's MAC does not verify with the QE's report key (not targeted at the QE, or altered)")
        }
        var userData = Array(SHA256.hash(data: attestationPublicKey).prefix(16))  // QE ID
        userData += [0, 0, 0, 0]
        let header = QuoteHeader(version: 3, qeSVN: identity.isvSVN, pceSVN: pceIdentity.isvSVN,
                                 qeVendorID: QuoteHeader.intelQEVendorID, userData: userData)
        let signed = header.bytes + report.body.bytes
        let isvSignature: [UInt8]
        do {
            isvSignature = Array(try attestationKey.signature(for: signed).rawRepresentation)
        } catch {
            throw SGXError(.unexpected, "simulated QE: signing the quote failed: \(error)")
        }
        let signatureData = QuoteSignatureData(
            isvSignature: isvSignature, attestationKey: attestationPublicKey, qeReport: qeReport,
            qeReportSignature: qeReportSignature, qeAuthData: qeAuthData,
            certificationData: .pckCertificateChain(pki.pckCertificateChainPEM)).bytes(version: 3)
        var length = [UInt8](repeating: 0, count: 4)
        length.storeLE(UInt32(signatureData.count), at: 0)
        return signed + length + signatureData
    }

    /// ``quote(for:)`` on a raw 432-byte REPORT.
    public func quote(reportBytes: [UInt8]) throws(SGXError) -> [UInt8] {
        try quote(for: Report(bytes: reportBytes))
    }
}
