import Foundation
import SGXEnclaveBuild
import SGXHost
import SGXSign
import SGXTypes
import Testing

/// Malformed, unsigned, tampered and non-conforming images are refused at load with a
/// specific error; never a crash.
@Suite struct BadImageTests {
    func load(_ bytes: [UInt8]) -> SGXError? {
        do {
            _ = try Enclave(image: bytes)
            return nil
        } catch {
            return error
        }
    }

    func signedImage() throws -> [UInt8] { try TestEnclaves.image("Basic") }

    @Test func unsignedImageIsRefused() throws {
        _ = try signedImage() // builds it; the unsigned link output stays in the work directory
        let path = TestEnclaves.workRoot + "/Basic-work/enclave.unsigned.so"
        let bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        let error = load(bytes)
        #expect(error?.status == .invalidSignature)
        #expect(error?.detail.contains("not signed") == true)
    }

    @Test func tamperedCodeIsRefused() throws {
        var bytes = try signedImage()
        let elf = try EnclaveELF(bytes: bytes)
        let text = elf.segments.first { $0.executable }!
        bytes[Int(text.fileOffset) + 100] ^= 0x01
        let error = load(bytes)
        #expect(error?.status == .invalidSignature)
        #expect(error?.detail.contains("measurement mismatch") == true)
    }

    @Test func tamperedConfigIsRefused() throws {
        // More TCSs than were signed: the layout (and so MRENCLAVE) changes.
        var bytes = try signedImage()
        let elf = try EnclaveELF(bytes: bytes)
        var config = elf.config
        config.tcsCount += 1
        let configBytes = config.bytes
        let offset = try #require(bytes.firstRange(of: elf.config.bytes)?.lowerBound)
        bytes.replaceSubrange(offset..<(offset + configBytes.count), with: configBytes)
        #expect(load(bytes)?.detail.contains("measurement mismatch") == true)
    }

    @Test func corruptedSignatureIsRefused() throws {
        var bytes = try signedImage()
        let slot = try #require(try EnclaveELF(bytes: bytes).sigstructSlot)
        bytes[slot.lowerBound + 516 + 10] ^= 0x80 // inside SIGSTRUCT.SIGNATURE
        let error = load(bytes)
        #expect(error?.status == .invalidSignature)
        #expect(error?.detail.contains("does not verify") == true)
    }

    @Test func sigstructOfAnotherEnclaveIsRefused() throws {
        // Re-signed with a mismatch: a valid SIGSTRUCT, but for a different MRENCLAVE.
        var bytes = try signedImage()
        let elf = try EnclaveELF(bytes: bytes)
        let key = try SigningKey(pemRepresentation: DevelopmentKey.pem)
        let other = try SigstructSigner.sign(enclaveHash: [UInt8](repeating: 0xab, count: 32),
                                             fields: try EnclaveLayout(image: elf).sigstructFields(), key: key)
        bytes = try elf.signed(with: other.bytes)
        let error = load(bytes)
        #expect(error?.status == .invalidSignature)
        #expect(error?.detail.contains("measurement mismatch") == true)
    }

    @Test func truncatedImagesAreRefused() throws {
        let bytes = try signedImage()
        var lengths = Array(stride(from: 0, to: bytes.count, by: 97))
        lengths += [1, 4, 63, 64, 65, 120, 4095, 4096, bytes.count - 1]
        for length in lengths where length < bytes.count {
            let error = load(Array(bytes[0..<length]))
            #expect(error != nil, "truncated to \(length) bytes was accepted")
        }
    }

    @Test func garbageIsRefused() throws {
        var generator = SystemRandomNumberGenerator()
        for size in [0, 1, 16, 64, 100, 5000] {
            let garbage = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(load(garbage)?.status == .invalidEnclave)
        }
        // ELF magic followed by junk.
        var fake = [UInt8](repeating: 0xff, count: 512)
        fake.replaceSubrange(0..<4, with: [0x7f, 0x45, 0x4c, 0x46])
        #expect(load(fake)?.status == .invalidEnclave)
    }

    // Images that break the static-PIE rules, made by patching a valid one.

    @Test func positionDependentExecutableIsRefused() throws {
        var bytes = try signedImage()
        bytes.storeLE(UInt16(2), at: 16) // ET_EXEC
        #expect(load(bytes)?.detail.contains("not a static PIE") == true)
    }

