/*
 * ENCLU[EEXIT], hardware back end (SDM Vol. 3D 38: EEXIT is leaf 4, rbx = target address).
 * entry.S has already scrubbed every register that is not a result; rax carries the leaf.
 * Not yet exercised on SGX hardware: no machine available to this project has SGX.
 */
    .text
    .globl sgx_eexit
    .type sgx_eexit, @function
sgx_eexit:
    mov $4, %eax
    enclu
    ud2
    .size sgx_eexit, .-sgx_eexit
    .section .note.GNU-stack,"",@progbits
