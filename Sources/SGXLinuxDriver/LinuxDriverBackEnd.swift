internal import CSGXLinuxDriver
import SGXImage
import SGXTypes

/// ``SGXImage/EnclaveBackEnd`` over the Linux in-kernel SGX driver (`/dev/sgx_enclave`,
/// kernel 5.11 or later, Flexible Launch Control): each step is one ioctl or mmap.
///
/// | step | system call |
/// |---|---|
/// | create | `open(/dev/sgx_enclave)`, `mmap(PROT_NONE)` of ELRANGE (size-aligned), `SGX_IOC_ENCLAVE_CREATE` |
/// | addPages | `SGX_IOC_ENCLAVE_ADD_PAGES` (repeated until `count` covers the range) |
/// | initialize | `SGX_IOC_ENCLAVE_PROVISION` when PROVISIONKEY is requested, `SGX_IOC_ENCLAVE_INIT`, then `mmap(MAP_SHARED|MAP_FIXED)` of the device over every added range |
/// | enter | `__vdso_sgx_enter_enclave` with EENTER (``VDSOEntry``) |
/// | destroy | `munmap` of ELRANGE, `close` (the kernel removes the EPC pages) |
///
/// Every failure becomes a specific ``SGXTypes/SGXError`` naming the call and the cause.
///
/// - Important: Written to the kernel's documented interface and tested against a
///   software double of the driver only: it has **not run on SGX hardware** (no machine
///   available to this project has SGX).
public struct LinuxDriverBackEnd: ~Copyable, EnclaveBackEnd, Sendable {
    /// A range passed to ADD_PAGES, mapped with its permissions after EINIT.
    struct AddedRange {
        var offset: UInt64, length: UInt64, secInfoFlags: UInt64
    }

    let system: any DriverSystem
    let devicePath: String
    let provisionDevicePath: String
    private(set) var fd: Int32 = -1
    private(set) var base: UInt64 = 0
    private(set) var size: UInt64 = 0
    private(set) var attributes = Attributes(flags: [], xfrm: 0)
    private var added: [AddedRange] = []
    private(set) var initialized = false
    /// `__vdso_sgx_enter_enclave`, looked up at create.
    private(set) var vdsoEnter: UInt64 = 0

    public init(system: any DriverSystem = LinuxDriverSystem(),
                devicePath: String = DriverUAPI.enclaveDevicePath,
                provisionDevicePath: String = DriverUAPI.provisionDevicePath) {
        self.system = system
        self.devicePath = devicePath
        self.provisionDevicePath = provisionDevicePath
    }

    /// The base address of ELRANGE (0 before ``create(secs:)``).
    public var baseAddress: UInt64 { base }

    public mutating func create(secs: SECS) throws(SGXError) -> UInt64 {
        precondition(fd < 0, "create called twice")
        guard secs.size >= 2 * EnclaveLayout.pageSize, secs.size & (secs.size - 1) == 0 else {
            throw .invalidParameter("SECS.SIZE 0x\(String(secs.size, radix: 16)) is not a power of two of at least 8 KiB")
        }
        // Fail before touching EPC when this kernel cannot enter enclaves at all.
        vdsoEnter = try system.sgxEnterEnclaveAddress()
        let opened = system.open(devicePath)
        guard opened >= 0 else { throw Self.openError(devicePath, Errno(-opened)) }
        fd = opened
        switch system.reserve(size: secs.size, alignment: secs.size) {
        case .success(let address):
            base = address
            size = secs.size
        case .failure(let error):
            system.close(fd)
            fd = -1
            throw SGXError(.outOfMemory, "cannot reserve \(secs.size) bytes of address space aligned to their size for ELRANGE: \(error.message)")
        }
        var page = secs
        page.baseAddress = base
        attributes = secs.attributes
        let secsPage = PageBuffer(copying: page.bytes)
        var argument = csgx_enclave_create_t(src: secsPage.address)
        let driver = self.system, device = fd
        let result = withExtendedLifetime(secsPage) {
            withUnsafeMutableBytes(of: &argument) { driver.ioctl(device, DriverUAPI.enclaveCreate, $0.baseAddress!) }
        }
        guard result == 0 else {
            let error = Self.ioctlError("SGX_IOC_ENCLAVE_CREATE (ECREATE)", result)
            destroy()
            throw error
        }
        return base
    }

