import SGXTypes

/// How an enclave thread came out of the enclave: through the swift-sgx runtime's EEXIT
/// (rdi = exit reason, rsi/rdx = values; ``SGXTypes/EnclaveABI``) or through an exception
/// the CPU reported with an asynchronous exit (AEX).
public enum EnclaveExit: Sendable, Hashable {
    /// The ECALL (or INIT) finished with this `sgx_status_t` (EXIT_RETURN).
    case returned(status: UInt32)
    /// The enclave wants OCALL `index` run with its untrusted frame (EXIT_OCALL); re-enter the
    /// same TCS with ``SGXTypes/EnclaveABI/opOCallReturn`` and the OCALL's status.
    case ocall(index: UInt32, frame: UInt64)
    /// The runtime's crash exit (EXIT_CRASH) with a ``SGXTypes/EnclaveABI/CrashReason`` value.
    case crashed(reason: UInt64)
    /// An exception inside the enclave (AEX): its vector, error code and faulting address.
    case exception(vector: UInt16, errorCode: UInt16, address: UInt64)
}

/// The steps that build and run one enclave, whatever executes them: the CPU through the
/// Linux driver (`SGXLinuxDriver.LinuxDriverBackEnd`), or software (the simulator, a
/// measuring test double). Modelled on Fortanix's `sgxs::loader::Load`: ECREATE, then
/// EADD/EEXTEND page by page exactly as ``EnclaveLayout`` lays the enclave out, EINIT, then
/// EENTER until the enclave is destroyed.
///
/// Callers drive it in this order: ``create(secs:)`` once, ``addPages(_:offset:secInfoFlags:measured:)``
/// in layout order, ``initialize(sigstruct:)`` once, then any number of ``enter(tcsOffset:op:argument:untrustedStack:)``
/// calls, and ``destroy()``. Conditions the host or the platform can cause throw; calling
/// out of order is a programming error.
public protocol EnclaveBackEnd: ~Copyable {
    /// ECREATE: reserves ELRANGE (`secs.size` bytes, aligned to the size) and creates the
    /// enclave with this SECS (its base address is filled in by the back end). Returns the base.
    mutating func create(secs: SECS) throws(SGXError) -> UInt64

    /// EADD of `contents.count / 4096` pages at `offset` from the base, each with SECINFO
    /// flags `secInfoFlags`, and EEXTEND of every 256-byte chunk when `measured`.
    mutating func addPages(_ contents: UnsafeRawBufferPointer, offset: UInt64, secInfoFlags: UInt64, measured: Bool) throws(SGXError)

    /// EINIT with the enclave's SIGSTRUCT; afterwards the pages are accessible with the
    /// permissions they were added with.
    mutating func initialize(sigstruct: Sigstruct) throws(SGXError)

    /// EENTER on the TCS at `tcsOffset` with rdi = `op`, rsi = `argument`, rdx =
    /// `untrustedStack` (the runtime's entry ABI); returns how the thread came back out.
    func enter(tcsOffset: UInt64, op: UInt64, argument: UInt64, untrustedStack: UInt64) throws(SGXError) -> EnclaveExit

    /// Tears the enclave down and releases its address range. Safe to call more than once.
    mutating func destroy()
}
