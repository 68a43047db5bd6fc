/* Room for the SIGSTRUCT (1808 bytes) in a non-loaded section: `swift-sgx sign` writes it
   here. Not part of any segment, so it is never measured. */
    .section .sgx_sigstruct,"",@progbits
    .globl sgx_sigstruct_slot
sgx_sigstruct_slot:
    .zero 1808
    .section .note.GNU-stack,"",@progbits
