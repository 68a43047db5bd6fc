import CSGXHost
import SGXSign
import SGXTypes
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The loaded enclave behind an ``Enclave`` owner: its memory, its state shared with the
/// C simulation layer (`sgx_host_enclave_t`), and its OCALL table.
final class EnclaveInstance: @unchecked Sendable {
    let state: UnsafeMutablePointer<sgx_host_enclave_t>
    let identity: EnclaveIdentity
    let layout: EnclaveLayout
    let ocalls: OCallTable
    let output: @Sendable (UnsafeRawBufferPointer) -> Void
    /// Host state of the runtime OCALLs (thread events, files): RuntimeOCalls.swift.
    let runtimeServices: RuntimeServices
    /// The generated decoders of the runtime OCALLs (table index = OCALL index - base),
    /// set once before the first entry.
    private(set) var runtimeOCalls = OCallTable()
    private let base: UnsafeMutableRawPointer
    private let destroyed = Atomic<Bool>(false)

    init(layout: EnclaveLayout, identity: EnclaveIdentity, ocalls: OCallTable,
         output: @escaping @Sendable (UnsafeRawBufferPointer) -> Void) throws(SGXError) {
        self.layout = layout
        self.identity = identity
        self.ocalls = ocalls
        self.output = output
        runtimeServices = RuntimeServices(tcsCount: Int(layout.config.tcsCount))
        let size = layout.enclaveSize
        guard let base = sgx_host_reserve(size, size) else {
            throw SGXError(.outOfEPC, "cannot reserve \(size) bytes of address space for the enclave (errno \(sgx_host_last_errno()))")
        }
        self.base = base
        state = .allocate(capacity: 1)
        state.initialize(to: sgx_host_enclave_t())
        do {
            try Self.populate(base: base, layout: layout)
        } catch {
            _ = sgx_host_release(base, size)
            state.deallocate()
            throw error
        }
        runtimeOCalls = SwiftSGXRuntime.ocallTable(RuntimeOCallHost(instance: self))
        state.pointee.base = UInt64(UInt(bitPattern: base))
        state.pointee.size = size
        state.pointee.entry = UInt64(UInt(bitPattern: base)) + layout.image.entry
        state.pointee.first_tcs = UInt64(UInt(bitPattern: base)) + layout.tcsOffsets[0]
        state.pointee.tcs_stride = layout.tcsStride
        state.pointee.thread_data_delta = layout.threadDataOffsets[0] - layout.tcsOffsets[0]
        state.pointee.tcs_count = layout.config.tcsCount
        state.pointee.bound_policy = layout.config.tcsPolicy == .bound ? 1 : 0
        state.pointee.slot = -1
        sgx_host_tcs_reset(state)
        guard sgx_host_register(state) == 0 else {
            _ = sgx_host_release(base, size)
            state.deallocate()
            throw SGXError(.outOfEPC, "too many enclaves loaded in this process")
        }
        // Initialise: the enclave relocates itself and sets up its heap.
        do {
            // The frame carries the host's CPUID values: the enclave cannot run CPUID.
            var features = sgx_host_cpu_features_t()
            sgx_host_cpu_features(&features)
            try withUnsafeMutablePointer(to: &features) { (pointer) throws(SGXError) in
                try call(EnclaveABI.opInit, frame: UnsafeMutableRawPointer(pointer))
            }
        } catch {
            destroy()
            throw error
        }
    }

    /// Copies each region's pages in and sets the page permissions EADD's SECINFO gives.
    private static func populate(base: UnsafeMutableRawPointer, layout: EnclaveLayout) throws(SGXError) {
        let pageSize = Int(EnclaveLayout.pageSize)
        for region in layout.regions {
            let start = base + Int(region.offset)
            let length = Int(region.size)
            guard sgx_host_protect(start, UInt64(length), 1, 1, 0) == 0 else {
                throw SGXError(.memoryMapFailure, "mprotect failed (errno \(sgx_host_last_errno()))")
            }
            switch region.content {
            case .zero: break // fresh anonymous memory is already zero
            default:
                for index in 0..<region.pageCount {
                    let bytes = layout.pageBytes(region, pageIndex: index)
                    bytes.withUnsafeBytes { source in
                        (start + Int(index) * pageSize).copyMemory(from: source.baseAddress!, byteCount: pageSize)
                    }
                }
            }
            // EPCM permissions: a TCS page has none (enclave code cannot touch its TCS; only
            // EENTER reads it, and the simulated EENTER takes OENTRY/OGSBASE from the layout).
            let flags = region.secInfoFlags
            let isTCS = flags & 0xff00 == EnclaveLayout.pageTypeTCS
            let read: Int32 = !isTCS && flags & 1 != 0 ? 1 : 0
            let write: Int32 = flags & 2 != 0 ? 1 : 0
            let execute: Int32 = flags & 4 != 0 ? 1 : 0
            guard sgx_host_protect(start, UInt64(length), read, write, execute) == 0 else {
                throw SGXError(.memoryMapFailure, "mprotect failed (errno \(sgx_host_last_errno()))")
            }
        }
    }

