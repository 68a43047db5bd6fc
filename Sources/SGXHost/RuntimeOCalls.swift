import SGXTypes
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Host state behind the SDK's runtime OCALLs for SGXTrusted: one event per TCS for
/// sleeping enclave threads, and the tables of host files and sockets enclave code opened.
final class RuntimeServices: @unchecked Sendable {
    let tcsCount: Int
    private let events: [ThreadEvent]
    private let files = Mutex<FileTable>(FileTable())
    private let sockets = Mutex<FileTable>(FileTable())
    let interceptor = Mutex<RuntimeOCallInterceptor?>(nil)

    /// Most host files (and, separately, sockets) one enclave may hold open at once.
    static let maxOpenFiles = 256
    /// Longest a wait OCALL sleeps before returning anyway (the enclave re-checks).
    static let maxWaitNanoseconds = 200_000_000

    struct FileTable {
        var next: UInt64 = 1
        var open: [UInt64: Int32] = [:]
    }

    init(tcsCount: Int) {
        self.tcsCount = tcsCount
        events = (0..<tcsCount).map { _ in ThreadEvent() }
    }

    deinit {
        Self.closeAll(files)
        Self.closeAll(sockets)
    }

    private static func closeAll(_ table: borrowing Mutex<FileTable>) {
        table.withLock { table in
            for fd in table.open.values { _ = Glibc.close(fd) }
            table.open.removeAll()
        }
    }

    func event(_ index: UInt64) -> ThreadEvent? {
        index < UInt64(tcsCount) ? events[Int(index)] : nil
    }

    func addFile(_ fd: Int32) -> UInt64? { Self.add(fd, to: files) }

    func addSocket(_ fd: Int32) -> UInt64? { Self.add(fd, to: sockets) }

    func socket(_ handle: UInt64) -> Int32? { sockets.withLock { $0.open[handle] } }

    func removeSocket(_ handle: UInt64) -> Int32? { sockets.withLock { $0.open.removeValue(forKey: handle) } }

    private static func add(_ fd: Int32, to table: borrowing Mutex<FileTable>) -> UInt64? {
        table.withLock { table in
            guard table.open.count < Self.maxOpenFiles else { return nil }
            let handle = table.next
            table.next += 1
            table.open[handle] = fd
            return handle
        }
    }

    func file(_ handle: UInt64) -> Int32? { files.withLock { $0.open[handle] } }

    func removeFile(_ handle: UInt64) -> Int32? { files.withLock { $0.open.removeValue(forKey: handle) } }
}

/// A sticky event: `set` makes the next (or current) `wait` return; like the untrusted
/// event Intel's runtime keeps per enclave thread.
final class ThreadEvent: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var isSet = false

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        condition.deallocate()
    }

    /// Waits until set (then clears it), or until `nanoseconds` have passed.
    func wait(nanoseconds: Int) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var total = Int(now.tv_nsec) + nanoseconds
        var deadline = timespec(tv_sec: now.tv_sec + total / 1_000_000_000, tv_nsec: 0)
        total %= 1_000_000_000
        deadline.tv_nsec = total
        pthread_mutex_lock(mutex)
        while !isSet {
            if pthread_cond_timedwait(condition, mutex, &deadline) == ETIMEDOUT { break }
        }
        isSet = false
        pthread_mutex_unlock(mutex)
    }

    func set() {
        pthread_mutex_lock(mutex)
        isSet = true
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
    }
}

/// The host's implementation of the SDK's runtime OCALLs (`SGXTrusted/Runtime/
/// swift_sgx_runtime.edl`); the generated `SwiftSGXRuntime.ocallTable` decodes and checks
/// each frame (every pointer wholly outside the enclave, sizes without overflow) before a
/// method here runs. Lengths are bounded again here, and bad handles or TCS indices are
/// answered with an error value, never trusted.
struct RuntimeOCallHost: SwiftSGXRuntimeOCalls {
    unowned let instance: EnclaveInstance

    var services: RuntimeServices { instance.runtimeServices }

    /// A path the host acts on: non-empty and at most `EnclaveABI.maxPathLength` bytes.
    static func isAcceptable(_ path: String) -> Bool {
        !path.isEmpty && path.utf8.count <= EnclaveABI.maxPathLength
    }

    func sgx_ocall_print(_ data: [UInt8], _ length: Int) {
        data.withUnsafeBytes { instance.output($0) }
    }

    func sgx_ocall_thread_wait(_ tcs_index: UInt64) -> UInt32 {
        guard let event = services.event(tcs_index) else { return SGXStatus.invalidParameter.rawValue }
        event.wait(nanoseconds: RuntimeServices.maxWaitNanoseconds)
        return 0
    }

    func sgx_ocall_thread_wake(_ tcs_index: UInt64) -> UInt32 {
        guard let event = services.event(tcs_index) else { return SGXStatus.invalidParameter.rawValue }
        event.set()
        return 0
    }

    func sgx_ocall_thread_wake_multiple(_ tcs_indices: [UInt64], _ count: Int) -> UInt32 {
        guard count <= 4096 else { return SGXStatus.invalidParameter.rawValue }
        let events = tcs_indices.compactMap { services.event($0) }
        guard events.count == tcs_indices.count else { return SGXStatus.invalidParameter.rawValue }
        for event in events { event.set() }
        return 0
    }

