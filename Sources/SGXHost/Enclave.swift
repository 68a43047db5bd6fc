import SGXSign
import SGXTypes

#if canImport(Glibc)
import Glibc
#endif

/// An enclave loaded in simulation mode: the owner of its memory and TCSs. Not copyable;
/// destroying it (at the end of its lifetime) unmaps everything, as `sgx_destroy_enclave`.
///
/// Loading does what ECREATE/EADD/EEXTEND/EINIT would: lays the image out with
/// ``EnclaveLayout``, measures it, and refuses it unless the embedded SIGSTRUCT's
/// enclave hash equals the measurement, its RSA signature verifies, and the attributes
/// and MISCSELECT satisfy its masks.
///
/// - Important: Simulation mode offers **no isolation**: the enclave is ordinary memory
///   in this process, and its keys are public test values. It exists to develop and test
///   enclave code on machines without SGX.
///
/// ECALLs may come from several threads at once (up to the TCS count) through a
/// borrowed owner, for example inside `DispatchQueue.concurrentPerform`.
public struct Enclave: ~Copyable, Sendable {
    let instance: EnclaveInstance

    /// Loads a signed enclave image file.
    public init(path: String, ocalls: OCallTable = OCallTable(),
                output: @escaping @Sendable (UnsafeRawBufferPointer) -> Void = Enclave.standardOutput) throws(SGXError) {
        try self.init(image: try Self.read(path), ocalls: ocalls, output: output)
    }

    /// Loads a signed enclave image from memory.
    public init(image: [UInt8], ocalls: OCallTable = OCallTable(),
                output: @escaping @Sendable (UnsafeRawBufferPointer) -> Void = Enclave.standardOutput) throws(SGXError) {
        let elf = try EnclaveELF(bytes: image)
        guard elf.config.mode == .simulation else {
            throw SGXError(.modeIncompatible, "image was built for SGX hardware; the simulation loader only runs simulation images")
        }
        let layout = try EnclaveLayout(image: elf)
        guard let raw = layout.image.embeddedSigstruct else {
            throw .invalidSignature("image is not signed (its SIGSTRUCT slot is empty): run `swift-sgx sign`")
        }
        instance = try EnclaveInstance(layout: layout, sigstruct: try Sigstruct(bytes: raw), ocalls: ocalls, output: output)
    }

    /// ECALL number `index` with a marshalling frame in untrusted memory. Throws the
    /// status the enclave returned, `enclaveCrashed` if it died (now or before),
    /// `outOfTCS` when every TCS is busy, `invalidFunction` for an unknown index.
    @inline(__always)
    public func ecall(_ index: UInt32, frame: UnsafeMutableRawPointer? = nil) throws(SGXError) {
        guard UInt64(index) <= EnclaveABI.maxECallIndex else {
            throw SGXError(.invalidFunction, "ECALL index \(index) is out of range")
        }
        try instance.call(UInt64(index), frame: frame)
    }

    /// The identity EINIT established.
    public var identity: EnclaveIdentity { instance.identity }
    /// The configuration embedded in the image.
    public var config: EnclaveConfig { instance.layout.config }
    /// The simulator's hardware-cost model: TSC ticks charged, on the host side, for every
    /// simulated EENTER (each ECALL's entry and each OCALL's return) and every exit (EEXIT,
    /// or the AEX of a fault). 0, the default, is off; `SWIFT_SGX_SIM_TRANSITION_CYCLES`
    /// sets it at load time. An empty ECALL then costs about 2 × this, an OCALL 2 × more.
    /// Hardware transitions are reported to cost some 8,000–14,000 cycles: this is a model
    /// for judging in simulation whether fewer transitions (batching, switchless calls) pay
    /// off, not a measurement of any CPU.
    public var simulatedTransitionCycles: UInt64 {
        get { instance.backEnd.transitionCycles }
        nonmutating set { instance.backEnd.transitionCycles = newValue }
    }
    /// How many transitions the hardware-cost model has charged since the enclave loaded.
    public var modeledTransitions: UInt64 { instance.backEnd.modeledTransitions }
    /// True once the enclave has crashed; every later ECALL fails with `enclaveCrashed`.
    public var isCrashed: Bool { instance.isCrashed }
    /// Why the enclave crashed, when it has.
    public var crashReason: String? { instance.crashReason }
    /// The address a hardware fault (bad memory access, stack overflow into a guard page)
    /// touched when it crashed the enclave; nil for other crashes and before any.
    public var crashAddress: UInt64? { instance.crashAddress }
    /// The enclave's address range (ELRANGE) in this process: where its pages are mapped.
    public var addressRange: Range<UInt64> { instance.base ..< instance.base + instance.size }

    deinit { instance.destroy() }

    /// Writes enclave output to the host's standard output.
    public static let standardOutput: @Sendable (UnsafeRawBufferPointer) -> Void = { bytes in
        guard let base = bytes.baseAddress else { return }
        fflush(nil) // keep the host's own buffered output in order with the enclave's
        var offset = 0
        while offset < bytes.count {
            let written = write(1, base + offset, bytes.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }

    static func read(_ path: String) throws(SGXError) -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw SGXError(.enclaveFileAccess, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }
}
