import ArgumentParser
import Foundation
import SGXEDL
import SGXEnclaveBuild
import SGXTypes

/// `swift-sgx build DIR -o IMAGE`: Embedded Swift enclave sources → signed enclave image.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build and sign an enclave image from a directory of enclave Swift sources.",
        discussion: """
            The directory holds the enclave's .swift files and optionally enclave.json (heap, stack, \
            TCS count and policy, ISVPRODID, ISVSVN, debug, masks). Without --key the image is signed \
            with swift-sgx's public development key, which proves nothing: use your own key for releases.
            """)

    @Argument(help: "Directory with the enclave's Swift sources and enclave.json.")
    var sourceDirectory: String

    @Option(name: .shortAndLong, help: "Where to write the signed image.")
    var output: String

    @Option(help: "PEM signing key (RSA-3072, e = 3). Default: the public development key.")
    var key: String?

    @Option(help: "Scratch directory for objects (default: OUTPUT.build).")
    var workDirectory: String?

    @Option(help: "Trusted instruction layer: simulation or hardware.")
    var mode: String = "simulation"

    @Option(help: "Swift optimisation level for the enclave (-Osize, -O, -Onone).")
    var optimization: String?

    @Option(name: .customLong("trusted-bridge"), help: "Extra Swift files compiled into the enclave (e.g. EDL bridges).")
    var extraSources: [String] = []

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        do { try perform() } catch { throw fail(error) }
    }

    private func perform() throws(SGXError) {
        var request = EnclaveBuilder.Request(
            sourceDirectory: sourceDirectory, output: output,
            workDirectory: workDirectory ?? output + ".build", keyPath: key)
        switch mode {
        case "simulation": request.mode = .simulation
        case "hardware": request.mode = .hardware
        default: throw SGXError(.invalidParameter, "--mode must be simulation or hardware, got \(mode)")
        }
        if let optimization { request.optimization = optimization }
        request.extraSources = extraSources
        let result = try EnclaveBuilder.build(request)
        if json {
            printJSON(["output": result.output, "mrenclave": result.mrenclave.hexString, "mrsigner": result.mrsigner.hexString])
        } else {
            print("built \(result.output)")
            print("  MRENCLAVE \(result.mrenclave.hexString)")
            print("  MRSIGNER  \(result.mrsigner.hexString)\(key == nil ? " (public development key)" : "")")
        }
    }
}
