import SGXTypes

/// Simulation back end of ENCLU[EREPORT] and ENCLU[EGETKEY], called by the trusted C
/// runtime (`CEnclaveRuntime/enclu_sim.c`, linked only into simulation images): the leaf
/// leaves the enclave as the runtime OCALL `sgx_ocall_simulated_enclu`
/// (Runtime/swift_sgx_runtime.edl) and the host's simulated CPU answers for the calling
/// enclave. `request` is 512 bytes (TARGETINFO or KEYREQUEST), `reportData` 64 bytes or
/// null, `output` receives `outputSize` bytes (a 432-byte REPORT or a 16-byte key) only on
/// success. Returns an `sgx_status_t`.
///
/// The host sees the operands and the key it returns: simulation offers no isolation and
/// its keys are public test values. Enclave-side copies are zeroed after use all the same.
@c(sgx_sim_enclu_ocall)
func simulatedENCLU(_ leaf: UInt32, _ request: UnsafeRawPointer, _ reportData: UnsafeRawPointer?,
                    _ output: UnsafeMutableRawPointer, _ outputSize: Int) -> UInt32 {
    let operands = [UInt8](UnsafeRawBufferPointer(start: request, count: 512))
    let data = reportData.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: 64)) } ?? [UInt8](repeating: 0, count: 64)
    var result = [UInt8](repeating: 0, count: outputSize)
    defer { result.withUnsafeMutableBytes { if let base = $0.baseAddress { sgx_zeroize(base, $0.count) } } }
    let status: UInt32
    do {
        status = try sgx_ocall_simulated_enclu(leaf, operands, data, &result, outputSize)
    } catch {
        return error.status.rawValue
    }
    guard status == 0 else { return status }
    guard result.count == outputSize else { return SGXStatus.unexpected.rawValue }
    result.withUnsafeBytes { output.copyMemory(from: $0.baseAddress!, byteCount: outputSize) }
    return 0
}
