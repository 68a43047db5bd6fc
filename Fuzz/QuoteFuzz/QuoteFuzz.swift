// libFuzzer target over the DCAP quote parser (SGXTypes/Quote*.swift), compiled together with
// the SGXTypes sources into one module by Fuzz/run-quote-fuzz.sh.
//
// Properties checked on every input:
// * parsing never crashes (ASan + Swift runtime checks): it either throws SGXError or decodes;
// * a decoded quote re-encodes to exactly the input bytes.

@_cdecl("LLVMFuzzerTestOneInput")
public func quoteFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let quote: Quote
    do {
        quote = try Quote(bytes: bytes)
    } catch {
        precondition(!error.detail.isEmpty, "parse errors must say what is wrong")
        return 0
    }
    var length: [UInt8] = [0, 0, 0, 0]
    let signatureData = quote.signatureData.bytes(version: quote.header.version)
    length.storeLE(UInt32(signatureData.count), at: 0)
    let encoded = quote.header.bytes + quote.reportBody.bytes + length + signatureData
    precondition(encoded == bytes, "re-encoding differs from the input")
    return 0
}
