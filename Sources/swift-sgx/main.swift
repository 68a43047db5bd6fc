import ArgumentParser

/// `swift-sgx`: build, sign, measure, inspect and verify SGX enclaves.
/// (`@main` is not allowed in main.swift, so the root command is started explicitly.)
struct SwiftSGX: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swift-sgx",
        abstract: "Memory-safe Intel SGX enclaves in Swift: build, sign, measure, inspect, verify.",
        discussion: "Simulation mode gives NO isolation and uses public keys: it is for development and testing.",
        subcommands: [
            NewCommand.self, BuildCommand.self, KeygenCommand.self, SignCommand.self, MeasureCommand.self,
            DumpCommand.self, EDLCommand.self, VerifyQuoteCommand.self, RATLSCommand.self, PFSCommand.self, CollateralCommand.self, DoctorCommand.self,
        ])
}

SwiftSGX.main()
