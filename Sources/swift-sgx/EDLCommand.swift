import ArgumentParser
import Foundation
import SGXEDL

/// `swift-sgx edl ...`: Intel EDL (Enclave Definition Language) tools.
struct EDLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edl",
        abstract: "Check Intel EDL enclave interfaces and generate typed Swift bridges for them.",
        subcommands: [Check.self, Generate.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Parse and check an EDL file with edger8r's rules.",
            discussion: "Prints diagnostics as `file:line:col: error: message` to standard error; exits 0 when the file is valid (warnings allowed).")

        @Argument(help: "The .edl file to check.")
        var file: String

        @Option(name: .customShort("I", allowingJoined: true), help: ArgumentHelp("Directory searched for imported .edl files.", valueName: "dir"))
        var includePaths: [String] = []

        @Option(name: .customShort("D", allowingJoined: true), help: ArgumentHelp("Define a preprocessor macro.", valueName: "name[=value]"))
        var defines: [String] = []

        @Flag(help: "Make a missing public ECALL an error, as edger8r does when generating code.")
        var requirePublicEcall = false

        func run() throws {
            let options = EDLOptions(includePaths: includePaths, defines: EDLCompiler.defines(from: defines),
                                     requirePublicECall: requirePublicEcall)
            let result = EDLCompiler.check(file: file, options: options)
            var lines = result.diagnostics.map(\.description)
            if result.isValid {
                for f in result.enclave.functions where f.transitionUsingThreads {
                    let note = EDLDiagnostic(.note, "`\(f.name)` is marked transition_using_threads; it runs as an ordinary \(f.kind == .ecall ? "ECALL" : "OCALL") transition until switchless calls exist", at: f.location)
                    lines.append(note.description)
                }
            }
            for line in lines {
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
            if !result.isValid {
                throw ExitCode.failure
            }
        }
    }

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate the trusted (enclave) and untrusted (host) Swift bridges of an EDL file.",
            discussion: "ECALL index = position in the trusted block (imports included); OCALL index = position in the untrusted block. See Docs/EDL.md. On invalid EDL prints `file:line:col: error: message` and exits non-zero.")

        @Argument(help: "The .edl file.")
        var file: String

        @Option(name: .customShort("I", allowingJoined: true), help: ArgumentHelp("Directory searched for imported .edl files.", valueName: "dir"))
        var includePaths: [String] = []

        @Option(name: .customShort("D", allowingJoined: true), help: ArgumentHelp("Define a preprocessor macro.", valueName: "name[=value]"))
        var defines: [String] = []

        @Option(help: ArgumentHelp("Where to write the enclave-side bridge.", valueName: "path"))
        var trusted: String

        @Option(help: ArgumentHelp("Where to write the host-side bridge.", valueName: "path"))
        var untrusted: String

        @Option(help: ArgumentHelp("Host namespace and OCALL protocol prefix (default: the file name).", valueName: "name"))
        var enclaveName: String?

        @Flag(help: ArgumentHelp("Generate the SDK's own runtime OCALL bridges (for swift-sgx developers: OCALLs only, indexed from 0x80000000, generated into SGXTrusted and SGXHost).", visibility: .hidden))
        var sdkRuntime = false

        func run() throws {
            let options = EDLOptions(includePaths: includePaths, defines: EDLCompiler.defines(from: defines))
            let bridges = EDLCompiler.generate(file: file, options: options, enclaveName: enclaveName,
                                               kind: sdkRuntime ? .sdkRuntime : .application)
            for d in bridges.diagnostics {
                FileHandle.standardError.write(Data((d.description + "\n").utf8))
            }
            guard bridges.isValid, let t = bridges.trusted, let u = bridges.untrusted else { throw ExitCode.failure }
            do {
                try t.write(toFile: trusted, atomically: true, encoding: .utf8)
                try u.write(toFile: untrusted, atomically: true, encoding: .utf8)
            } catch {
                FileHandle.standardError.write(Data("error: cannot write the bridges: \(error.localizedDescription)\n".utf8))
                throw ExitCode.failure
            }
        }
    }
}
