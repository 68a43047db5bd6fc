import Crypto
import Foundation
import Testing
import SGXSign
import SGXTypes

/// One generated key for the whole test run: generation is slow in debug builds.
enum GeneratedKey {
    static let shared: (key: SigningKey, duration: Duration) = {
        let clock = ContinuousClock()
        var key: SigningKey?
        let duration = clock.measure { key = try! SigningKey.generate() }
        return (key!, duration)
    }()
}

@Suite struct SigningKeyTests {
    func expectKeyRejected(_ pem: String, mentioning text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try SigningKey(pemRepresentation: pem)
            Issue.record("accepted a bad key", sourceLocation: sourceLocation)
        } catch {
            #expect(error.status == .invalidParameter, sourceLocation: sourceLocation)
            #expect(error.detail.contains(text), "\(error.detail)", sourceLocation: sourceLocation)
        }
    }

    @Test func generateSignVerifyRoundTrip() throws {
        let (key, duration) = GeneratedKey.shared
        print("RSA-3072 e=3 key generation took \(duration)")
        #expect(key.publicKey.modulusBigEndian.count == 384)
        #expect(key.publicKey.modulusBigEndian[0] & 0x80 != 0)
        #expect(key.publicKey.modulusLittleEndian == key.publicKey.modulusBigEndian.reversed())

        let fields = SigstructFields.intel(debug: true, isvProdID: 7, isvSVN: 3, date: 0x2025_0101)
        let sigstruct = try SigstructSigner.sign(enclaveHash: Fixture.mrenclave, fields: fields, key: key)
        let verification = SigstructVerification(sigstruct)
        #expect(verification.isValid)
        #expect(verification.mrsigner == Array(SHA256.hash(data: key.publicKey.modulusLittleEndian)))
        #expect(verification.mrsigner == key.publicKey.mrsigner)
        // Survives encoding.
        let decoded = try Sigstruct(bytes: sigstruct.bytes)
        #expect(SigstructVerification(decoded).isValid)
        #expect(decoded.isvProdID == 7 && decoded.isvSVN == 3 && decoded.enclaveHash == Fixture.mrenclave)
    }

    @Test func twoStepSigningMatchesOneStep() throws {
        let key = GeneratedKey.shared.key
        let fields = SigstructFields.intel(debug: false, date: 0x2025_0101)
        let oneStep = try SigstructSigner.sign(enclaveHash: Fixture.mrenclave, fields: fields, key: key)
        var twoStep = try fields.unsignedSigstruct(enclaveHash: Fixture.mrenclave)
        let signature = try key.signature(for: twoStep.signedBytes)   // the "HSM"
        try twoStep.attachSignature(signature, publicKey: key.publicKey)
        #expect(twoStep == oneStep)   // PKCS#1 v1.5 is deterministic
    }

    @Test func attachingAWrongSignatureThrows() throws {
        let key = GeneratedKey.shared.key
        var sigstruct = try SigstructFields.intel(debug: true, date: 0x2025_0101).unsignedSigstruct(enclaveHash: Fixture.mrenclave)
        var signature = try key.signature(for: sigstruct.signedBytes)
        signature[5] ^= 1
        #expect(throws: SGXError(.invalidSignature)) { try sigstruct.attachSignature(signature, publicKey: key.publicKey) }
        #expect(throws: SGXError(.invalidParameter)) { try sigstruct.attachSignature([1, 2, 3], publicKey: key.publicKey) }
        // Signed for other bytes.
        let other = try key.signature(for: [UInt8](repeating: 0, count: 256))
        #expect(throws: SGXError(.invalidSignature)) { try sigstruct.attachSignature(other, publicKey: key.publicKey) }
        #expect(sigstruct.signature.allSatisfy { $0 == 0 })   // untouched after failures
    }

    @Test func pemRoundTrip() throws {
        let key = GeneratedKey.shared.key
        let pem = key.pemRepresentation
        #expect(pem.hasPrefix("-----BEGIN RSA PRIVATE KEY-----"))
        let again = try SigningKey(pemRepresentation: pem)
        #expect(again.publicKey == key.publicKey)
        #expect(again.pemRepresentation == pem)
        let pkcs8 = key.pkcs8PEMRepresentation
        #expect(pkcs8.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let fromPKCS8 = try SigningKey(pemRepresentation: pkcs8)
        #expect(fromPKCS8.publicKey == key.publicKey)
        #expect(fromPKCS8.pkcs1DERRepresentation == key.pkcs1DERRepresentation)
    }

    @Test func opensslKeysImportAndSignLikeOpenSSL() throws {
        let pkcs1 = try SigningKey(pemRepresentation: Fixture.text("openssl_e3_3072_pkcs1", "pem"))
        let pkcs8 = try SigningKey(pemRepresentation: Fixture.text("openssl_e3_3072_pkcs8", "pem"))
        #expect(pkcs1.publicKey == pkcs8.publicKey)
        // Our PKCS#1 export is byte-identical to OpenSSL's (both DER, so canonical).
        #expect(pkcs1.pemRepresentation.trimmingCharacters(in: .whitespacesAndNewlines)
            == Fixture.text("openssl_e3_3072_pkcs1", "pem").trimmingCharacters(in: .whitespacesAndNewlines))
        let fixture = try Sigstruct(bytes: Fixture.sig)
        let ours = try pkcs1.signature(for: fixture.signedBytes)
        let openssl = Fixture.data("openssl_e3_3072_signature_of_test_enclave_signed_bytes", "bin")
        #expect(ours == openssl.reversed())
    }

    @Test func malformedPEMRejected() {
        expectKeyRejected("not a pem at all", mentioning: "malformed PEM")
        expectKeyRejected("-----BEGIN RSA PRIVATE KEY-----\n!!!!\n-----END RSA PRIVATE KEY-----\n", mentioning: "malformed PEM")
        let garbageDER = PEMDocumentText.make(type: "RSA PRIVATE KEY", der: [0x30, 0x03, 0x02, 0x01, 0x00])
        expectKeyRejected(garbageDER, mentioning: "not a PKCS#1 RSAPrivateKey")
        let garbagePKCS8 = PEMDocumentText.make(type: "PRIVATE KEY", der: [0x04, 0x01, 0x00])
        expectKeyRejected(garbagePKCS8, mentioning: "not a PKCS#8")
        let certificate = PEMDocumentText.make(type: "CERTIFICATE", der: [0x30, 0x00])
        expectKeyRejected(certificate, mentioning: "unsupported PEM type \"CERTIFICATE\"")
    }

    @Test func wrongSizeKeyRejected() {
        expectKeyRejected(Fixture.text("openssl_e3_2048_pkcs1", "pem"), mentioning: "is 2048 bits; SGX signing keys must be 3072 bits")
    }

    @Test func exponent65537Rejected() {
        expectKeyRejected(Fixture.text("openssl_e65537_3072_pkcs1", "pem"), mentioning: "exponent is 65537")
    }

    @Test func inconsistentKeyRejected() throws {
        // Swap in a different modulus: BoringSSL's consistency check must refuse it.
        let good = try SigningKey(pemRepresentation: Fixture.text("openssl_e3_3072_pkcs1", "pem"))
        var der = good.pkcs1DERRepresentation
        // The modulus INTEGER starts after SEQUENCE header (4) + version (3) + INTEGER header (4) + leading 0x00.
        der[4 + 3 + 4 + 1 + 100] ^= 0x02
        #expect(throws: SGXError(.invalidParameter)) { try SigningKey(pkcs1DERRepresentation: der) }
    }

    @Test func publicKeyChecks() {
        #expect(throws: SGXError(.invalidParameter)) { try PublicSigningKey(modulusLittleEndian: [UInt8](repeating: 0xff, count: 383)) }
        var even = [UInt8](repeating: 0xff, count: 384)
        even[0] = 0xfe   // little-endian: lowest byte
        #expect(throws: SGXError(.invalidParameter)) { try PublicSigningKey(modulusLittleEndian: even) }
        var short = [UInt8](repeating: 0xff, count: 384)
        short[383] = 0x7f   // top bit clear: 3071 bits
        #expect(throws: SGXError(.invalidParameter)) { try PublicSigningKey(modulusLittleEndian: short) }
    }
}

/// Builds PEM text for malformed-input tests without going through the library.
enum PEMDocumentText {
    static func make(type: String, der: [UInt8]) -> String {
        "-----BEGIN \(type)-----\n\(Data(der).base64EncodedString())\n-----END \(type)-----\n"
    }
}
