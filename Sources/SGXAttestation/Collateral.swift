import Foundation
import Crypto
import X509

/// A signed Intel collateral document (TCB info or QE identity): the exact bytes of the
/// signed JSON value, the ECDSA-P256 signature over them, the issuer chain that leads to the
/// root, and the decoded content.
public struct SignedCollateral<Content: Sendable & Hashable>: Sendable, Hashable {
    /// The exact signed bytes (the inner `tcbInfo` / `enclaveIdentity` JSON value).
    public let body: [UInt8]
    /// The signature, raw r‖s (64 bytes); DER signatures are converted on import.
    public let signature: [UInt8]
    /// The TCB signing certificate and its issuers, any order.
    public let issuerChain: [Certificate]
    public let content: Content
}

public typealias SignedTCBInfo = SignedCollateral<TCBInfo>
public typealias SignedQEIdentity = SignedCollateral<EnclaveIdentity>

extension SignedCollateral where Content == TCBInfo {
    /// Parses the TCB info from its exact signed bytes.
    public init(body: [UInt8], signature: [UInt8], issuerChain: [Certificate]) throws(QuoteVerificationError) {
        self.init(body: body, signature: try rawSignature(signature, "tcbInfo"), issuerChain: issuerChain,
                  content: try TCBInfo(json: body))
    }
}

extension SignedCollateral where Content == EnclaveIdentity {
    /// Parses the QE identity from its exact signed bytes.
    public init(body: [UInt8], signature: [UInt8], issuerChain: [Certificate]) throws(QuoteVerificationError) {
        self.init(body: body, signature: try rawSignature(signature, "enclaveIdentity"), issuerChain: issuerChain,
                  content: try EnclaveIdentity(json: body))
    }
}

/// Accepts raw r‖s (64 bytes) or DER and returns raw r‖s.
func rawSignature(_ bytes: [UInt8], _ what: String) throws(QuoteVerificationError) -> [UInt8] {
    if bytes.count == 64 { return bytes }
    guard let der = try? P256.Signing.ECDSASignature(derRepresentation: bytes) else {
        throw QuoteVerificationError(.malformedCollateral, "\(what) signature: \(bytes.count) bytes, neither raw r‖s (64) nor DER ECDSA")
    }
    return Array(der.rawRepresentation)
}

/// Everything besides the quote that DCAP verification needs, parsed once and reusable for
/// any number of verifications (Intel's "quote verification collateral",
/// `sgx_ql_qve_collateral_t`).
///
/// Build one from parts, or import it with ``Collateral/load(contentsOf:)`` from the swift-sgx
/// bundle (``Collateral/bundleJSON()``, described in `Docs/collateral.md`) or the other layouts
/// it recognises. Parts are optional so that partial collateral (signature-only checks) can
/// be represented; ``QuoteVerifier`` reports a missing part as `missingCollateral`.
public struct Collateral: Sendable {
    public var tcbInfo: SignedTCBInfo?
    public var qeIdentity: SignedQEIdentity?
    /// The CRL of the PCK Processor or Platform CA; covers PCK certificates.
    public var pckCRL: CertificateRevocationList?
    /// The chain of the PCK CRL's issuer (the intermediate CA and the root).
    public var pckCRLIssuerChain: [Certificate]
    /// The Intel SGX Root CA's CRL; covers the intermediate CAs and the TCB signing certificate.
    public var rootCACRL: CertificateRevocationList?
    /// PCK certificates and intermediates for quotes whose certification data does not carry
    /// the chain (types 1–4); ignored for type 5.
    public var pckCertificates: [Certificate]

    public init(tcbInfo: SignedTCBInfo? = nil, qeIdentity: SignedQEIdentity? = nil,
                pckCRL: CertificateRevocationList? = nil, pckCRLIssuerChain: [Certificate] = [],
                rootCACRL: CertificateRevocationList? = nil, pckCertificates: [Certificate] = []) {
        self.tcbInfo = tcbInfo
        self.qeIdentity = qeIdentity
        self.pckCRL = pckCRL
        self.pckCRLIssuerChain = pckCRLIssuerChain
        self.rootCACRL = rootCACRL
        self.pckCertificates = pckCertificates
    }

    /// All certificates the collateral carries, as a pool for path building.
    var certificatePool: [Certificate] {
        (tcbInfo?.issuerChain ?? []) + (qeIdentity?.issuerChain ?? []) + pckCRLIssuerChain + pckCertificates
    }
}
