import SGXTypes

/// Output to the host, through the runtime OCALL `sgx_ocall_print` (Runtime/swift_sgx_runtime.edl).
///
/// - Important: **Host-controlled and visible to the host.** Whatever is printed or
///   logged leaves the enclave in clear; the host may show it, change it or drop it.
///   Never print secrets.
public enum Untrusted {
    /// Severity of a ``log(_:_:)`` line.
    public enum Level: Sendable {
        case debug, info, warning, error

        var label: String {
            switch self {
            case .debug: "debug"
            case .info: "info"
            case .warning: "warning"
            case .error: "error"
            }
        }
    }

    /// Writes `text` and a newline to the host's output at once (not buffered until the
    /// end of the ECALL). Returns false if the host refused it.
    @discardableResult
    public static func print(_ text: String) -> Bool {
        write(Array(text.utf8) + [0x0a])
    }

    /// Writes one log line, `[level] message`, to the host's output.
    @discardableResult
    public static func log(_ level: Level, _ message: String) -> Bool {
        print("[" + level.label + "] " + message)
    }

    /// Writes raw bytes to the host's output, in pieces of at most 64 KiB.
    @discardableResult
    public static func write(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        var ok = true
        repeat {
            let count = min(EnclaveABI.fileChunkSize, bytes.count - offset)
            do {
                try sgx_ocall_print(bytes.bytes(at: offset, count: count), count)
            } catch {
                ok = false
            }
            offset += count
        } while offset < bytes.count
        return ok
    }
}

/// putchar's flush (`CEnclaveRuntime/print.c`): the thread's buffered output goes to the
/// host through the runtime OCALL `sgx_ocall_print`. Returns an `sgx_status_t`; output the
/// host refuses is dropped.
@c(sgx_print_ocall)
func printOCall(_ data: UnsafeRawPointer, _ length: Int) -> UInt32 {
    do {
        try sgx_ocall_print([UInt8](UnsafeRawBufferPointer(start: data, count: length)), length)
        return 0
    } catch {
        return error.status.rawValue
    }
}