    public mutating func addPages(_ contents: UnsafeRawBufferPointer, offset: UInt64, secInfoFlags: UInt64, measured: Bool) throws(SGXError) {
        precondition(fd >= 0 && !initialized, "addPages needs a created, uninitialised enclave")
        let page = Int(EnclaveLayout.pageSize)
        guard contents.count > 0, contents.count % page == 0, offset % UInt64(page) == 0,
              offset + UInt64(contents.count) <= size else {
            throw .invalidParameter("ADD_PAGES range 0x\(String(offset, radix: 16)) + \(contents.count) bytes is not whole pages inside the enclave")
        }
        let secinfo = PageBuffer(byteCount: SecInfo.byteCount)
        secinfo.pointer.storeBytes(of: secInfoFlags.littleEndian, as: UInt64.self)
        // The kernel wants page-aligned sources; copy unless the caller's buffer already is.
        var copy: PageBuffer? = nil
        var source = UInt64(UInt(bitPattern: contents.baseAddress))
        if source % UInt64(page) != 0 {
            let buffer = PageBuffer(copying: contents)
            source = buffer.address
            copy = buffer
        }
        let driver = self.system, device = fd
        var done: UInt64 = 0
        var result = 0
        let length = UInt64(contents.count)
        while done < length {
            var argument = csgx_enclave_add_pages_t(
                src: source + done, offset: offset + done, length: length - done,
                secinfo: secinfo.address, flags: measured ? DriverUAPI.pageMeasure : 0, count: 0)
            result = withUnsafeMutableBytes(of: &argument) { driver.ioctl(device, DriverUAPI.enclaveAddPages, $0.baseAddress!) }
            done += argument.count
            if result < 0 {
                let errno = Errno(Int32(truncatingIfNeeded: -result))
                // Interrupted by a signal or asked to reschedule: go on from `count`.
                if errno == .interrupted || errno == .tryAgain || result == -512 /* ERESTARTSYS */ {
                    result = 0
                    continue
                }
                break
            }
            if argument.count == 0 && done < length {
                result = -Int(Errno.ioError.rawValue)
                break
            }
        }
        withExtendedLifetime(copy) {}
        withExtendedLifetime(secinfo) {}
        guard result == 0 else { throw Self.ioctlError("SGX_IOC_ENCLAVE_ADD_PAGES (EADD at offset 0x\(String(offset, radix: 16)))", result) }
        added.append(AddedRange(offset: offset, length: UInt64(contents.count), secInfoFlags: secInfoFlags))
    }

    public mutating func initialize(sigstruct: Sigstruct) throws(SGXError) {
        precondition(fd >= 0 && !initialized, "initialize needs a created, uninitialised enclave")
        let driver = self.system, device = fd
        if attributes.flags.contains(.provisionKey) {
            let provision = driver.open(provisionDevicePath)
            guard provision >= 0 else { throw Self.openError(provisionDevicePath, Errno(-provision)) }
            defer { driver.close(provision) }
            var provisionArgument = csgx_enclave_provision_t(fd: UInt64(provision))
            let result = withUnsafeMutableBytes(of: &provisionArgument) { driver.ioctl(device, DriverUAPI.enclaveProvision, $0.baseAddress!) }
            guard result == 0 else { throw Self.ioctlError("SGX_IOC_ENCLAVE_PROVISION", result) }
        }
        let sigstructPage = PageBuffer(copying: sigstruct.bytes)
        var argument = csgx_enclave_init_t(sigstruct: sigstructPage.address)
        let result = withExtendedLifetime(sigstructPage) {
            withUnsafeMutableBytes(of: &argument) { driver.ioctl(device, DriverUAPI.enclaveInit, $0.baseAddress!) }
        }
        guard result == 0 else { throw Self.einitError(result) }
        for range in added {
            let mapping = DriverPlan.mapping(offset: range.offset, length: range.length, secInfoFlags: range.secInfoFlags)
            let mapped = driver.mapDevice(address: base + mapping.offset, length: mapping.length,
                                          read: mapping.read, write: mapping.write, execute: mapping.execute, fd: device)
            guard mapped == 0 else {
                throw SGXError(.memoryMapFailure, "mmap of /dev/sgx_enclave over 0x\(String(base + mapping.offset, radix: 16)) (+\(mapping.length) bytes) failed: \(Errno(-mapped).message)")
            }
        }
        initialized = true
    }

    public func enter(tcsOffset: UInt64, op: UInt64, argument: UInt64, untrustedStack: UInt64) throws(SGXError) -> EnclaveExit {
        precondition(initialized, "enter needs an initialised enclave")
        return try VDSOEntry.enter(vdsoFunction: vdsoEnter, tcs: base + tcsOffset, rdi: op, rsi: argument, rdx: untrustedStack)
    }

