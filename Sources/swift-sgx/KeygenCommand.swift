import ArgumentParser
import Foundation
import SGXSign
import SGXTypes

/// `swift-sgx keygen -o KEY.pem`: a new enclave signing key.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Generate an enclave signing key (RSA-3072, public exponent 3, PKCS#1 PEM).")

    @Option(name: .shortAndLong, help: "Where to write the private key (created with mode 0600).")
    var output: String

    @Flag(help: "Overwrite an existing file.")
    var force = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        if FileManager.default.fileExists(atPath: output) && !force {
            throw fail(SGXError(.invalidParameter, "\(output) exists; pass --force to overwrite it"))
        }
        do {
            let key = try SigningKey.generate()
            guard FileManager.default.createFile(atPath: output, contents: Data(key.pemRepresentation.utf8),
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw SGXError(.enclaveFileAccess, "cannot write \(output)")
            }
            if json {
                printJSON(["output": output, "mrsigner": key.publicKey.mrsigner.hexString])
            } else {
                print("wrote \(output)")
                print("  MRSIGNER \(key.publicKey.mrsigner.hexString)")
            }
        } catch let error as SGXError {
            throw fail(error)
        }
    }
}
