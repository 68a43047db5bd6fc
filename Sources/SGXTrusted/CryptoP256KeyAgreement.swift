extension P256.PrivateKey {
    /// ECDH over P-256 (NIST SP 800-56A, `ECDH_compute_key`): the X coordinate of
    /// `self × peer` (32 bytes), as a key to feed into HKDF. The peer point was checked to
    /// be on the curve when its ``P256/PublicKey`` was made.
    public func sharedSecret(with peer: P256.PublicKey) throws(CryptoError) -> SymmetricKey {
        guard let peerKey = P256.PublicKey.makeECKey(peer.x963Representation) else { throw .invalidPoint }
        defer { boring_ec_key_free(peerKey) }
        var secret = [UInt8](repeating: 0, count: 32)
        defer { secret.withUnsafeMutableBytes { boring_cleanse($0.baseAddress, $0.count) } }
        let written = secret.withUnsafeMutableBytes {
            boring_ecdh_compute_key($0.baseAddress, 32, boring_ec_key_public(peerKey), key, nil)
        }
        guard written == 32 else { boring_err_clear(); throw .invalidPoint }
        return SymmetricKey(bytes: secret)
    }
}