    public mutating func destroy() {
        if base != 0 { system.unmap(address: base, length: size) }
        if fd >= 0 { system.close(fd) }
        base = 0
        size = 0
        fd = -1
        initialized = false
    }

    deinit {
        if base != 0 { system.unmap(address: base, length: size) }
        if fd >= 0 { system.close(fd) }
    }

    // MARK: - Helpers

    /// The error for a failed `open` of an SGX device.
    static func openError(_ path: String, _ errno: Errno) -> SGXError {
        switch errno {
        case .noSuchFile, .noDevice, .noDeviceOrAddress:
            return SGXError(.noDevice, "\(path) does not exist: this machine has no usable SGX (check `swift-sgx doctor`: SGX enabled in the BIOS, Linux 5.11 or later with CONFIG_X86_SGX, Flexible Launch Control)")
        case .accessDenied, .permissionDenied:
            return SGXError(.noDevice, "permission denied opening \(path): add your user to the group that owns it (usually `sgx`; `ls -l \(path)`), then log in again")
        default:
            return SGXError(.noDevice, "cannot open \(path): \(errno.message)")
        }
    }

    /// The error for a failed driver ioctl (`result` is -errno).
    static func ioctlError(_ what: String, _ result: Int) -> SGXError {
        let errno = Errno(Int32(truncatingIfNeeded: -result))
        switch errno {
        case .outOfMemory:
            return SGXError(.outOfEPC, "\(what): out of EPC or kernel memory (ENOMEM)")
        case .invalidArgument:
            return SGXError(.invalidParameter, "\(what): the kernel rejected the arguments (EINVAL)")
        case .permissionDenied, .accessDenied:
            return SGXError(.invalidAttribute, "\(what): not permitted (\(errno.message)); the PROVISIONKEY attribute needs access to \(DriverUAPI.provisionDevicePath)")
        case .notTTY:
            return SGXError(.noDevice, "\(what): the device does not support this request (ENOTTY): not the in-kernel SGX driver")
        case .busy:
            return SGXError(.invalidState, "\(what): the enclave is busy or already initialised (EBUSY)")
        case .badAddress:
            return SGXError(.invalidParameter, "\(what): the kernel could not read an argument (EFAULT)")
        case .ioError:
            return SGXError(.unexpected, "\(what): the SGX instruction faulted (EIO)")
        default:
            return SGXError(.unexpected, "\(what) failed: \(errno.message)")
        }
    }

    /// The error for a failed EINIT: the kernel returns -EPERM for any EINIT error code
    /// (older driver versions returned the SGX error code itself, which is decoded too).
    static func einitError(_ result: Int) -> SGXError {
        let what = "SGX_IOC_ENCLAVE_INIT (EINIT)"
        if result > 0 {
            switch result {
            case 1: return SGXError(.invalidSignature, "\(what): SIGSTRUCT is malformed (SGX_INVALID_SIG_STRUCT)")
            case 2: return SGXError(.invalidAttribute, "\(what): the enclave's attributes do not match the SIGSTRUCT (SGX_INVALID_ATTRIBUTE)")
            case 4: return SGXError(.invalidSignature, "\(what): the pages do not measure to the SIGSTRUCT's ENCLAVEHASH (SGX_INVALID_MEASUREMENT)")
            case 8: return SGXError(.invalidSignature, "\(what): the SIGSTRUCT signature does not verify (SGX_INVALID_SIGNATURE)")
            case 16: return SGXError(.serviceUnavailable, "\(what): the platform wants a launch token (SGX_INVALID_EINITTOKEN): Flexible Launch Control is off or locked to another signer")
            case 32: return SGXError(.invalidCPUSVN, "\(what): SGX_INVALID_CPUSVN")
            case 64: return SGXError(.invalidISVSVN, "\(what): SGX_INVALID_ISVSVN")
            default: return SGXError(.unexpected, "\(what): EINIT returned SGX error code \(result)")
            }
        }
        if Errno(Int32(truncatingIfNeeded: -result)) == .permissionDenied {
            return SGXError(.invalidSignature, "\(what): EINIT refused the enclave (EPERM): a SIGSTRUCT that does not match the pages or attributes, or a signer the launch control policy does not allow (see the kernel log with sgx debug output)")
        }
        return ioctlError(what, result)
    }
}
