import CSGXHost
import Crypto
import Foundation
import SGXEnclaveBuild
import SGXHost
import SGXTypes
import Testing
import _CryptoExtras

/// Known-answer tests and host/enclave cross checks of SGXTrusted's crypto, run inside a
/// simulation enclave (Enclaves/CryptoKAT, vectors in Vectors.swift, see PROVENANCE.md).
@Suite(.serialized) struct CryptoKATTests {
    /// Checks the enclave runs besides the generated vectors (named in KnownAnswers.swift).
    static let misuseChecks = [
        "sha256-pieces-equal-oneshot", "cmac-rejects-20-byte-key", "hkdf-rejects-8161-bytes", "constant-time-equals",
        "ctr-rejects-12-byte-counter", "ctr-rejects-15-byte-key", "gcm-tag-bit-flip", "gcm-ciphertext-bit-flip",
        "gcm-aad-bit-flip", "gcm-nonce-bit-flip", "gcm-truncated-tag", "gcm-rejects-24-byte-key",
        "gcm-rejects-8-byte-nonce", "gcm-combined-too-short", "gcm-256-random-round-trip", "ecdsa-sign-verify-raw",
        "ecdsa-sign-verify-der", "ecdsa-wrong-message", "ecdsa-wrong-key", "ecdh-agree", "ecdh-raw-private-key",
        "p256-off-curve-point", "p256-compressed-point", "p256-zero-scalar", "p256-scalar-equals-order",
        "p256-short-scalar", "ecdsa-bad-raw-length", "ecdsa-bad-der", "rsa-wp-key", "rsa-rejects-small-modulus",
        "rsa-rejects-even-exponent",
    ]

