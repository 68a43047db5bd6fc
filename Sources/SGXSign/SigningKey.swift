import _CryptoExtras
import BigInt
import Crypto
import Foundation
import SGXTypes
import SwiftASN1

/// An enclave signing key: RSA-3072 with public exponent 3, the only kind EINIT accepts
/// (SDM 34.13, SIGSTRUCT.EXPONENT = 3).
///
/// Import and export use PEM: PKCS#1 `RSA PRIVATE KEY` (what `openssl genrsa -3 3072`
/// writes and Intel's `sgx_sign` reads) and PKCS#8 `PRIVATE KEY`. DER is read and written
/// with swift-asn1; signing is RSASSA-PKCS1-v1_5 with SHA-256 by swift-crypto's
/// `_RSA.Signing.PrivateKey` (BoringSSL).
public struct SigningKey: Sendable {
    private let components: RSAPrivateKeyDER
    private let rsa: _RSA.Signing.PrivateKey
    /// The public half.
    public let publicKey: PublicSigningKey

    /// From PKCS#1 `RSAPrivateKey` DER; checks size, exponent and (through BoringSSL) consistency.
    public init(pkcs1DERRepresentation der: [UInt8]) throws(SGXError) {
        let parsed: RSAPrivateKeyDER
        do {
            parsed = try RSAPrivateKeyDER(derEncoded: der)
        } catch {
            throw .invalidParameter("not a PKCS#1 RSAPrivateKey: \(error)")
        }
        try self.init(components: parsed)
    }

    private init(components: RSAPrivateKeyDER) throws(SGXError) {
        let exponent = BigUInt(bigEndian: components.publicExponent)
        guard exponent == BigUInt(PublicSigningKey.publicExponent) else {
            throw .invalidParameter("RSA public exponent is \(exponent); SGX signing keys must use exponent 3")
        }
        let publicKey = try PublicSigningKey(modulusBigEndian: Array(components.modulus))
        let der: [UInt8]
        do {
            var serializer = DER.Serializer()
            try serializer.serialize(components)
            der = serializer.serializedBytes
        } catch {
            throw .unexpected("cannot encode RSAPrivateKey: \(error)")
        }
        do {
            rsa = try _RSA.Signing.PrivateKey(derRepresentation: der)
        } catch {
            throw .invalidParameter("RSA private key rejected by BoringSSL (inconsistent components?): \(error)")
        }
        self.components = components
        self.publicKey = publicKey
    }

    /// From PEM: `RSA PRIVATE KEY` (PKCS#1) or `PRIVATE KEY` (PKCS#8, rsaEncryption).
    /// Encrypted keys are not supported.
    public init(pemRepresentation pem: String) throws(SGXError) {
        let document: PEMDocument
        do {
            document = try PEMDocument(pemString: pem)
        } catch {
            throw .invalidParameter("malformed PEM: \(error)")
        }
        switch document.discriminator {
        case "RSA PRIVATE KEY":
            try self.init(pkcs1DERRepresentation: document.derBytes)
        case "PRIVATE KEY":
            let info: PKCS8RSAPrivateKeyInfo
            do {
                info = try PKCS8RSAPrivateKeyInfo(derEncoded: document.derBytes)
            } catch {
                throw .invalidParameter("not a PKCS#8 RSA PrivateKeyInfo: \(error)")
            }
            try self.init(pkcs1DERRepresentation: info.privateKeyDER)
        default:
            throw .invalidParameter("unsupported PEM type \"\(document.discriminator)\"; expected RSA PRIVATE KEY or PRIVATE KEY")
        }
    }

    /// PKCS#1 `RSAPrivateKey` DER.
    public var pkcs1DERRepresentation: [UInt8] {
        var serializer = DER.Serializer()
        // Serialising integers and a sequence cannot fail.
        try! serializer.serialize(components)
        return serializer.serializedBytes
    }

    /// PEM `-----BEGIN RSA PRIVATE KEY-----` (PKCS#1), the form `sgx_sign` takes.
    public var pemRepresentation: String {
        PEMDocument(type: "RSA PRIVATE KEY", derBytes: pkcs1DERRepresentation).pemString
    }

    /// PEM `-----BEGIN PRIVATE KEY-----` (PKCS#8).
    public var pkcs8PEMRepresentation: String {
        var serializer = DER.Serializer()
        try! serializer.serialize(PKCS8RSAPrivateKeyInfo(privateKeyDER: pkcs1DERRepresentation))
        return PEMDocument(type: "PRIVATE KEY", derBytes: serializer.serializedBytes).pemString
    }

