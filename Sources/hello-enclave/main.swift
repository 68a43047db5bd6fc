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

/// Every result the demo prints is checked against what the host computes itself; a wrong
/// value (not only an error) fails the demo, so CI notices an enclave that computes nonsense.
nonisolated(unsafe) var mismatches = 0
func check(_ condition: Bool, _ what: @autoclosure () -> String) {
    guard !condition else { return }
    mismatches += 1
    print("error: \(what())")
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
    // The same formulas on the host (population deviation). Both sides sum in the same order
    // and both square roots are correctly rounded, so the results are equal.
    let hostMean = samples.reduce(0, +) / Double(samples.count)
    let hostDeviation = (samples.reduce(0) { $0 + ($1 - hostMean) * ($1 - hostMean) } / Double(samples.count)).squareRoot()
    check(mean == 500.5 && hostMean == 500.5, "mean: enclave \(mean), host \(hostMean), expected 500.5")
    check(deviation == hostDeviation,
          "standard deviation: enclave \(deviation), host \(hostDeviation)")

    let answer = try enclave.ecall_ask_host()
    print("OCALL round trip returned \(answer)")
    check(answer == 42, "OCALL round trip returned \(answer), the host answered 42")

    // Sealing: the blob is Intel's sgx_sealed_data_t, keyed by EGETKEY(SEAL) for this
    // enclave's signer. In simulation the seal keys are public test values (Docs/simulation.md).
    let secret = Array("my secret".utf8)
    var blob = [UInt8](repeating: 0, count: secret.count + 1024)
    var blobLength: UInt64 = 0
    let sealStatus = try enclave.ecall_seal_secret(secret, secret.count, &blob, blob.count, &blobLength)
    guard sealStatus == 0 else { throw SGXError(SGXStatus(rawValue: sealStatus) ?? .unexpected, "sealing failed") }
    let sealed = Array(blob.prefix(Int(blobLength)))
    var opened = [UInt8](repeating: 0, count: secret.count)
    var openedLength: UInt64 = 0
    let unsealStatus = try enclave.ecall_unseal_secret(sealed, sealed.count, &opened, opened.count, &openedLength)
    guard unsealStatus == 0 else { throw SGXError(SGXStatus(rawValue: unsealStatus) ?? .unexpected, "unsealing failed") }
    print("sealed \(secret.count) bytes into a \(sealed.count)-byte blob and unsealed \"\(String(decoding: opened.prefix(Int(openedLength)), as: UTF8.self))\"")
    check(sealed.count > secret.count, "the sealed blob (\(sealed.count) bytes) is not longer than the secret")
    check(!sealed.indices.contains { sealed[$0...].starts(with: secret) }, "the sealed blob contains the secret in clear")
    check(Array(opened.prefix(Int(openedLength))) == secret,
          "unsealed \(openedLength) bytes that differ from the secret")
    print("  (simulation: the seal key is derived from public test keys, so this blob protects nothing)")

    // Crash containment: a trap inside a second enclave kills only that enclave.
    let doomed = try Enclave(path: HelloEnclave.path, ocalls: Hello.ocallTable(HelloHost()))
    do {
        try doomed.ecall_crash()
        check(false, "ecall_crash returned instead of crashing the second enclave")
    } catch {
        print("second enclave crashed as intended: \(error)")
        check(error.status == .enclaveCrashed, "ecall_crash threw \(error), expected enclaveCrashed")
    }
    check(doomed.isCrashed, "the second enclave is not marked crashed")
    do {
        try doomed.ecall_greet("after the crash")
        check(false, "an ECALL into the crashed enclave succeeded")
    } catch {
        check(error.status == .enclaveCrashed, "an ECALL into the crashed enclave threw \(error), expected enclaveCrashed")
    }
    try enclave.ecall_greet("again (the first enclave is unaffected)")
    check(!enclave.isCrashed, "the first enclave is marked crashed")
    let again = try enclave.ecall_ask_host()
    check(again == 42, "after the crash, the first enclave's OCALL round trip returned \(again)")
    guard mismatches == 0 else {
        print("\n\(mismatches) result(s) wrong")
        exit(1)
    }
    print("\nall done")
}

do {
    try run()
} catch {
    print("error: \(error)")
    exit(1)
}
