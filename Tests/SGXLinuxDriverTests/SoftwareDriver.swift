import CSGXLinuxDriver
import SGXImage
import SGXTypes
import Synchronization
@testable import SGXLinuxDriver

/// A software double of the Linux SGX driver for tests on machines without SGX: it reads
/// the arguments of each ioctl from the memory the loader passes, as the kernel does, and
/// measures what the CPU would measure (ECREATE from the SECS page, EADD with the SECINFO
/// flags, EEXTEND of the page bytes under SGX_PAGE_MEASURE). EINIT succeeds only when the
/// SIGSTRUCT's ENCLAVEHASH equals that measurement (otherwise -EPERM, as the kernel).
/// Nothing is entered: the vDSO address it reports is a dummy.
final class SoftwareDriver: DriverSystem, @unchecked Sendable {
    enum Call: Equatable {
        case open(String)
        case reserve(size: UInt64, alignment: UInt64)
        case create(size: UInt64, base: UInt64, ssaFrameSize: UInt32, attributes: UInt64)
        case addPages(offset: UInt64, length: UInt64, secInfoFlags: UInt64, measured: Bool)
        case provision
        case initialize(enclaveHash: [UInt8])
        case map(offset: UInt64, length: UInt64, read: Bool, write: Bool, execute: Bool)
        case unmap(address: UInt64, length: UInt64)
        case close(Int32)
    }

    struct State {
        var calls: [Call] = []
        var builder = MeasurementBuilder()
        var base: UInt64 = 0
        var openFDs: Set<Int32> = []
        var measurement: [UInt8] = []
    }

    let state = Mutex(State())
    /// errno to fail `open` with, per path.
    var openErrors: [String: Errno] = [:]
    /// -errno results to return instead of running a request.
    var ioctlErrors: [UInt: Int] = [:]
    /// Make each ADD_PAGES call stop after this many pages with EINTR (as a pending signal does).
    var pagesPerCall: UInt64 = .max
    private var nextFD: Int32 = 10

    var calls: [Call] { state.withLock { $0.calls } }
    var openDescriptors: Set<Int32> { state.withLock { $0.openFDs } }

    func open(_ path: String) -> Int32 {
        if let error = openErrors[path] { return -error.rawValue }
        return state.withLock { state in
            state.calls.append(.open(path))
            nextFD += 1
            state.openFDs.insert(nextFD)
            return nextFD
        }
    }

    func close(_ fd: Int32) {
        state.withLock { state in
            state.calls.append(.close(fd))
            state.openFDs.remove(fd)
        }
    }

    func reserve(size: UInt64, alignment: UInt64) -> Result<UInt64, Errno> {
        state.withLock { $0.calls.append(.reserve(size: size, alignment: alignment)) }
        return .success(0x7000_0000_0000 & ~(alignment - 1)) // address space only: never touched
    }

    func mapDevice(address: UInt64, length: UInt64, read: Bool, write: Bool, execute: Bool, fd: Int32) -> Int32 {
        state.withLock { state in
            state.calls.append(.map(offset: address - state.base, length: length, read: read, write: write, execute: execute))
        }
        return 0
    }

    func unmap(address: UInt64, length: UInt64) {
        state.withLock { $0.calls.append(.unmap(address: address, length: length)) }
    }

    func sgxEnterEnclaveAddress() throws(SGXError) -> UInt64 { 0xdead_0000 }

    func ioctl(_ fd: Int32, _ request: UInt, _ argument: UnsafeMutableRawPointer) -> Int {
        if let error = ioctlErrors[request] { return error }
        return state.withLock { state -> Int in
            switch request {
            case DriverUAPI.enclaveCreate:
                let create = argument.load(as: csgx_enclave_create_t.self)
                let secsBytes = [UInt8](UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: UInt(create.src)), count: 4096))
                guard let secs = try? SECS(bytes: secsBytes) else { return -22 }
                state.base = secs.baseAddress
                state.builder.ecreate(ssaFrameSize: secs.ssaFrameSize, enclaveSize: secs.size)
                state.calls.append(.create(size: secs.size, base: secs.baseAddress, ssaFrameSize: secs.ssaFrameSize,
                                           attributes: secs.attributes.flags.rawValue))
                return 0
            case DriverUAPI.enclaveAddPages:
                var add = argument.load(as: csgx_enclave_add_pages_t.self)
                guard add.src % 4096 == 0, add.offset % 4096 == 0, add.length % 4096 == 0, add.length > 0 else { return -22 }
                let flags = UnsafeRawPointer(bitPattern: UInt(add.secinfo))!.load(as: UInt64.self)
                let pages = min(add.length / 4096, pagesPerCall)
                for index in 0..<pages {
                    let offset = add.offset + index * 4096
                    state.builder.eadd(offset: offset, secInfoFlags: flags)
                    if add.flags & 1 != 0 {
                        let page = UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: UInt(add.src + index * 4096)), count: 4096)
                        state.builder.eextendPage(offset: offset, page: page)
                    }
                }
                state.calls.append(.addPages(offset: add.offset, length: pages * 4096, secInfoFlags: flags, measured: add.flags & 1 != 0))
                add.count = pages * 4096
                argument.storeBytes(of: add, as: csgx_enclave_add_pages_t.self)
                return pages * 4096 < add.length ? -4 /* EINTR */ : 0
            case DriverUAPI.enclaveProvision:
                state.calls.append(.provision)
                return 0
            case DriverUAPI.enclaveInit:
                let initArgument = argument.load(as: csgx_enclave_init_t.self)
                let bytes = [UInt8](UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: UInt(initArgument.sigstruct)), count: 1808))
                guard let sigstruct = try? Sigstruct(bytes: bytes) else { return -22 }
                state.measurement = state.builder.finalize()
                state.calls.append(.initialize(enclaveHash: sigstruct.enclaveHash))
                return sigstruct.enclaveHash == state.measurement ? 0 : -1 // EPERM
            default:
                return -25 // ENOTTY
            }
        }
    }
}
