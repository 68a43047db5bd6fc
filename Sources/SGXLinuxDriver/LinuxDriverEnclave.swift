internal import CSGXLinuxDriver
import SGXImage
import SGXTypes
import Synchronization

/// An enclave loaded through the Linux in-kernel SGX driver: the owner of its device file,
/// ELRANGE, TCSs and untrusted OCALL stacks. Not copyable; the end of its lifetime destroys
/// the enclave (`munmap` + `close`, the kernel frees the EPC pages).
///
/// Loading lays the image out with the same ``SGXImage/EnclaveLayout`` the simulator and
/// `swift-sgx measure` use, turns it into a ``DriverPlan`` and executes it on a
/// ``LinuxDriverBackEnd``: CREATE, ADD_PAGES (measured exactly where the layout measures),
/// INIT with the image's SIGSTRUCT, mmap. ECALLs enter through `__vdso_sgx_enter_enclave`
/// and run OCALLs on the calling thread until the enclave returns.
///
/// - Important: This back end has **not run on SGX hardware** (no machine available to
///   this project has SGX). Its structures are pinned to the kernel's uapi, its page list is
///   tested to be the measured layout, and the loader is tested against a software double
///   of the driver; entering needs real SGX.
public struct LinuxDriverEnclave: ~Copyable {
    let instance: DriverEnclaveInstance

    /// Runs OCALL `index` with the untrusted frame at `frame` and returns its `sgx_status_t`.
    /// `thread` lets the handler make a nested ECALL on the same TCS.
    public typealias OCallHandler = (_ index: UInt32, _ frame: UInt64, _ thread: DriverThread) -> UInt32

    /// Loads a signed hardware-mode enclave image.
    public init(image: [UInt8], system: any DriverSystem = LinuxDriverSystem(),
                devicePath: String = DriverUAPI.enclaveDevicePath) throws(SGXError) {
        let elf = try EnclaveELF(bytes: image)
        guard elf.config.mode == .hardware else {
            throw SGXError(.modeIncompatible, "image was built for simulation mode; the Linux driver only runs images built with --mode hardware")
        }
        guard let raw = elf.embeddedSigstruct else {
            throw SGXError(.invalidSignature, "image is not signed (its SIGSTRUCT slot is empty): run `swift-sgx sign`")
        }
        try self.init(layout: try EnclaveLayout(image: elf), sigstruct: try Sigstruct(bytes: raw),
                      system: system, devicePath: devicePath)
    }

    /// Loads `layout` with `sigstruct` (which must carry the layout's MRENCLAVE).
    public init(layout: EnclaveLayout, sigstruct: Sigstruct, system: any DriverSystem = LinuxDriverSystem(),
                devicePath: String = DriverUAPI.enclaveDevicePath) throws(SGXError) {
        let plan = DriverPlan(layout: layout)
        var backEnd = LinuxDriverBackEnd(system: system, devicePath: devicePath)
        let base: UInt64
        do throws(SGXError) {
            base = try plan.load(into: &backEnd, layout: layout, sigstruct: sigstruct)
        } catch {
            backEnd.destroy()
            throw error
        }
        let instance = DriverEnclaveInstance(backEnd: backEnd, layout: layout, base: base)
        // Initialise: the enclave relocates itself and sets up its heap. The frame carries the
        // host's CPUID values: the enclave cannot run CPUID.
        let features = PageBuffer(copying: CPUFeaturesFrame.current().bytes)
        do throws(SGXError) {
            try instance.call(EnclaveABI.opInit, frame: features.address, thread: nil,
                              ocall: { _, _, _ in SGXStatus.invalidFunction.rawValue })
            withExtendedLifetime(features) {}
        } catch {
            instance.destroy()
            throw error
        }
        self.instance = instance
    }

    /// ECALL `index` with a marshalling frame in untrusted memory; OCALLs go to `ocall`.
    /// Throws the status the enclave returned, `enclaveCrashed` when it died (now or
    /// earlier), `outOfTCS` when every TCS is busy.
    public func ecall(_ index: UInt32, frame: UnsafeMutableRawPointer? = nil,
                      ocall: OCallHandler = { _, _, _ in SGXStatus.invalidFunction.rawValue }) throws(SGXError) {
        guard UInt64(index) <= EnclaveABI.maxECallIndex else {
            throw SGXError(.invalidFunction, "ECALL index \(index) is out of range")
        }
        try instance.call(UInt64(index), frame: UInt64(UInt(bitPattern: frame)), thread: nil, ocall: ocall)
    }

    /// ELRANGE base address.
    public var baseAddress: UInt64 { instance.base }
    /// True once the enclave has crashed; every later ECALL fails with `enclaveCrashed`.
    public var isCrashed: Bool { instance.crash.withLock { $0 != nil } }
    /// Why the enclave crashed, when it has.
    public var crashReason: String? { instance.crash.withLock { $0 } }

    deinit { instance.destroy() }
}

/// A host thread inside one of the enclave's TCSs, handed to OCALL handlers so that a
/// nested ECALL stays on the same TCS (as the runtime requires).
public struct DriverThread: Sendable {
    let tcsIndex: Int
    let depth: Int
    unowned(unsafe) let instance: DriverEnclaveInstance

