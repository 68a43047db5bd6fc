import Foundation
import X509

/// Importers for the collateral layouts found in the wild, and the swift-sgx bundle format.
///
/// ## The swift-sgx collateral bundle (version 1)
/// One JSON object, every value a string (see `Docs/collateral.md`):
///
/// | key | content |
/// |---|---|
/// | `format` | `"swift-sgx-dcap-collateral"` |
/// | `version` | `1` (a number) |
/// | `tcbInfo` | the exact signed text of the inner `tcbInfo` JSON value |
/// | `tcbInfoSignature` | hex of the raw r‖s ECDSA signature over those bytes |
/// | `tcbInfoIssuerChain` | PEM: TCB signing certificate and root |
/// | `qeIdentity`, `qeIdentitySignature`, `qeIdentityIssuerChain` | the same for the inner `enclaveIdentity` value |
/// | `pckCRL` | hex of the PCK CRL's DER |
/// | `pckCRLIssuerChain` | PEM: the PCK CRL's issuer CA and root |
/// | `rootCACRL` | hex of the root CA CRL's DER (optional) |
/// | `pckCertificates` | PEM: PCK certificate and chain, for quotes that do not carry it (optional) |
///
/// The signed texts are stored as JSON strings, so their bytes survive any JSON tooling that
/// preserves string contents; verifiers never re-serialize them.
///
/// ## Recognised layouts (``load(contentsOf:)``)
/// * a swift-sgx bundle file (above);
/// * a dcap-qvl `QuoteCollateralV3` JSON file (`tcb_info`, `tcb_info_signature`, `root_ca_crl`, …);
/// * a directory of Intel PCS responses: `tcbInfo.json` (`{"tcbInfo":…,"signature":hex}`),
///   `qeIdentity.json`, `tcbSignChain.pem`, `intermediateCaCrl.der|pem`, `rootCaCrl.der|pem`,
///   optional `pckCert.pem` + `pckSignChain.pem` (Intel QVL sample layout);
/// * a directory of the same fields split out one per file: `split_tcb_info.json`,
///   `split_tcb_info.sig.hex`, `split_tcb_info_issuer_chain.pem`, `split_qe_identity*`,
///   `split_pck_crl.der`, `split_pck_crl_issuer_chain.pem`, `split_root_ca_crl.der`;
/// * a directory of Fortanix `pcs` wrapper files: `*.tcb` (`raw_tcb_info`, DER `signature` as an
///   integer array, `ca_chain`), `*.id` (`raw_enclave_identity`, …), `processor.crl` /
///   `platform.crl` (`crl` PEM, `ca_chain`); these carry no root CA CRL;
/// * a Fortanix `dcap-ql` test directory (`qe3_identity.json`, `pck_quote.cert`,
///   `processor_ca.cert`, `root_ca.cert`): partial, enough for signature checks only.
extension Collateral {
    /// Imports collateral from a file or directory in any recognised layout.
    public static func load(contentsOf url: URL) throws(QuoteVerificationError) -> Collateral {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw QuoteVerificationError(.missingCollateral, "collateral path \(url.path) does not exist")
        }
        if !isDirectory.boolValue {
            return try Collateral(json: try read(url))
        }
        let names = Set((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
        if names.contains("split_tcb_info.json") { return try loadSplitDirectory(url) }
        if names.contains("tcbInfo.json") { return try loadPCSDirectory(url, names: names) }
        if names.contains(where: { $0.hasSuffix(".tcb") }) { return try loadFortanixPCSDirectory(url, names: names) }
        if names.contains("qe3_identity.json") { return try loadFortanixDCAPQLDirectory(url) }
        throw QuoteVerificationError(.malformedCollateral, "collateral directory \(url.path) has no recognised layout")
    }

    /// Parses `bytes` as a JSON object; errors say "`name` is not an object" or "`name`: …".
    static func jsonObject(_ bytes: [UInt8], named name: String) throws(QuoteVerificationError) -> [String: Any] {
        do {
            guard let decoded = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                throw QuoteVerificationError(.malformedCollateral, "\(name) is not an object")
            }
            return decoded
        } catch let error as QuoteVerificationError {
            throw error
        } catch {
            throw QuoteVerificationError(.malformedCollateral, "\(name): \(error)")
        }
    }

