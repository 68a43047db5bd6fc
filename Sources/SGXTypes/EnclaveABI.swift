/// The host/enclave ABI of swift-sgx, defined once here for Swift and restated for C in
/// `CEnclaveRuntime/include/sgx_runtime.h` (keep the two in step).
public enum EnclaveABI {
    /// Entry operations passed in `rdi` at EENTER (below 0x8000_0000: an ECALL index).
    public static let opInit: UInt64 = 0xffff_fffd
    public static let opOCallReturn: UInt64 = 0xffff_fffe
    public static let maxECallIndex: UInt64 = 0x7fff_ffff

    /// Exit reasons in `rdi` at EEXIT.
    public static let exitReturn: UInt64 = 0
    public static let exitOCall: UInt64 = 1
    public static let exitCrash: UInt64 = 2

    /// OCALL indices at or above this are the SDK's own runtime OCALLs.
    public static let runtimeOCallBase: UInt32 = 0x8000_0000
    /// Runtime OCALL: print bytes. Frame `{ u64 data, u64 length }`.
    public static let ocallPrint: UInt32 = runtimeOCallBase + 0
    /// Runtime OCALL: sleep this TCS on its host event until woken (may return early).
    /// Frame `{ u64 tcsIndex }`.
    public static let ocallThreadWait: UInt32 = runtimeOCallBase + 0x10
    /// Runtime OCALL: set the host event of one TCS. Frame `{ u64 tcsIndex }`.
    public static let ocallThreadWake: UInt32 = runtimeOCallBase + 0x11
    /// Runtime OCALL: set the host events of several TCSs. Frame `{ u64 indices, u64 count }`,
    /// `indices` pointing at `count` u64 TCS indices in untrusted memory.
    public static let ocallThreadWakeMultiple: UInt32 = runtimeOCallBase + 0x12
    /// Runtime OCALL: host time. Frame `{ out u64 wallNanoseconds, out u64 monotonicNanoseconds }`.
    public static let ocallClock: UInt32 = runtimeOCallBase + 0x20
    /// Runtime OCALL: open a host file. Frame `{ u64 path, u64 pathLength, u64 mode, out i64 handle or -errno }`.
    public static let ocallFileOpen: UInt32 = runtimeOCallBase + 0x30
    /// Runtime OCALL: read. Frame `{ u64 handle, u64 buffer, u64 capacity, out i64 count or -errno }`.
    public static let ocallFileRead: UInt32 = runtimeOCallBase + 0x31
    /// Runtime OCALL: write. Frame `{ u64 handle, u64 data, u64 length, out i64 count or -errno }`.
    public static let ocallFileWrite: UInt32 = runtimeOCallBase + 0x32
    /// Runtime OCALL: close. Frame `{ u64 handle, out i64 0 or -errno }`.
    public static let ocallFileClose: UInt32 = runtimeOCallBase + 0x33
    /// Runtime OCALL: remove a host file. Frame `{ u64 path, u64 pathLength, out i64 0 or -errno }`.
    public static let ocallFileRemove: UInt32 = runtimeOCallBase + 0x34
    /// Most bytes one file read/write OCALL moves (the untrusted stack holds the buffer).
    public static let fileChunkSize = 64 << 10
    /// Longest path an UntrustedFile OCALL accepts.
    public static let maxPathLength = 4096
    /// Runtime OCALL, simulation only: a simulated ENCLU[EREPORT] or ENCLU[EGETKEY] that the
    /// host answers with its simulated CPU for the calling enclave. Frame: ``SimulatedENCLU``.
    public static let ocallSimulatedENCLU: UInt32 = runtimeOCallBase + 0x100

