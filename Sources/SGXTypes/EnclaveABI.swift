/// The host/enclave ABI of swift-sgx, defined here for Swift and in
/// `CEnclaveRuntime/include/sgx_runtime.h` for the trusted runtime's C and assembly (and the
/// few values the simulator's C needs in `CSGXHost/include/CSGXHost.h`). The drift test
/// (`Tests/SGXHostTests/ABIDriftTests.swift`) reads both headers and fails on any
/// difference, so neither side can change alone.
public enum EnclaveABI {
    /// Entry operations passed in `rdi` at EENTER (below 0x8000_0000: an ECALL index).
    public static let opInit: UInt64 = 0xffff_fffd
    public static let opOCallReturn: UInt64 = 0xffff_fffe
    public static let maxECallIndex: UInt64 = 0x7fff_ffff

    /// Exit reasons in `rdi` at EEXIT.
    public static let exitReturn: UInt64 = 0
    public static let exitOCall: UInt64 = 1
    public static let exitCrash: UInt64 = 2

    /// OCALL indices at or above this are the SDK's own runtime OCALLs, declared in
    /// `SGXTrusted/Runtime/swift_sgx_runtime.edl` and generated like any EDL interface:
    /// index = base + position in that file's untrusted block. Their frames follow the EDL
    /// frame layout (SGXEDL/EDLFrameLayout.swift). The constants below name them for
    /// tests and interceptors; a test checks them against the EDL.
    public static let runtimeOCallBase: UInt32 = 0x8000_0000
    /// `sgx_ocall_print`: bytes for the host's standard output.
    public static let ocallPrint: UInt32 = runtimeOCallBase + 0
    /// `sgx_ocall_thread_wait`: sleep this TCS on its host event until woken (may return early).
    public static let ocallThreadWait: UInt32 = runtimeOCallBase + 1
    /// `sgx_ocall_thread_wake`: set the host event of one TCS.
    public static let ocallThreadWake: UInt32 = runtimeOCallBase + 2
    /// `sgx_ocall_thread_wake_multiple`: set the host events of several TCSs.
    public static let ocallThreadWakeMultiple: UInt32 = runtimeOCallBase + 3
    /// `sgx_ocall_clock`: host wall-clock and monotonic time.
    public static let ocallClock: UInt32 = runtimeOCallBase + 4
    /// `sgx_ocall_file_open`: open a host file; a handle or -errno.
    public static let ocallFileOpen: UInt32 = runtimeOCallBase + 5
    /// `sgx_ocall_file_read`: a count or -errno.
    public static let ocallFileRead: UInt32 = runtimeOCallBase + 6
    /// `sgx_ocall_file_write`: a count or -errno.
    public static let ocallFileWrite: UInt32 = runtimeOCallBase + 7
    /// `sgx_ocall_file_close`: 0 or -errno.
    public static let ocallFileClose: UInt32 = runtimeOCallBase + 8
    /// `sgx_ocall_file_remove`: 0 or -errno.
    public static let ocallFileRemove: UInt32 = runtimeOCallBase + 9
    /// `sgx_ocall_simulated_enclu`, simulation only: ENCLU[EREPORT] or ENCLU[EGETKEY] run by
    /// the host's simulated CPU for the calling enclave.
    public static let ocallSimulatedENCLU: UInt32 = runtimeOCallBase + 10
    /// `sgx_ocall_qe_target_info`: the quoting enclave's TARGETINFO (`sgx_qe_get_target_info`).
    public static let ocallQuoteTargetInfo: UInt32 = runtimeOCallBase + 11
    /// `sgx_ocall_qe_quote`: a DCAP quote for a REPORT targeted at the quoting enclave (`sgx_qe_get_quote`).
    public static let ocallQuote: UInt32 = runtimeOCallBase + 12
    /// `sgx_ocall_socket_connect`: connect(2); a handle or -errno.
    public static let ocallSocketConnect: UInt32 = runtimeOCallBase + 13
    /// `sgx_ocall_socket_listen`: bind(2) and listen(2); a handle or -errno.
    public static let ocallSocketListen: UInt32 = runtimeOCallBase + 14
    /// `sgx_ocall_socket_accept`: accept(2); a handle or -errno.
    public static let ocallSocketAccept: UInt32 = runtimeOCallBase + 15
    /// `sgx_ocall_socket_send`: send(2); a count or -errno.
    public static let ocallSocketSend: UInt32 = runtimeOCallBase + 16
    /// `sgx_ocall_socket_receive`: recv(2); a count (0 at end of stream) or -errno.
    public static let ocallSocketReceive: UInt32 = runtimeOCallBase + 17
    /// `sgx_ocall_socket_shutdown`: shutdown(2); 0 or -errno.
    public static let ocallSocketShutdown: UInt32 = runtimeOCallBase + 18
    /// `sgx_ocall_socket_close`: close(2); 0 or -errno.
    public static let ocallSocketClose: UInt32 = runtimeOCallBase + 19
    /// `sgx_ocall_file_read_at`: pread(2); a count or -errno.
    public static let ocallFileReadAt: UInt32 = runtimeOCallBase + 20
    /// `sgx_ocall_file_write_at`: pwrite(2); a count or -errno.
    public static let ocallFileWriteAt: UInt32 = runtimeOCallBase + 21
    /// `sgx_ocall_file_size`: fstat(2) size or -errno.
    public static let ocallFileSize: UInt32 = runtimeOCallBase + 22
    /// `sgx_ocall_file_truncate`: ftruncate(2); 0 or -errno.
    public static let ocallFileTruncate: UInt32 = runtimeOCallBase + 23
    /// `sgx_ocall_file_sync`: fsync(2); 0 or -errno.
    public static let ocallFileSync: UInt32 = runtimeOCallBase + 24
    /// Number of runtime OCALLs.
    public static let runtimeOCallCount = 25

