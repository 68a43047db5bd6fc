// Test enclave for SGXSimulationTests: runs EGETKEY and EREPORT from inside the enclave and
// hands the raw results back so the test can recompute them with SimulatedCPU. Raw frames
// (below the EDL layer): 0..<512 input (KEYREQUEST or TARGETINFO), 512..<576 REPORTDATA,
// 1024..<1536 output. ProbeB is the same code with a different configuration.
import SGXTrusted
import SGXTypes

let frameSize = 1536

@c(sgx_ecall_dispatch)
func dispatch(_ index: UInt32, _ raw: UnsafeMutableRawPointer?) -> UInt32 {
    guard let frame = UntrustedBuffer(raw, count: frameSize) else { return SGXStatus.invalidParameter.rawValue }
    do {
        switch index {
        case 0: // EGETKEY with the KEYREQUEST in the frame; the key goes to the output.
            guard let requestBytes = frame.copyIn(offset: 0, length: KeyRequest.byteCount) else { return 2 }
            let key = try SGXInstructions.egetkey(try KeyRequest(bytes: requestBytes))
            frame.copyOut(key.copiedBytes(), at: 1024)
        case 1: // EGETKEY(SEAL) built here from the self report, policy u16 at offset 0.
            guard let policy = frame.load(UInt16.self, at: 0) else { return 2 }
            let me = try Enclave.selfReport().body
            let request = KeyRequest(keyName: .seal, keyPolicy: KeyRequest.KeyPolicy(rawValue: policy),
                                     isvSVN: me.isvSVN, cpuSVN: me.cpuSVN,
                                     attributeMask: SealedData.defaultAttributeMask,
                                     miscMask: SealedData.defaultMiscMask)
            let key = try SGXInstructions.egetkey(request)
            frame.copyOut(key.copiedBytes(), at: 1024)
        case 2: // EREPORT for the TARGETINFO in the frame with the REPORTDATA in the frame.
            guard let targetBytes = frame.copyIn(offset: 0, length: TargetInfo.byteCount),
                  let reportData = frame.copyIn(offset: 512, length: 64) else { return 2 }
            let report = try SGXInstructions.ereport(target: try TargetInfo(bytes: targetBytes), reportData: reportData)
            frame.copyOut(report.bytes, at: 1024)
        case 3: // Self report.
            frame.copyOut(try Enclave.selfReport().bytes, at: 1024)
        case 4: // TargetInfo.ofSelf.
            frame.copyOut(try TargetInfo.ofSelf.bytes, at: 1024)
        default:
            return SGXStatus.invalidFunction.rawValue
        }
        return 0
    } catch {
        return error.status.rawValue
    }
}
