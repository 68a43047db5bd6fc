import SGXTypes
import Testing
@testable import SGXLinuxDriver

/// Enclaves on real SGX hardware through /dev/sgx_enclave. Skipped — reported as skipped,
/// never as passed — on machines without the device, which includes every machine this
/// project has had so far: these tests have never run.
@Suite struct HardwareTests {
    @Test(.enabled(if: enclaveDevicePresent, "needs /dev/sgx_enclave (SGX with the in-kernel driver); this machine has none"))
    func loadEnterAndDestroy() throws {
        let enclave = try LinuxDriverEnclave(image: try TestEnclaves.image("Minimal", mode: .hardware))
        try enclave.ecall(0)
        let frame = UnsafeMutableRawPointer.allocate(byteCount: 24, alignment: 8)
        defer { frame.deallocate() }
        frame.storeBytes(of: UInt64(40), toByteOffset: 0, as: UInt64.self)
        frame.storeBytes(of: UInt64(2), toByteOffset: 8, as: UInt64.self)
        try enclave.ecall(1, frame: frame)
        #expect(frame.load(fromByteOffset: 16, as: UInt64.self) == 42)
        #expect(throws: SGXError.self) { try enclave.ecall(7) }
        let crashed = enclave.isCrashed
        #expect(!crashed)
    }

    /// Without the device, loading fails with a specific error, not a crash.
    @Test(.enabled(if: !enclaveDevicePresent, "this machine has /dev/sgx_enclave; the missing-device path is not reachable here"))
    func withoutTheDeviceLoadingFailsCleanly() throws {
        let image = try TestEnclaves.image("Minimal", mode: .hardware)
        let error = #expect(throws: SGXError.self) { _ = try LinuxDriverEnclave(image: image) }
        // No vDSO entry (kernel without CONFIG_X86_SGX) is found first; otherwise the device is missing.
        #expect(error?.status == .featureNotSupported || error?.status == .noDevice)
    }
}
