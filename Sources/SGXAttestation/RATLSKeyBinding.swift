import Crypto
import Foundation

/// How each RA-TLS format binds the certificate's public key into the quote's REPORTDATA,
/// and the check of that binding (step 4 of ``RATLSVerifier``).
extension RATLSEvidence {
    /// The bytes REPORTDATA must start with, and whether the remaining 32 bytes must be zero:
    ///
    /// * DICE: SHA-256(claims) ‖ 0³², and the claims' `pubkey-hash` = SHA-256(DER SPKI);
    /// * legacy: SHA-256(DER SPKI), the rest unconstrained;
    /// * Open Enclave: SHA-256(``openEnclavePublicKeyPEM(subjectPublicKeyInfo:)``), the rest unconstrained.
    public var expectedReportDataPrefix: (prefix: [UInt8], zeroTail: Bool) {
        switch format {
        case .dice: (Array(SHA256.hash(data: claims ?? [])), true)
        case .legacy: (Array(SHA256.hash(data: subjectPublicKeyInfo)), false)
        case .openEnclave: (Array(SHA256.hash(data: Self.openEnclavePublicKeyPEM(subjectPublicKeyInfo: subjectPublicKeyInfo))), false)
        }
    }

    /// Throws ``RATLSVerificationError/keyNotBound(_:reason:)`` unless the 64-byte
    /// `reportData` (from the *verified* quote) binds ``subjectPublicKeyInfo`` as the format
    /// requires.
    public func checkKeyBinding(reportData: [UInt8]) throws(RATLSVerificationError) {
        guard reportData.count == 64 else {
            throw .keyNotBound(format, reason: "REPORTDATA is \(reportData.count) bytes, not 64")
        }
        if format == .dice {
            let keyHash = Array(SHA256.hash(data: subjectPublicKeyInfo))
            guard claimedPublicKeyHash == keyHash else {
                throw .keyNotBound(format, reason: "claims \"pubkey-hash\" \((claimedPublicKeyHash ?? []).hexString) is not SHA-256 of the certificate's SubjectPublicKeyInfo \(keyHash.hexString)")
            }
        }
        let (prefix, zeroTail) = expectedReportDataPrefix
        guard Array(reportData[0..<32]) == prefix else {
            let what = switch format {
            case .dice: "SHA-256 of the claims"
            case .legacy: "SHA-256 of the certificate's DER SubjectPublicKeyInfo"
            case .openEnclave: "SHA-256 of the certificate's PEM public key with its trailing NUL"
            }
            throw .keyNotBound(format, reason: "REPORTDATA[0..<32] \(Array(reportData[0..<32]).hexString) is not the \(what), \(prefix.hexString)")
        }
        if zeroTail, reportData[32..<64].contains(where: { $0 != 0 }) {
            throw .keyNotBound(format, reason: "REPORTDATA[32..<64] \(Array(reportData[32..<64]).hexString) is not zero")
        }
    }

    /// The PEM text Open Enclave hashes for its key binding, with the trailing NUL byte:
    /// `-----BEGIN PUBLIC KEY-----\n`, the base64 of the DER SubjectPublicKeyInfo in 64-column
    /// lines each ending in `\n`, `-----END PUBLIC KEY-----\n`, NUL (as mbedTLS's
    /// `mbedtls_pk_write_pubkey_pem` writes it and OE's `oe_get_public_key` returns it).
    public static func openEnclavePublicKeyPEM(subjectPublicKeyInfo: [UInt8]) -> [UInt8] {
        let base64 = Array(Data(subjectPublicKeyInfo).base64EncodedString().utf8)
        var pem = Array("-----BEGIN PUBLIC KEY-----\n".utf8)
        var start = 0
        while start < base64.count {
            let end = min(start + 64, base64.count)
            pem += base64[start..<end]
            pem.append(0x0a)
            start = end
        }
        pem += Array("-----END PUBLIC KEY-----\n".utf8)
        pem.append(0)
        return pem
    }
}
