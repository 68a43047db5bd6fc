import SwiftASN1

/// PKCS#1 `RSAPrivateKey` (RFC 8017, A.1.2), what `openssl genrsa` writes under
/// `-----BEGIN RSA PRIVATE KEY-----`:
///
///     RSAPrivateKey ::= SEQUENCE {
///         version INTEGER (0), modulus INTEGER, publicExponent INTEGER,
///         privateExponent INTEGER, prime1 INTEGER, prime2 INTEGER,
///         exponent1 INTEGER, exponent2 INTEGER, coefficient INTEGER }
///
/// Integers are unsigned big-endian byte strings without leading zeros.
struct RSAPrivateKeyDER: DERImplicitlyTaggable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var modulus: ArraySlice<UInt8>
    var publicExponent: ArraySlice<UInt8>
    var privateExponent: ArraySlice<UInt8>
    var prime1: ArraySlice<UInt8>
    var prime2: ArraySlice<UInt8>
    var exponent1: ArraySlice<UInt8>
    var exponent2: ArraySlice<UInt8>
    var coefficient: ArraySlice<UInt8>

    init(
        modulus: ArraySlice<UInt8>, publicExponent: ArraySlice<UInt8>, privateExponent: ArraySlice<UInt8>,
        prime1: ArraySlice<UInt8>, prime2: ArraySlice<UInt8>, exponent1: ArraySlice<UInt8>,
        exponent2: ArraySlice<UInt8>, coefficient: ArraySlice<UInt8>
    ) {
        self.modulus = modulus
        self.publicExponent = publicExponent
        self.privateExponent = privateExponent
        self.prime1 = prime1
        self.prime2 = prime2
        self.exponent1 = exponent1
        self.exponent2 = exponent2
        self.coefficient = coefficient
    }

    init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let version = try Int(derEncoded: &nodes)
            guard version == 0 else {
                // Version 1 is multi-prime RSA, which SGX signing has no use for.
                throw ASN1Error.invalidASN1Object(reason: "RSAPrivateKey version \(version), expected 0 (two-prime)")
            }
            return RSAPrivateKeyDER(
                modulus: try ArraySlice(derEncoded: &nodes),
                publicExponent: try ArraySlice(derEncoded: &nodes),
                privateExponent: try ArraySlice(derEncoded: &nodes),
                prime1: try ArraySlice(derEncoded: &nodes),
                prime2: try ArraySlice(derEncoded: &nodes),
                exponent1: try ArraySlice(derEncoded: &nodes),
                exponent2: try ArraySlice(derEncoded: &nodes),
                coefficient: try ArraySlice(derEncoded: &nodes))
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(0)
            try coder.serialize(modulus)
            try coder.serialize(publicExponent)
            try coder.serialize(privateExponent)
            try coder.serialize(prime1)
            try coder.serialize(prime2)
            try coder.serialize(exponent1)
            try coder.serialize(exponent2)
            try coder.serialize(coefficient)
        }
    }
}

/// PKCS#8 `PrivateKeyInfo` (RFC 5208, section 5) holding an RSA key, what
/// `-----BEGIN PRIVATE KEY-----` carries:
///
///     PrivateKeyInfo ::= SEQUENCE {
///         version INTEGER (0),
///         privateKeyAlgorithm AlgorithmIdentifier,   -- rsaEncryption, NULL parameters
///         privateKey OCTET STRING,                    -- DER of RSAPrivateKey
///         attributes [0] IMPLICIT Attributes OPTIONAL }
struct PKCS8RSAPrivateKeyInfo: DERImplicitlyTaggable {
    static var defaultIdentifier: ASN1Identifier { .sequence }
    /// rsaEncryption, RFC 8017 appendix C.
    static let rsaEncryption: ASN1ObjectIdentifier = "1.2.840.113549.1.1.1"

    var privateKeyDER: [UInt8]

    init(privateKeyDER: [UInt8]) { self.privateKeyDER = privateKeyDER }

    init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let version = try Int(derEncoded: &nodes)
            guard version == 0 || version == 1 else {
                throw ASN1Error.invalidASN1Object(reason: "PrivateKeyInfo version \(version)")
            }
            let algorithm = try DER.sequence(nodes.next().unwrapOrThrow(), identifier: .sequence) { inner in
                let oid = try ASN1ObjectIdentifier(derEncoded: &inner)
                // Parameters: NULL for rsaEncryption; tolerate them being absent.
                if let parameters = inner.next() { _ = try ASN1Null(derEncoded: parameters) }
                return oid
            }
            guard algorithm == Self.rsaEncryption else {
                throw ASN1Error.invalidASN1Object(reason: "PrivateKeyInfo algorithm \(algorithm) is not rsaEncryption")
            }
            let key = try ASN1OctetString(derEncoded: &nodes)
            // Skip optional attributes / public key fields.
            while nodes.next() != nil {}
            return PKCS8RSAPrivateKeyInfo(privateKeyDER: Array(key.bytes))
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(0)
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(Self.rsaEncryption)
                try coder.serialize(ASN1Null())
            }
            try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(privateKeyDER)))
        }
    }
}

extension Optional {
    fileprivate func unwrapOrThrow() throws -> Wrapped {
        guard let value = self else { throw ASN1Error.invalidASN1Object(reason: "missing field") }
        return value
    }
}