    var isCrashed: Bool { state.pointee.crashed != 0 }

    var crashReason: String? {
        isCrashed ? EnclaveABI.CrashReason.describe(state.pointee.crash_reason) : nil
    }
    /// The faulting data address (`si_addr`) when a hardware fault crashed the enclave.
    var crashAddress: UInt64? { isCrashed && state.pointee.crash_reason & 0x100 != 0 ? state.pointee.crash_address : nil }

    func isOutside(_ pointer: UnsafeRawPointer?, count: Int) -> Bool {
        let start = UInt64(UInt(bitPattern: pointer))
        let (end, overflow) = start.addingReportingOverflow(UInt64(max(count, 1)))
        if overflow { return false }
        return end <= state.pointee.base || start >= state.pointee.base + state.pointee.size
    }

    /// One ECALL (or INIT) through the simulation layer.
    @inline(__always)
    func call(_ op: UInt64, frame: UnsafeMutableRawPointer?) throws(SGXError) {
        var status: UInt32 = 0
        let context = Unmanaged.passUnretained(self).toOpaque()
        let exit = sgx_host_call(state, op, UInt64(UInt(bitPattern: frame)), ocallThunk, context, &status)
        if exit == SGX_HOST_EXIT_RETURN && status == 0 { return }
        try raise(exit: exit, status: status)
    }

    private func raise(exit: Int32, status: UInt32) throws(SGXError) {
        switch exit {
        case SGX_HOST_EXIT_RETURN:
            let known = SGXStatus(rawValue: status) ?? .unexpected
            throw SGXError(known, known == .unexpected && status != 1 ? "enclave returned status 0x\(String(status, radix: 16))" : "")
        case SGX_HOST_EXIT_CRASH:
            throw SGXError(.enclaveCrashed, crashReason ?? "enclave crashed")
        case SGX_HOST_EXIT_OUT_OF_TCS:
            throw SGXError(.outOfTCS, "all \(layout.config.tcsCount) TCSs are in use")
        case SGX_HOST_EXIT_TCS_BUSY:
            throw SGXError(.invalidState, "EENTER on a busy TCS (the hardware raises #GP)")
        default:
            throw SGXError(.outOfMemory, "no untrusted stack for this thread (nesting too deep or out of memory)")
        }
    }

    /// Runs the OCALL `index` with its untrusted frame.
    func dispatchOCall(_ index: UInt32, frame: UInt64) -> UInt32 {
        let pointer = UnsafeMutableRawPointer(bitPattern: UInt(frame))
        if index >= EnclaveABI.runtimeOCallBase { return runtimeOCall(index, frame: pointer) }
        guard let handler = ocalls[Int(index)] else { return SGXStatus.invalidFunction.rawValue }
        return handler(OCall(frame: pointer, instance: self))
    }

    private func runtimeOCall(_ index: UInt32, frame: UnsafeMutableRawPointer?) -> UInt32 {
        if let answer = interceptedRuntimeOCall(index, frame: frame) { return answer }
        return runtimeOCallUnintercepted(index, frame: frame)
    }

    /// A runtime OCALL through its generated decoder (SwiftSGXRuntime+Untrusted.swift).
    func runtimeOCallUnintercepted(_ index: UInt32, frame: UnsafeMutableRawPointer?) -> UInt32 {
        guard let handler = runtimeOCalls[Int(index - EnclaveABI.runtimeOCallBase)] else {
            return SGXStatus.invalidFunction.rawValue
        }
        return handler(OCall(frame: frame, instance: self))
    }

    /// Unmaps the enclave. The owner calls it once, when no ECALL can be running.
    func destroy() {
        guard !destroyed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        sgx_host_unregister(state)
        _ = sgx_host_release(base, state.pointee.size)
    }

    deinit {
        destroy()
        state.deallocate()
    }
}

private let ocallThunk: sgx_host_ocall_fn = { context, index, frame in
    // `context` is the instance whose `call` is running (it holds a reference for the whole
    // ECALL), so it can be used without retaining it again on every OCALL.
    Unmanaged<EnclaveInstance>.fromOpaque(context!)._withUnsafeGuaranteedRef { $0.dispatchOCall(index, frame: frame) }
}