    @Test(arguments: [false, true]) func everyKnownAnswerPassesInsideTheEnclave(avx: Bool) throws {
        let enclave = try KATEnclave.make(avx: avx)
        let capacity = 2000
        let records = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity * 64, alignment: 16)
        defer { records.deallocate() }
        records.initializeMemory(as: UInt8.self, repeating: 0)
        let frame = PairFrame(words: 3)
        frame[0] = UInt64(UInt(bitPattern: records.baseAddress))
        frame[1] = UInt64(capacity)
        try enclave.ecall(0, frame: frame.frame)
        let count = Int(frame[2])
        var results: [String: Bool] = [:]
        for i in 0..<count {
            let record = records[(i * 64)..<(i * 64 + 64)]
            let name = String(decoding: record.prefix(56).prefix { $0 != 0 }, as: UTF8.self)
            #expect(results[name] == nil, "duplicate result \(name)")
            results[name] = record[record.startIndex + 56] == 1
        }
        let vectors = try KATEnclave.vectorNames()
        #expect(vectors.count > 500)
        let expected = vectors + Self.misuseChecks
        #expect(count == expected.count)
        for name in expected {
            #expect(results[name] == true, "\(name): \(results[name].map { $0 ? "passed" : "FAILED" } ?? "missing")")
        }
        // Every family is there.
        for prefix in ["sha256-", "sha384-", "hmac-rfc4231-", "hkdf-rfc5869-", "cmac-rfc4493-", "cmac-wp-", "ctr-sp800-38a-",
                       "gcm-wp-", "ecdsa-der-wp-", "ecdsa-raw-wp-", "ecdh-wp-", "rsa-wp-"] {
            #expect(results.keys.contains { $0.hasPrefix(prefix) }, "no \(prefix) vectors")
        }
    }

    /// AES-GCM open in the enclave (ECALL 1): pairs key, nonce, ciphertext, tag, aad, out.
    func enclaveOpen(_ enclave: borrowing Enclave, key: [UInt8], nonce: [UInt8], ciphertext: [UInt8], tag: [UInt8],
                     aad: [UInt8]) throws(SGXError) -> [UInt8] {
        let frame = PairFrame(words: 13)
        frame.setPair(0, key)
        frame.setPair(1, nonce)
        frame.setPair(2, ciphertext)
        frame.setPair(3, tag)
        frame.setPair(4, aad)
        frame.setPair(5, [], capacity: ciphertext.count)
        try enclave.ecall(1, frame: frame.frame)
        return frame.pair(5, count: Int(frame[12]))
    }

    @Test(arguments: [16, 32]) func hostSealsEnclaveOpens(keySize: Int) throws {
        let enclave = try KATEnclave.make()
        let key = SymmetricKey(size: SymmetricKeySize(bitCount: keySize * 8))
        let keyBytes = key.withUnsafeBytes { Array($0) }
        let message = Array("sealed on the host, opened in the enclave".utf8) + (0..<300).map { UInt8($0 & 0xff) }
        let aad = Array("header".utf8)
        let nonce = AES.GCM.Nonce()
        let box = try AES.GCM.seal(message, using: key, nonce: nonce, authenticating: aad)
        let opened = try enclaveOpen(enclave, key: keyBytes, nonce: Array(nonce), ciphertext: Array(box.ciphertext),
                                     tag: Array(box.tag), aad: aad)
        #expect(opened == message)

        var badTag = Array(box.tag)
        badTag[0] ^= 1
        #expect(throws: SGXError(.macMismatch)) {
            _ = try enclaveOpen(enclave, key: keyBytes, nonce: Array(nonce), ciphertext: Array(box.ciphertext), tag: badTag, aad: aad)
        }
        #expect(throws: SGXError(.macMismatch)) {
            _ = try enclaveOpen(enclave, key: keyBytes, nonce: Array(nonce), ciphertext: Array(box.ciphertext),
                                tag: Array(box.tag), aad: [])
        }
        // Wrong sizes are parameter errors, not MAC failures.
        #expect(throws: SGXError(.invalidParameter)) {
            _ = try enclaveOpen(enclave, key: Array(keyBytes.prefix(12)) + [UInt8](repeating: 0, count: 12), nonce: Array(nonce), ciphertext: [], tag: Array(box.tag), aad: [])
        }
        #expect(throws: SGXError(.invalidParameter)) {
            _ = try enclaveOpen(enclave, key: keyBytes, nonce: Array(Array(nonce).prefix(8)), ciphertext: [], tag: Array(box.tag), aad: [])
        }
    }

    @Test func enclaveSignsHostVerifies() throws {
        let enclave = try KATEnclave.make()
        let message = Array("signed inside the enclave".utf8)
        let frame = PairFrame(words: 9)
        frame.setPair(0, message)
        frame.setPair(1, [], capacity: 65)
        frame.setPair(2, [], capacity: 64)
        frame.setPair(3, [], capacity: 80)
        try enclave.ecall(2, frame: frame.frame)
        let publicKey = try P256.Signing.PublicKey(x963Representation: frame.pair(1, count: 65))
        let raw = try P256.Signing.ECDSASignature(rawRepresentation: frame.pair(2, count: 64))
        let der = try P256.Signing.ECDSASignature(derRepresentation: frame.pair(3, count: Int(frame[8])))
        #expect(publicKey.isValidSignature(raw, for: message))
        #expect(publicKey.isValidSignature(der, for: message))
        #expect(der.rawRepresentation == raw.rawRepresentation)
        #expect(!publicKey.isValidSignature(raw, for: message + [0]))
    }

    /// RSA-3072 PKCS#1 v1.5 SHA-256 signatures made on the host with swift-crypto
    /// (e = 3 and e = 65537 keys from Fixtures), verified in the enclave (ECALL 3).
    @Test(arguments: ["openssl_e3_3072_pkcs1.pem", "openssl_e65537_3072_pkcs1.pem"])
    func enclaveVerifiesHostRSASignatures(fixture: String) throws {
        let enclave = try KATEnclave.make()
        let pem = try String(contentsOfFile: KATEnclave.directory + "/Fixtures/" + fixture, encoding: .utf8)
        let key = try _RSA.Signing.PrivateKey(unsafePEMRepresentation: pem)
        #expect(key.keySizeInBits == 3072)
        let primitives = try key.publicKey.getKeyPrimitives()
        let message = Array("MRSIGNER check".utf8)
        let signature = try key.signature(for: message, padding: .insecurePKCS1v1_5)
        func verify(_ message: [UInt8], _ signature: [UInt8]) throws -> UInt64 {
            let frame = PairFrame(words: 9)
            frame.setPair(0, Array(primitives.modulus))
            frame.setPair(1, Array(primitives.publicExponent))
            frame.setPair(2, message)
            frame.setPair(3, signature)
            try enclave.ecall(3, frame: frame.frame)
            return frame[8]
        }
        #expect(try verify(message, Array(signature.rawRepresentation)) == 1)
        #expect(try verify(message + [1], Array(signature.rawRepresentation)) == 0)
        var flipped = Array(signature.rawRepresentation)
        flipped[100] ^= 4
        #expect(try verify(message, flipped) == 0)
        #expect(try verify(message, Array(flipped.prefix(383))) == 0)
    }

    /// The host hands its CPUID values in at INIT; the enclave keeps them, masked by its
    /// XFRM (this enclave has the default XFRM 0x3: no AVX state, so no AVX/AVX2/VAES).
    @Test func cpuFeaturesComeFromTheHostMaskedByXFRM() throws {
        let enclave = try KATEnclave.make()
        #expect(enclave.config.attributes.xfrm & 0x4 == 0)
        var host = sgx_host_cpu_features_t()
        sgx_host_cpu_features(&host)
        let frame = PairFrame(words: 4)
        try enclave.ecall(4, frame: frame.frame)
        let avxBits: UInt32 = (1 << 28) | (1 << 12) | (1 << 11)
        #expect(UInt32(frame[0]) == host.leaf1_edx)
        #expect(UInt32(frame[1]) == host.leaf1_ecx & ~avxBits)
        #expect(UInt32(frame[1]) & (1 << 25) == host.leaf1_ecx & (1 << 25), "AES-NI passes through")
        #expect(UInt32(frame[2]) & (1 << 5) == 0, "AVX2 masked")
        #expect(UInt32(frame[3]) & ((1 << 9) | (1 << 10)) == 0, "VAES/VPCLMULQDQ masked")
        #expect(UInt32(frame[2]) & ~UInt32((1 << 5) | (1 << 14) | 0xDC23_0000) == host.leaf7_ebx & ~UInt32((1 << 5) | (1 << 14) | 0xDC23_0000))
    }

    /// BoringSSL's lazy initialisation (pthread_once), locks and per-thread state (pthread
    /// keys on each TCS's thread data) under concurrent ECALLs on both TCSs.
    @Test func cryptoFromTwoTCSsAtOnce() async throws {
        let enclave = SharedEnclave(try KATEnclave.make())
        let failures = try await withThrowingTaskGroup(of: UInt64.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    let frame = PairFrame(words: 2)
                    frame[0] = 40
                    try enclave.ecall(5, frame: frame.frame)
                    return frame[1]
                }
            }
            var total: UInt64 = 0
            for try await value in group { total += value }
            return total
        }
        #expect(failures == 0)
    }

    /// With XFRM 0x7 the AVX state is enabled, so AVX and AVX2 pass through as the host
    /// reported them (AVX-512 still needs XFRM bits 5-7).
    @Test func avxPassesWhenXFRMEnablesIt() throws {
        let enclave = try KATEnclave.make(avx: true)
        #expect(enclave.config.attributes.xfrm == 0x7)
        var host = sgx_host_cpu_features_t()
        sgx_host_cpu_features(&host)
        let frame = PairFrame(words: 4)
        try enclave.ecall(4, frame: frame.frame)
        #expect(UInt32(frame[1]) == host.leaf1_ecx)
        #expect(UInt32(frame[2]) & (1 << 5) == host.leaf7_ebx & (1 << 5))
        #expect(UInt32(frame[2]) & 0xDC23_0000 == 0, "AVX-512 masked")
    }

    /// CPUID, SYSCALL, SYSENTER, RDTSC(P), INT n, I/O, ... fault inside an enclave: none may
    /// be in the image, BoringSSL included, and BoringSSL's AES-NI code is there.
    @Test func imageHasNoInstructionsIllegalInAnEnclave() throws {
        let built = try KATEnclave.built.get()
        let toolchain = try Toolchain.locate()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: toolchain.llvmObjdump)
        process.arguments = ["-d", "--no-show-raw-insn", built.unsignedImage]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let text = String(decoding: data, as: UTF8.self)
        var mnemonics: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: true)
            guard parts.count >= 2, parts[0].trimmingCharacters(in: .whitespaces).hasSuffix(":") else { continue }
            let mnemonic = parts[1].split(separator: " ").first.map(String.init) ?? ""
            mnemonics[mnemonic, default: 0] += 1
        }
        #expect((mnemonics["aesenc"] ?? 0) + (mnemonics["vaesenc"] ?? 0) > 0, "BoringSSL's AES-NI code is linked")
        // The builder refused to sign it otherwise (ForbiddenInstructionScan); check it here too.
        let forbidden = try ForbiddenInstructionScan.findings(inFile: built.unsignedImage, toolchain: toolchain)
        #expect(forbidden.isEmpty, "\(forbidden.prefix(5))")
    }
}
