// The sample enclave of `swift run hello-enclave`: Embedded Swift, running inside the
// (simulated) enclave. It implements the ECALLs declared in Hello.edl; the generated
// bridge has already checked and copied every argument into enclave memory.
import SGXTrusted
import SGXTypes

func ecall_greet(_ name: String) {
    print("Hello, \(name), from inside the enclave!")
}

func ecall_statistics(_ samples: [Double], _ n: Int, _ mean: inout Double, _ deviation: inout Double) {
    guard !samples.isEmpty else { return }
    let average = samples.reduce(0, +) / Double(samples.count)
    let variance = samples.reduce(0) { $0 + ($1 - average) * ($1 - average) } / Double(samples.count)
    mean = average
    deviation = Math.sqrt(variance) // the runtime's libm (SQRTSD), correctly rounded
}

func ecall_ask_host() -> UInt64 {
    // The OCALL's result comes from the host: untrusted, whatever it says.
    guard let answer = try? ocall_answer() else { return 0 }
    print("The host says \(answer) (an untrusted value).")
    return answer
}

func ecall_seal_secret(_ secret: [UInt8], _ len: Int, _ blob: inout [UInt8], _ capacity: Int,
                       _ written: inout UInt64) -> UInt32 {
    do {
        let sealed = try SealedData.seal(secret, additionalData: Array("hello-enclave".utf8))
        guard sealed.count <= blob.count else { return SGXStatus.invalidParameter.rawValue }
        for index in 0..<sealed.count { blob[index] = sealed[index] }
        written = UInt64(sealed.count)
        return 0
    } catch {
        return error.status.rawValue
    }
}

func ecall_unseal_secret(_ blob: [UInt8], _ len: Int, _ secret: inout [UInt8], _ capacity: Int,
                         _ written: inout UInt64) -> UInt32 {
    do {
        let (plaintext, _) = try SealedData.unseal(blob)
        guard plaintext.count <= secret.count else { return SGXStatus.invalidParameter.rawValue }
        for index in 0..<plaintext.count { secret[index] = plaintext[index] }
        written = UInt64(plaintext.count)
        return 0
    } catch {
        return error.status.rawValue
    }
}

func ecall_crash() {
    fatalError("deliberate crash, to show containment")
}
