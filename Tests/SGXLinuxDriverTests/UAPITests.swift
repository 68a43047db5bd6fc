import CKernelUAPIFacts
import CSGXLinuxDriver
import Testing
@testable import SGXLinuxDriver

/// The driver's uapi structures and ioctl numbers against the kernel's values
/// (arch/x86/include/uapi/asm/sgx.h), written out here, and against the installed
/// <asm/sgx.h> itself where the Linux headers are present.
@Suite struct UAPITests {
    @Test func ioctlNumbersAreTheKernels() {
        // _IOW(0xA4, 0, 8), _IOWR(0xA4, 1, 48), _IOW(0xA4, 2, 8), _IOW(0xA4, 3, 8)
        #expect(DriverUAPI.enclaveCreate == 0x4008_A400)
        #expect(DriverUAPI.enclaveAddPages == 0xC030_A401)
        #expect(DriverUAPI.enclaveInit == 0x4008_A402)
        #expect(DriverUAPI.enclaveProvision == 0x4008_A403)
        #expect(DriverUAPI.pageMeasure == 1)
        #expect(DriverUAPI.magic == 0xA4)
    }

    @Test func ioctlEncoding() {
        #expect(DriverUAPI.ioctlRequest(.none, type: 0xA4, number: 4, size: 0) == 0x0000_A404) // SGX_IOC_VEPC_REMOVE_ALL
        #expect(DriverUAPI.ioctlRequest(.readWrite, type: 0xA4, number: 5, size: 40) == 0xC028_A405) // RESTRICT_PERMISSIONS
        #expect(DriverUAPI.ioctlRequest(.read, type: 0x12, number: 0x34, size: 0x3fff) == 0xBFFF_1234)
    }

    @Test func structureSizes() {
        #expect(DriverUAPI.createSize == 8)
        #expect(DriverUAPI.addPagesSize == 48)
        #expect(DriverUAPI.initSize == 8)
        #expect(DriverUAPI.provisionSize == 8)
        #expect(DriverUAPI.runSize == 256)
        #expect(MemoryLayout<csgx_enclave_run_t>.alignment == 8)
        #expect(MemoryLayout<csgx_enclave_add_pages_t>.alignment == 8)
    }

    @Test func addPagesOffsets() {
        #expect(MemoryLayout<csgx_enclave_add_pages_t>.offset(of: \.src) == 0)
        #expect(MemoryLayout<csgx_enclave_add_pages_t>.offset(of: \.offset) == 8)
        #expect(MemoryLayout<csgx_enclave_add_pages_t>.offset(of: \.length) == 16)
        #expect(MemoryLayout<csgx_enclave_add_pages_t>.offset(of: \.secinfo) == 24)
        #expect(MemoryLayout<csgx_enclave_add_pages_t>.offset(of: \.flags) == 32)
        #expect(MemoryLayout<csgx_enclave_add_pages_t>.offset(of: \.count) == 40)
        #expect(MemoryLayout<csgx_enclave_create_t>.offset(of: \.src) == 0)
        #expect(MemoryLayout<csgx_enclave_init_t>.offset(of: \.sigstruct) == 0)
        #expect(MemoryLayout<csgx_enclave_provision_t>.offset(of: \.fd) == 0)
    }

    @Test func runOffsets() {
        #expect(MemoryLayout<csgx_enclave_run_t>.offset(of: \.tcs) == 0)
        #expect(MemoryLayout<csgx_enclave_run_t>.offset(of: \.function) == 8)
        #expect(MemoryLayout<csgx_enclave_run_t>.offset(of: \.exception_vector) == 12)
        #expect(MemoryLayout<csgx_enclave_run_t>.offset(of: \.exception_error_code) == 14)
        #expect(MemoryLayout<csgx_enclave_run_t>.offset(of: \.exception_addr) == 16)
        #expect(MemoryLayout<csgx_enclave_run_t>.offset(of: \.user_handler) == 24)
        #expect(MemoryLayout<csgx_enclave_run_t>.offset(of: \.user_data) == 32)
        #expect(MemoryLayout<csgx_enclave_run_t>.offset(of: \.reserved) == 40)
    }

    @Test func leaves() {
        #expect(DriverUAPI.Leaf.eenter.rawValue == 2)
        #expect(DriverUAPI.Leaf.eresume.rawValue == 3)
        #expect(DriverUAPI.Leaf.eexit.rawValue == 4)
    }

    static let kernelHeader: kernel_uapi_facts_t? = {
        var facts = kernel_uapi_facts_t()
        return kernel_uapi_facts(&facts) == 1 ? facts : nil
    }()

    // Compares with the installed kernel header; skipped (not passed) where the Linux
    // headers package does not provide <asm/sgx.h>.
    @Test(.enabled(if: kernelHeader != nil, "<asm/sgx.h> is not installed (Linux headers package), so there is nothing to compare with"))
    func matchesTheInstalledKernelHeader() throws {
        let k = try #require(Self.kernelHeader)
        #expect(UInt64(DriverUAPI.enclaveCreate) == k.ioc_create)
        #expect(UInt64(DriverUAPI.enclaveAddPages) == k.ioc_add_pages)
        #expect(UInt64(DriverUAPI.enclaveInit) == k.ioc_init)
        #expect(UInt64(DriverUAPI.enclaveProvision) == k.ioc_provision)
        #expect(DriverUAPI.pageMeasure == k.page_measure)
        #expect(UInt64(DriverUAPI.createSize) == k.size_create)
        #expect(UInt64(DriverUAPI.addPagesSize) == k.size_add_pages)
        #expect(UInt64(DriverUAPI.initSize) == k.size_init)
        #expect(UInt64(DriverUAPI.provisionSize) == k.size_provision)
        #expect(UInt64(DriverUAPI.runSize) == k.size_run)
        typealias A = csgx_enclave_add_pages_t
        #expect(UInt64(MemoryLayout<A>.offset(of: \.src)!) == k.add_src)
        #expect(UInt64(MemoryLayout<A>.offset(of: \.offset)!) == k.add_offset)
        #expect(UInt64(MemoryLayout<A>.offset(of: \.length)!) == k.add_length)
        #expect(UInt64(MemoryLayout<A>.offset(of: \.secinfo)!) == k.add_secinfo)
        #expect(UInt64(MemoryLayout<A>.offset(of: \.flags)!) == k.add_flags)
        #expect(UInt64(MemoryLayout<A>.offset(of: \.count)!) == k.add_count)
        typealias R = csgx_enclave_run_t
        #expect(UInt64(MemoryLayout<R>.offset(of: \.tcs)!) == k.run_tcs)
        #expect(UInt64(MemoryLayout<R>.offset(of: \.function)!) == k.run_function)
        #expect(UInt64(MemoryLayout<R>.offset(of: \.exception_vector)!) == k.run_exception_vector)
        #expect(UInt64(MemoryLayout<R>.offset(of: \.exception_error_code)!) == k.run_exception_error_code)
        #expect(UInt64(MemoryLayout<R>.offset(of: \.exception_addr)!) == k.run_exception_addr)
        #expect(UInt64(MemoryLayout<R>.offset(of: \.user_handler)!) == k.run_user_handler)
        #expect(UInt64(MemoryLayout<R>.offset(of: \.user_data)!) == k.run_user_data)
        #expect(UInt64(MemoryLayout<R>.offset(of: \.reserved)!) == k.run_reserved)
    }
}
