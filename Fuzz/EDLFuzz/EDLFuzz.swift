// libFuzzer harness for the EDL front end (lexer, preprocessor, parser,
// import resolution without a file system, checker). Compiled together with
// Sources/SGXEDL/*.swift by Fuzz/run-edl-fuzz.sh; not a SwiftPM target.

@_cdecl("LLVMFuzzerTestOneInput")
public func edlFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let result = EDLCompiler.check(source: text, path: "fuzz.edl",
                                   options: EDLOptions(defines: ["__GNUC__": "1"]),
                                   readFile: EDLImportResolverReader.none)
    // Touch the results so nothing is optimized away.
    var n = result.diagnostics.count
    for d in result.diagnostics { n &+= d.description.utf8.count }
    for f in result.enclave.functions { n &+= f.parameters.count }
    return n == -1 ? 1 : 0
}
