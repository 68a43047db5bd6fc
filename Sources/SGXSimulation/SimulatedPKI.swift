import Crypto
import Foundation
import SGXAttestation
import SGXTypes
import SwiftASN1
import X509

/// A generated DCAP test PKI for the simulated quoting service, shaped like Intel's
/// (Intel "SGX PCK Certificate and CRL Profile"; PCS TCB info and QE identity):
///
/// ```
/// swift-sgx SIMULATED SGX Root CA (self-signed)      ── root CA CRL (empty)
/// ├── swift-sgx SIMULATED SGX PCK Platform CA         ── PCK CRL (empty)
/// │   └── swift-sgx SIMULATED SGX PCK Certificate     (SGX extension 1.2.840.113741.1.13.1)
/// └── swift-sgx SIMULATED SGX TCB Signing             ── signs the TCB info and QE identity JSON
/// ```
///
/// Every subject contains `SIMULATED`, and the JSON documents carry a `"simulated"` member.
/// These are **public test artefacts**: with a ``Configuration/seed`` anyone can regenerate
/// the private keys, and without one they live in the host process's memory. A verifier
/// trusts none of this unless its caller passes ``trustedRoot`` explicitly.
///
/// ECDSA-P256 throughout (swift-crypto); certificates from swift-certificates; the SGX
/// extension and the CRLs are DER written with swift-asn1.
public struct SimulatedPKI: Sendable {
    /// What to generate.
    public struct Configuration: Sendable, Hashable {
        /// When set, every key is derived from it (SHA-256(seed ‖ label)), so the same seed
        /// gives the same keys and certificates' public keys in every process. When nil,
        /// fresh random keys.
        public var seed: [UInt8]?
        /// Start of validity of every certificate, CRL and JSON document (issueDate / thisUpdate).
        public var notValidBefore: Date
        /// End of validity (notAfter / nextUpdate).
        public var notValidAfter: Date
        /// FMSPC in the PCK certificate and the TCB info (6 bytes; default ASCII "SIMULA").
        public var fmspc: [UInt8]
        /// PCE-ID (2 bytes).
        public var pceID: [UInt8]
        /// The platform's 16 TCB component SVNs (the PCK certificate's TCB; the TCB info's
        /// UpToDate level).
        public var tcbComponents: [Int]
        /// The platform's PCESVN.
        public var pceSVN: UInt16

        public init(seed: [UInt8]? = nil,
                    notValidBefore: Date = Date(timeIntervalSince1970: 1_735_689_600),   // 2025-01-01T00:00:00Z
                    notValidAfter: Date = Date(timeIntervalSince1970: 2_524_607_999),    // 2049-12-31T23:59:59Z
                    fmspc: [UInt8] = Array("SIMULA".utf8), pceID: [UInt8] = [0, 0],
                    tcbComponents: [Int] = [4, 4, 3, 3, 255, 255, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                    pceSVN: UInt16 = 13) {
            self.seed = seed
            self.notValidBefore = notValidBefore
            self.notValidAfter = notValidAfter
            self.fmspc = fmspc
            self.pceID = pceID
            self.tcbComponents = tcbComponents
            self.pceSVN = pceSVN
        }
    }

    public let configuration: Configuration
    public let rootCertificate: Certificate
    /// The PCK Platform CA (the PCK certificate's issuer, the PCK CRL's issuer).
    public let intermediateCertificate: Certificate
    public let pckCertificate: Certificate
    public let tcbSigningCertificate: Certificate
    /// Every certificate of the PKI.
    public var certificates: [Certificate] { [rootCertificate, intermediateCertificate, pckCertificate, tcbSigningCertificate] }
    /// The DCAP collateral for quotes whose PCK certificate this PKI issued: signed TCB info,
    /// signed QE identity, PCK CRL with its issuer chain, root CA CRL.
    public let collateral: Collateral
    /// The PCK certification data of a quote (type 5): PEM of PCK, PCK CA, root.
    public let pckCertificateChainPEM: [UInt8]
    /// The root's key as a trust anchor: what a relying party passes to `QuoteVerifier`
    /// to accept simulated quotes.
    public var trustedRoot: TrustedRoot { TrustedRoot(certificate: rootCertificate, name: "swift-sgx SIMULATED SGX Root CA") }
    /// The root certificate as PEM text (for `swift-sgx verify-quote --root`).
    public var rootCertificatePEM: String { (try? rootCertificate.serializeAsPEM().pemString) ?? "" }

    /// The PCK private key, which signs the QE report.
    let pckKey: P256.Signing.PrivateKey

