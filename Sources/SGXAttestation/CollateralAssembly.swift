import Crypto
import Foundation
import X509

/// Builds ``Collateral`` from loose pieces, each recognised by its content rather than its
/// name (what `swift-sgx collateral bundle` does; formats and examples in `Docs/collateral.md`):
///
/// * Intel PCS / PCCS v4 responses: the `/tcb` body `{"tcbInfo":…,"signature":hex}` and the
///   `/qe/identity` body `{"enclaveIdentity":…,"signature":hex}`;
/// * their issuer-chain headers (`TCB-Info-Issuer-Chain`, `SGX-Enclave-Identity-Issuer-Chain`,
///   `SGX-PCK-CRL-Issuer-Chain`) saved as files: URL-encoded PEM, with or without the
///   `Header-Name:` prefix;
/// * CRLs (PCS `/pckcrl`, `/rootcacrl`; PCCS) as DER, PEM, or hex of DER; whether a CRL is
///   the root CA CRL or the PCK CRL is decided by which certificate signed it;
/// * PEM or DER certificates (issuer chains, PCK certificates);
/// * complete collateral: a swift-sgx bundle or dcap-qvl `QuoteCollateralV3` JSON;
/// * Fortanix `pcs` wrapper files (`raw_tcb_info`, `raw_enclave_identity`, `crl` + `ca_chain`);
/// * directories of any of these (searched recursively, in name order).
///
/// Issuer chains are matched to documents by signature: the TCB info's chain starts at the
/// certificate whose key verifies the TCB info signature, and continues by issuer name.
public struct CollateralAssembly: Sendable {
    private var tcbInfo: (body: [UInt8], signature: [UInt8], source: String)?
    private var qeIdentity: (body: [UInt8], signature: [UInt8], source: String)?
    private var crls: [(crl: CertificateRevocationList, source: String)] = []
    private var certificates: [Certificate] = []
    /// Chains a complete input carried with its documents.
    private var knownChains: [[Certificate]] = []
    /// What each input was recognised as, in order (for people).
    public private(set) var recognised: [(source: String, kind: String)] = []

    public init() {}

