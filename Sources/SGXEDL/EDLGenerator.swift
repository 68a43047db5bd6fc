// `EDLCompiler.generate`: check an EDL file, then emit both bridges.

/// The two generated bridges of an enclave interface, or the diagnostics saying why not.
public struct EDLGeneratedBridges: Sendable {
    /// Everything `check` reported plus the emitters' own errors (unsupported constructs).
    public var diagnostics: [EDLDiagnostic]
    /// Embedded Swift for the enclave (imports SGXTrusted, SGXTypes); nil on error.
    public var trusted: String?
    /// Swift for the host (imports SGXHost, SGXTypes); nil on error.
    public var untrusted: String?

    public var isValid: Bool { trusted != nil && untrusted != nil && !diagnostics.contains(where: \.isError) }
}

/// What the generated bridges are for.
public enum EDLBridgeKind: Sendable, Equatable {
    /// An application enclave's interface: OCALL indices from 0, the trusted bridge defines
    /// `sgx_ecall_dispatch` and imports SGXTrusted, the host bridge is public API importing SGXHost.
    case application
    /// The SDK's own runtime interface (`Sources/SGXTrusted/Runtime/swift_sgx_runtime.edl`):
    /// OCALLs only, indexed from ``EDLBridgeKind/runtimeOCallBase`` so they never collide
    /// with an application's, generated into the SGXTrusted and SGXHost modules themselves
    /// (no self-import, no ECALL dispatch, internal declarations).
    case sdkRuntime

    /// First OCALL index of the SDK runtime (`EnclaveABI.runtimeOCallBase`).
    public static let runtimeOCallBase: UInt32 = 0x8000_0000

    /// The index of the OCALL at `position` in the untrusted block.
    public func ocallIndex(_ position: Int) -> UInt32 {
        (self == .sdkRuntime ? Self.runtimeOCallBase : 0) + UInt32(position)
    }
}

extension EDLCompiler {
    /// Compiles `file` and generates both bridges. `enclaveName` names the host namespace
    /// (`enum <name>`) and the OCALL protocol (`<name>OCalls`); default: the file's name.
    /// Application interfaces must have a public ECALL (as with edger8r); the SDK runtime
    /// interface must have no ECALL at all.
    public static func generate(file: String, options: EDLOptions = EDLOptions(), enclaveName: String? = nil,
                                kind: EDLBridgeKind = .application) -> EDLGeneratedBridges {
        var options = options
        options.requirePublicECall = kind == .application
        options.checksPublicECall = kind == .application // the runtime interface is OCALL-only
        return generate(result: check(file: file, options: options), enclaveName: enclaveName, kind: kind)
    }

    /// Same, for EDL text (imports resolved with `readFile`).
    public static func generate(source: String, path: String, options: EDLOptions = EDLOptions(), enclaveName: String? = nil,
                                readFile: @escaping @Sendable (String) -> String? = EDLImportResolverReader.disk) -> EDLGeneratedBridges {
        var options = options
        options.requirePublicECall = true
        return generate(result: check(source: source, path: path, options: options, readFile: readFile), enclaveName: enclaveName)
    }

    /// Generates from a checked result (which must be valid).
    public static func generate(result: EDLResult, enclaveName: String? = nil, kind: EDLBridgeKind = .application) -> EDLGeneratedBridges {
        guard result.isValid else { return EDLGeneratedBridges(diagnostics: result.diagnostics) }
        let enclave = result.enclave
        if kind == .sdkRuntime, let first = enclave.ecalls.first {
            return EDLGeneratedBridges(diagnostics: result.diagnostics + [
                EDLDiagnostic(.error, "the SDK runtime interface declares OCALLs only; `\(first.name)` is an ECALL", at: first.location)])
        }
        let name = enclaveName ?? swiftIdentifier(enclave.name)
        let sourceName = enclave.path.split(separator: "/").last.map(String.init) ?? enclave.path
        let mapper = EDLTypeMapper(enclave: enclave)
        var diagnostics = result.diagnostics
        // Report every unsupported construct, not just the first.
        for f in enclave.functions {
            do { _ = try mapper.frameLayout(f) } catch { diagnostics.append(EDLDiagnostic(.error, error.message, at: error.location ?? f.location)) }
        }
        for t in enclave.types {
            guard case .structure(let s) = t else { continue }
            do { _ = try mapper.valueType(.structure(s.name), at: s.location) } catch {
                diagnostics.append(EDLDiagnostic(.error, error.message, at: error.location ?? s.location))
            }
        }
        if diagnostics.contains(where: \.isError) { return EDLGeneratedBridges(diagnostics: diagnostics) }
        do {
            let trusted = try EDLTrustedEmitter(mapper: mapper, sourceName: sourceName, kind: kind).emit()
            let untrusted = try EDLUntrustedEmitter(mapper: mapper, sourceName: sourceName, name: name, kind: kind).emit()
            return EDLGeneratedBridges(diagnostics: diagnostics, trusted: trusted, untrusted: untrusted)
        } catch {
            diagnostics.append(EDLDiagnostic(.error, error.message, at: error.location))
            return EDLGeneratedBridges(diagnostics: diagnostics)
        }
    }

    /// `my-enclave` → `my_enclave`.
    static func swiftIdentifier(_ s: String) -> String {
        var out = ""
        for (i, c) in s.unicodeScalars.enumerated() {
            let ok = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || (i > 0 && c >= "0" && c <= "9")
            out.unicodeScalars.append(ok ? c : "_")
        }
        return out.isEmpty ? "EDL" : out
    }
}

extension EDLEnclave {
    /// The ECALL index of `name`: its position in the (merged) trusted block.
    public func ecallIndex(of name: String) -> UInt32? { ecalls.firstIndex { $0.name == name }.map(UInt32.init) }
    /// The OCALL index of `name`: its position in the (merged) untrusted block.
    public func ocallIndex(of name: String) -> UInt32? { ocalls.firstIndex { $0.name == name }.map(UInt32.init) }

    /// The marshalling frame of function `name` (see EDLFrameLayout.swift); nil when there is
    /// no such function or it cannot be bridged.
    public func frameLayout(of name: String) -> EDLFrameLayout? {
        guard let f = function(named: name) else { return nil }
        return try? EDLTypeMapper(enclave: self).frameLayout(f)
    }
}
