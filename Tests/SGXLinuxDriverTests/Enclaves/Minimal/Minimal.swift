// Test enclave for SGXLinuxDriverTests: the smallest useful enclave. Its layout and
// measurement are what the driver plan tests check; on SGX hardware (never available to
// this project so far) ECALL 0 returns success and ECALL 1 adds two numbers.
import SGXTrusted

@c(sgx_ecall_dispatch)
func dispatch(_ index: UInt32, _ raw: UnsafeMutableRawPointer?) -> UInt32 {
    switch index {
    case 0:
        return 0
    case 1: // frame {u64 a, u64 b, u64 sum}
        guard let frame = UntrustedBuffer(raw, count: 24),
              let a = frame.load(UInt64.self, at: 0), let b = frame.load(UInt64.self, at: 8) else { return 2 }
        frame.store(a &+ b, at: 16)
        return 0
    default:
        return 0x1001
    }
}