    /// Adds a file, or every file under a directory.
    public mutating func add(contentsOf url: URL) throws(QuoteVerificationError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw QuoteVerificationError(.missingCollateral, "\(url.path) does not exist")
        }
        if isDirectory.boolValue {
            // Inside a directory, files that are not collateral (quotes, notes) are skipped and
            // listed in `recognised`; a file named on its own must be collateral.
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
            for name in names {
                let child = url.appendingPathComponent(name)
                do {
                    try add(contentsOf: child)
                } catch where error.code == .malformedCollateral {
                    recognised.append((child.path, "ignored: \(error.detail)"))
                }
            }
            return
        }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: url))
        } catch {
            throw QuoteVerificationError(.missingCollateral, "cannot read \(url.path): \(error.localizedDescription)")
        }
        try add(bytes, source: url.path)
    }

    /// Adds one piece, recognised by its content; `source` names it in messages.
    public mutating func add(_ bytes: [UInt8], source: String) throws(QuoteVerificationError) {
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            // Binary: DER only (a quote with an embedded PEM chain is not a PEM file).
            guard bytes.first == 0x30 else {
                throw QuoteVerificationError(.malformedCollateral, "\(source): binary data that is not DER (a quote?)")
            }
            try addDER(bytes, source: source, kind: "DER")
            return
        }
        let text = decoded.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("{") {
            try addJSON(bytes, source: source)
        } else if text.contains("-----BEGIN") {
            try addPEM(text, source: source, kind: "PEM")
        } else if let range = text.range(of: "%2D%2D%2D%2D%2DBEGIN", options: .caseInsensitive) {
            let header = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            guard let decoded = String(text[range.lowerBound...]).removingPercentEncoding else {
                throw QuoteVerificationError(.malformedCollateral, "\(source): URL-encoded PEM with invalid percent escapes")
            }
            try addPEM(decoded, source: source, kind: header.isEmpty ? "URL-encoded PEM (issuer-chain header value)" : "URL-encoded PEM (\(header.dropLast(header.hasSuffix(":") ? 1 : 0)) header)")
        } else if !text.isEmpty, text.count % 2 == 0, let der = [UInt8](hexString: text) {
            try addDER(der, source: source, kind: "hex of DER")
        } else if bytes.first == 0x30 {
            try addDER(bytes, source: source, kind: "DER")
        } else {
            throw QuoteVerificationError(.malformedCollateral,
                "\(source): not recognised (expected PCS/PCCS JSON, a CRL or certificate in DER, PEM or hex, URL-encoded PEM, a swift-sgx bundle, dcap-qvl or Fortanix JSON)")
        }
    }

    // MARK: recognisers

    private mutating func addJSON(_ bytes: [UInt8], source: String) throws(QuoteVerificationError) {
        let object = try Collateral.jsonObject(bytes, named: "\(source): JSON")
        if object["format"] != nil || object["tcb_info"] != nil {
            let complete = try Collateral(json: bytes)
            if let info = complete.tcbInfo { try setTCBInfo(info.body, info.signature, source: source); knownChains.append(info.issuerChain) }
            if let qe = complete.qeIdentity { try setQEIdentity(qe.body, qe.signature, source: source); knownChains.append(qe.issuerChain) }
            if let crl = complete.pckCRL { crls.append((crl, source)); knownChains.append(complete.pckCRLIssuerChain) }
            if let crl = complete.rootCACRL { crls.append((crl, source)) }
            certificates += complete.certificatePool
            recognised.append((source, object["format"] != nil ? "swift-sgx collateral bundle" : "dcap-qvl collateral JSON"))
        } else if object["tcbInfo"] != nil {
            let document = try pcsDocument(bytes, keys: ["tcbInfo"], name: source)
            try setTCBInfo(document.body, document.signature, source: source)
            recognised.append((source, "TCB info (PCS/PCCS /tcb response)"))
        } else if object["enclaveIdentity"] != nil || object["qeIdentity"] != nil {
            let document = try pcsDocument(bytes, keys: ["enclaveIdentity", "qeIdentity"], name: source)
            let identity = try EnclaveIdentity(json: document.body)
            guard identity.id == "QE" else {
                // A QvE or TD_QE identity (PCS /qve/identity, /tdx/...): not collateral for SGX quotes.
                recognised.append((source, "enclave identity \"\(identity.id)\" (not the QE's; ignored)"))
                return
            }
            try setQEIdentity(document.body, document.signature, source: source)
            recognised.append((source, "QE identity (PCS/PCCS /qe/identity response)"))
        } else if object["ca_chain"] != nil {
            try addFortanixWrapper(bytes, source: source)
        } else {
            throw QuoteVerificationError(.malformedCollateral,
                "\(source): JSON with none of the recognised members (format, tcb_info, tcbInfo, enclaveIdentity, qeIdentity, ca_chain)")
        }
    }

    private mutating func addFortanixWrapper(_ bytes: [UInt8], source: String) throws(QuoteVerificationError) {
        struct Wrapper: Decodable {
            var raw_tcb_info: String?
            var raw_enclave_identity: String?
            var crl: String?
            var signature: [UInt8]?
            var ca_chain: [String]
        }
        let wrapper: Wrapper
        do {
            wrapper = try JSONDecoder().decode(Wrapper.self, from: Data(bytes))
        } catch {
            throw QuoteVerificationError(.malformedCollateral, "\(source): Fortanix wrapper: \(error)")
        }
        let chain = try parseCertificates(Array(wrapper.ca_chain.joined(separator: "\n").utf8), context: "\(source) ca_chain")
        certificates += chain
        knownChains.append(chain)
        if let text = wrapper.raw_tcb_info, let signature = wrapper.signature {
            try setTCBInfo(Array(text.utf8), try rawSignature(signature, source), source: source)
            recognised.append((source, "TCB info (Fortanix wrapper)"))
        } else if let text = wrapper.raw_enclave_identity, let signature = wrapper.signature {
            try setQEIdentity(Array(text.utf8), try rawSignature(signature, source), source: source)
            recognised.append((source, "QE identity (Fortanix wrapper)"))
        } else if let pem = wrapper.crl {
            crls.append((try CertificateRevocationList(pemEncoded: pem), source))
            recognised.append((source, "CRL (Fortanix wrapper)"))
        } else {
            throw QuoteVerificationError(.malformedCollateral, "\(source): Fortanix wrapper without raw_tcb_info, raw_enclave_identity or crl")
        }
    }

    private mutating func addPEM(_ text: String, source: String, kind: String) throws(QuoteVerificationError) {
        var counts: [String: Int] = [:]
        for block in try pemBlocks(text, context: source) {
            switch block.label {
            case "CERTIFICATE":
                do {
                    certificates.append(try Certificate(derEncoded: block.der))
                } catch {
                    throw QuoteVerificationError(.malformedCollateral, "\(source): bad certificate: \(error)")
                }
            case "X509 CRL":
                crls.append((try CertificateRevocationList(derEncoded: block.der), source))
            default:
                throw QuoteVerificationError(.malformedCollateral, "\(source): PEM block \(block.label) is neither a CERTIFICATE nor an X509 CRL")
            }
            counts[block.label, default: 0] += 1
        }
        recognised.append((source, "\(kind): " + counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")))
    }

    private mutating func addDER(_ der: [UInt8], source: String, kind: String) throws(QuoteVerificationError) {
        if let crl = try? CertificateRevocationList(derEncoded: der) {
            crls.append((crl, source))
            recognised.append((source, "CRL (\(kind))"))
        } else if let certificate = try? Certificate(derEncoded: der) {
            certificates.append(certificate)
            recognised.append((source, "certificate (\(kind))"))
        } else {
            throw QuoteVerificationError(.malformedCollateral, "\(source): \(kind) that is neither a CRL nor a certificate")
        }
    }

    private mutating func setTCBInfo(_ body: [UInt8], _ signature: [UInt8], source: String) throws(QuoteVerificationError) {
        if let existing = tcbInfo, existing.body != body {
            throw QuoteVerificationError(.malformedCollateral, "two different TCB infos: \(existing.source) and \(source)")
        }
        tcbInfo = (body, signature, source)
    }

    private mutating func setQEIdentity(_ body: [UInt8], _ signature: [UInt8], source: String) throws(QuoteVerificationError) {
        if let existing = qeIdentity, existing.body != body {
            throw QuoteVerificationError(.malformedCollateral, "two different QE identities: \(existing.source) and \(source)")
        }
        qeIdentity = (body, signature, source)
    }

    // MARK: assembly

    /// The collateral, or `missingCollateral` naming every missing piece and where it comes
    /// from. The root CA CRL is required unless `requireRootCACRL` is false.
    public func collateral(requireRootCACRL: Bool = true) throws(QuoteVerificationError) -> Collateral {
        var pool: [Certificate] = []
        for certificate in certificates + knownChains.flatMap({ $0 }) where !pool.contains(certificate) { pool.append(certificate) }
        var missing: [String] = []
        var result = Collateral()

        func chain(from leaf: Certificate) -> [Certificate] {
            var chain = [leaf]
            var current = leaf
            while current.issuer != current.subject, chain.count < 8,
                  let next = pool.first(where: { $0.subject == current.issuer && !chain.contains($0) }) {
                chain.append(next)
                current = next
            }
            return chain
        }
        func signer(of body: [UInt8], _ signature: [UInt8]) -> Certificate? {
            guard let raw = try? rawSignature(signature, "signature"),
                  let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: raw) else { return nil }
            return pool.first { P256.Signing.PublicKey($0.publicKey)?.isValidSignature(ecdsa, for: body) == true }
        }

        if let tcbInfo {
            if let signer = signer(of: tcbInfo.body, tcbInfo.signature) {
                result.tcbInfo = try SignedTCBInfo(body: tcbInfo.body, signature: tcbInfo.signature, issuerChain: chain(from: signer))
            } else {
                missing.append("TCB info issuer chain: no certificate given verifies the TCB info signature (save the TCB-Info-Issuer-Chain header of the /tcb response)")
            }
        } else {
            missing.append("TCB info (the PCS/PCCS /sgx/certification/v4/tcb?fmspc=… response body)")
        }
        if let qeIdentity {
            if let signer = signer(of: qeIdentity.body, qeIdentity.signature) {
                result.qeIdentity = try SignedQEIdentity(body: qeIdentity.body, signature: qeIdentity.signature, issuerChain: chain(from: signer))
            } else {
                missing.append("QE identity issuer chain: no certificate given verifies the QE identity signature (save the SGX-Enclave-Identity-Issuer-Chain header of the /qe/identity response)")
            }
        } else {
            missing.append("QE identity (the PCS/PCCS /sgx/certification/v4/qe/identity response body)")
        }

        var pckCRLWithoutChain: String?
        for (crl, source) in crls {
            let issuer = pool.first { $0.subject == crl.issuer && crl.isSigned(by: $0.publicKey) }
            let isRoot = issuer.map { $0.issuer == $0.subject } ?? crl.issuer.description.contains("Root CA")
            if isRoot {
                if let existing = result.rootCACRL, existing != crl {
                    throw QuoteVerificationError(.malformedCollateral, "two different root CA CRLs (one from \(source))")
                }
                result.rootCACRL = crl
            } else {
                if let existing = result.pckCRL, existing != crl {
                    throw QuoteVerificationError(.malformedCollateral, "two different PCK CRLs (one from \(source))")
                }
                result.pckCRL = crl
                if let issuer {
                    result.pckCRLIssuerChain = chain(from: issuer)
                    pckCRLWithoutChain = nil
                } else {
                    pckCRLWithoutChain = "PCK CRL issuer chain: no certificate given signed the PCK CRL of \"\(crl.issuer)\" from \(source) (save the SGX-PCK-CRL-Issuer-Chain header of the /pckcrl response)"
                }
            }
        }
        if result.pckCRL == nil { missing.append("PCK CRL (the PCS/PCCS /sgx/certification/v4/pckcrl?ca=processor or ca=platform response)") }
        if let pckCRLWithoutChain { missing.append(pckCRLWithoutChain) }
        if result.rootCACRL == nil, requireRootCACRL {
            missing.append("root CA CRL (the PCCS /sgx/certification/v4/rootcacrl response, or the CRL at the Intel SGX Root CA's distribution point)")
        }
        let pckLeaves = pool.filter { candidate in
            candidate.extensions.contains { $0.oid == PCKCertificateExtension.oid }
        }
        for leaf in pckLeaves {
            for certificate in chain(from: leaf) where !result.pckCertificates.contains(certificate) {
                result.pckCertificates.append(certificate)
            }
        }
        guard missing.isEmpty else {
            throw QuoteVerificationError(.missingCollateral, "incomplete collateral; missing:\n  - " + missing.joined(separator: "\n  - "))
        }
        return result
    }
}
