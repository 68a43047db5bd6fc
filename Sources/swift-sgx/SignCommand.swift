import ArgumentParser
import Foundation
import SGXEnclaveBuild
import SGXSign
import SGXTypes

/// `swift-sgx sign IMAGE --key KEY -o OUT`: (re-)sign an enclave image.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Measure an enclave image and write a SIGSTRUCT signed with KEY into it.",
        discussion: """
            Two-step signing for keys held in an HSM: `--signing-data FILE` writes the 256 bytes to sign \
            (SIGSTRUCT bytes 0-127 and 900-1027) and stops; sign them with RSASSA-PKCS1-v1_5/SHA-256 \
            elsewhere, then run again with `--signature SIG --public-key MODULUS` (both big-endian raw \
            bytes, 384 each) to attach the result.
            """)

    @Argument(help: "The enclave image (signed or not).")
    var image: String

    @Option(help: "PEM private key (RSA-3072, e = 3). Default: the public development key.")
    var key: String?

    @Option(name: .shortAndLong, help: "Where to write the signed image (default: overwrite IMAGE).")
    var output: String?

    @Option(help: "Two-step signing, step 1: write the bytes to sign here and stop.")
    var signingData: String?

    @Option(help: "Two-step signing, step 2: the raw signature (384 bytes, big-endian).")
    var signature: String?

    @Option(help: "Two-step signing, step 2: the signer's modulus (384 bytes, big-endian).")
    var publicKey: String?

    @Option(help: "SIGSTRUCT date as yyyy-mm-dd (default: today, UTC).")
    var date: String?

    @Flag(help: "Sign a non-debug enclave with the public development key anyway (refused otherwise: anyone can sign with it).")
    var allowDevelopmentKey = false

    func run() throws {
        do {
            let elf = try EnclaveELF(bytes: try readFile(image))
            let layout = try EnclaveLayout(image: elf)
            let dateBCD = try parseDate()
            let mrenclave = layout.measure().mrenclave
            var sigstruct = try layout.sigstructFields(date: dateBCD).unsignedSigstruct(enclaveHash: mrenclave)
            if let signingData {
                try writeFile(signingData, sigstruct.signedBytes)
                print("wrote the 256 bytes to sign to \(signingData)")
                return
            }
            if let signature {
                guard let publicKey else { throw SGXError(.invalidParameter, "--signature needs --public-key") }
                let signatureBE = try readFile(signature)
                let modulusBE = try readFile(publicKey)
                guard signatureBE.count == 384 else { throw SGXError(.invalidParameter, "\(signature): a signature is 384 bytes, got \(signatureBE.count)") }
                let signer = try PublicSigningKey(modulusBigEndian: modulusBE)
                try DevelopmentKey.checkUse(by: signer, debug: elf.config.debug, allowed: allowDevelopmentKey)
                try sigstruct.attachSignature(Array(signatureBE.reversed()), publicKey: signer)
            } else {
                let signingKey = try EnclaveSigning.loadKey(path: key)
                try DevelopmentKey.checkUse(by: signingKey.publicKey, debug: elf.config.debug, allowed: allowDevelopmentKey)
                sigstruct = try SigstructSigner.sign(enclaveHash: mrenclave, fields: layout.sigstructFields(date: dateBCD), key: signingKey)
            }
            let destination = output ?? image
            try writeFile(destination, try elf.signed(with: sigstruct.bytes))
            print("signed \(destination)")
            print("  MRENCLAVE \(mrenclave.hexString)")
            print("  MRSIGNER  \(SigstructVerification(sigstruct).mrsigner.hexString)")
        } catch let error as SGXError {
            throw fail(error)
        }
    }

    private func parseDate() throws(SGXError) -> UInt32? {
        guard let date else { return nil }
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let bcd = Sigstruct.bcdDate(year: parts[0], month: parts[1], day: parts[2]) else {
            throw SGXError(.invalidParameter, "--date must be yyyy-mm-dd, got \(date)")
        }
        return bcd
    }
}
