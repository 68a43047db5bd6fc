// libFuzzer harness for the EDL code generator: every input the front end accepts (lexer,
// preprocessor, parser, import resolution without a file system, checker) is run through
// the emitters, as an application interface and, when it has no ECALL, as the SDK runtime
// interface. Compiled together with Sources/SGXEDL/*.swift by Fuzz/run-edl-gen-fuzz.sh;
// not a SwiftPM target. A trap, crash, ASan report, leak or hang is a finding, and so is
// generation that claims success without both bridges.

@_cdecl("LLVMFuzzerTestOneInput")
public func edlGenFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var options = EDLOptions(defines: ["__GNUC__": "1"])
    options.requirePublicECall = false
    options.checksPublicECall = false
    let result = EDLCompiler.check(source: text, path: "fuzz.edl", options: options,
                                   readFile: EDLImportResolverReader.none)
    guard result.isValid else { return 0 }
    var n = 0
    var kinds: [EDLBridgeKind] = [.application]
    if result.enclave.ecalls.isEmpty { kinds.append(.sdkRuntime) }
    for kind in kinds {
        let bridges = EDLCompiler.generate(result: result, enclaveName: "Fuzz", kind: kind)
        if bridges.isValid {
            guard let trusted = bridges.trusted, let untrusted = bridges.untrusted, !trusted.isEmpty, !untrusted.isEmpty else {
                fatalError("generation reported success without both bridges")
            }
            n &+= trusted.utf8.count &+ untrusted.utf8.count
        } else if !bridges.diagnostics.contains(where: \.isError) {
            fatalError("generation failed without an error diagnostic")
        }
        for function in result.enclave.functions {
            n &+= result.enclave.frameLayout(of: function.name)?.size ?? 0
        }
    }
    return n == -1 ? 1 : 0
}
