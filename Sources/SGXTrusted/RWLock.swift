/// A readers-writer lock: many readers or one writer, the counterpart of Intel's
/// `sgx_thread_rwlock_t`. Writers are preferred: once a writer waits, new readers wait
/// too, so a stream of readers cannot starve it. Built on ``Mutex`` and ``Condition``,
/// so blocked threads sleep on their host events like theirs.
public final class RWLock: @unchecked Sendable {
    private let mutex = Mutex()
    private let readable = Condition()
    private let writable = Condition()
    private var readers = 0
    private var writing = false
    private var waitingWriters = 0

    public init() {}

    /// Takes the lock for reading.
    public func readLock() {
        mutex.lock()
        readable.wait(mutex) { !writing && waitingWriters == 0 }
        readers += 1
        mutex.unlock()
    }

    /// Releases a read lock.
    public func readUnlock() {
        mutex.lock()
        readers -= 1
        let wakeWriter = readers == 0 && waitingWriters > 0
        mutex.unlock()
        if wakeWriter { writable.signal() }
    }

    /// Takes the lock for writing.
    public func writeLock() {
        mutex.lock()
        waitingWriters += 1
        writable.wait(mutex) { !writing && readers == 0 }
        waitingWriters -= 1
        writing = true
        mutex.unlock()
    }

    /// Releases the write lock.
    public func writeUnlock() {
        mutex.lock()
        writing = false
        let writersWaiting = waitingWriters > 0
        mutex.unlock()
        if writersWaiting { writable.signal() } else { readable.broadcast() }
    }

    /// Runs `body` holding the lock for reading.
    public func withReadLock<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        readLock()
        defer { readUnlock() }
        return try body()
    }

    /// Runs `body` holding the lock for writing.
    public func withWriteLock<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        writeLock()
        defer { writeUnlock() }
        return try body()
    }
}
