internal import CSGXLinuxDriver
import SGXTypes

/// The system calls the driver loader makes, behind a protocol so that tests can run the
/// whole loader against a recording (software) driver on machines without SGX. Every call
/// returns its result or `-errno`, like the C wrappers in `CSGXLinuxDriver` (swift-system's
/// pattern: errno is never read after the fact).
///
/// ``LinuxDriverSystem`` is the real one.
public protocol DriverSystem: Sendable {
    /// `open(path, O_RDWR | O_CLOEXEC)`: a descriptor or -errno.
    func open(_ path: String) -> Int32
    /// `close(fd)`.
    func close(_ fd: Int32)
    /// `ioctl(fd, request, argument)`: the kernel's (non-negative) result or -errno.
    func ioctl(_ fd: Int32, _ request: UInt, _ argument: UnsafeMutableRawPointer) -> Int
    /// An inaccessible anonymous reservation of `size` bytes aligned to `alignment`
    /// (`mmap(PROT_NONE)` trimmed): the address, or the errno.
    func reserve(size: UInt64, alignment: UInt64) -> Result<UInt64, Errno>
    /// `mmap(address, length, prot, MAP_SHARED | MAP_FIXED, fd, 0)`: 0 or -errno.
    func mapDevice(address: UInt64, length: UInt64, read: Bool, write: Bool, execute: Bool, fd: Int32) -> Int32
    /// `munmap(address, length)`.
    func unmap(address: UInt64, length: UInt64)
    /// The address of `__vdso_sgx_enter_enclave` in this process (``VDSO/sgxEnterEnclave()``).
    func sgxEnterEnclaveAddress() throws(SGXError) -> UInt64
}

/// An errno value from a failed call.
public struct Errno: Error, Hashable, Sendable {
    public var rawValue: Int32
    public init(_ rawValue: Int32) { self.rawValue = rawValue }

    public static let permissionDenied = Errno(1)     // EPERM
    public static let noSuchFile = Errno(2)           // ENOENT
    public static let interrupted = Errno(4)          // EINTR
    public static let ioError = Errno(5)              // EIO
    public static let tryAgain = Errno(11)            // EAGAIN
    public static let outOfMemory = Errno(12)         // ENOMEM
    public static let accessDenied = Errno(13)        // EACCES
    public static let badAddress = Errno(14)          // EFAULT
    public static let busy = Errno(16)                // EBUSY
    public static let noDevice = Errno(19)            // ENODEV
    public static let invalidArgument = Errno(22)     // EINVAL
    public static let notTTY = Errno(25)              // ENOTTY: no such ioctl
    public static let noDeviceOrAddress = Errno(6)    // ENXIO

    /// The C library's message for this value (`strerror`).
    public var message: String {
        String(cString: strerror(rawValue))
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// The real system calls (through `CSGXLinuxDriver`).
public struct LinuxDriverSystem: DriverSystem {
    public init() {}

    public func open(_ path: String) -> Int32 { csgx_open_device(path) }
    public func close(_ fd: Int32) { _ = csgx_close(fd) }
    public func ioctl(_ fd: Int32, _ request: UInt, _ argument: UnsafeMutableRawPointer) -> Int {
        Int(csgx_ioctl(fd, request, argument))
    }
    public func reserve(size: UInt64, alignment: UInt64) -> Result<UInt64, Errno> {
        var address: UInt64 = 0
        let result = csgx_reserve(size, alignment, &address)
        return result == 0 ? .success(address) : .failure(Errno(-result))
    }
    public func mapDevice(address: UInt64, length: UInt64, read: Bool, write: Bool, execute: Bool, fd: Int32) -> Int32 {
        csgx_map_device(address, length, read ? 1 : 0, write ? 1 : 0, execute ? 1 : 0, fd)
    }
    public func unmap(address: UInt64, length: UInt64) { _ = csgx_unmap(address, length) }
    public func sgxEnterEnclaveAddress() throws(SGXError) -> UInt64 { try VDSO.sgxEnterEnclave() }
}