    /// ENCLU leaf numbers (SDM Vol. 3D, 38.1) carried by `sgx_ocall_simulated_enclu`.
    public static let leafEREPORT: UInt32 = 0
    public static let leafEGETKEY: UInt32 = 1

    /// Most bytes one file read/write or print OCALL moves (the untrusted stack holds the buffer).
    public static let fileChunkSize = 64 << 10
    /// Most bytes one socket send/receive OCALL moves (the untrusted stack holds the buffer).
    public static let socketChunkSize = 64 << 10
    /// Longest path an UntrustedFile OCALL accepts.
    public static let maxPathLength = 4096

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
        public static let ocallRSPOffset = 48
        public static let depthOffset = 72
        public static let tcsOffsetOffset = 80
        public static let indexOffset = 88
        /// Offset of this thread data page from the enclave base (measured): the runtime
        /// reaches thread data through GS only, never through the TCS.
        public static let selfOffsetOffset = 120
        public static let untrustedStackLimitOffset = 128
        public static let tlsSlotsOffset = 504
    }

    /// The frame of `opInit`: the host's CPUID values (`sgx_cpu_features_frame_t`), untrusted
    /// and masked by XFRM inside the enclave.
    public enum CPUFeatures {
        public static let magic: UInt64 = 0x4449_5550_4358_5353 // "SSXCPUID"
        public static let size = 32
        public static let leaf1ECXOffset = 8
        public static let leaf1EDXOffset = 12
        public static let leaf7EBXOffset = 16
        public static let leaf7ECXOffset = 20
        /// CPUID.(0DH,1):EAX; bit 2 = XGETBV with ECX = 1 (XINUSE) is supported.
        public static let leaf13Sub1EAXOffset = 24
    }

    /// Runtime states (`sgx_runtime_state`).
    public enum RuntimeState {
        public static let uninitialized: UInt32 = 0
        public static let initializing: UInt32 = 1
        public static let ready: UInt32 = 2
        public static let crashed: UInt32 = 3
    }

    /// Deepest nesting of ECALLs inside OCALLs the runtime accepts, and the enclave stack a
    /// nested ECALL must find free below the suspended frame.
    public static let maxECallDepth: UInt64 = 32
    public static let nestedStackReserve: UInt64 = 16384

    /// Why an enclave died (rsi at a crash exit).
    public enum CrashReason: UInt64, Sendable {
        case swiftTrap = 1
        case abort = 2
        case outOfMemory = 3
        case stackOverrun = 4
        case badRelocation = 5
        case corruptState = 6
        /// EENTER with CSSA > 0: the host re-entered a TCS whose thread an AEX interrupted.
        case badEntry = 7
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
            case .badEntry: return "entered at CSSA > 0 (re-entry of a TCS interrupted by an asynchronous exit)"
            default: return "unknown crash reason \(raw)"
            }
        }
    }
}
