/// Where the trusted parts of swift-sgx live: they are not SwiftPM targets (they only
/// exist inside enclaves), so the enclave build compiles them from this package's own
/// source tree, found relative to this file.
public enum SDKSources {
    /// The swift-sgx package root.
    public static var root: String {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3) // Sources/SGXEnclaveBuild/SDKSources.swift
        return parts.joined(separator: "/")
    }
    public static var sharedTypes: String { root + "/Sources/SGXTypes" }
    public static var trustedLibrary: String { root + "/Sources/SGXTrusted" }
    public static var runtime: String { root + "/Sources/CEnclaveRuntime" }
    /// The SDK's own runtime OCALL interface (compiled into SGXTrusted and SGXHost).
    public static var runtimeEDL: String { trustedLibrary + "/Runtime/swift_sgx_runtime.edl" }
    /// Where its generated bridges are committed (Scripts/regenerate-runtime-bridges.sh).
    public static var runtimeTrustedBridge: String { trustedLibrary + "/Generated/SwiftSGXRuntime+Trusted.swift" }
    public static var runtimeUntrustedBridge: String { root + "/Sources/SGXHost/Generated/SwiftSGXRuntime+Untrusted.swift" }
}
