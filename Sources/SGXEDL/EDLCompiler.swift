/// Options for compiling an EDL file.
public struct EDLOptions: Sendable {
    /// Directories searched for imported `.edl` files (`-I`), after the importing
    /// file's own directory.
    public var includePaths: [String]
    /// Preprocessor macros (`-D NAME[=VALUE]`); `-D NAME` is `NAME=1`.
    public var defines: [String: String]
    /// edger8r refuses to generate code for an enclave without a public ECALL;
    /// `check` only warns unless this is set (system EDLs such as
    /// `sgx_tstdc.edl` have none and are meant to be imported).
    public var requirePublicECall: Bool
    /// False for an interface that has no ECALLs by design (the SDK's runtime OCALLs): then
    /// edger8r's public-root-ECALL rule is not checked at all.
    public var checksPublicECall = true

    public init(includePaths: [String] = [], defines: [String: String] = [:], requirePublicECall: Bool = false) {
        self.includePaths = includePaths
        self.defines = defines
        self.requirePublicECall = requirePublicECall
    }
}

/// The outcome of compiling an EDL file: the merged enclave interface and
/// every diagnostic, in the order found.
public struct EDLResult: Sendable {
    /// The file's declarations followed by everything it imports. Present even
    /// when there are errors (it then holds what could be parsed).
    public var enclave: EDLEnclave
    public var diagnostics: [EDLDiagnostic]

    public var errors: [EDLDiagnostic] { diagnostics.filter(\.isError) }
    public var warnings: [EDLDiagnostic] { diagnostics.filter { $0.severity == .warning } }
    /// No errors (warnings allowed): the interface can be used to generate bridges.
    public var isValid: Bool { !diagnostics.contains(where: \.isError) }
}

/// Entry points of the EDL front end: preprocess, parse, resolve imports, check.
public enum EDLCompiler {
    /// Compiles the EDL file at `file`, like `edger8r` without generating code.
    public static func check(file: String, includePaths: [String] = [], defines: [String: String] = [:]) -> EDLResult {
        check(file: file, options: EDLOptions(includePaths: includePaths, defines: defines))
    }

    public static func check(file: String, options: EDLOptions) -> EDLResult {
        guard let text = EDLImportResolver.readFromDisk(file) else {
            var enclave = EDLEnclave(name: EDLImportResolver.shortName(of: file), path: file)
            enclave.location = nil
            return EDLResult(enclave: enclave, diagnostics: [EDLDiagnostic(.error, "cannot read EDL file `\(file)`", at: nil)])
        }
        return check(source: text, path: file, options: options)
    }

    /// Compiles EDL text as if it were the file `path` (imports are looked up
    /// relative to `path`'s directory and the include paths). `readFile` reads an
    /// imported file; by default the disk.
    public static func check(source: String, path: String, options: EDLOptions = EDLOptions(),
                             readFile: @escaping @Sendable (String) -> String? = EDLImportResolverReader.disk) -> EDLResult {
        var resolver = EDLImportResolver(includePaths: options.includePaths, defines: options.defines, readFile: readFile)
        let enclave = resolver.resolve(source: source, path: path)
        var diagnostics = resolver.sink
        if !diagnostics.hasErrors {
            var checker = EDLChecker(requirePublicECall: options.requirePublicECall)
            checker.checksPublicECall = options.checksPublicECall
            checker.check(enclave)
            diagnostics.append(contentsOf: checker.sink.diagnostics)
        }
        return EDLResult(enclave: enclave, diagnostics: diagnostics.diagnostics)
    }

    /// Splits `-D` arguments (`NAME` or `NAME=VALUE`) into a define table.
    public static func defines(from arguments: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for a in arguments {
            let (k, v) = EDLPreprocessor.parseDefine(a)
            result[k] = v
        }
        return result
    }
}

/// Ready-made readers for imported files.
public enum EDLImportResolverReader {
    /// Reads regular files (at most 16 MiB) from disk.
    @Sendable public static func disk(_ path: String) -> String? { EDLImportResolver.readFromDisk(path) }
    /// Reads nothing: every import fails (for fuzzing and in-memory checks).
    @Sendable public static func none(_ path: String) -> String? { nil }
}
