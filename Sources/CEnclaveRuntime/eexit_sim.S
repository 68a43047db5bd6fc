/*
 * ENCLU[EEXIT], simulation back end: jump to the host return address in rbx.
 * Scrubs scratch registers that could carry enclave data, as the hardware path does.
 * (The hardware back end, eexit_hw.S, executes ENCLU with rax = 4.)
 */
    .text
    .globl sgx_eexit
    .type sgx_eexit, @function
sgx_eexit:
    xor %eax, %eax
    xor %ecx, %ecx
    xor %r8d, %r8d
    xor %r9d, %r9d
    xor %r10d, %r10d
    xor %r11d, %r11d
    jmp *%rbx
    .size sgx_eexit, .-sgx_eexit
    .section .note.GNU-stack,"",@progbits
