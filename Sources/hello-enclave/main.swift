// swift run hello-enclave: the enclave in HelloEnclave/ was built, measured and signed by
// the SGXEnclavePlugin during `swift build`; this host loads it in simulation mode and
// exercises it.
import SGXHost
import SGXTypes

#if canImport(Glibc)
import Glibc
#endif

print("""
    swift-sgx hello-enclave
    SIMULATION MODE: the enclave runs as ordinary memory in this process. There is no
    isolation from the host, and simulated keys (and the development signing key) are public.

    """)

func run() throws(SGXError) {
    var ocalls = OCallTable()
    ocalls[0] = { call in
        call.frame?.storeBytes(of: UInt64(42), as: UInt64.self)
        return 0
    }
    let enclave = try Enclave(path: HelloEnclave.path, ocalls: ocalls)
    let identity = enclave.identity
    print("loaded \(HelloEnclave.path)")
    print("  MRENCLAVE \(identity.mrenclave.hexString)")
    print("  MRSIGNER  \(identity.mrsigner.hexString) (development key)")
    print("  ISVPRODID \(identity.isvProdID)  ISVSVN \(identity.isvSvn)  debug \(identity.debug)  TCS \(enclave.config.tcsCount)")
    print("")

    try HelloCalls.greet(enclave, name: "swift-sgx")

    let samples = (1...1000).map { Double($0) }
    let (mean, deviation) = try HelloCalls.statistics(enclave, samples)
    print("statistics of 1...1000 computed in the enclave: mean \(mean), standard deviation \(deviation)")

    let answer = try HelloCalls.askHost(enclave)
    print("OCALL round trip returned \(answer)")

    // Crash containment: a trap inside a second enclave kills only that enclave.
    let doomed = try Enclave(path: HelloEnclave.path)
    do {
        try doomed.ecall(3)
    } catch {
        print("second enclave crashed as intended: \(error)")
    }
    try HelloCalls.greet(enclave, name: "again (the first enclave is unaffected)")
    print("\nall done")
}

do {
    try run()
} catch {
    print("error: \(error)")
    exit(1)
}
