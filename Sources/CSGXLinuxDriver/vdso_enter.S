/*
 * int csgx_vdso_enter(uint64_t vdso_function, uint64_t regs[3], uint32_t function,
 *                     csgx_enclave_run_t *run)
 *
 * Calls the kernel's __vdso_sgx_enter_enclave (Documentation: arch/x86/include/uapi/asm/sgx.h,
 * vdso_sgx_enter_enclave_t) with
 *     rdi, rsi, rdx = regs[0], regs[1], regs[2]   (passed through to the enclave)
 *     ecx           = function (EENTER 2 or ERESUME 3)
 *     r8, r9        = 0
 *     7th argument  = run, on the stack
 * and captures RDI, RSI and RDX as the enclave left them at EEXIT (the swift-sgx runtime's
 * exit reason and its two values) into regs[0..2].
 *
 * The vDSO keeps RBX and RBP (it needs RBP to find `run` after the exit) but passes every
 * other register through to and from the enclave, so this wrapper saves R12-R15, the
 * MXCSR control bits and the x87 control word (callee-saved in the SysV ABI) and restores
 * them afterwards, and clears RFLAGS.DF, whatever the enclave left there.
 *
 * Stack frame (rbp-relative):
 *   -8 rbx   -16 r12   -24 r13   -32 r14   -40 r15   -48 regs pointer
 *   -56 mxcsr (4 bytes), -52 x87 control word (2 bytes), -72..-60 padding
 *   -80 run (the vDSO's 7th argument; rsp is 16-byte aligned at the call)
 *
 * Not yet exercised on SGX hardware: no machine available to this project has SGX.
 */
    .text
    .globl csgx_vdso_enter
    .type csgx_vdso_enter, @function
csgx_vdso_enter:
    .cfi_startproc
    push %rbp
    .cfi_def_cfa_offset 16
    .cfi_offset %rbp, -16
    mov %rsp, %rbp
    .cfi_def_cfa_register %rbp
    push %rbx
    push %r12
    push %r13
    push %r14
    push %r15
    .cfi_offset %rbx, -24
    .cfi_offset %r12, -32
    .cfi_offset %r13, -40
    .cfi_offset %r14, -48
    .cfi_offset %r15, -56
    push %rsi                  /* -48: regs */
    sub $24, %rsp              /* -56: mxcsr, -52: x87 cw, rest padding */
    stmxcsr -56(%rbp)
    fnstcw -52(%rbp)
    push %rcx                  /* -80: run, the 7th argument */

    mov %rdi, %rax             /* the vDSO function */
    mov %rsi, %r10             /* regs */
    mov %edx, %ecx             /* ENCLU function */
    mov (%r10), %rdi
    mov 8(%r10), %rsi
    mov 16(%r10), %rdx
    xor %r8d, %r8d
    xor %r9d, %r9d
    call *%rax

    /* Back from the vDSO: RBP is ours again (the vDSO restores it). */
    cld
    mov -48(%rbp), %r10
    mov %rdi, (%r10)
    mov %rsi, 8(%r10)
    mov %rdx, 16(%r10)
    ldmxcsr -56(%rbp)
    fldcw -52(%rbp)
    lea -40(%rbp), %rsp
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbx
    pop %rbp
    .cfi_def_cfa %rsp, 8
    ret
    .cfi_endproc
    .size csgx_vdso_enter, .-csgx_vdso_enter

    .section .note.GNU-stack,"",@progbits