    /// RSASSA-PKCS1-v1_5 SHA-256 signature over `message`, 384 bytes little-endian (the
    /// SIGSTRUCT.SIGNATURE byte order).
    public func signature(for message: [UInt8]) throws(SGXError) -> [UInt8] {
        let raw: Data
        do {
            raw = try rsa.signature(for: SHA256.hash(data: message), padding: .insecurePKCS1v1_5).rawRepresentation
        } catch {
            throw .unexpected("RSA signing failed: \(error)")
        }
        guard raw.count == PublicSigningKey.modulusByteCount else {
            throw .unexpected("RSA signature is \(raw.count) bytes, expected 384")
        }
        return Array(raw.reversed())
    }

    // MARK: generation

    /// Generates a new RSA-3072 key with e = 3: two random 1536-bit primes p, q with
    /// p ≡ q ≡ 2 (mod 3), so that gcd(3, p−1) = gcd(3, q−1) = 1, tested by trial division
    /// and Miller–Rabin (BigInt's `isPrime`), from the system's secure random generator.
    public static func generate() throws(SGXError) -> SigningKey {
        var generator = SystemRandomNumberGenerator()
        return try generate(using: &generator)
    }

    /// ``generate()`` with a caller-chosen random generator (a deterministic one only for tests).
    public static func generate<R: RandomNumberGenerator>(using generator: inout R) throws(SGXError) -> SigningKey {
        let e = BigUInt(PublicSigningKey.publicExponent)
        while true {
            let p = randomPrime(bits: 1536, using: &generator)
            var q = randomPrime(bits: 1536, using: &generator)
            while q == p { q = randomPrime(bits: 1536, using: &generator) }
            let (big, small) = p > q ? (p, q) : (q, p)
            let n = big * small
            guard n.bitWidth == PublicSigningKey.modulusBitCount else { continue }
            let pMinus1 = big - 1
            let qMinus1 = small - 1
            let lambda = pMinus1 / pMinus1.greatestCommonDivisor(with: qMinus1) * qMinus1
            guard let d = e.inverse(lambda), let qInverse = small.inverse(big) else { continue }
            let components = RSAPrivateKeyDER(
                modulus: ArraySlice(n.bigEndianBytes),
                publicExponent: ArraySlice(e.bigEndianBytes),
                privateExponent: ArraySlice(d.bigEndianBytes),
                prime1: ArraySlice(big.bigEndianBytes),
                prime2: ArraySlice(small.bigEndianBytes),
                exponent1: ArraySlice((d % pMinus1).bigEndianBytes),
                exponent2: ArraySlice((d % qMinus1).bigEndianBytes),
                coefficient: ArraySlice(qInverse.bigEndianBytes))
            return try SigningKey(components: components)
        }
    }

    /// Odd primes below this bound sieve candidates before Miller–Rabin.
    private static let sievePrimes: [UInt] = {
        var primes: [UInt] = []
        var candidate: UInt = 5
        while candidate < 8192 {
            if primes.allSatisfy({ $0 * $0 > candidate || candidate % $0 != 0 }) { primes.append(candidate) }
            candidate += 2
        }
        return primes
    }()

    /// A random prime of exactly `bits` bits, top two bits set (so that the product of two
    /// has exactly 2·bits bits) and ≡ 2 (mod 3). Searches upwards in steps of 6 from a
    /// random start, keeping residues modulo small primes to skip most composites cheaply.
    static func randomPrime<R: RandomNumberGenerator>(bits: Int, using generator: inout R) -> BigUInt {
        while true {
            var start = BigUInt.randomInteger(withMaximumWidth: bits, using: &generator)
            start |= BigUInt(3) << (bits - 2)
            // Move to the next value ≡ 5 (mod 6): odd and ≡ 2 (mod 3).
            start += BigUInt((5 + 6 - start.remainder(dividingBy: 6)) % 6)
            let residues = sievePrimes.map { start.remainder(dividingBy: $0) }
            var step: UInt = 0
            while step < 6 * 4096 {
                var composite = false
                for index in 0..<residues.count where (residues[index] + step) % sievePrimes[index] == 0 {
                    composite = true
                    break
                }
                if !composite {
                    let candidate = start + BigUInt(step)
                    if candidate.bitWidth != bits { break }
                    if candidate.isProbablePrime(rounds: 8, using: &generator) { return candidate }
                }
                step += 6
            }
        }
    }
}
