import ArgumentParser

// Minimal root command for the EDL work; the lead merges `EDLCommand.self`
// into the real root's `subcommands`. (`@main` is not allowed in main.swift,
// so the root is started explicitly.)
struct SwiftSGX: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swift-sgx",
        subcommands: [EDLCommand.self])
}

SwiftSGX.main()
