// Test enclave for SGXTrustedSyncTests: SGXTrusted's sync primitives, thread-local
// storage, heap statistics and untrusted services, one raw ECALL per behaviour
// (frames are little-endian u64 fields; see SyncEnclave.swift on the host side).
import SGXTrusted
import SGXTypes

// MARK: mutex counter
let counterLock = Mutex()
nonisolated(unsafe) var counter: UInt64 = 0

// MARK: bounded queue (producer/consumer)
let queueLock = Mutex()
let notEmpty = Condition()
let notFull = Condition()
nonisolated(unsafe) var queue: [UInt64] = []
let queueCapacity = 8

func put(_ item: UInt64) {
    queueLock.lock()
    notFull.wait(queueLock) { queue.count < queueCapacity }
    queue.append(item)
    queueLock.unlock()
    notEmpty.signal()
}

func take() -> UInt64 {
    queueLock.lock()
    notEmpty.wait(queueLock) { !queue.isEmpty }
    let item = queue.removeFirst()
    queueLock.unlock()
    notFull.signal()
    return item
}

// MARK: readers-writer invariant
let rw = RWLock()
let rwStats = Mutex()
nonisolated(unsafe) var rwA: UInt64 = 0
nonisolated(unsafe) var rwB: UInt64 = 0
nonisolated(unsafe) var activeReaders = 0
nonisolated(unsafe) var activeWriters = 0
nonisolated(unsafe) var maxReaders = 0

@inline(never) func spin(_ n: Int) -> Int {
    var x = 0
    for i in 0..<n { x = x &+ i }
    return x
}

// MARK: once / lazy
nonisolated(unsafe) var lazyInitialisations: UInt64 = 0
let lazySquares = Lazy<[UInt64]> {
    lazyInitialisations += 1
    _ = spin(100_000) // keep the first thread busy while the others arrive
    return (0..<1000).map { UInt64($0 * $0) }
}
let once = Once()
nonisolated(unsafe) var onceRuns: UInt64 = 0

// MARK: thread-local
let perThread = ThreadLocal<UInt64>()
let perThreadArray = ThreadLocal<[UInt64]>()

@_extern(c, "sgx_sync_tcs_index")
func tcsIndex() -> UInt64

nonisolated(unsafe) var insideEnclave: UInt64 = 0
nonisolated(unsafe) var heapBlock: [UInt8] = []

func errorCode(_ error: SGXError) -> UInt64 { UInt64(error.status.rawValue) }

/// Opens, reads `want` bytes and closes; {step, status, count, first byte}.
func readFile(_ path: String, want: Int) -> (UInt64, UInt64, UInt64, UInt64) {
    let file: UntrustedFile
    do { file = try UntrustedFile(path: path, mode: .read) } catch { return (1, errorCode(error), 0, 0) }
    let bytes: [UInt8]
    do { bytes = try file.read(maxCount: want) } catch { return (2, errorCode(error), 0, 0) }
    do { try file.close() } catch { return (3, errorCode(error), UInt64(bytes.count), 0) }
    return (0, 0, UInt64(bytes.count), UInt64(bytes.first ?? 0))
}

func pathArgument(_ frame: UntrustedBuffer) -> String? {
    guard let address = frame.load(UInt64.self, at: 0), let length = frame.load(UInt64.self, at: 8), length <= 4096,
          let buffer = UntrustedBuffer(address: UInt(address), count: Int(length)),
          let bytes = buffer.copyIn(length: Int(length)) else { return nil }
    return String(decoding: bytes, as: UTF8.self)
}

