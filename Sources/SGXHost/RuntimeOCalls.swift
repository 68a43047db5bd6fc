import SGXTypes
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Host state behind the SDK's runtime OCALLs for SGXTrusted: one event per TCS for
/// sleeping enclave threads, and the table of host files enclave code opened.
final class RuntimeServices: @unchecked Sendable {
    let tcsCount: Int
    private let events: [ThreadEvent]
    private let files = Mutex<FileTable>(FileTable())
    let interceptor = Mutex<RuntimeOCallInterceptor?>(nil)

    /// Most host files one enclave may hold open at once.
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
        files.withLock { table in
            for fd in table.open.values { _ = Glibc.close(fd) }
            table.open.removeAll()
        }
    }

    func event(_ index: UInt64) -> ThreadEvent? {
        index < UInt64(tcsCount) ? events[Int(index)] : nil
    }

    func addFile(_ fd: Int32) -> UInt64? {
        files.withLock { table in
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

extension EnclaveInstance {
    /// The runtime OCALLs of SGXTrusted's sync primitives and untrusted services. Every
    /// pointer the enclave passes must lie wholly outside the enclave and every length is
    /// bounded; otherwise the answer is `invalidParameter` and nothing is touched.
    func serveRuntimeOCall(_ index: UInt32, frame: UnsafeMutableRawPointer?) -> UInt32 {
        let invalid = SGXStatus.invalidParameter.rawValue
        func fields(_ count: Int) -> UnsafeMutableRawPointer? {
            guard let frame, isOutside(frame, count: count * 8) else { return nil }
            return frame
        }
        func u64(_ frame: UnsafeMutableRawPointer, _ field: Int) -> UInt64 {
            frame.loadUnaligned(fromByteOffset: field * 8, as: UInt64.self)
        }
        func setResult(_ frame: UnsafeMutableRawPointer, _ field: Int, _ value: Int64) {
            frame.storeBytes(of: value, toByteOffset: field * 8, as: Int64.self)
        }
        /// An untrusted buffer named by the enclave: outside the enclave, at most `limit` bytes.
        func buffer(_ address: UInt64, _ length: UInt64, limit: Int) -> UnsafeMutableRawPointer? {
            guard length <= UInt64(limit), let pointer = UnsafeMutableRawPointer(bitPattern: UInt(address)),
                  isOutside(pointer, count: Int(length)) else { return nil }
            return pointer
        }
        func path(_ frame: UnsafeMutableRawPointer) -> String? {
            guard let pointer = buffer(u64(frame, 0), u64(frame, 1), limit: EnclaveABI.maxPathLength),
                  u64(frame, 1) > 0 else { return nil }
            let bytes = UnsafeRawBufferPointer(start: pointer, count: Int(u64(frame, 1)))
            guard !bytes.contains(0) else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        }

        switch index {
        case EnclaveABI.ocallThreadWait:
            guard let frame = fields(1), let event = runtimeServices.event(u64(frame, 0)) else { return invalid }
            event.wait(nanoseconds: RuntimeServices.maxWaitNanoseconds)
            return 0
        case EnclaveABI.ocallThreadWake:
            guard let frame = fields(1), let event = runtimeServices.event(u64(frame, 0)) else { return invalid }
            event.set()
            return 0
        case EnclaveABI.ocallThreadWakeMultiple:
            guard let frame = fields(2), u64(frame, 1) <= 4096,
                  let list = buffer(u64(frame, 0), u64(frame, 1) * 8, limit: 4096 * 8) else { return invalid }
            let targets = (0..<Int(u64(frame, 1))).map { list.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self) }
            let events = targets.compactMap { runtimeServices.event($0) }
            guard events.count == targets.count else { return invalid }
            for event in events { event.set() }
            return 0
        case EnclaveABI.ocallClock:
            guard let frame = fields(2) else { return invalid }
            var wall = timespec(), monotonic = timespec()
            clock_gettime(CLOCK_REALTIME, &wall)
            clock_gettime(CLOCK_MONOTONIC, &monotonic)
            frame.storeBytes(of: UInt64(wall.tv_sec) &* 1_000_000_000 &+ UInt64(wall.tv_nsec), as: UInt64.self)
            frame.storeBytes(of: UInt64(monotonic.tv_sec) &* 1_000_000_000 &+ UInt64(monotonic.tv_nsec),
                             toByteOffset: 8, as: UInt64.self)
            return 0
        case EnclaveABI.ocallFileOpen:
            guard let frame = fields(4), let path = path(frame) else { return invalid }
            let flags: Int32
            switch u64(frame, 2) {
            case 0: flags = O_RDONLY
            case 1: flags = O_WRONLY | O_CREAT | O_TRUNC
            case 2: flags = O_WRONLY | O_CREAT | O_APPEND
            case 3: flags = O_RDWR | O_CREAT
            default: return invalid
            }
            let fd = Glibc.open(path, flags | O_CLOEXEC, 0o600)
            guard fd >= 0 else { setResult(frame, 3, -Int64(errno)); return 0 }
            guard let handle = runtimeServices.addFile(fd) else {
                _ = Glibc.close(fd)
                setResult(frame, 3, -Int64(EMFILE))
                return 0
            }
            setResult(frame, 3, Int64(handle))
            return 0
        case EnclaveABI.ocallFileRead, EnclaveABI.ocallFileWrite:
            guard let frame = fields(4),
                  let data = buffer(u64(frame, 1), u64(frame, 2), limit: EnclaveABI.fileChunkSize) else { return invalid }
            guard let fd = runtimeServices.file(u64(frame, 0)) else { setResult(frame, 3, -Int64(EBADF)); return 0 }
            let count = Int(u64(frame, 2))
            let done = index == EnclaveABI.ocallFileRead ? Glibc.read(fd, data, count) : Glibc.write(fd, data, count)
            setResult(frame, 3, done >= 0 ? Int64(done) : -Int64(errno))
            return 0
        case EnclaveABI.ocallFileClose:
            guard let frame = fields(2) else { return invalid }
            guard let fd = runtimeServices.removeFile(u64(frame, 0)) else { setResult(frame, 1, -Int64(EBADF)); return 0 }
            setResult(frame, 1, Glibc.close(fd) == 0 ? 0 : -Int64(errno))
            return 0
        case EnclaveABI.ocallFileRemove:
            guard let frame = fields(3), let path = path(frame) else { return invalid }
            setResult(frame, 2, unlink(path) == 0 ? 0 : -Int64(errno))
            return 0
        default:
            return SGXStatus.invalidFunction.rawValue
        }
    }
}
