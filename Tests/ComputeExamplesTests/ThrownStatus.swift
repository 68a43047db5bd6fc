import SGXTypes

/// The status an ECALL step threw, or nil if it succeeded (`.unexpected` for an error that
/// is not an `SGXError`).
func thrownStatus(_ body: () throws -> Void) -> SGXStatus? {
    do {
        try body()
        return nil
    } catch let error as SGXError {
        return error.status
    } catch {
        return .unexpected
    }
}
