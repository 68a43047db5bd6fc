// swift run local-attestation-example: two enclaves in one host establish an sgx_dh
// session (Intel's local attestation) and pass a secret. SIMULATION MODE: no isolation;
// the simulated CPU's keys are public test values.
import SGXHost
import SGXTypes

#if canImport(Glibc)
import Glibc
#endif

do {
    try LocalAttestationExample.run(responderPath: ResponderEnclave.path, initiatorPath: InitiatorEnclave.path)
    print("done")
} catch {
    print("error: \(error)")
    exit(1)
}
