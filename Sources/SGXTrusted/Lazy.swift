/// A value computed on first use, exactly once even when several enclave threads ask at
/// the same moment (built on ``Once``). Shared by reference: keep it in a global.
public final class Lazy<Value>: @unchecked Sendable {
    private let once = Once()
    private var make: (() -> Value)?
    private var stored: Value?

    public init(_ make: @escaping () -> Value) {
        self.make = make
    }

    /// The value, computing it on the first access.
    public var value: Value {
        once.run {
            stored = make!()
            make = nil
        }
        return stored!
    }

    /// True once the value has been computed.
    public var isComputed: Bool { once.isDone }
}