    /// Decodes a swift-sgx bundle or a dcap-qvl `QuoteCollateralV3` JSON document.
    public init(json: [UInt8]) throws(QuoteVerificationError) {
        let object = try Self.jsonObject(json, named: "collateral JSON")
        func string(_ key: String) throws(QuoteVerificationError) -> String {
            guard let value = object[key] as? String else {
                throw QuoteVerificationError(.malformedCollateral, "collateral JSON: missing string \"\(key)\"")
            }
            return value
        }
        func optionalString(_ key: String) -> String? { object[key] as? String }
        if let format = object["format"] as? String {
            guard format == Self.bundleFormat else {
                throw QuoteVerificationError(.malformedCollateral, "collateral JSON: format \"\(format)\" is not \(Self.bundleFormat)")
            }
            guard (object["version"] as? Int) == 1 else {
                throw QuoteVerificationError(.malformedCollateral, "collateral JSON: only bundle version 1 is supported")
            }
            self.init(
                tcbInfo: try SignedTCBInfo(body: Array(try string("tcbInfo").utf8), signature: try hex(try string("tcbInfoSignature"), "tcbInfoSignature"),
                                           issuerChain: try parseCertificates(Array(try string("tcbInfoIssuerChain").utf8), context: "tcbInfoIssuerChain")),
                qeIdentity: try SignedQEIdentity(body: Array(try string("qeIdentity").utf8), signature: try hex(try string("qeIdentitySignature"), "qeIdentitySignature"),
                                                 issuerChain: try parseCertificates(Array(try string("qeIdentityIssuerChain").utf8), context: "qeIdentityIssuerChain")),
                pckCRL: try CertificateRevocationList(derEncoded: try hex(try string("pckCRL"), "pckCRL")),
                pckCRLIssuerChain: try parseCertificates(Array(try string("pckCRLIssuerChain").utf8), context: "pckCRLIssuerChain"),
                rootCACRL: try optionalString("rootCACRL").map { (text) throws(QuoteVerificationError) in try CertificateRevocationList(derEncoded: try hex(text, "rootCACRL")) },
                pckCertificates: try optionalString("pckCertificates").map { (text) throws(QuoteVerificationError) in try parseCertificates(Array(text.utf8), context: "pckCertificates") } ?? [])
        } else if object["tcb_info"] != nil {
            // dcap-qvl QuoteCollateralV3.
            self.init(
                tcbInfo: try SignedTCBInfo(body: Array(try string("tcb_info").utf8), signature: try hex(try string("tcb_info_signature"), "tcb_info_signature"),
                                           issuerChain: try parseCertificates(Array(try string("tcb_info_issuer_chain").utf8), context: "tcb_info_issuer_chain")),
                qeIdentity: try SignedQEIdentity(body: Array(try string("qe_identity").utf8), signature: try hex(try string("qe_identity_signature"), "qe_identity_signature"),
                                                 issuerChain: try parseCertificates(Array(try string("qe_identity_issuer_chain").utf8), context: "qe_identity_issuer_chain")),
                pckCRL: try crl(text: try string("pck_crl"), "pck_crl"),
                pckCRLIssuerChain: try parseCertificates(Array(try string("pck_crl_issuer_chain").utf8), context: "pck_crl_issuer_chain"),
                rootCACRL: try optionalString("root_ca_crl").map { (text) throws(QuoteVerificationError) in try crl(text: text, "root_ca_crl") })
        } else {
            throw QuoteVerificationError(.malformedCollateral, "collateral JSON: neither a swift-sgx bundle (\"format\") nor dcap-qvl collateral (\"tcb_info\")")
        }
    }

    /// The `format` value of a swift-sgx bundle.
    public static let bundleFormat = "swift-sgx-dcap-collateral"

