/// A TCB status as Intel's TCB info and QE identity documents spell it (`tcbStatus`), and the
/// combined result of a verification (Intel QVL `sgx_ql_qv_result_t` without the error cases).
public enum TCBStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case upToDate = "UpToDate"
    case swHardeningNeeded = "SWHardeningNeeded"
    case configurationNeeded = "ConfigurationNeeded"
    case configurationAndSWHardeningNeeded = "ConfigurationAndSWHardeningNeeded"
    case outOfDate = "OutOfDate"
    case outOfDateConfigurationNeeded = "OutOfDateConfigurationNeeded"
    case revoked = "Revoked"

    /// Combines the platform (PCK) TCB status with the QE identity status as Intel's QVL does
    /// (`convergeTcbStatus`): an out-of-date QE makes an otherwise current platform
    /// `OutOfDate` (or `OutOfDateConfigurationNeeded` when configuration is also needed); a
    /// revoked QE makes the result `Revoked`; an up-to-date QE leaves the platform status.
    public static func combine(platform: TCBStatus, qe: TCBStatus) -> TCBStatus {
        switch qe {
        case .revoked:
            return .revoked
        case .outOfDate, .outOfDateConfigurationNeeded:
            switch platform {
            case .upToDate, .swHardeningNeeded: return .outOfDate
            case .configurationNeeded, .configurationAndSWHardeningNeeded: return .outOfDateConfigurationNeeded
            case .outOfDate, .outOfDateConfigurationNeeded, .revoked: return platform
            }
        case .upToDate, .swHardeningNeeded, .configurationNeeded, .configurationAndSWHardeningNeeded:
            return platform
        }
    }
}
