// A non-debug ("release") enclave for the development-key policy tests: it only has to link.
import SGXTrusted

@c(sgx_ecall_dispatch)
func dispatch(_ index: UInt32, _ raw: UnsafeMutableRawPointer?) -> UInt32 {
    index == 0 ? 0 : 0x1001 // SGX_ERROR_INVALID_FUNCTION
}