    /// Nested ECALL `index` from inside an OCALL (allowed by the EDL's `allow()` lists,
    /// which the enclave checks).
    public func ecall(_ index: UInt32, frame: UnsafeMutableRawPointer? = nil,
                      ocall: LinuxDriverEnclave.OCallHandler = { _, _, _ in SGXStatus.invalidFunction.rawValue }) throws(SGXError) {
        try instance.call(UInt64(index), frame: UInt64(UInt(bitPattern: frame)), thread: self, ocall: ocall)
    }
}

/// The state behind a ``LinuxDriverEnclave``: the back end, the TCS pool, untrusted stacks
/// (one 256 KiB area per TCS and nesting depth, made on first use) and the crash record.
final class DriverEnclaveInstance: @unchecked Sendable {
    /// At most this many ECALLs nest inside OCALLs on one TCS.
    static let maxDepth = 32

    private let backEnd: Mutex<LinuxDriverBackEnd?>
    private let enterFunction: UInt64
    let layout: EnclaveLayout
    let base: UInt64
    let crash = Mutex<String?>(nil)
    private let freeTCS: Mutex<[Bool]>
    private let untrustedStacks: Mutex<[Int: UInt64]>

    init(backEnd: consuming LinuxDriverBackEnd, layout: EnclaveLayout, base: UInt64) {
        enterFunction = backEnd.vdsoEnter
        self.backEnd = Mutex(Optional(backEnd))
        self.layout = layout
        self.base = base
        freeTCS = Mutex([Bool](repeating: true, count: layout.tcsOffsets.count))
        untrustedStacks = Mutex([:])
    }

    func call(_ op: UInt64, frame: UInt64, thread: DriverThread?, ocall: LinuxDriverEnclave.OCallHandler) throws(SGXError) {
        if let reason = crash.withLock({ $0 }) { throw SGXError(.enclaveCrashed, reason) }
        let tcsIndex: Int
        let depth: Int
        if let thread {
            guard thread.depth + 1 < Self.maxDepth else {
                throw SGXError(.outOfMemory, "ECALLs nested more than \(Self.maxDepth) deep")
            }
            tcsIndex = thread.tcsIndex
            depth = thread.depth + 1
        } else {
            guard let free = freeTCS.withLock({ (slots: inout [Bool]) -> Int? in
                guard let index = slots.firstIndex(of: true) else { return nil }
                slots[index] = false
                return index
            }) else {
                throw SGXError(.outOfTCS, "all \(layout.tcsOffsets.count) TCSs are in use")
            }
            tcsIndex = free
            depth = 0
        }
        defer { if thread == nil { freeTCS.withLock { $0[tcsIndex] = true } } }
        let stackTop = try untrustedStack(tcs: tcsIndex, depth: depth)
        let me = DriverThread(tcsIndex: tcsIndex, depth: depth, instance: self)
        let tcs = base + layout.tcsOffsets[tcsIndex]
        var outcome = try VDSOEntry.enter(vdsoFunction: enterFunction, tcs: tcs, rdi: op, rsi: frame, rdx: stackTop)
        while true {
            switch outcome {
            case .returned(let status):
                guard status == 0 else {
                    let known = SGXStatus(rawValue: status) ?? .unexpected
                    throw SGXError(known, known == .unexpected && status != 1 ? "enclave returned status 0x\(String(status, radix: 16))" : "")
                }
                return
            case .ocall(let index, let ocallFrame):
                let status = ocall(index, ocallFrame, me)
                if let reason = crash.withLock({ $0 }) { throw SGXError(.enclaveCrashed, reason) }
                outcome = try VDSOEntry.enter(vdsoFunction: enterFunction, tcs: tcs, rdi: EnclaveABI.opOCallReturn,
                                           rsi: UInt64(status), rdx: 0)
            case .crashed(let reason):
                throw markCrashed(EnclaveABI.CrashReason.describe(reason))
            case .exception(let vector, let errorCode, let address):
                throw markCrashed(VDSOEntry.describe(vector: vector, errorCode: errorCode, address: address))
            }
        }
    }

    private func markCrashed(_ reason: String) -> SGXError {
        let first = crash.withLock { (state: inout String?) -> String in
            if state == nil { state = reason }
            return state!
        }
        return SGXError(.enclaveCrashed, first)
    }

    /// The top of the untrusted OCALL stack of `tcs` at nesting `depth` (256 KiB, made once).
    private func untrustedStack(tcs: Int, depth: Int) throws(SGXError) -> UInt64 {
        let key = tcs * Self.maxDepth + depth
        let size = EnclaveABI.untrustedStackSize
        let result = untrustedStacks.withLock { (stacks: inout [Int: UInt64]) -> Int32 in
            if stacks[key] != nil { return 0 }
            var address: UInt64 = 0
            let result = csgx_map_anonymous(size, &address)
            if result == 0 { stacks[key] = address }
            return result
        }
        guard result == 0, let bottom = untrustedStacks.withLock({ $0[key] }) else {
            throw SGXError(.outOfMemory, "cannot map an untrusted OCALL stack: \(Errno(-result).message)")
        }
        return bottom + size
    }

    /// Destroys the enclave and frees the untrusted stacks. The owner calls it once, when no
    /// ECALL can be running.
    func destroy() {
        backEnd.withLock { slot in
            if var owned = slot.take() { owned.destroy() }
        }
        untrustedStacks.withLock { stacks in
            for (_, address) in stacks { _ = csgx_unmap(address, EnclaveABI.untrustedStackSize) }
            stacks.removeAll()
        }
    }
}
