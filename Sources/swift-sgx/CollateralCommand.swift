import ArgumentParser
import Foundation
import SGXAttestation

/// `swift-sgx collateral`: DCAP quote verification collateral.
struct CollateralCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collateral",
        abstract: "Assemble DCAP collateral.",
        subcommands: [CollateralBundleCommand.self])
}

/// `swift-sgx collateral bundle OUT.json --from PATH...`: one swift-sgx collateral bundle from
/// loose pieces recognised by content (``CollateralAssembly``; Docs/collateral.md). Exits
/// non-zero naming every missing piece when the inputs are incomplete.
struct CollateralBundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Write a swift-sgx collateral bundle from PCS/PCCS responses, dcap-qvl or Fortanix files, and CRLs.",
        discussion: """
            Inputs are recognised by content: PCS/PCCS v4 /tcb and /qe/identity response bodies, their \
            issuer-chain header values (URL-encoded PEM) saved as files, CRLs (DER, PEM or hex), \
            certificates (PEM or DER), a swift-sgx bundle, dcap-qvl JSON, Fortanix pcs wrappers, and \
            directories of these. See Docs/collateral.md.
            """)

    @Argument(help: "The bundle to write (JSON).")
    var output: String

    @Option(name: .customLong("from"), parsing: .upToNextOption, help: "Input files or directories.")
    var inputs: [String] = []

    @Flag(name: .customLong("allow-missing-root-crl"), help: "Write the bundle even without a root CA CRL.")
    var allowMissingRootCRL = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one input with --from") }
    }

    func run() throws {
        do throws(QuoteVerificationError) {
            var assembly = CollateralAssembly()
            for input in inputs { try assembly.add(contentsOf: URL(fileURLWithPath: input)) }
            for (source, kind) in assembly.recognised { print("\(source): \(kind)") }
            let bundle = try assembly.collateral(requireRootCACRL: !allowMissingRootCRL).bundleJSON()
            do {
                try Data(bundle).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw QuoteVerificationError(.malformedCollateral, "cannot write \(output): \(error.localizedDescription)")
            }
            print("wrote \(output)")
        } catch {
            FileHandle.standardError.write(Data("error: \(error.code): \(error.detail)\n".utf8))
            throw ExitCode.failure
        }
    }
}
