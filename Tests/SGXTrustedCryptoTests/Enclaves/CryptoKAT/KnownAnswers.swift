// Runs every known-answer vector and the API's misuse checks inside the enclave and
// records one named pass/fail result per check.
import SGXTrusted

struct Results {
    var names: [StaticString] = []
    var passed: [Bool] = []

    mutating func record(_ name: StaticString, _ ok: Bool) {
        names.append(name)
        passed.append(ok)
    }
}

/// True when `body` throws exactly `expected`.
func throwsError(_ expected: CryptoError, _ body: () throws(CryptoError) -> Void) -> Bool {
    do {
        try body()
        return false
    } catch {
        return error == expected
    }
}

func runHashes(_ r: inout Results) {
    for v in shaVectors {
        let message = hex(v.message)
        var hasher = SHAHasher(v.algorithm)
        for _ in 0..<v.repeatCount { hasher.update(message) }
        let incremental = hasher.finalize()
        var ok = incremental == hex(v.digest)
        if v.repeatCount == 1 {
            let oneShot = v.algorithm == .sha256 ? SHA256.hash(message) : SHA384.hash(message)
            ok = ok && oneShot == incremental
        }
        r.record(v.name, ok)
    }
    // Incremental in uneven pieces equals one-shot.
    var data: [UInt8] = []
    for i in 0..<1000 { data.append(UInt8(truncatingIfNeeded: i &* 7)) }
    var hasher = SHAHasher(.sha256)
    var offset = 0
    var step = 1
    while offset < data.count {
        let end = min(offset + step, data.count)
        hasher.update(Array(data[offset..<end]))
        offset = end
        step = step * 3 + 1
    }
    r.record("sha256-pieces-equal-oneshot", hasher.finalize() == SHA256.hash(data))
}

func runMACs(_ r: inout Results) {
    for v in hmacVectors {
        let key = SymmetricKey(bytes: hex(v.key))
        let tag = HMACSHA256.authenticationCode(for: hex(v.message), using: key)
        r.record(v.name, tag == hex(v.tag) && HMACSHA256.isValid(hex(v.tag), for: hex(v.message), using: key))
    }
    for v in cmacVectors {
        let key = SymmetricKey(bytes: hex(v.key))
        var ok = false
        do {
            ok = try AESCMAC.isValid(hex(v.tag), for: hex(v.message), using: key) == v.valid
        } catch {
            ok = false
        }
        r.record(v.name, ok)
    }
    r.record("cmac-rejects-20-byte-key", throwsError(.invalidKeySize(20)) { () throws(CryptoError) in
        _ = try AESCMAC.authenticationCode(for: [1, 2, 3], using: SymmetricKey(bytes: [UInt8](repeating: 1, count: 20)))
    })
    for v in hkdfVectors {
        var ok = false
        do {
            let okm = hex(v.okm)
            let derived = try HKDFSHA256.deriveKey(inputKey: SymmetricKey(bytes: hex(v.ikm)), salt: hex(v.salt), info: hex(v.info),
                                                   outputByteCount: okm.count)
            ok = derived.withUnsafeBytes { Array($0) } == okm
        } catch {
            ok = false
        }
        r.record(v.name, ok)
    }
    r.record("hkdf-rejects-8161-bytes", throwsError(.invalidOutputSize(8161)) { () throws(CryptoError) in
        _ = try HKDFSHA256.deriveKey(inputKey: SymmetricKey(bytes: [1]), salt: [], info: [], outputByteCount: 8161)
    })
    r.record("constant-time-equals", constantTimeEquals([1, 2, 3], [1, 2, 3]) && !constantTimeEquals([1, 2, 3], [1, 2, 4])
             && !constantTimeEquals([1, 2], [1, 2, 3]) && constantTimeEquals([], []))
}

