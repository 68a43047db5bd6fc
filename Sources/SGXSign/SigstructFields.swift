import Foundation
import SGXTypes

/// The signer-chosen fields of a SIGSTRUCT (everything except ENCLAVEHASH and the key
/// material), with presets that reproduce Intel's `sgx_sign`.
public struct SigstructFields: Sendable, Hashable {
    /// HEADER "type" word (0, or bit 31: see ``intel(debug:isvProdID:isvSVN:date:releaseTypeBit:provisionKey:kss:)``).
    public var headerType: UInt32
    /// VENDOR: 0, or 0x8086 for Intel.
    public var vendor: UInt32
    /// DATE, BCD yyyymmdd.
    public var date: UInt32
    /// SWDEFINED.
    public var swDefined: UInt32
    public var miscSelect: UInt32
    public var miscMask: UInt32
    public var attributes: Attributes
    public var attributeMask: Attributes
    public var isvProdID: UInt16
    public var isvSVN: UInt16
    /// 16 bytes.
    public var isvFamilyID: [UInt8]
    /// 16 bytes.
    public var isvExtProdID: [UInt8]

    public init(
        headerType: UInt32 = 0, vendor: UInt32 = 0, date: UInt32, swDefined: UInt32 = 0,
        miscSelect: UInt32 = 0, miscMask: UInt32 = 0xffff_ffff,
        attributes: Attributes, attributeMask: Attributes,
        isvProdID: UInt16 = 0, isvSVN: UInt16 = 0,
        isvFamilyID: [UInt8] = [UInt8](repeating: 0, count: 16),
        isvExtProdID: [UInt8] = [UInt8](repeating: 0, count: 16)
    ) {
        self.headerType = headerType
        self.vendor = vendor
        self.date = date
        self.swDefined = swDefined
        self.miscSelect = miscSelect
        self.miscMask = miscMask
        self.attributes = attributes
        self.attributeMask = attributeMask
        self.isvProdID = isvProdID
        self.isvSVN = isvSVN
        self.isvFamilyID = isvFamilyID
        self.isvExtProdID = isvExtProdID
    }

    /// XFRM bits Intel's signer leaves unchecked: AVX (0x4) and the AVX-512 states
    /// (0x20, 0x40, 0x80). Every other bit, x87/SSE included, is checked.
    public static let intelUncheckedXFRM: UInt64 = 0xe4

    /// The fields `sgx_sign` writes for a 64-bit ELF enclave (Intel linux-sgx,
    /// `sdk/sign_tool/SignTool/manage_metadata.cpp`, `CMetadata::fill_enclave_css`):
    ///
    /// - ATTRIBUTES.flags = MODE64BIT (+ PROVISIONKEY, KSS when asked); DEBUG is never set here.
    /// - ATTRIBUTEMASK.flags = ~DEBUG for a debug-capable enclave (`DisableDebug` 0), so the
    ///   loader may create it with or without DEBUG; all ones when `debug` is false
    ///   (`DisableDebug` 1), so EINIT refuses a DEBUG enclave.
    /// - ATTRIBUTES.xfrm = 0x3 (x87 | SSE), ATTRIBUTEMASK.xfrm = ~0xe4 = 0xffffffffffffff1b.
    /// - HEADER type bit 31 set only when `releaseTypeBit` (Intel's `<ReleaseType>1`); off by default.
    /// - VENDOR 0, MISCSELECT 0, MISCMASK 0xffffffff (Intel's configuration defaults).
    ///
    /// `date` defaults to today (UTC).
    public static func intel(
        debug: Bool, isvProdID: UInt16 = 0, isvSVN: UInt16 = 0, date: UInt32? = nil,
        releaseTypeBit: Bool = false, provisionKey: Bool = false, kss: Bool = false
    ) -> SigstructFields {
        var flags: Attributes.Flags = [.mode64Bit]
        var mask = Attributes.Flags(rawValue: ~Attributes.Flags.debug.rawValue)
        if !debug { mask.insert(.debug) }
        if provisionKey { flags.insert(.provisionKey) }
        if kss { flags.insert(.kss) }
        return SigstructFields(
            headerType: releaseTypeBit ? Sigstruct.debugTypeBit : 0,
            date: date ?? todayBCD(),
            attributes: Attributes(flags: flags, xfrm: 0x3),
            attributeMask: Attributes(flags: mask, xfrm: ~intelUncheckedXFRM),
            isvProdID: isvProdID, isvSVN: isvSVN)
    }

    /// Today's UTC date as BCD yyyymmdd.
    public static func todayBCD() -> UInt32 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return Sigstruct.bcdDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// An unsigned SIGSTRUCT for `enclaveHash` (MRENCLAVE) with these fields.
    public func unsignedSigstruct(enclaveHash: [UInt8]) throws(SGXError) -> Sigstruct {
        guard enclaveHash.count == 32 else {
            throw .invalidParameter("enclave hash must be 32 bytes, got \(enclaveHash.count)")
        }
        guard isvFamilyID.count == 16, isvExtProdID.count == 16 else {
            throw .invalidParameter("ISVFAMILYID and ISVEXTPRODID must be 16 bytes each")
        }
        guard headerType & ~Sigstruct.debugTypeBit == 0 else {
            throw .invalidParameter("HEADER type may only have bit 31 set")
        }
        return Sigstruct(
            headerType: headerType, vendor: vendor, date: date, swDefined: swDefined,
            miscSelect: miscSelect, miscMask: miscMask, isvFamilyID: isvFamilyID,
            attributes: attributes, attributeMask: attributeMask, enclaveHash: enclaveHash,
            isvExtProdID: isvExtProdID, isvProdID: isvProdID, isvSVN: isvSVN)
    }
}
