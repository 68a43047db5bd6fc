import SGXTypes

/// How the trusted library reads the host's answers to its I/O OCALLs (``UntrustedFile``,
/// ``UntrustedSocket``): each returns a count, a handle or `-errno` as an `Int64` that
/// the host chose, so each is range-checked before use.
enum HostAnswer {
    /// Runs one OCALL; a transport failure (the host's status) names the operation.
    static func run(_ what: String, _ call: () throws(SGXError) -> Int64) throws(SGXError) -> Int64 {
        do {
            return try call()
        } catch {
            throw SGXError(error.status, "host \(what) OCALL failed: \(error.detail)")
        }
    }

    /// Checks an answer: a result in `0...limit`, or `-errno` with a plausible errno
    /// (1...4095), which becomes an `SGXError` naming it; anything else is
    /// `invalidParameter`.
    static func check(_ result: Int64, limit: Int64, what: String) throws(SGXError) -> Int {
        if result >= 0 && result <= limit { return Int(result) }
        if result < 0 && result >= -4095 {
            throw SGXError(.unexpected, "host \(what) failed with errno \(-result)")
        }
        throw SGXError(.invalidParameter, "host \(what) answer \(result) out of range")
    }
}
