// ECALLs of the CryptoKAT test enclave, in the raw frame style (below the EDL layer).
// Frames are little-endian u64 fields in host memory; a "field pair" is (address, length).
import SGXTrusted

@_extern(c, "sgx_cpu_features")
func sgx_cpu_features(_ out: UnsafeMutablePointer<UInt32>)

/// Copies field pair `index` (address at 16*index, length at 16*index+8) into the enclave.
func input(_ frame: UntrustedBuffer, _ index: Int) -> [UInt8]? {
    guard let address = frame.load(UInt64.self, at: index * 16), let count = frame.load(UInt64.self, at: index * 16 + 8),
          count <= 1 << 20 else { return nil }
    if count == 0 { return [] }
    guard let buffer = UntrustedBuffer(address: UInt(address), count: Int(count)) else { return nil }
    return buffer.copyIn(length: Int(count))
}

/// Copies `bytes` out to field pair `index`, which must be at least that long.
func output(_ frame: UntrustedBuffer, _ index: Int, _ bytes: [UInt8]) -> Bool {
    guard let address = frame.load(UInt64.self, at: index * 16), let count = frame.load(UInt64.self, at: index * 16 + 8),
          count >= UInt64(bytes.count), let buffer = UntrustedBuffer(address: UInt(address), count: max(bytes.count, 1)) else {
        return false
    }
    return bytes.isEmpty || buffer.copyOut(bytes)
}

let recordSize = 64
let nameSize = 56

@c(sgx_ecall_dispatch)
func dispatch(_ index: UInt32, _ raw: UnsafeMutableRawPointer?) -> UInt32 {
    switch index {
    case 0: // run the KATs: frame {u64 records address, u64 capacity (records), u64 count out}
        guard let frame = UntrustedBuffer(raw, count: 24), let address = frame.load(UInt64.self, at: 0),
              let capacity = frame.load(UInt64.self, at: 8), capacity <= 100_000 else { return 2 }
        let results = runAll()
        frame.store(UInt64(results.names.count), at: 16)
        guard results.names.count <= Int(capacity),
              let records = UntrustedBuffer(address: UInt(address), count: results.names.count * recordSize) else { return 2 }
        for (i, name) in results.names.enumerated() {
            var record = [UInt8](repeating: 0, count: recordSize)
            let bytes = UnsafeBufferPointer(start: name.utf8Start, count: min(name.utf8CodeUnitCount, nameSize - 1))
            for (j, b) in bytes.enumerated() { record[j] = b }
            record[nameSize] = results.passed[i] ? 1 : 0
            _ = records.copyOut(record, at: i * recordSize)
        }
        return 0
    case 1: // AES-GCM open: pairs key, nonce, ciphertext, tag, aad, plaintext out; u64 length out at 96
        guard let frame = UntrustedBuffer(raw, count: 104), let key = input(frame, 0), let nonce = input(frame, 1),
              let ciphertext = input(frame, 2), let tag = input(frame, 3), let aad = input(frame, 4) else { return 2 }
        do {
            let plaintext = try AESGCM.open(AESGCM.SealedBox(ciphertext: ciphertext, tag: tag), using: SymmetricKey(bytes: key),
                                            nonce: nonce, authenticating: aad)
            guard output(frame, 5, plaintext) else { return 2 }
            frame.store(UInt64(plaintext.count), at: 96)
            return 0
        } catch {
            return error.status
        }
    case 2: // P-256 sign with a fresh key: pairs message, public key out (65), raw signature out (64),
            // DER signature out (<= 72); u64 DER length out at 64
        guard let frame = UntrustedBuffer(raw, count: 72), let message = input(frame, 0) else { return 2 }
        let key = P256.PrivateKey()
        let signature = key.signature(for: message)
        let der = signature.derRepresentation
        guard output(frame, 1, key.publicKey.x963Representation), output(frame, 2, signature.rawRepresentation),
              output(frame, 3, der) else { return 2 }
        frame.store(UInt64(der.count), at: 64)
        return 0
    case 3: // RSA PKCS#1 v1.5 SHA-256 verify: pairs modulus, exponent, message, signature; u64 result out at 64
        guard let frame = UntrustedBuffer(raw, count: 72), let modulus = input(frame, 0), let exponent = input(frame, 1),
              let message = input(frame, 2), let signature = input(frame, 3) else { return 2 }
        do {
            let key = try RSAPublicKey(modulus: modulus, exponent: exponent)
            frame.store(UInt64(key.isValidSignature(signature, for: message) ? 1 : 0), at: 64)
            return 0
        } catch {
            return error.status
        }
    case 4: // CPU features as BoringSSL sees them: 4 u64 out
        guard let frame = UntrustedBuffer(raw, count: 32) else { return 2 }
        var words: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
        withUnsafeMutablePointer(to: &words) { $0.withMemoryRebound(to: UInt32.self, capacity: 4) { sgx_cpu_features($0) } }
        frame.store(UInt64(words.0), at: 0)
        frame.store(UInt64(words.1), at: 8)
        frame.store(UInt64(words.2), at: 16)
        frame.store(UInt64(words.3), at: 24)
        return 0
    case 5: // stress from several TCSs at once: frame {u64 iterations, u64 failures out}
        guard let frame = UntrustedBuffer(raw, count: 16), let iterations = frame.load(UInt64.self, at: 0),
              iterations <= 10_000 else { return 2 }
        var failures: UInt64 = 0
        for i in 0..<Int(iterations) {
            let key = P256.PrivateKey()
            let message = randomBytes(64 + i % 7)
            if !key.publicKey.isValidSignature(key.signature(for: message), for: message) { failures += 1 }
            let secret = SymmetricKey(randomByteCount: 32)
            let nonce = randomBytes(12)
            do {
                let box = try AESGCM.seal(message, using: secret, nonce: nonce)
                if try AESGCM.open(box, using: secret, nonce: nonce) != message { failures += 1 }
                var bad = box
                bad.tag[0] ^= 1
                _ = try? AESGCM.open(bad, using: secret, nonce: nonce) // leaves an error on BoringSSL's per-thread queue path
            } catch {
                failures += 1
            }
        }
        frame.store(failures, at: 8)
        return 0
    default:
        return 0x1001
    }
}
