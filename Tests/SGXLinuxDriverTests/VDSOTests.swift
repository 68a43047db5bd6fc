import SGXImage
import SGXTypes
import Testing
@testable import SGXLinuxDriver

@Suite struct VDSOTests {
    @Test func parsesThisProcesssVDSO() throws {
        let (base, image) = try VDSO.current()
        #expect(base != 0)
        // Every x86-64 vDSO since Linux 2.6 exports these.
        let clock = try #require(image.offset(of: "__vdso_clock_gettime"))
        #expect(image.offset(of: "__vdso_gettimeofday") != nil)
        #expect(clock > 0 && clock < 1 << 20)
        #expect(image.offset(of: "__vdso_no_such_symbol") == nil)
    }

    @Test func theSGXEntryIsFoundOrItsAbsenceExplained() throws {
        do {
            let address = try VDSO.sgxEnterEnclave()
            let (base, _) = try VDSO.current()
            #expect(address > base && address < base + (1 << 20))
        } catch {
            #expect(error.status == .featureNotSupported)
            #expect(error.detail.contains("__vdso_sgx_enter_enclave"))
            #expect(error.detail.contains("CONFIG_X86_SGX"))
        }
    }

    @Test func malformedImagesThrow() {
        #expect(throws: SGXError.self) { try VDSOImage(bytes: []) }
        #expect(throws: SGXError.self) { try VDSOImage(bytes: [UInt8](repeating: 0, count: 128)) }
        var header = [UInt8](repeating: 0, count: 64)
        header[0] = 0x7f; header[1] = 0x45; header[2] = 0x4c; header[3] = 0x46; header[4] = 2; header[5] = 1
        header[54] = 56 // e_phentsize, but no program headers
        #expect(throws: SGXError.self) { try VDSOImage(bytes: header) }
    }

    @Test func truncatedCopiesOfTheRealVDSOThrowInsteadOfCrashing() throws {
        let (base, _) = try VDSO.current()
        let length = try #require(VDSO.mappedLength(startingAt: base))
        let bytes = [UInt8](UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: UInt(base)), count: Int(length)))
        for cut in stride(from: 0, to: bytes.count, by: 97) {
            _ = try? VDSOImage(bytes: Array(bytes.prefix(cut)))
        }
    }
}

/// How the loader reads the vDSO's return (no hardware needed).
@Suite struct EntryDecodingTests {
    func decode(rdi: UInt64, rsi: UInt64 = 0, rdx: UInt64 = 0, result: Int32 = 0, function: UInt32 = 4,
                vector: UInt16 = 0, code: UInt16 = 0, address: UInt64 = 0) throws -> EnclaveExit {
        try VDSOEntry.decode(result: result, function: function, vector: vector, errorCode: code, address: address,
                             rdi: rdi, rsi: rsi, rdx: rdx)
    }

    @Test func eexitReasons() throws {
        #expect(try decode(rdi: EnclaveABI.exitReturn, rsi: 0x1001) == .returned(status: 0x1001))
        #expect(try decode(rdi: EnclaveABI.exitOCall, rsi: 0x8000_0004, rdx: 0x7fff_1000) == .ocall(index: 0x8000_0004, frame: 0x7fff_1000))
        #expect(try decode(rdi: EnclaveABI.exitCrash, rsi: 1) == .crashed(reason: 1))
        #expect(throws: SGXError.self) { try decode(rdi: 99) }
    }

    @Test func exceptionsAreReportedWithVectorAndAddress() throws {
        // After an AEX the vDSO reports ERESUME (3) as the last leaf and fills the exception fields.
        let exit = try decode(rdi: 14, rsi: 6, rdx: 0xdead_b000, function: 3, vector: 14, code: 6, address: 0xdead_b000)
        #expect(exit == .exception(vector: 14, errorCode: 6, address: 0xdead_b000))
        // The ENCLU itself faulting (older vDSOs return -EFAULT).
        #expect(try decode(rdi: 13, result: -14, function: 2, vector: 13) == .exception(vector: 13, errorCode: 0, address: 0))
        let text = VDSOEntry.describe(vector: 14, errorCode: 6, address: 0xdead_b000)
        #expect(text.contains("#PF") && text.contains("0xdeadb000"))
    }

    @Test func einvalFromTheVDSOThrows() {
        #expect(throws: SGXError.self) { try decode(rdi: 0, result: -22, function: 0) }
    }
}
