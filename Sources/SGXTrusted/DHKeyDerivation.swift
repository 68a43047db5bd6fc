import SGXTypes

/// The key material of Intel's local-attestation exchange (`sgx_dh`, linux-sgx
/// `sdk/ec_dh_lib`): ECDH over P-256 with Intel's little-endian encodings, and Intel's
/// `derive_key`: KDK = AES-CMAC(16 zero bytes, shared X little-endian), then
/// key = AES-CMAC(KDK, 0x01 ‖ label ‖ 0x00 ‖ 0x0080 LE) for the labels "SMK" (message
/// MACs) and "AEK" (the session key).
enum DHKeyDerivation {
    /// `sgx_ec256_public_t` of `key`: X and Y, each reversed to little-endian.
    static func littleEndian(_ key: P256.PublicKey) -> [UInt8] {
        let raw = key.rawRepresentation
        return Array(raw[0..<32].reversed()) + Array(raw[32..<64].reversed())
    }

    /// The P-256 point of an `sgx_ec256_public_t`; `invalidParameter` when it is not one.
    static func publicKey(littleEndian bytes: [UInt8]) throws(SGXError) -> P256.PublicKey {
        guard bytes.count == 64 else { throw SGXError(.invalidParameter, "DH public key must be 64 bytes") }
        do {
            return try P256.PublicKey(rawRepresentation: Array(bytes[0..<32].reversed()) + Array(bytes[32..<64].reversed()))
        } catch {
            throw SGXError(.invalidParameter, "DH peer public key is not a point on P-256")
        }
    }

    /// The key derivation key of `derive_key` for ECDH(`privateKey`, peer).
    static func keyDerivationKey(_ privateKey: borrowing P256.PrivateKey, peer: [UInt8]) throws(SGXError) -> SymmetricKey {
        let peerKey = try publicKey(littleEndian: peer)
        let shared: SymmetricKey
        do {
            shared = try privateKey.sharedSecret(with: peerKey)
        } catch {
            throw SGXError(.invalidParameter, "DH: ECDH with the peer's key failed")
        }
        // sgx_ec256_dh_shared_t is the X coordinate little-endian.
        var littleEndianShared = shared.withUnsafeBytes { [UInt8]($0.reversed()) }
        defer { wipe(&littleEndianShared) }
        let zero = SymmetricKey(bytes: [UInt8](repeating: 0, count: 16))
        var kdk: [UInt8]
        do {
            kdk = try AESCMAC.authenticationCode(for: littleEndianShared, using: zero)
        } catch {
            throw SGXError(.unexpected, "DH: AES-CMAC failed")
        }
        defer { wipe(&kdk) }
        return SymmetricKey(bytes: kdk)
    }

    /// `derive_key(shared, label)` from the key derivation key.
    static func derive(_ kdk: borrowing SymmetricKey, label: [UInt8]) throws(SGXError) -> SymmetricKey {
        var input: [UInt8] = [0x01]
        input += label
        input += [0x00, 0x80, 0x00]
        var key: [UInt8]
        do {
            key = try AESCMAC.authenticationCode(for: input, using: kdk)
        } catch {
            throw SGXError(.unexpected, "DH: AES-CMAC failed")
        }
        defer { wipe(&key) }
        return SymmetricKey(bytes: key)
    }

    static let smkLabel: [UInt8] = [0x53, 0x4d, 0x4b] // "SMK"
    static let aekLabel: [UInt8] = [0x41, 0x45, 0x4b] // "AEK"

    /// AES-CMAC of a protocol message under the SMK.
    static func cmac(_ data: [UInt8], _ smk: borrowing SymmetricKey) throws(SGXError) -> [UInt8] {
        do {
            return try AESCMAC.authenticationCode(for: data, using: smk)
        } catch {
            throw SGXError(.unexpected, "DH: AES-CMAC failed")
        }
    }

    /// True when the first 32 bytes of `reportData` are SHA-256(first ‖ second).
    static func binds(_ reportData: [UInt8], _ first: [UInt8], _ second: [UInt8]) -> Bool {
        reportData.count == 64 && constantTimeEquals(SHA256.hash(first + second), Array(reportData[0..<32]))
    }

    /// The TARGETINFO of the enclave a REPORT body describes (Intel's LAv2 `make_target_info`:
    /// MRENCLAVE, ATTRIBUTES, CONFIGSVN, MISCSELECT, CONFIGID).
    static func target(of body: ReportBody) -> TargetInfo {
        TargetInfo(mrEnclave: body.mrEnclave, attributes: body.attributes, configSVN: body.configSVN,
                   miscSelect: body.miscSelect, configID: body.configID)
    }

    static func wipe(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { if let base = $0.baseAddress { sgx_zeroize(base, $0.count) } }
    }
}
