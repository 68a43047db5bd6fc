// The image format (ELF validation, the layout function, MRENCLAVE, SGXS) lives in
// SGXImage; signing builds on it. Re-exported so code that imported SGXSign for
// `EnclaveELF`, `EnclaveLayout`, `MeasurementBuilder` or `SGXSStream` keeps compiling.
// New code that only needs the image format should import SGXImage directly.
@_exported import SGXImage
