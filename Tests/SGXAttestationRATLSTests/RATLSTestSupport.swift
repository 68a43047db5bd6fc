import Crypto
import Foundation
import SGXAttestation
import SGXSimulation
import SGXTypes
import SwiftASN1
import X509

/// Builds RA-TLS certificates on the host from quotes of the simulated quoting enclave, in
/// each of the three formats, written here independently of the verifier's code (CBOR
/// encoder, Open Enclave PEM) so that a mistake on one side shows up.
enum RATLS {
    static let qe = try! SimulatedQuotingEnclave()
    /// The attested application enclave (a test-invented identity; REPORT by the simulated CPU).
    static let app = SECSIdentity(mrEnclave: [UInt8](repeating: 0xa1, count: 32), mrSigner: [UInt8](repeating: 0xb2, count: 32),
                                  attributes: Attributes(flags: [.initted, .mode64Bit], xfrm: 3), isvProdID: 7, isvSVN: 2)
    static var debugApp: SECSIdentity {
        var identity = app
        identity.attributes = Attributes(flags: [.initted, .mode64Bit, .debug], xfrm: 3)
        return identity
    }

    /// The policy `app` meets exactly.
    static var appPolicy: RATLSPolicy {
        RATLSPolicy(mrEnclaves: [app.mrEnclave], mrSigners: [app.mrSigner], isvProdID: 7, minimumISVSVN: 2)
    }

    static func verifier(policy: RATLSPolicy = appPolicy, trustSimulation: Bool = true) -> RATLSVerifier {
        RATLSVerifier(quoteVerifier: trustSimulation ? QuoteVerifier(trustedRoots: [qe.trustedRoot]) : QuoteVerifier(),
                      collateral: qe.collateral, policy: policy)
    }

    struct Made {
        let certificate: Certificate
        let der: [UInt8]
        let key: P256.Signing.PrivateKey
        var pem: String { (try? certificate.serializeAsPEM().pemString) ?? "" }
    }

    // MARK: CBOR (RFC 8949 preferred encoding)

    static func cborHead(_ major: UInt8, _ value: UInt64) -> [UInt8] {
        let m = major << 5
        switch value {
        case 0..<24: return [m | UInt8(value)]
        case 24..<0x100: return [m | 24, UInt8(value)]
        case 0x100..<0x10000: return [m | 25, UInt8(value >> 8), UInt8(value & 0xff)]
        case 0x10000..<0x1_0000_0000: return [m | 26] + (0..<4).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        default: return [m | 27] + (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        }
    }
    static func cborBytes(_ bytes: [UInt8]) -> [UInt8] { cborHead(2, UInt64(bytes.count)) + bytes }
    static func cborText(_ text: String) -> [UInt8] { cborHead(3, UInt64(text.utf8.count)) + Array(text.utf8) }

    /// {"pubkey-hash": bstr(CBOR [1, bstr hash])}
    static func claims(publicKeyHash hash: [UInt8], algorithm: UInt64 = 1) -> [UInt8] {
        let inner = cborHead(4, 2) + cborHead(0, algorithm) + cborBytes(hash)
        return cborHead(5, 1) + cborText("pubkey-hash") + cborBytes(inner)
    }

    /// tag 60000 [bstr quote, bstr claims]
    static func diceValue(quote: [UInt8], claims: [UInt8]) -> [UInt8] {
        cborHead(6, 60000) + cborHead(4, 2) + cborBytes(quote) + cborBytes(claims)
    }

    /// Open Enclave's PEM public key with its NUL, via Foundation's line wrapping.
    static func openEnclavePEM(_ spki: [UInt8]) -> [UInt8] {
        let body = Data(spki).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return Array("-----BEGIN PUBLIC KEY-----\n\(body)\n-----END PUBLIC KEY-----\n".utf8) + [0]
    }

    static func openEnclaveValue(quote: [UInt8]) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 16)
        header.storeLE(UInt32(1), at: 0)
        header.storeLE(UInt32(2), at: 4)
        header.storeLE(UInt64(quote.count), at: 8)
        return header + quote
    }

    /// An RA-TLS certificate for `identity` in `format`. The hooks break one thing at a time:
    /// `bindKey` supplies the public key the evidence binds (default: the certificate's),
    /// `reportData` replaces the computed REPORTDATA, `mutateQuote` edits the quote before it
    /// is wrapped, `signingKey` signs the certificate (default: its own key).
    static func make(_ format: RATLSEvidence.Format, identity: SECSIdentity = app,
                     bindKey: P256.Signing.PublicKey? = nil, reportData: [UInt8]? = nil,
                     mutateQuote: (inout [UInt8]) -> Void = { _ in },
                     signingKey: P256.Signing.PrivateKey? = nil,
                     withExtension: Bool = true) throws -> Made {
        let key = P256.Signing.PrivateKey()
        let boundSPKI = Array((bindKey ?? key.publicKey).derRepresentation)
        let zeros = [UInt8](repeating: 0, count: 32)
        var claimsBytes: [UInt8] = []
        let computed: [UInt8]
        switch format {
        case .dice:
            claimsBytes = claims(publicKeyHash: Array(SHA256.hash(data: boundSPKI)))
            computed = Array(SHA256.hash(data: claimsBytes)) + zeros
        case .legacy:
            computed = Array(SHA256.hash(data: boundSPKI)) + zeros
        case .openEnclave:
            computed = Array(SHA256.hash(data: openEnclavePEM(boundSPKI))) + zeros
        }
        let report = try SimulatedCPU().ereport(targetInfo: qe.targetInfo, reportData: reportData ?? computed, for: identity)
        var quote = try qe.quote(for: report)
        mutateQuote(&quote)
        let value: [UInt8] = switch format {
        case .dice: diceValue(quote: quote, claims: claimsBytes)
        case .legacy: quote
        case .openEnclave: openEnclaveValue(quote: quote)
        }
        return try certificate(key: key, extensions: withExtension ? [Certificate.Extension(oid: format.oid, critical: false, value: value[...])] : [],
                               signingKey: signingKey)
    }

    /// A self-signed P-256 certificate (signed by `signingKey` when given) with `extensions`.
    static func certificate(key: P256.Signing.PrivateKey, extensions: [Certificate.Extension],
                            signingKey: P256.Signing.PrivateKey? = nil) throws -> Made {
        let name = try DistinguishedName { CommonName("swift-sgx RA-TLS test") }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 86400, issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256, extensions: try Certificate.Extensions(extensions),
            issuerPrivateKey: .init(signingKey ?? key))
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return Made(certificate: certificate, der: serializer.serializedBytes, key: key)
    }

    /// A temporary directory removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ratls-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let fixtures: URL = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    static func fixture(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(path))) }
}