func runAES(_ r: inout Results) {
    for v in ctrVectors {
        var ok = false
        do {
            let key = SymmetricKey(bytes: hex(v.key))
            let ct = try AESCTR.apply(hex(v.plaintext), using: key, counter: hex(v.counter))
            let pt = try AESCTR.apply(ct, using: key, counter: hex(v.counter))
            ok = ct == hex(v.ciphertext) && pt == hex(v.plaintext)
        } catch {
            ok = false
        }
        r.record(v.name, ok)
    }
    r.record("ctr-rejects-12-byte-counter", throwsError(.invalidNonceSize(12)) { () throws(CryptoError) in
        _ = try AESCTR.apply([1], using: SymmetricKey(bytes: [UInt8](repeating: 0, count: 16)), counter: [UInt8](repeating: 0, count: 12))
    })
    r.record("ctr-rejects-15-byte-key", throwsError(.invalidKeySize(15)) { () throws(CryptoError) in
        _ = try AESCTR.apply([1], using: SymmetricKey(bytes: [UInt8](repeating: 0, count: 15)), counter: [UInt8](repeating: 0, count: 16))
    })

    for v in gcmVectors {
        let key = SymmetricKey(bytes: hex(v.key))
        var ok = false
        let box = AESGCM.SealedBox(ciphertext: hex(v.ciphertext), tag: hex(v.tag))
        if v.valid {
            do {
                let sealed = try AESGCM.seal(hex(v.plaintext), using: key, nonce: hex(v.nonce), authenticating: hex(v.aad))
                let opened = try AESGCM.open(box, using: key, nonce: hex(v.nonce), authenticating: hex(v.aad))
                ok = sealed == box && opened == hex(v.plaintext)
            } catch {
                ok = false
            }
        } else {
            ok = throwsError(.authenticationFailure) { () throws(CryptoError) in
                _ = try AESGCM.open(box, using: key, nonce: hex(v.nonce), authenticating: hex(v.aad))
            }
        }
        r.record(v.name, ok)
    }
    // Misuse and tampering, on the first valid vector with a non-empty plaintext and AAD.
    let base = gcmVectors.first { $0.valid && $0.plaintext.utf8CodeUnitCount > 0 && $0.aad.utf8CodeUnitCount > 0 }!
    let key = SymmetricKey(bytes: hex(base.key))
    let nonce = hex(base.nonce), aad = hex(base.aad), ct = hex(base.ciphertext), tag = hex(base.tag)
    func rejects(_ box: AESGCM.SealedBox, _ nonce: [UInt8], _ aad: [UInt8]) -> Bool {
        throwsError(.authenticationFailure) { () throws(CryptoError) in _ = try AESGCM.open(box, using: key, nonce: nonce, authenticating: aad) }
    }
    var flippedTag = tag; flippedTag[15] ^= 0x80
    var flippedCT = ct; flippedCT[0] ^= 1
    var flippedAAD = aad; flippedAAD[0] ^= 1
    var flippedNonce = nonce; flippedNonce[11] ^= 1
    r.record("gcm-tag-bit-flip", rejects(.init(ciphertext: ct, tag: flippedTag), nonce, aad))
    r.record("gcm-ciphertext-bit-flip", rejects(.init(ciphertext: flippedCT, tag: tag), nonce, aad))
    r.record("gcm-aad-bit-flip", rejects(.init(ciphertext: ct, tag: tag), nonce, flippedAAD))
    r.record("gcm-nonce-bit-flip", rejects(.init(ciphertext: ct, tag: tag), flippedNonce, aad))
    r.record("gcm-truncated-tag", rejects(.init(ciphertext: ct, tag: Array(tag[0..<12])), nonce, aad))
    r.record("gcm-rejects-24-byte-key", throwsError(.invalidKeySize(24)) { () throws(CryptoError) in
        _ = try AESGCM.seal([1], using: SymmetricKey(bytes: [UInt8](repeating: 0, count: 24)), nonce: nonce)
    })
    r.record("gcm-rejects-8-byte-nonce", throwsError(.invalidNonceSize(8)) { () throws(CryptoError) in
        _ = try AESGCM.seal([1], using: key, nonce: [UInt8](repeating: 0, count: 8))
    })
    r.record("gcm-combined-too-short", throwsError(.authenticationFailure) { () throws(CryptoError) in
        _ = try AESGCM.open(combined: [1, 2, 3], using: key, nonce: nonce)
    })
    var roundTrip = false
    do {
        let fresh = SymmetricKey(randomByteCount: 32)
        let message = randomBytes(1000)
        let box = try AESGCM.seal(message, using: fresh, nonce: randomBytes(12), authenticating: [9])
        _ = box
        let n = randomBytes(12)
        let sealed = try AESGCM.seal(message, using: fresh, nonce: n, authenticating: [9])
        roundTrip = try AESGCM.open(combined: sealed.combined, using: fresh, nonce: n, authenticating: [9]) == message
    } catch {
        roundTrip = false
    }
    r.record("gcm-256-random-round-trip", roundTrip)
}

