// The compute enclave's ECALLs: glue only. The kernels are Sources/ComputeKernels, compiled
// into this enclave through enclave.json's `sharedSources` and, unchanged, into the host
// module ComputeKernels (the native twin). Sizes come from the host: an absurd one traps,
// which crashes only this enclave.

func ecall_fannkuch_redux(_ n: UInt64) -> UInt64 { FannkuchRedux.checksum(Int(n)) }
func ecall_fasta(_ n: UInt64) -> UInt64 { Fasta.checksum(Int(n)) }
func ecall_mandelbrot(_ n: UInt64) -> UInt64 { Mandelbrot.checksum(Int(n)) }
func ecall_n_body(_ steps: UInt64) -> UInt64 { NBody.checksum(Int(steps)) }
func ecall_spectral_norm(_ n: UInt64) -> UInt64 { SpectralNorm.checksum(Int(n)) }
func ecall_binary_trees(_ depth: UInt64) -> UInt64 { BinaryTrees.checksum(Int(depth)) }
func ecall_k_nucleotide(_ n: UInt64) -> UInt64 { KNucleotide.checksum(Int(n)) }