    /// Encodes this collateral as a swift-sgx bundle (version 1). Requires TCB info, QE
    /// identity and PCK CRL.
    public func bundleJSON() throws(QuoteVerificationError) -> [UInt8] {
        guard let tcbInfo, let qeIdentity, let pckCRL else {
            throw QuoteVerificationError(.missingCollateral, "a bundle needs TCB info, QE identity and the PCK CRL")
        }
        var object: [String: Any] = [
            "format": Self.bundleFormat, "version": 1,
            "tcbInfo": String(decoding: tcbInfo.body, as: UTF8.self), "tcbInfoSignature": tcbInfo.signature.hexString,
            "tcbInfoIssuerChain": try pem(tcbInfo.issuerChain),
            "qeIdentity": String(decoding: qeIdentity.body, as: UTF8.self), "qeIdentitySignature": qeIdentity.signature.hexString,
            "qeIdentityIssuerChain": try pem(qeIdentity.issuerChain),
            "pckCRL": pckCRL.derBytes.hexString, "pckCRLIssuerChain": try pem(pckCRLIssuerChain),
        ]
        if let rootCACRL { object["rootCACRL"] = rootCACRL.derBytes.hexString }
        if !pckCertificates.isEmpty { object["pckCertificates"] = try pem(pckCertificates) }
        do {
            return [UInt8](try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]))
        } catch {
            throw QuoteVerificationError(.malformedCollateral, "cannot encode the bundle: \(error)")
        }
    }

    // MARK: directory layouts

    static func loadSplitDirectory(_ url: URL) throws(QuoteVerificationError) -> Collateral {
        func file(_ name: String) throws(QuoteVerificationError) -> [UInt8] { try read(url.appendingPathComponent(name)) }
        func hexFile(_ name: String) throws(QuoteVerificationError) -> [UInt8] {
            try hex(String(decoding: try file(name), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines), name)
        }
        let names = Set((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
        return Collateral(
            tcbInfo: try SignedTCBInfo(body: try file("split_tcb_info.json"), signature: try hexFile("split_tcb_info.sig.hex"),
                                       issuerChain: try parseCertificates(try file("split_tcb_info_issuer_chain.pem"), context: "split_tcb_info_issuer_chain.pem")),
            qeIdentity: try SignedQEIdentity(body: try file("split_qe_identity.json"), signature: try hexFile("split_qe_identity.sig.hex"),
                                             issuerChain: try parseCertificates(try file("split_qe_identity_issuer_chain.pem"), context: "split_qe_identity_issuer_chain.pem")),
            pckCRL: try CertificateRevocationList(derEncoded: try file("split_pck_crl.der")),
            pckCRLIssuerChain: try parseCertificates(try file("split_pck_crl_issuer_chain.pem"), context: "split_pck_crl_issuer_chain.pem"),
            rootCACRL: names.contains("split_root_ca_crl.der") ? try CertificateRevocationList(derEncoded: try file("split_root_ca_crl.der")) : nil)
    }

    static func loadPCSDirectory(_ url: URL, names: Set<String>) throws(QuoteVerificationError) -> Collateral {
        func file(_ name: String) throws(QuoteVerificationError) -> [UInt8] { try read(url.appendingPathComponent(name)) }
        func crlFile(_ stem: String) throws(QuoteVerificationError) -> CertificateRevocationList? {
            if names.contains(stem + ".der") { return try CertificateRevocationList(derEncoded: try file(stem + ".der")) }
            if names.contains(stem + ".pem") { return try CertificateRevocationList(pemEncoded: String(decoding: try file(stem + ".pem"), as: UTF8.self)) }
            return nil
        }
        let signChain = try parseCertificates(try file("tcbSignChain.pem"), context: "tcbSignChain.pem")
        let tcb = try pcsDocument(try file("tcbInfo.json"), keys: ["tcbInfo"], name: "tcbInfo.json")
        var qe: (body: [UInt8], signature: [UInt8])? = nil
        for name in ["qeIdentity.json", "qe_identity.json"] where names.contains(name) {
            qe = try pcsDocument(try file(name), keys: ["enclaveIdentity", "qeIdentity"], name: name)
            break
        }
        var pckCertificates: [Certificate] = []
        var pckCRLChain: [Certificate] = []
        if names.contains("pckSignChain.pem") {
            pckCRLChain = try parseCertificates(try file("pckSignChain.pem"), context: "pckSignChain.pem")
            pckCertificates += pckCRLChain
        }
        if names.contains("pckCert.pem") {
            pckCertificates = try parseCertificates(try file("pckCert.pem"), context: "pckCert.pem") + pckCertificates
        }
        var pckCRL = try crlFile("intermediateCaCrl")
        if pckCRL == nil { pckCRL = try crlFile("pckCrl") }
        return Collateral(
            tcbInfo: try SignedTCBInfo(body: tcb.body, signature: tcb.signature, issuerChain: signChain),
            qeIdentity: try qe.map { (doc) throws(QuoteVerificationError) in try SignedQEIdentity(body: doc.body, signature: doc.signature, issuerChain: signChain) },
            pckCRL: pckCRL,
            pckCRLIssuerChain: pckCRLChain,
            rootCACRL: try crlFile("rootCaCrl"),
            pckCertificates: pckCertificates)
    }

    static func loadFortanixPCSDirectory(_ url: URL, names: Set<String>) throws(QuoteVerificationError) -> Collateral {
        struct Wrapper: Decodable {
            var raw_tcb_info: String?
            var raw_enclave_identity: String?
            var crl: String?
            var signature: [UInt8]?
            var ca_chain: [String]
        }
        func wrapper(_ name: String) throws(QuoteVerificationError) -> Wrapper {
            do {
                return try JSONDecoder().decode(Wrapper.self, from: Data(try read(url.appendingPathComponent(name))))
            } catch let error as QuoteVerificationError {
                throw error
            } catch {
                throw QuoteVerificationError(.malformedCollateral, "\(name): \(describe(error))")
            }
        }
        func chain(_ w: Wrapper, _ name: String) throws(QuoteVerificationError) -> [Certificate] {
            try parseCertificates(Array(w.ca_chain.joined(separator: "\n").utf8), context: "\(name) ca_chain")
        }
        var collateral = Collateral()
        for name in names.sorted() {
            if name.hasSuffix(".tcb") {
                let w = try wrapper(name)
                guard let text = w.raw_tcb_info, let signature = w.signature else {
                    throw QuoteVerificationError(.malformedCollateral, "\(name): missing raw_tcb_info or signature")
                }
                collateral.tcbInfo = try SignedTCBInfo(body: Array(text.utf8), signature: signature, issuerChain: try chain(w, name))
            } else if name.hasSuffix(".id") {
                let w = try wrapper(name)
                guard let text = w.raw_enclave_identity, let signature = w.signature else {
                    throw QuoteVerificationError(.malformedCollateral, "\(name): missing raw_enclave_identity or signature")
                }
                collateral.qeIdentity = try SignedQEIdentity(body: Array(text.utf8), signature: signature, issuerChain: try chain(w, name))
            } else if name == "processor.crl" || name == "platform.crl" {
                let w = try wrapper(name)
                guard let pem = w.crl else { throw QuoteVerificationError(.malformedCollateral, "\(name): missing crl") }
                collateral.pckCRL = try CertificateRevocationList(pemEncoded: pem)
                collateral.pckCRLIssuerChain = try chain(w, name)
            }
        }
        return collateral
    }

    static func loadFortanixDCAPQLDirectory(_ url: URL) throws(QuoteVerificationError) -> Collateral {
        let qe = try pcsDocument(try read(url.appendingPathComponent("qe3_identity.json")), keys: ["enclaveIdentity", "qeIdentity"], name: "qe3_identity.json")
        var certificates: [Certificate] = []
        for name in ["pck_quote.cert", "processor_ca.cert", "root_ca.cert"] {
            let path = url.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: path.path) {
                certificates += try parseCertificates(try read(path), context: name)
            }
        }
        return Collateral(qeIdentity: try SignedQEIdentity(body: qe.body, signature: qe.signature, issuerChain: []),
                          pckCertificates: certificates)
    }
}

