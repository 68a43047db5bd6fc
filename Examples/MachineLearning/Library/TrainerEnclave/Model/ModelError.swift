// Errors of the Iris model code. This directory is compiled twice: into the enclave
// (Embedded Swift) and into the host's `IrisModel` library (the native twin), so it imports
// nothing and uses typed throws only.

/// Why model input or model bytes were refused.
public enum ModelError: Error, Equatable, Sendable {
    /// A buffer's byte count does not match the row count it claims (hostile or broken sizes).
    case sizeMismatch
    /// A label outside 0..<classCount.
    case badLabel
    /// A feature that is NaN or infinite.
    case nonFiniteFeature
    /// Too few rows to train on (no training row or no held-out row).
    case tooFewRows
    /// Serialized model bytes of the wrong length, version or shape.
    case badModelBytes
}
