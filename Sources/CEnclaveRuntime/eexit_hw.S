/*
 * ENCLU[EEXIT], hardware back end (SDM 37: EEXIT leaf 4, rbx = target address).
 * Not yet exercised on SGX hardware: no machine available to this project has SGX.
 */
    .text
    .globl sgx_eexit
    .type sgx_eexit, @function
sgx_eexit:
    xor %ecx, %ecx
    xor %r8d, %r8d
    xor %r9d, %r9d
    xor %r10d, %r10d
    xor %r11d, %r11d
    mov $4, %eax
    enclu
    ud2
    .size sgx_eexit, .-sgx_eexit
    .section .note.GNU-stack,"",@progbits
