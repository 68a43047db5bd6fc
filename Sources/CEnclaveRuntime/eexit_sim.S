/*
 * ENCLU[EEXIT], simulation back end: jump to the host return address in rbx, as EEXIT
 * does. entry.S has already scrubbed every register that is not a result.
 * (The hardware back end, eexit_hw.S, executes ENCLU with rax = 4.)
 */
    .text
    .globl sgx_eexit
    .type sgx_eexit, @function
sgx_eexit:
    jmp *%rbx
    .size sgx_eexit, .-sgx_eexit
    .section .note.GNU-stack,"",@progbits
