// Test enclave for SGXAttestationSimulationTests: asks for a DCAP quote with
// Attestation.quote(reportData:) and hands it to the host. Raw frame (below the EDL layer):
// 0..<64 REPORTDATA (in) · 64 u64 quote length (out) · 128..< quote (out, up to 16 KiB).
import SGXTrusted
import SGXTypes

let quoteOffset = 128
let frameSize = quoteOffset + (16 << 10)

@c(sgx_ecall_dispatch)
func dispatch(_ index: UInt32, _ raw: UnsafeMutableRawPointer?) -> UInt32 {
    guard let frame = UntrustedBuffer(raw, count: frameSize) else { return SGXStatus.invalidParameter.rawValue }
    do {
        switch index {
        case 0:
            guard let reportData = frame.copyIn(offset: 0, length: 64) else { return SGXStatus.invalidParameter.rawValue }
            let quote = try Attestation.quote(reportData: reportData)
            guard quote.count <= frameSize - quoteOffset else { return SGXStatus.outOfMemory.rawValue }
            frame.store(UInt64(quote.count), at: 64)
            frame.copyOut(quote, at: quoteOffset)
        case 1: // 65 bytes of report data: must be refused inside the enclave.
            _ = try Attestation.quote(reportData: [UInt8](repeating: 1, count: 65))
        default:
            return SGXStatus.invalidFunction.rawValue
        }
        return 0
    } catch {
        return error.status.rawValue
    }
}
