#if canImport(Glibc)
import Glibc
#endif

/// The host C library's `exp`, as the reference for `PortableExp`.
func hostExp(_ x: Double) -> Double { exp(x) }