    func sgx_ocall_clock(_ wall_nanoseconds: inout UInt64, _ monotonic_nanoseconds: inout UInt64) {
        var wall = timespec(), monotonic = timespec()
        clock_gettime(CLOCK_REALTIME, &wall)
        clock_gettime(CLOCK_MONOTONIC, &monotonic)
        wall_nanoseconds = UInt64(wall.tv_sec) &* 1_000_000_000 &+ UInt64(wall.tv_nsec)
        monotonic_nanoseconds = UInt64(monotonic.tv_sec) &* 1_000_000_000 &+ UInt64(monotonic.tv_nsec)
    }

    func sgx_ocall_file_open(_ path: String, _ mode: UInt32) -> Int64 {
        guard Self.isAcceptable(path) else { return -Int64(EINVAL) }
        let flags: Int32
        switch mode {
        case 0: flags = O_RDONLY
        case 1: flags = O_WRONLY | O_CREAT | O_TRUNC
        case 2: flags = O_WRONLY | O_CREAT | O_APPEND
        case 3: flags = O_RDWR | O_CREAT
        case 4: flags = O_RDWR
        case 5: flags = O_RDWR | O_CREAT | O_TRUNC
        default: return -Int64(EINVAL)
        }
        let fd = Glibc.open(path, flags | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return -Int64(errno) }
        guard let handle = services.addFile(fd) else {
            _ = Glibc.close(fd)
            return -Int64(EMFILE)
        }
        return Int64(handle)
    }

    func sgx_ocall_file_read(_ handle: UInt64, _ buffer: inout [UInt8], _ capacity: Int) -> Int64 {
        guard capacity <= EnclaveABI.fileChunkSize, buffer.count == capacity else { return -Int64(EINVAL) }
        guard let fd = services.file(handle) else { return -Int64(EBADF) }
        let done = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, capacity) }
        return done >= 0 ? Int64(done) : -Int64(errno)
    }

    func sgx_ocall_file_write(_ handle: UInt64, _ data: [UInt8], _ length: Int) -> Int64 {
        guard length <= EnclaveABI.fileChunkSize, data.count == length else { return -Int64(EINVAL) }
        guard let fd = services.file(handle) else { return -Int64(EBADF) }
        let done = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, length) }
        return done >= 0 ? Int64(done) : -Int64(errno)
    }

    func sgx_ocall_file_read_at(_ handle: UInt64, _ offset: UInt64, _ buffer: inout [UInt8], _ capacity: Int) -> Int64 {
        guard capacity <= EnclaveABI.fileChunkSize, buffer.count == capacity, offset <= UInt64(Int64.max) else { return -Int64(EINVAL) }
        guard let fd = services.file(handle) else { return -Int64(EBADF) }
        let done = buffer.withUnsafeMutableBytes { Glibc.pread(fd, $0.baseAddress, capacity, off_t(offset)) }
        return done >= 0 ? Int64(done) : -Int64(errno)
    }

    func sgx_ocall_file_write_at(_ handle: UInt64, _ offset: UInt64, _ data: [UInt8], _ length: Int) -> Int64 {
        guard length <= EnclaveABI.fileChunkSize, data.count == length, offset <= UInt64(Int64.max) else { return -Int64(EINVAL) }
        guard let fd = services.file(handle) else { return -Int64(EBADF) }
        let done = data.withUnsafeBytes { Glibc.pwrite(fd, $0.baseAddress, length, off_t(offset)) }
        return done >= 0 ? Int64(done) : -Int64(errno)
    }

    func sgx_ocall_file_size(_ handle: UInt64) -> Int64 {
        guard let fd = services.file(handle) else { return -Int64(EBADF) }
        var info = stat()
        return fstat(fd, &info) == 0 ? Int64(info.st_size) : -Int64(errno)
    }

    func sgx_ocall_file_truncate(_ handle: UInt64, _ size: UInt64) -> Int64 {
        guard size <= UInt64(Int64.max) else { return -Int64(EINVAL) }
        guard let fd = services.file(handle) else { return -Int64(EBADF) }
        return ftruncate(fd, off_t(size)) == 0 ? 0 : -Int64(errno)
    }

    func sgx_ocall_file_sync(_ handle: UInt64) -> Int64 {
        guard let fd = services.file(handle) else { return -Int64(EBADF) }
        return fsync(fd) == 0 ? 0 : -Int64(errno)
    }

    func sgx_ocall_file_close(_ handle: UInt64) -> Int64 {
        guard let fd = services.removeFile(handle) else { return -Int64(EBADF) }
        return Glibc.close(fd) == 0 ? 0 : -Int64(errno)
    }

    func sgx_ocall_file_remove(_ path: String) -> Int64 {
        guard Self.isAcceptable(path) else { return -Int64(EINVAL) }
        return unlink(path) == 0 ? 0 : -Int64(errno)
    }

    func sgx_ocall_simulated_enclu(_ leaf: UInt32, _ request: [UInt8], _ report_data: [UInt8],
                                   _ output: inout [UInt8], _ output_size: Int) -> UInt32 {
        instance.simulatedENCLU(leaf: leaf, request: request, reportData: report_data, output: &output)
    }

    func sgx_ocall_qe_target_info(_ target_info: inout [UInt8]) -> UInt32 {
        instance.quotingEnclaveTargetInfo(&target_info)
    }

    func sgx_ocall_qe_quote(_ report: [UInt8], _ quote: inout [UInt8], _ capacity: Int, _ quote_length: inout UInt64) -> UInt32 {
        instance.simulatedQuote(report: report, into: &quote, length: &quote_length)
    }
}
