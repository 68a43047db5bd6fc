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
    deviation = squareRoot(variance)
}

/// Newton's method: the enclave has no libm.
func squareRoot(_ x: Double) -> Double {
    guard x > 0 else { return 0 }
    var guess = x
    for _ in 0..<60 { guess = 0.5 * (guess + x / guess) }
    return guess
}

func ecall_ask_host() -> UInt64 {
    // The OCALL's result comes from the host: untrusted, whatever it says.
    guard let answer = try? ocall_answer() else { return 0 }
    print("The host says \(answer) (an untrusted value).")
    return answer
}

func ecall_crash() {
    fatalError("deliberate crash, to show containment")
}