    /// The frame of ``ocallSimulatedENCLU`` (1024 bytes in untrusted memory): 0 u32 leaf ·
    /// 16 TARGETINFO or KEYREQUEST (512) · 528 REPORTDATA (64) · 592 REPORT (432) or key (16), out.
    public enum SimulatedENCLU {
        public static let frameSize = 1024
        public static let inputOffset = 16
        public static let reportDataOffset = 528
        public static let outputOffset = 592
        /// ENCLU leaf numbers (SDM Vol. 3D, 38.1).
        public static let leafEREPORT: UInt32 = 0
        public static let leafEGETKEY: UInt32 = 1
    }

    /// Runtime OCALL, simulation: the TARGETINFO of the host's (simulated) quoting enclave,
    /// as Intel's `sgx_qe_get_target_info`. Frame `{ out TARGETINFO (512) }`. Untrusted: a
    /// wrong target only makes the later quote request fail.
    public static let ocallQuoteTargetInfo: UInt32 = runtimeOCallBase + 0x110
    /// Runtime OCALL, simulation: a DCAP quote for a REPORT targeted at the quoting enclave,
    /// as Intel's `sgx_qe_get_quote`. Frame: ``QuoteRequest``.
    public static let ocallQuote: UInt32 = runtimeOCallBase + 0x111

    /// The frame of ``ocallQuote``: 0 u64 capacity (in) · 8 u64 quote length (out) ·
    /// 16 REPORT (432, in) · 448 quote (capacity bytes, out).
    public enum QuoteRequest {
        public static let capacityOffset = 0
        public static let lengthOffset = 8
        public static let reportOffset = 16
        public static let quoteOffset = 448
        /// Largest quote the enclave accepts (a v3 quote with a PEM chain is about 4.5 KiB).
        public static let maxQuoteSize = 16 << 10
    }

    /// Size of the untrusted stack area the host gives each entry for OCALL frames.
    public static let untrustedStackSize: UInt64 = 256 << 10

    /// Layout page (right after the image), field offsets.
    public enum Layout {
        public static let magic: UInt64 = 0x5455_4f59_414c_5853 // "SXLAYOUT"
        public static let magicOffset = 0
        public static let enclaveSizeOffset = 8
        public static let heapOffsetOffset = 16
        public static let heapSizeOffset = 24
        public static let tcsCountOffset = 32
        public static let firstTCSOffsetOffset = 40
        public static let tcsStrideOffset = 48
        public static let untrustedStackSizeOffset = 56
        public static let simulationOffset = 64
    }

    /// Thread data page, measured initial fields.
    public enum ThreadData {
        public static let stackTopOffset = 32
        public static let stackLimitOffset = 40
        public static let tcsOffsetOffset = 80
        public static let indexOffset = 88
    }

    /// Why an enclave died (rsi at a crash exit).
    public enum CrashReason: UInt64, Sendable {
        case swiftTrap = 1
        case abort = 2
        case outOfMemory = 3
        case stackOverrun = 4
        case badRelocation = 5
        case corruptState = 6
        case hardwareFault = 0x100 // ORed with the signal number in simulation

        public static func describe(_ raw: UInt64) -> String {
            if raw & 0x100 != 0 {
                let signal = raw & 0xff
                let name: String = switch signal {
                case 11: "SIGSEGV (bad memory access or stack overflow into a guard page)"
                case 7: "SIGBUS (bad memory access)"
                case 4: "SIGILL (illegal instruction)"
                case 8: "SIGFPE (arithmetic fault)"
                case 5: "SIGTRAP (trap instruction)"
                default: "signal \(signal)"
                }
                return "hardware fault inside the enclave: \(name)"
            }
            switch CrashReason(rawValue: raw) {
            case .swiftTrap: return "Swift runtime trap (fatalError, precondition, bounds check or overflow)"
            case .abort: return "abort() called inside the enclave"
            case .outOfMemory: return "out of enclave memory"
            case .stackOverrun: return "stack overrun"
            case .badRelocation: return "malformed relocation in the image"
            case .corruptState: return "enclave runtime state corrupted"
            default: return "unknown crash reason \(raw)"
            }
        }
    }
}
