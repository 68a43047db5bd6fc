import SGXTypes

/// Output to the host, through the runtime OCALL `ocallPrint`.
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
            let start = offset
            let status = ocall(EnclaveABI.ocallPrint, frameSize: 16 + count, prepare: { frame in
                frame.store(UInt64(frame.address + 16), at: 0)
                frame.store(UInt64(count), at: 8)
                frame.copyOut(Array(bytes[start..<(start + count)]), at: 16)
            }) { status, _ in status }
            ok = ok && status == 0
            offset += count
        } while offset < bytes.count
        return ok
    }
}
