/// NIST P-256 (secp256r1) keys and ECDSA with SHA-256 (FIPS 186-4), over BoringSSL's
/// `EC_KEY` / `ECDSA_do_sign` / `ECDSA_do_verify`. Key agreement is in
/// CryptoP256KeyAgreement.swift.
public enum P256 {
    static let scalarByteCount = 32
    static let uncompressedPointByteCount = 65

    /// A public key: a point on the curve, checked when it is made.
    public struct PublicKey: Equatable {
        /// SEC 1 uncompressed encoding: `04 || X || Y` (65 bytes).
        public let x963Representation: [UInt8]

        /// A key from SEC 1 uncompressed bytes; throws ``CryptoError/invalidPoint`` unless
        /// they encode a point on P-256 (`EC_POINT_oct2point` checks the curve equation;
        /// the point at infinity is rejected).
        public init(x963Representation bytes: [UInt8]) throws(CryptoError) {
            guard bytes.count == uncompressedPointByteCount, bytes[0] == 4 else { throw .invalidPoint }
            guard let key = PublicKey.makeECKey(bytes) else { throw .invalidPoint }
            boring_ec_key_free(key)
            x963Representation = bytes
        }

        /// A key from `X || Y` (64 bytes, as in Intel's `sgx_ec256_public_t` but big-endian).
        public init(rawRepresentation bytes: [UInt8]) throws(CryptoError) {
            guard bytes.count == 64 else { throw .invalidPoint }
            try self.init(x963Representation: [4] + bytes)
        }

        /// `X || Y` (64 bytes).
        public var rawRepresentation: [UInt8] { Array(x963Representation[1...]) }

        /// True when `signature` is a valid ECDSA signature of SHA-256(`message`).
        public func isValidSignature(_ signature: Signature, for message: [UInt8]) -> Bool {
            isValidSignature(signature, forDigest: SHA256.hash(message))
        }

        /// True when `signature` is a valid ECDSA signature of the 32-byte `digest`.
        public func isValidSignature(_ signature: Signature, forDigest digest: [UInt8]) -> Bool {
            guard let sig = signature.makeECDSASig() else { return false }
            defer { boring_ecdsa_sig_free(sig) }
            return verify(sig, digest)
        }

        /// True when `der` is a strict-DER ECDSA signature of SHA-256(`message`) that
        /// verifies. Malformed DER (BER, trailing bytes, negative integers) is `false`.
        public func isValidSignature(derRepresentation der: [UInt8], for message: [UInt8]) -> Bool {
            let sig = withInput(der) { boring_ecdsa_sig_from_bytes($0, $1) }
            guard let sig else { boring_err_clear(); return false }
            defer { boring_ecdsa_sig_free(sig) }
            return verify(sig, SHA256.hash(message))
        }

        private func verify(_ sig: OpaquePointer, _ digest: [UInt8]) -> Bool {
            guard let key = PublicKey.makeECKey(x963Representation) else { return false }
            defer { boring_ec_key_free(key) }
            let ok = withInput(digest) { boring_ecdsa_do_verify($0, $1, sig, key) }
            if ok != 1 { boring_err_clear() }
            return ok == 1
        }

        /// An `EC_KEY` holding this point (caller frees), nil if the bytes are not a point.
        static func makeECKey(_ bytes: [UInt8]) -> OpaquePointer? {
            guard let key = boring_ec_key_new_by_curve_name(BoringNID.prime256v1) else { return nil }
            let group = boring_ec_key_group(key)
            guard let point = boring_ec_point_new(group) else { boring_ec_key_free(key); return nil }
            defer { boring_ec_point_free(point) }
            let decoded = withInput(bytes) { boring_ec_oct2point(group, point, $0, $1, nil) }
            guard decoded == 1, boring_ec_key_set_public(key, point) == 1 else {
                boring_err_clear()
                boring_ec_key_free(key)
                return nil
            }
            return key
        }
    }

    /// An ECDSA signature `(r, s)`.
    public struct Signature: Equatable {
        /// `r || s`, each 32 bytes big-endian.
        public let rawRepresentation: [UInt8]

        public init(rawRepresentation bytes: [UInt8]) throws(CryptoError) {
            guard bytes.count == 64 else { throw .invalidSignatureEncoding }
            rawRepresentation = bytes
        }

        /// From strict DER (`ECDSA-Sig-Value`, `ECDSA_SIG_from_bytes`); r and s must fit
        /// 32 bytes.
        public init(derRepresentation der: [UInt8]) throws(CryptoError) {
            let sig = withInput(der) { boring_ecdsa_sig_from_bytes($0, $1) }
            guard let sig else { boring_err_clear(); throw .invalidSignatureEncoding }
            defer { boring_ecdsa_sig_free(sig) }
            guard let raw = Signature.raw(of: sig) else { throw .invalidSignatureEncoding }
            rawRepresentation = raw
        }