func runP256(_ r: inout Results) {
    for v in ecdsaDERVectors {
        var ok = false
        do {
            let key = try P256.PublicKey(x963Representation: hex(v.publicKey))
            ok = key.isValidSignature(derRepresentation: hex(v.signature), for: hex(v.message)) == v.valid
        } catch {
            ok = false
        }
        r.record(v.name, ok)
    }
    for v in ecdsaRawVectors {
        var ok = false
        do {
            let key = try P256.PublicKey(x963Representation: hex(v.publicKey))
            let verified: Bool
            do {
                verified = key.isValidSignature(try P256.Signature(rawRepresentation: hex(v.signature)), for: hex(v.message))
            } catch {
                verified = false // wrong length: not a signature
            }
            ok = verified == v.valid
        } catch {
            ok = false
        }
        r.record(v.name, ok)
    }
    for v in ecdhVectors {
        var ok = false
        do {
            let mine = try P256.PrivateKey(rawRepresentation: hex(v.privateKey))
            if v.valid {
                let peer = try P256.PublicKey(x963Representation: hex(v.publicKey))
                ok = try mine.sharedSecret(with: peer).withUnsafeBytes { Array($0) } == hex(v.shared)
            } else {
                ok = throwsError(.invalidPoint) { () throws(CryptoError) in
                    _ = try mine.sharedSecret(with: try P256.PublicKey(x963Representation: hex(v.publicKey)))
                }
            }
        } catch {
            ok = false
        }
        r.record(v.name, ok)
    }
    // Generate, sign, verify (raw and DER), agree.
    let alice = P256.PrivateKey()
    let bob = P256.PrivateKey()
    let message: [UInt8] = Array("attested message".utf8)
    let signature = alice.signature(for: message)
    var der = false
    do {
        der = try P256.Signature(derRepresentation: signature.derRepresentation) == signature
            && alice.publicKey.isValidSignature(derRepresentation: signature.derRepresentation, for: message)
    } catch {
        der = false
    }
    r.record("ecdsa-sign-verify-raw", alice.publicKey.isValidSignature(signature, for: message))
    r.record("ecdsa-sign-verify-der", der)
    r.record("ecdsa-wrong-message", !alice.publicKey.isValidSignature(signature, for: message + [0]))
    r.record("ecdsa-wrong-key", !bob.publicKey.isValidSignature(signature, for: message))
    var agree = false
    do {
        let ab = try alice.sharedSecret(with: bob.publicKey).withUnsafeBytes { Array($0) }
        let ba = try bob.sharedSecret(with: alice.publicKey).withUnsafeBytes { Array($0) }
        agree = ab == ba && ab.count == 32
    } catch {
        agree = false
    }
    r.record("ecdh-agree", agree)
    var restored = false
    do {
        // A private key re-made from the raw scalar of a known ECDH vector gives the same secret.
        let v = ecdhVectors.first { $0.valid }!
        let k = try P256.PrivateKey(rawRepresentation: hex(v.privateKey))
        restored = try k.sharedSecret(with: P256.PublicKey(x963Representation: hex(v.publicKey))).withUnsafeBytes { Array($0) } == hex(v.shared)
    } catch {
        restored = false
    }
    r.record("ecdh-raw-private-key", restored)
    var offCurve = alice.publicKey.x963Representation
    offCurve[64] ^= 1
    r.record("p256-off-curve-point", throwsError(.invalidPoint) { () throws(CryptoError) in _ = try P256.PublicKey(x963Representation: offCurve) })
    r.record("p256-compressed-point", throwsError(.invalidPoint) { () throws(CryptoError) in
        _ = try P256.PublicKey(x963Representation: [2] + Array(offCurve[1...32]))
    })
    r.record("p256-zero-scalar", throwsError(.invalidPrivateKey) { () throws(CryptoError) in
        _ = try P256.PrivateKey(rawRepresentation: [UInt8](repeating: 0, count: 32))
    })
    let order = hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")
    r.record("p256-scalar-equals-order", throwsError(.invalidPrivateKey) { () throws(CryptoError) in
        _ = try P256.PrivateKey(rawRepresentation: order)
    })
    r.record("p256-short-scalar", throwsError(.invalidPrivateKey) { () throws(CryptoError) in
        _ = try P256.PrivateKey(rawRepresentation: [1])
    })
    r.record("ecdsa-bad-raw-length", throwsError(.invalidSignatureEncoding) { () throws(CryptoError) in
        _ = try P256.Signature(rawRepresentation: [UInt8](repeating: 1, count: 63))
    })
    r.record("ecdsa-bad-der", throwsError(.invalidSignatureEncoding) { () throws(CryptoError) in
        _ = try P256.Signature(derRepresentation: [0x30, 0x03, 0x02, 0x01])
    })
}

func runRSA(_ r: inout Results) {
    var key: RSAPublicKey? = nil
    do {
        key = try RSAPublicKey(modulus: hex(rsaWycheproofModulus), exponent: hex(rsaWycheproofExponent))
    } catch {
        key = nil
    }
    r.record("rsa-wp-key", key?.modulusByteCount == 384)
    for v in rsaVectors {
        r.record(v.name, key.map { $0.isValidSignature(hex(v.signature), for: hex(v.message)) == v.valid } ?? false)
    }
    r.record("rsa-rejects-small-modulus", throwsError(.invalidRSAKey) { () throws(CryptoError) in
        _ = try RSAPublicKey(modulus: [UInt8](repeating: 0xff, count: 100), exponent: [3])
    })
    r.record("rsa-rejects-even-exponent", throwsError(.invalidRSAKey) { () throws(CryptoError) in
        _ = try RSAPublicKey(modulus: hex(rsaWycheproofModulus), exponent: [2])
    })
}

func runAll() -> Results {
    var r = Results()
    runHashes(&r)
    runMACs(&r)
    runAES(&r)
    runP256(&r)
    runRSA(&r)
    return r
}
