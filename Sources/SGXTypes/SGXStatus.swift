/// Status codes with Intel's `sgx_status_t` numbering (`sgx_error.h`), so that values
/// logged by swift-sgx read the same as those of Intel's SDK and Rust-SGX.
///
/// Only the codes this SDK can produce are listed; the raw value is Intel's.
public enum SGXStatus: UInt32, Sendable, CaseIterable {
    case success = 0x0000
    case unexpected = 0x0001
    case invalidParameter = 0x0002
    case outOfMemory = 0x0003
    case enclaveLost = 0x0004
    case invalidState = 0x0005
    case featureNotSupported = 0x0008
    case memoryMapFailure = 0x000a

    case invalidFunction = 0x1001
    case outOfTCS = 0x1003
    case enclaveCrashed = 0x1006
    case ecallNotAllowed = 0x1007
    case ocallNotAllowed = 0x1008
    case stackOverrun = 0x1009

    case undefinedSymbol = 0x2000
    case invalidEnclave = 0x2001
    case invalidEnclaveID = 0x2002
    case invalidSignature = 0x2003
    case ndebugEnclave = 0x2004
    case outOfEPC = 0x2005
    case noDevice = 0x2006
    case memoryMapConflict = 0x2007
    case invalidMetadata = 0x2009
    case invalidVersion = 0x200d
    case modeIncompatible = 0x200e
    case enclaveFileAccess = 0x200f
    case invalidMisc = 0x2010

    case macMismatch = 0x3001
    case invalidAttribute = 0x3002
    case invalidCPUSVN = 0x3003
    case invalidISVSVN = 0x3004
    case invalidKeyname = 0x3005

    case serviceUnavailable = 0x4001
    /// SGX_ERROR_KDF_MISMATCH: a key exchange peer names another key derivation function.
    case kdfMismatch = 0x4011
    case unrecognizedPlatform = 0x4012
    case unsupportedConfig = 0x4013

    case fileBadStatus = 0x7001
    case fileNoKeyID = 0x7002
    case fileNameMismatch = 0x7003
    case fileNotSGXFile = 0x7004
    case fileCantOpenRecoveryFile = 0x7005
    case fileCantWriteRecoveryFile = 0x7006
    case fileRecoveryNeeded = 0x7007
    case fileFlushFailed = 0x7008
    case fileCloseFailed = 0x7009

    /// The identifier Intel's headers use, e.g. `SGX_ERROR_ENCLAVE_CRASHED`.
    public var intelName: StaticString {
        switch self {
        case .success: "SGX_SUCCESS"
        case .unexpected: "SGX_ERROR_UNEXPECTED"
        case .invalidParameter: "SGX_ERROR_INVALID_PARAMETER"
        case .outOfMemory: "SGX_ERROR_OUT_OF_MEMORY"
        case .enclaveLost: "SGX_ERROR_ENCLAVE_LOST"
        case .invalidState: "SGX_ERROR_INVALID_STATE"
        case .featureNotSupported: "SGX_ERROR_FEATURE_NOT_SUPPORTED"
        case .memoryMapFailure: "SGX_ERROR_MEMORY_MAP_FAILURE"
        case .invalidFunction: "SGX_ERROR_INVALID_FUNCTION"
        case .outOfTCS: "SGX_ERROR_OUT_OF_TCS"
        case .enclaveCrashed: "SGX_ERROR_ENCLAVE_CRASHED"
        case .ecallNotAllowed: "SGX_ERROR_ECALL_NOT_ALLOWED"
        case .ocallNotAllowed: "SGX_ERROR_OCALL_NOT_ALLOWED"
        case .stackOverrun: "SGX_ERROR_STACK_OVERRUN"
        case .undefinedSymbol: "SGX_ERROR_UNDEFINED_SYMBOL"
        case .invalidEnclave: "SGX_ERROR_INVALID_ENCLAVE"
        case .invalidEnclaveID: "SGX_ERROR_INVALID_ENCLAVE_ID"
        case .invalidSignature: "SGX_ERROR_INVALID_SIGNATURE"
        case .ndebugEnclave: "SGX_ERROR_NDEBUG_ENCLAVE"
        case .outOfEPC: "SGX_ERROR_OUT_OF_EPC"
        case .noDevice: "SGX_ERROR_NO_DEVICE"
        case .memoryMapConflict: "SGX_ERROR_MEMORY_MAP_CONFLICT"
        case .invalidMetadata: "SGX_ERROR_INVALID_METADATA"
        case .invalidVersion: "SGX_ERROR_INVALID_VERSION"
        case .modeIncompatible: "SGX_ERROR_MODE_INCOMPATIBLE"
        case .enclaveFileAccess: "SGX_ERROR_ENCLAVE_FILE_ACCESS"
        case .invalidMisc: "SGX_ERROR_INVALID_MISC"
        case .macMismatch: "SGX_ERROR_MAC_MISMATCH"
        case .invalidAttribute: "SGX_ERROR_INVALID_ATTRIBUTE"
        case .invalidCPUSVN: "SGX_ERROR_INVALID_CPUSVN"
        case .invalidISVSVN: "SGX_ERROR_INVALID_ISVSVN"
        case .invalidKeyname: "SGX_ERROR_INVALID_KEYNAME"
        case .serviceUnavailable: "SGX_ERROR_SERVICE_UNAVAILABLE"
        case .kdfMismatch: "SGX_ERROR_KDF_MISMATCH"
        case .unrecognizedPlatform: "SGX_ERROR_UNRECOGNIZED_PLATFORM"
        case .unsupportedConfig: "SGX_ERROR_UNSUPPORTED_CONFIG"
        case .fileBadStatus: "SGX_ERROR_FILE_BAD_STATUS"
        case .fileNoKeyID: "SGX_ERROR_FILE_NO_KEY_ID"
        case .fileNameMismatch: "SGX_ERROR_FILE_NAME_MISMATCH"
        case .fileNotSGXFile: "SGX_ERROR_FILE_NOT_SGX_FILE"
        case .fileCantOpenRecoveryFile: "SGX_ERROR_FILE_CANT_OPEN_RECOVERY_FILE"
        case .fileCantWriteRecoveryFile: "SGX_ERROR_FILE_CANT_WRITE_RECOVERY_FILE"
        case .fileRecoveryNeeded: "SGX_ERROR_FILE_RECOVERY_NEEDED"
        case .fileFlushFailed: "SGX_ERROR_FILE_FLUSH_FAILED"
        case .fileCloseFailed: "SGX_ERROR_FILE_CLOSE_FAILED"
        }
    }
}
