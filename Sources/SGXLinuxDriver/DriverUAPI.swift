internal import CSGXLinuxDriver

/// The Linux in-kernel SGX driver's user API (`arch/x86/include/uapi/asm/sgx.h`, kernel 5.11
/// and later): devices, ioctl request numbers, page flags and ENCLU leaves. The structures
/// themselves are declared once, in `CSGXLinuxDriver.h`; the request numbers here are
/// computed from those structures' sizes the way the kernel's `_IOW`/`_IOWR` macros do.
/// `UAPITests` pins every size, offset and number to the kernel's values.
public enum DriverUAPI {
    /// The enclave device: every enclave is one open file description of it.
    public static let enclaveDevicePath = "/dev/sgx_enclave"
    /// The provisioning device: handing its descriptor to `SGX_IOC_ENCLAVE_PROVISION`
    /// allows the enclave the PROVISIONKEY attribute.
    public static let provisionDevicePath = "/dev/sgx_provision"

    /// `SGX_MAGIC`, the ioctl type byte of every SGX request.
    public static let magic: UInt8 = 0xA4

    /// `SGX_PAGE_MEASURE`: ADD_PAGES runs EEXTEND over every 256-byte chunk of each page.
    public static let pageMeasure: UInt64 = 0x01

    /// Direction bits of an ioctl request (`_IOC_NONE`, `_IOC_WRITE`, `_IOC_READ`).
    public enum Direction: UInt {
        case none = 0
        case write = 1
        case read = 2
        case readWrite = 3
    }

    /// `_IOC(direction, type, number, size)` of `<asm-generic/ioctl.h>`: direction in bits
    /// 31:30, size in 29:16, type in 15:8, number in 7:0.
    public static func ioctlRequest(_ direction: Direction, type: UInt8, number: UInt8, size: Int) -> UInt {
        precondition(size >= 0 && size < 1 << 14, "an ioctl argument size has 14 bits")
        return direction.rawValue << 30 | UInt(size) << 16 | UInt(type) << 8 | UInt(number)
    }

    /// `SGX_IOC_ENCLAVE_CREATE` = `_IOW(0xA4, 0x00, struct sgx_enclave_create)`: ECREATE.
    public static let enclaveCreate = ioctlRequest(.write, type: magic, number: 0x00, size: createSize)
    /// `SGX_IOC_ENCLAVE_ADD_PAGES` = `_IOWR(0xA4, 0x01, struct sgx_enclave_add_pages)`: EADD
    /// (and EEXTEND with ``pageMeasure``) over a range of pages; writes back `count`.
    public static let enclaveAddPages = ioctlRequest(.readWrite, type: magic, number: 0x01, size: addPagesSize)
    /// `SGX_IOC_ENCLAVE_INIT` = `_IOW(0xA4, 0x02, struct sgx_enclave_init)`: EINIT with a SIGSTRUCT.
    public static let enclaveInit = ioctlRequest(.write, type: magic, number: 0x02, size: initSize)
    /// `SGX_IOC_ENCLAVE_PROVISION` = `_IOW(0xA4, 0x03, struct sgx_enclave_provision)`.
    public static let enclaveProvision = ioctlRequest(.write, type: magic, number: 0x03, size: provisionSize)

    /// Byte sizes of the uapi structures.
    public static let createSize = MemoryLayout<csgx_enclave_create_t>.size
    public static let addPagesSize = MemoryLayout<csgx_enclave_add_pages_t>.size
    public static let initSize = MemoryLayout<csgx_enclave_init_t>.size
    public static let provisionSize = MemoryLayout<csgx_enclave_provision_t>.size
    /// `struct sgx_enclave_run`, the vDSO's execution context.
    public static let runSize = MemoryLayout<csgx_enclave_run_t>.size

    /// ENCLU leaf numbers (SDM Vol. 3D, 38.1) as `__vdso_sgx_enter_enclave` takes and reports them.
    public enum Leaf: UInt32, Sendable {
        case eenter = 2
        case eresume = 3
        case eexit = 4
    }

    /// The vDSO entry point (`vdso_sgx_enter_enclave_t`).
    public static let vdsoEnterSymbol = "__vdso_sgx_enter_enclave"
}
