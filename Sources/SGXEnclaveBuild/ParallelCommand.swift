import Foundation
import SGXTypes

extension Toolchain {
    /// `llvm-ar` from the toolchain (static archives of enclave objects).
    public var llvmAr: String { binDirectory + "/llvm-ar" }
    /// `llvm-objdump` from the toolchain (instruction scans of enclave images).
    public var llvmObjdump: String { binDirectory + "/llvm-objdump" }
}

extension Command {
    /// Runs `commands` with at most `jobs` at a time; throws the first failure (after the
    /// running ones finish).
    static func runParallel(_ commands: [(String, [String], String)], jobs: Int) throws(SGXError) {
        let lock = NSLock()
        nonisolated(unsafe) var next = 0
        nonisolated(unsafe) var failure: SGXError?
        let workers = max(1, min(jobs, commands.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                lock.lock()
                if failure != nil || next >= commands.count { lock.unlock(); return }
                let index = next
                next += 1
                lock.unlock()
                let (tool, arguments, what) = commands[index]
                do throws(SGXError) {
                    try Command.run(tool, arguments, what: what)
                } catch {
                    lock.lock()
                    if failure == nil { failure = error }
                    lock.unlock()
                }
            }
        }
        if let failure { throw failure }
    }
}