@c(sgx_ecall_dispatch)
func dispatch(_ index: UInt32, _ raw: UnsafeMutableRawPointer?) -> UInt32 {
    guard let frame = UntrustedBuffer(raw, count: 64) else { return index == 0 ? 0 : 2 }
    func arg(_ i: Int) -> UInt64 { frame.load(UInt64.self, at: i * 8) ?? 0 }
    func out(_ i: Int, _ value: UInt64) { frame.store(value, at: i * 8) }
    switch index {
    case 0:
        return 0
    case 1: // {iterations}: counter += 1 under the mutex, `iterations` times
        for _ in 0..<arg(0) { counterLock.withLock { counter += 1 } }
        return 0
    case 2: // {out counter}
        out(0, counterLock.withLock { counter })
        return 0
    case 3: // {start, count}: produce start ..< start+count
        for item in arg(0)..<(arg(0) + arg(1)) { put(item) }
        return 0
    case 4: // {count, out sum, out sum of squares}
        var sum: UInt64 = 0, squares: UInt64 = 0
        for _ in 0..<arg(0) {
            let item = take()
            sum &+= item
            squares &+= item &* item
        }
        out(1, sum)
        out(2, squares)
        return 0
    case 5: // reader {iterations, out violations}
        var violations: UInt64 = 0
        for _ in 0..<arg(0) {
            rw.withReadLock {
                rwStats.withLock {
                    activeReaders += 1
                    maxReaders = max(maxReaders, activeReaders)
                    if activeWriters != 0 { violations += 1 }
                }
                let a = rwA
                _ = spin(50)
                if rwB != a { violations += 1 }
                rwStats.withLock { activeReaders -= 1 }
            }
        }
        out(1, violations)
        return 0
    case 6: // writer {iterations, out violations}
        var violations: UInt64 = 0
        for _ in 0..<arg(0) {
            rw.withWriteLock {
                rwStats.withLock {
                    activeWriters += 1
                    if activeReaders != 0 || activeWriters != 1 { violations += 1 }
                }
                rwA += 1
                _ = spin(50)
                rwB += 1
                rwStats.withLock { activeWriters -= 1 }
            }
        }
        out(1, violations)
        return 0
    case 7: // {out a, out b, out max concurrent readers}
        rw.withReadLock {
            out(0, rwA)
            out(1, rwB)
        }
        out(2, UInt64(rwStats.withLock { maxReaders }))
        return 0
    case 8: // {out lazy initialisations, out lazy value[999], out once runs}
        let value = lazySquares.value[999]
        once.run { onceRuns += 1 }
        out(0, lazyInitialisations)
        out(1, value)
        out(2, onceRuns)
        return 0
    case 9: // {value, out tcs}: set this TCS's thread-local
        perThread.value = arg(0)
        out(1, tcsIndex())
        return 0
    case 10: // {out present, out value, out tcs}
        let value = perThread.value
        out(0, value == nil ? 0 : 1)
        out(1, value ?? 0)
        out(2, tcsIndex())
        return 0
    case 11: // {iterations, out heap in use before, out after}: replace thread-locals repeatedly
        let before = Enclave.heap.inUse
        for i in 0..<arg(0) {
            perThreadArray.value = [UInt64](repeating: i, count: 100)
            perThreadArray.withValue(initial: { [] }) { $0.append(i) }
        }
        perThreadArray.value = nil
        out(1, before)
        out(2, Enclave.heap.inUse)
        return 0
    case 12: // heap statistics {bytes, out size, out inUse before, out during, out after, out allocations before, out after, out peak}
        let before = Enclave.heap
        var during: UInt64 = 0, after: UInt64 = 0
        heapBlock = [UInt8](repeating: 7, count: Int(arg(0)))
        during = Enclave.heap.inUse
        heapBlock = []
        after = Enclave.heap.inUse
        let final = Enclave.heap
        out(1, before.size)
        out(2, before.inUse)
        out(3, during)
        out(4, after)
        out(5, before.allocations)
        out(6, final.allocations)
        out(7, final.peak)
        return 0
    case 13: // clock {out status, out wall, out monotonic, out second monotonic}
        do {
            let first = try UntrustedClock.read()
            let second = try UntrustedClock.monotonicNanoseconds()
            out(0, 0)
            out(1, first.wallNanoseconds)
            out(2, first.monotonicNanoseconds)
            out(3, second)
        } catch {
            out(0, errorCode(error))
        }
        return 0
    case 14: // file round trip {path, length, out step, out status}
        guard let path = pathArgument(frame) else { return 2 }
        var data: [UInt8] = []
        for i in 0..<100_000 { data.append(UInt8(truncatingIfNeeded: i &* 7)) }
        do {
            do {
                let file = try UntrustedFile(path: path, mode: .write)
                try file.write(data)
            }
            out(2, 1)
            let appended = try UntrustedFile(path: path, mode: .append)
            try appended.write([1, 2, 3])
            try appended.close()
            out(2, 2)
            let reader = try UntrustedFile(path: path, mode: .read)
            let back = try reader.readToEnd()
            guard back == data + [1, 2, 3] else { out(2, 100); return 0 }
            out(2, 3)
            let partial = try UntrustedFile(path: path, mode: .read).read(maxCount: 10)
            guard partial == Array(data[0..<10]) else { out(2, 101); return 0 }
            out(2, 4)
            try UntrustedFile.remove(path: path)
            out(2, 5)
            do {
                _ = try UntrustedFile(path: path, mode: .read)
                out(2, 102)
                return 0
            } catch {}
            out(2, 0)
        } catch {
            out(3, errorCode(error))
        }
        return 0
    case 15: // read {path, length, out step, out status, out count, out first byte}
        guard let path = pathArgument(frame) else { return 2 }
        let r = readFile(path, want: Int(arg(2)))
        out(2, r.0); out(3, r.1); out(4, r.2); out(5, r.3)
        return 0
    case 16: // write 10 bytes {path, length, out step, out status}
        guard let path = pathArgument(frame) else { return 2 }
        do {
            let file = try UntrustedFile(path: path, mode: .write)
            try file.write([UInt8](repeating: 9, count: 10))
            try file.close()
            out(2, 0)
        } catch {
            out(2, 1)
            out(3, errorCode(error))
        }
        return 0
    case 17: // log {out print ok, out log ok}
        out(0, Untrusted.print("untrusted print from the enclave") ? 1 : 0)
        out(1, Untrusted.log(.warning, "a log line") ? 1 : 0)
        return 0
    case 18: // runtime OCALLs naming enclave memory: {out statuses x6}
        // Raw frames in the EDL layout of swift_sgx_runtime.edl (return value at 0, then
        // one slot per parameter; HostileHostTests checks these offsets against the EDL).
        let inside = withUnsafeMutablePointer(to: &insideEnclave) { UInt64(UInt(bitPattern: $0)) }
        let calls: [(UInt32, [UInt64])] = [
            (EnclaveABI.ocallPrint, [inside, 8]),                 // data, length
            (EnclaveABI.ocallFileOpen, [0, inside, 8, 0]),        // ret, path, path bytes, mode
            (EnclaveABI.ocallFileRead, [0, 1, inside, 8]),        // ret, handle, buffer, capacity
            (EnclaveABI.ocallFileWrite, [0, 1, inside, 8]),       // ret, handle, data, length
            (EnclaveABI.ocallFileRemove, [0, inside, 8]),         // ret, path, path bytes
            (EnclaveABI.ocallThreadWakeMultiple, [0, inside, 1]), // ret, indices, count
        ]
        for (i, call) in calls.enumerated() {
            let status = ocall(call.0, frameSize: call.1.count * 8, prepare: { f in
                for (j, v) in call.1.enumerated() { f.store(v, at: j * 8) }
            }) { status, _ in status }
            out(i, UInt64(status))
        }
        return 0
    case 19: // wake/wait with out-of-range TCS indices {out wait answer, out wake answer}
        // Frames {ret sgx_status_t, tcs_index}; the answer is the transport status, or
        // the returned status when the OCALL itself went through.
        func answer(_ index: UInt32, _ tcs: UInt64) -> UInt64 {
            UInt64(ocall(index, frameSize: 16, prepare: { f in f.store(UInt64(0), at: 0); f.store(tcs, at: 8) }) { s, f in
                s != 0 ? s : (f?.load(UInt32.self, at: 0) ?? 0xffff)
            })
        }
        out(0, answer(EnclaveABI.ocallThreadWait, 1000))
        out(1, answer(EnclaveABI.ocallThreadWake, UInt64.max))
        return 0
    default:
        return 0x1001
    }
}