        /// DER encoding (`ECDSA_SIG_to_bytes`).
        public var derRepresentation: [UInt8] {
            guard let sig = makeECDSASig() else { return [] }
            defer { boring_ecdsa_sig_free(sig) }
            var out: UnsafeMutablePointer<UInt8>? = nil
            var count = 0
            guard boring_ecdsa_sig_to_bytes(&out, &count, sig) == 1, let out else { return [] }
            defer { boring_free(out) }
            return Array(UnsafeBufferPointer(start: out, count: count))
        }

        static func raw(of sig: OpaquePointer) -> [UInt8]? {
            var r: OpaquePointer? = nil
            var s: OpaquePointer? = nil
            boring_ecdsa_sig_get0(sig, &r, &s)
            var out = [UInt8](repeating: 0, count: 64)
            let ok = out.withUnsafeMutableBufferPointer { buffer in
                boring_bn_bn2bin_padded(buffer.baseAddress, 32, r) == 1
                    && boring_bn_bn2bin_padded(buffer.baseAddress! + 32, 32, s) == 1
            }
            return ok ? out : nil
        }

        func makeECDSASig() -> OpaquePointer? {
            guard let sig = boring_ecdsa_sig_new() else { return nil }
            let r = rawRepresentation.withUnsafeBytes { boring_bn_bin2bn($0.baseAddress, 32, nil) }
            let s = rawRepresentation.withUnsafeBytes { boring_bn_bin2bn($0.baseAddress! + 32, 32, nil) }
            guard let r, let s, boring_ecdsa_sig_set0(sig, r, s) == 1 else {
                boring_bn_free(r)
                boring_bn_free(s)
                boring_ecdsa_sig_free(sig)
                return nil
            }
            return sig
        }
    }

    /// A private key. Not copyable; `EC_KEY_free` clears the scalar when it goes away.
    public struct PrivateKey: ~Copyable {
        let key: OpaquePointer

        /// A fresh key from BoringSSL's DRBG (seeded by RDRAND via `getentropy`).
        public init() {
            guard let key = boring_ec_key_new_by_curve_name(BoringNID.prime256v1), boring_ec_key_generate(key) == 1 else {
                fatalError("EC_KEY_generate_key failed")
            }
            self.key = key
        }

        /// A key from its 32-byte big-endian scalar, which must be in [1, n-1].
        public init(rawRepresentation scalar: [UInt8]) throws(CryptoError) {
            guard scalar.count == scalarByteCount else { throw .invalidPrivateKey }
            guard let key = boring_ec_key_new_by_curve_name(BoringNID.prime256v1) else { throw .internalFailure }
            let group = boring_ec_key_group(key)
            guard withInput(scalar, { boring_ec_key_oct2priv(key, $0, $1) }) == 1,
                  let point = boring_ec_point_new(group) else {
                boring_err_clear()
                boring_ec_key_free(key)
                throw .invalidPrivateKey
            }
            defer { boring_ec_point_free(point) }
            guard boring_ec_point_mul(group, point, boring_ec_key_private(key), nil, nil, nil) == 1,
                  boring_ec_key_set_public(key, point) == 1 else {
                boring_err_clear()
                boring_ec_key_free(key)
                throw .internalFailure
            }
            self.key = key
        }

        /// The matching public key.
        public var publicKey: PublicKey {
            var bytes = [UInt8](repeating: 0, count: uncompressedPointByteCount)
            let written = bytes.withUnsafeMutableBufferPointer {
                boring_ec_point2oct(boring_ec_key_group(key), boring_ec_key_public(key), 4, $0.baseAddress, $0.count, nil)
            }
            guard written == uncompressedPointByteCount, let pub = try? PublicKey(x963Representation: bytes) else {
                fatalError("EC_POINT_point2oct failed")
            }
            return pub
        }

        /// ECDSA signature of SHA-256(`message`), with a random nonce.
        public func signature(for message: [UInt8]) -> Signature {
            signature(forDigest: SHA256.hash(message))
        }

        /// ECDSA signature of a digest (32 bytes for SHA-256; BoringSSL truncates longer).
        public func signature(forDigest digest: [UInt8]) -> Signature {
            let sig = withInput(digest) { boring_ecdsa_do_sign($0, $1, key) }
            guard let sig, let raw = Signature.raw(of: sig) else { fatalError("ECDSA_do_sign failed") }
            boring_ecdsa_sig_free(sig)
            return try! Signature(rawRepresentation: raw)
        }

        deinit { boring_ec_key_free(key) }
    }
}
