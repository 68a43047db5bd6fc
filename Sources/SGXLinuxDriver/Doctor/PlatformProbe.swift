internal import CSGXLinuxDriver
import SGXTypes

/// What `swift-sgx doctor` looks at, behind a protocol so that its conclusions can be
/// tested for machines this project does not have. ``LivePlatformProbe`` asks this machine.
public protocol PlatformProbe {
    /// CPUID(leaf, subleaf), nil above the highest basic leaf.
    func cpuid(leaf: UInt32, subleaf: UInt32) -> CPUIDRegisters?
    /// Whether `path` exists, and whether this user may read and write it.
    func access(_ path: String) -> DeviceAccess
    /// `__vdso_sgx_enter_enclave`'s presence, or why it is absent.
    func vdsoSGXEntry() -> Result<UInt64, SGXError>
    /// Whether the shared library `name` loads (`dlopen`).
    func libraryLoads(_ name: String) -> Bool
}

/// Existence and permissions of a device node for this user (`access(2)`).
public struct DeviceAccess: Sendable, Hashable {
    public var exists: Bool
    public var readable: Bool
    public var writable: Bool

    public init(exists: Bool, readable: Bool, writable: Bool) {
        self.exists = exists
        self.readable = readable
        self.writable = writable
    }
}

/// This machine.
public struct LivePlatformProbe: PlatformProbe {
    public init() {}

    public func cpuid(leaf: UInt32, subleaf: UInt32) -> CPUIDRegisters? { CPUID.query(leaf: leaf, subleaf: subleaf) }

    public func access(_ path: String) -> DeviceAccess {
        DeviceAccess(exists: csgx_access(path, 0) == 0, readable: csgx_access(path, 4) == 0, writable: csgx_access(path, 2) == 0)
    }

    public func vdsoSGXEntry() -> Result<UInt64, SGXError> {
        do throws(SGXError) { return .success(try VDSO.sgxEnterEnclave()) } catch { return .failure(error) }
    }

    public func libraryLoads(_ name: String) -> Bool { csgx_library_loads(name) == 1 }
}
