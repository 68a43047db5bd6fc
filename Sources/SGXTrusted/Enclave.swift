/// Services of the enclave itself: where it is, how much heap it has, and its end.
public enum Enclave {
    /// True when `[pointer, pointer + count)` lies wholly inside the enclave.
    public static func isWithin(_ pointer: UnsafeRawPointer?, count: Int) -> Bool {
        sgx_is_within_enclave(pointer, count) != 0
    }

    /// True when `[pointer, pointer + count)` lies wholly outside the enclave.
    public static func isOutside(_ pointer: UnsafeRawPointer?, count: Int) -> Bool {
        sgx_is_outside_enclave(pointer, count) != 0
    }

    /// How the current ECALL was entered: `nil` for a top-level ECALL, or the index of
    /// the OCALL inside which the host made this nested ECALL. EDL bridges use it to
    /// enforce `public` and `allow(...)`.
    public static var pendingOCall: UInt32? {
        var pending: UInt32 = 0
        return sgx_ecall_nesting(&pending) > 1 ? pending : nil
    }

    /// This thread's `errno` (per TCS), which `propagate_errno` OCALLs set from the host.
    public static var errno: Int32 {
        get { sgx_errno_location().pointee }
        set { sgx_errno_location().pointee = newValue }
    }

    /// Heap statistics of the enclave's allocator.
    public struct HeapStatistics {
        public var size: UInt64
        public var inUse: UInt64
        public var peak: UInt64
        public var allocations: UInt64
    }

    public static var heap: HeapStatistics {
        var raw: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutablePointer(to: &raw) { pointer in
            pointer.withMemoryRebound(to: UInt64.self, capacity: 4) { sgx_heap_stats($0) }
        }
        return HeapStatistics(size: raw.0, inUse: raw.1, peak: raw.2, allocations: raw.3)
    }

    /// Ends the enclave for good: every thread leaves, the host sees `enclaveCrashed`.
    public static func abort() -> Never {
        sgx_crash(2)
        while true {}
    }
}

/// Cryptographically strong random bytes from the CPU (RDRAND, retried; the enclave ends
/// if the CPU refuses).
public func randomBytes(_ count: Int) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
        if count > 0 { sgx_read_rand(buffer.baseAddress!, count) }
        initialized = count
    }
}

/// OCALL `index` with a `frameSize`-byte frame on the untrusted stack: `prepare` fills
/// the frame, the host runs the OCALL, `complete` reads the results (host-controlled
/// data: check it) given the host's status. The frame is released afterwards.
public func ocall<R>(_ index: UInt32, frameSize: Int, prepare: (UntrustedBuffer) -> Void,
                     complete: (UInt32, UntrustedBuffer?) -> R) -> R {
    let mark = sgx_ocalloc_mark()
    defer { sgx_ocalloc_release(mark) }
    guard let raw = sgx_ocalloc(frameSize), let frame = UntrustedBuffer(raw, count: frameSize) else {
        return complete(0x0003, nil) // SGX_ERROR_OUT_OF_MEMORY
    }
    prepare(frame)
    return complete(sgx_ocall(index, raw), frame)
}