    @Test func threadLocalStorageIsRefused() throws {
        var bytes = try signedImage()
        let phoff = Int(bytes.loadLE(UInt64.self, at: 32))
        bytes.storeLE(UInt32(7), at: phoff) // first program header becomes PT_TLS
        #expect(load(bytes)?.detail.contains("thread-local storage") == true)
    }

    @Test func interpreterIsRefused() throws {
        var bytes = try signedImage()
        let phoff = Int(bytes.loadLE(UInt64.self, at: 32))
        bytes.storeLE(UInt32(3), at: phoff) // PT_INTERP
        #expect(load(bytes)?.detail.contains("interpreter") == true)
    }

    @Test func nonRelativeRelocationIsRefused() throws {
        var bytes = try signedImage()
        let elf = try EnclaveELF(bytes: bytes)
        #expect(elf.relocationCount > 0)
        // Find the first RELA entry with type 8 in the file and make it R_X86_64_64 (1).
        let rodata = elf.segments.first { !$0.writable && !$0.executable }!
        var patched = false
        var at = Int(rodata.fileOffset)
        while at + 24 <= Int(rodata.fileOffset + rodata.fileSize) && !patched {
            if bytes.loadLE(UInt64.self, at: at + 8) == 8 && bytes.loadLE(UInt64.self, at: at) % 8 == 0
                && bytes.loadLE(UInt64.self, at: at) >= (elf.segments.first { $0.writable }!.virtualAddress) {
                bytes.storeLE(UInt64(1), at: at + 8)
                patched = true
            }
            at += 8
        }
        #expect(patched)
        #expect(load(bytes)?.detail.contains("only R_X86_64_RELATIVE") == true)
    }

    @Test func undefinedSymbolIsRefused() throws {
        var bytes = try signedImage()
        // Make one defined global symbol in .symtab undefined (st_shndx = 0).
        let shoff = Int(bytes.loadLE(UInt64.self, at: 40))
        let shnum = Int(bytes.loadLE(UInt16.self, at: 60))
        var patched = false
        for index in 0..<shnum where !patched {
            let header = shoff + index * 64
            guard bytes.loadLE(UInt32.self, at: header + 4) == 2 else { continue } // SHT_SYMTAB
            let offset = Int(bytes.loadLE(UInt64.self, at: header + 24))
            let size = Int(bytes.loadLE(UInt64.self, at: header + 32))
            for symbol in stride(from: offset + 24, to: offset + size, by: 24) where bytes[symbol + 4] >> 4 == 1 {
                bytes.storeLE(UInt16(0), at: symbol + 6)
                patched = true
                break
            }
        }
        #expect(patched)
        let error = load(bytes)
        #expect(error?.status == .undefinedSymbol)
        #expect(error?.detail.contains("undefined symbol") == true)
    }

    @Test func hardwareImageIsRefusedBySimulationLoader() throws {
        var bytes = try signedImage()
        let elf = try EnclaveELF(bytes: bytes)
        var config = elf.config
        config.mode = .hardware
        let offset = try #require(bytes.firstRange(of: elf.config.bytes)?.lowerBound)
        bytes.replaceSubrange(offset..<(offset + 128), with: config.bytes)
        #expect(load(bytes)?.status == .modeIncompatible)
    }

    @Test func undefinedSymbolIsRefusedAtBuildTime() throws {
        let directory = TestEnclaves.workRoot + "/undefined-src"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try """
            import SGXTrusted
            @_extern(c, "swift_sgx_no_such_function")
            func missing() -> UInt32
            @c(sgx_ecall_dispatch)
            func dispatch(_ index: UInt32, _ frame: UnsafeMutableRawPointer?) -> UInt32 { missing() }
            """.write(toFile: directory + "/Bad.swift", atomically: true, encoding: .utf8)
        let request = EnclaveBuilder.Request(sourceDirectory: directory, output: TestEnclaves.workRoot + "/undefined.so",
                                             workDirectory: TestEnclaves.workRoot + "/undefined-work")
        do {
            _ = try EnclaveBuilder.build(request)
            Issue.record("an enclave with an undefined symbol was built")
        } catch {
            #expect(error.detail.contains("undefined symbol"))
            #expect(error.detail.contains("swift_sgx_no_such_function"))
        }
    }
}
