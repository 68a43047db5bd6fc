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

/// The host's side of Hello.edl's untrusted block.
struct HelloHost: HelloOCalls {
    func ocall_answer() -> UInt64 { 42 }
}

func run() throws(SGXError) {
    let enclave = try Enclave(path: HelloEnclave.path, ocalls: Hello.ocallTable(HelloHost()))
    let identity = enclave.identity
    print("loaded \(HelloEnclave.path)")
    print("  MRENCLAVE \(identity.mrenclave.hexString)")
    print("  MRSIGNER  \(identity.mrsigner.hexString) (development key)")
    print("  ISVPRODID \(identity.isvProdID)  ISVSVN \(identity.isvSvn)  debug \(identity.debug)  TCS \(enclave.config.tcsCount)")
    print("")

    try enclave.ecall_greet("swift-sgx")

    let samples = (1...1000).map { Double($0) }
    var mean = 0.0, deviation = 0.0
    try enclave.ecall_statistics(samples, samples.count, &mean, &deviation)
    print("statistics of 1...1000 computed in the enclave: mean \(mean), standard deviation \(deviation)")

    let answer = try enclave.ecall_ask_host()
    print("OCALL round trip returned \(answer)")

    // Crash containment: a trap inside a second enclave kills only that enclave.
    let doomed = try Enclave(path: HelloEnclave.path, ocalls: Hello.ocallTable(HelloHost()))
    do {
        try doomed.ecall_crash()
    } catch {
        print("second enclave crashed as intended: \(error)")
    }
    try enclave.ecall_greet("again (the first enclave is unaffected)")
    print("\nall done")
}

do {
    try run()
} catch {
    print("error: \(error)")
    exit(1)
}
