/*
 * Simulated ENCLU[EENTER] (host side). Real EENTER switches into the enclave at
 * TCS.OENTRY with rax = CSSA, rbx = TCS and rcx = the address after EENTER; this stub does
 * the same with a jump (CSSA is 0: the simulator delivers no AEX), and EEXIT (the enclave's
 * sgx_eexit) jumps back to sgx_sim_exit_point below. Like the hardware it does the enclave
 * no favours: flags (DF, AC), MXCSR, the x87 control word and vector registers are
 * whatever the host had, and the enclave must clean them itself.
 *
 * uint64_t sgx_sim_enter(uint64_t tcs, uint64_t entry, uint64_t op, uint64_t arg,
 *                        uint64_t ustack_top, uint64_t out[3], uint64_t *frame_slot);
 * Returns the exit reason; out = {reason, rsi, rdx}. *frame_slot receives this frame's
 * rbp so that the fault handler can resume at sgx_sim_exit_point after a crash.
 */
    .text
    .globl sgx_sim_enter
    .type sgx_sim_enter, @function
sgx_sim_enter:
    push %rbp
    mov %rsp, %rbp
    push %rbx
    push %r12
    push %r13
    push %r14
    push %r15
    push %r9
    mov 16(%rbp), %rax          /* frame_slot (7th argument) */
    mov %rbp, (%rax)
    mov %rdi, %rbx              /* rbx = TCS */
    mov %rsi, %r10              /* entry */
    mov %rdx, %rdi              /* op */
    mov %rcx, %rsi              /* arg */
    mov %r8, %rdx               /* untrusted stack top */
    lea sgx_sim_exit_point(%rip), %rcx
    xor %eax, %eax              /* CSSA */
    jmp *%r10

    .globl sgx_sim_exit_point
sgx_sim_exit_point:
    /* rbp is ours again (the enclave restored it, or the fault handler set it). */
    lea -48(%rbp), %rsp
    pop %r9
    mov %rdi, 0(%r9)
    mov %rsi, 8(%r9)
    mov %rdx, 16(%r9)
    mov %rdi, %rax
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbx
    pop %rbp
    ret
    .size sgx_sim_enter, .-sgx_sim_enter
    .section .note.GNU-stack,"",@progbits
