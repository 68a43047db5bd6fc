import ArgumentParser

// Minimal root command for this branch (verify-quote only); the lead merges the full list.
struct SwiftSGX: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swift-sgx",
        abstract: "Swift SDK for Intel SGX enclaves.",
        subcommands: [VerifyQuoteCommand.self])
}

SwiftSGX.main()