/// Splits an Intel PCS response `{"tcbInfo": {...}, "signature": "hex"}` into the exact bytes
/// of the signed value and the signature.
func pcsDocument(_ document: [UInt8], keys: [String], name: String) throws(QuoteVerificationError) -> (body: [UInt8], signature: [UInt8]) {
    let members: [String: ArraySlice<UInt8>]
    do {
        members = try SignedJSON.topLevelMembers(document)
    } catch {
        throw QuoteVerificationError(.malformedCollateral, "\(name): \(error.message)")
    }
    guard let body = keys.lazy.compactMap({ members[$0] }).first else {
        throw QuoteVerificationError(.malformedCollateral, "\(name): no top-level \(keys.map { "\"\($0)\"" }.joined(separator: " or ")) member")
    }
    guard let signatureValue = members["signature"], let signatureHex = SignedJSON.plainString(signatureValue) else {
        throw QuoteVerificationError(.malformedCollateral, "\(name): no top-level \"signature\" string")
    }
    return (Array(body), try hex(signatureHex, "\(name) signature"))
}

private func read(_ url: URL) throws(QuoteVerificationError) -> [UInt8] {
    do {
        return [UInt8](try Data(contentsOf: url))
    } catch {
        throw QuoteVerificationError(.missingCollateral, "cannot read \(url.path): \(error.localizedDescription)")
    }
}

private func hex(_ text: String, _ name: String) throws(QuoteVerificationError) -> [UInt8] {
    guard let bytes = [UInt8](hexString: text) else {
        throw QuoteVerificationError(.malformedCollateral, "\(name) is not hexadecimal")
    }
    return bytes
}

/// A CRL given as hex of DER or as PEM.
private func crl(text: String, _ name: String) throws(QuoteVerificationError) -> CertificateRevocationList {
    if text.contains("-----BEGIN") { return try CertificateRevocationList(pemEncoded: text) }
    return try CertificateRevocationList(derEncoded: try hex(text, name))
}

private func pem(_ certificates: [Certificate]) throws(QuoteVerificationError) -> String {
    do {
        return try certificates.map { try $0.serializeAsPEM().pemString }.joined(separator: "\n") + "\n"
    } catch {
        throw QuoteVerificationError(.malformedCollateral, "cannot encode certificates as PEM: \(error)")
    }
}