    /// Generates the PKI for a quoting enclave with identity `qe`.
    public init(configuration: Configuration = Configuration(), qe: SECSIdentity) throws(SGXError) {
        guard configuration.fmspc.count == 6, configuration.pceID.count == 2, configuration.tcbComponents.count == 16,
              configuration.tcbComponents.allSatisfy({ (0...255).contains($0) }),
              configuration.notValidBefore < configuration.notValidAfter else {
            throw SGXError(.invalidParameter,
                "simulated PKI: FMSPC must be 6 bytes, PCE-ID 2, 16 TCB components in 0...255, and notValidBefore before notValidAfter")
        }
        self.configuration = configuration
        do {
            let keys = KeySource(seed: configuration.seed)
            let rootKey = try keys.key("root CA")
            let intermediateKey = try keys.key("PCK platform CA")
            let pckKey = try keys.key("PCK certificate")
            let tcbKey = try keys.key("TCB signing")
            let from = configuration.notValidBefore, to = configuration.notValidAfter

            let rootName = try Self.name("swift-sgx SIMULATED SGX Root CA")
            let intermediateName = try Self.name("swift-sgx SIMULATED SGX PCK Platform CA")
            let ca = try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            }
            let leaf = try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, nonRepudiation: true))
            }
            rootCertificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(bytes: [0x01]), publicKey: .init(rootKey.publicKey),
                notValidBefore: from, notValidAfter: to, issuer: rootName, subject: rootName,
                signatureAlgorithm: .ecdsaWithSHA256, extensions: ca, issuerPrivateKey: .init(rootKey))
            intermediateCertificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(bytes: [0x02]), publicKey: .init(intermediateKey.publicKey),
                notValidBefore: from, notValidAfter: to, issuer: rootName, subject: intermediateName,
                signatureAlgorithm: .ecdsaWithSHA256, extensions: ca, issuerPrivateKey: .init(rootKey))

            var pckExtensions = leaf
            let ppid = Array(SHA256.hash(data: Array("swift-sgx SIMULATED PPID".utf8) + (configuration.seed ?? [])).prefix(16))
            try pckExtensions.append(SimulatedPCKExtension.make(.init(
                ppid: ppid, tcbComponents: configuration.tcbComponents, pceSVN: Int(configuration.pceSVN),
                cpuSVN: SimulatedCPU().cpuSVN.bytes, pceID: configuration.pceID, fmspc: configuration.fmspc, sgxType: 0)))
            pckCertificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(bytes: [0x03]), publicKey: .init(pckKey.publicKey),
                notValidBefore: from, notValidAfter: to, issuer: intermediateName,
                subject: try Self.name("swift-sgx SIMULATED SGX PCK Certificate"),
                signatureAlgorithm: .ecdsaWithSHA256, extensions: pckExtensions, issuerPrivateKey: .init(intermediateKey))
            tcbSigningCertificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(bytes: [0x04]), publicKey: .init(tcbKey.publicKey),
                notValidBefore: from, notValidAfter: to, issuer: rootName,
                subject: try Self.name("swift-sgx SIMULATED SGX TCB Signing"),
                signatureAlgorithm: .ecdsaWithSHA256, extensions: leaf, issuerPrivateKey: .init(rootKey))
            self.pckKey = pckKey

            // Signed JSON: the signature covers exactly the bytes the collateral carries.
            let tcbInfoBody = SimulatedCollateralDocuments.tcbInfo(
                fmspc: configuration.fmspc, pceID: configuration.pceID, components: configuration.tcbComponents,
                pceSVN: Int(configuration.pceSVN), issueDate: from, nextUpdate: to)
            let qeIdentityBody = SimulatedCollateralDocuments.qeIdentity(qe, issueDate: from, nextUpdate: to)
            let tcbChain = [tcbSigningCertificate, rootCertificate]
            collateral = Collateral(
                tcbInfo: try SignedTCBInfo(body: tcbInfoBody, signature: Array(try tcbKey.signature(for: tcbInfoBody).rawRepresentation),
                                           issuerChain: tcbChain),
                qeIdentity: try SignedQEIdentity(body: qeIdentityBody,
                                                 signature: Array(try tcbKey.signature(for: qeIdentityBody).rawRepresentation),
                                                 issuerChain: tcbChain),
                pckCRL: try CertificateRevocationList(derEncoded: try SimulatedCRL.make(
                    issuer: intermediateName, key: intermediateKey, thisUpdate: from, nextUpdate: to)),
                pckCRLIssuerChain: [intermediateCertificate, rootCertificate],
                rootCACRL: try CertificateRevocationList(derEncoded: try SimulatedCRL.make(
                    issuer: rootName, key: rootKey, thisUpdate: from, nextUpdate: to)))
            pckCertificateChainPEM = Array(try [pckCertificate, intermediateCertificate, rootCertificate]
                .map { try $0.serializeAsPEM().pemString + "\n" }.joined().utf8)
        } catch let error as SGXError {
            throw error
        } catch {
            throw SGXError(.unexpected, "simulated PKI generation failed: \(error)")
        }
    }

    private static func name(_ commonName: String) throws -> DistinguishedName {
        try DistinguishedName {
            CountryName("US")
            OrganizationName("swift-sgx SIMULATED test PKI (not Intel)")
            CommonName(commonName)
        }
    }

    /// P-256 keys, random or derived from a seed.
    private struct KeySource {
        let seed: [UInt8]?

        func key(_ label: String) throws -> P256.Signing.PrivateKey {
            guard let seed else { return P256.Signing.PrivateKey() }
            // A scalar ≥ the group order (probability ~2^-32) is retried with a counter.
            for counter in 0..<UInt8.max {
                let scalar = Array(SHA256.hash(data: seed + Array("swift-sgx SIMULATED \(label)".utf8) + [counter]))
                if let key = try? P256.Signing.PrivateKey(rawRepresentation: scalar) { return key }
            }
            throw SGXError(.unexpected, "simulated PKI: no valid P-256 scalar derived for \(label)")
        }
    }
}
