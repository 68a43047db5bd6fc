import SGXEDL

/// The SDK's own runtime OCALL interface, `SGXTrusted/Runtime/swift_sgx_runtime.edl`, as the
/// EDL compiler reads it: OCALL indices and frame offsets for tools and tests that inspect
/// or intercept runtime OCALLs (the generated bridges use the same layout).
public enum RuntimeInterface {
    /// The checked interface (OCALLs only).
    public static let result: EDLResult = {
        var options = EDLOptions()
        options.checksPublicECall = false
        return EDLCompiler.check(file: SDKSources.runtimeEDL, options: options)
    }()

    /// Byte offset of `parameter` in the frame of runtime OCALL `function`; the return
    /// value, when there is one, is at 0. Nil for an unknown name.
    public static func offset(of parameter: String, in function: String) -> Int? {
        result.enclave.frameLayout(of: function)?.slot(parameter)?.offset
    }

    /// The OCALL index of `function` (`EDLBridgeKind.runtimeOCallBase` + position).
    public static func index(of function: String) -> UInt32? {
        result.enclave.ocallIndex(of: function).map { EDLBridgeKind.sdkRuntime.ocallIndex(Int($0)) }
    }
}
