/*
 * Enclave entry and exit (the trusted side of EENTER / EEXIT).
 *
 * At entry (hardware: after ENCLU[EENTER]; simulation: jumped to by the host stub):
 *   rbx = TCS address, rcx = host return address, rdi = operation, rsi = argument,
 *   rdx = top of this entry's untrusted OCALL stack, rsp/rbp = host stack.
 * At exit (sgx_eexit): rdi = exit reason, rsi/rdx = values, rsp/rbp = host stack,
 *   rbx = host return address.
 */
#define TD_SELF 0
#define TD_HOST_RSP 8
#define TD_HOST_RBP 16
#define TD_HOST_RET 24
#define TD_STACK_TOP 32
#define TD_OCALL_RSP 48
#define TD_USTACK_TOP 56
#define TD_USTACK_SP 64
#define TCS_OGSBASE 56
#define OP_ORET 0xfffffffe
#define EXIT_RETURN 0
#define EXIT_OCALL 1
#define EXIT_CRASH 2
#define STATUS_INVALID_STATE 5

    .text

/* td = enclave base + TCS.OGSBASE, into \reg (clobbers r8). */
.macro THREAD_DATA reg
    lea __sgx_enclave_base(%rip), %r8
    mov TCS_OGSBASE(%rbx), \reg
    add %r8, \reg
.endm

    .globl enclave_entry
    .type enclave_entry, @function
enclave_entry:
    THREAD_DATA %r9
    mov $OP_ORET, %eax
    cmp %rax, %rdi
    je .Loret

    /* ECALL (or INIT): pick the stack. Nested inside an OCALL: below the suspended frame
       (skipping its red zone); otherwise the top of this thread's stack. */
    mov TD_STACK_TOP(%r9), %r10
    add %r8, %r10
    mov TD_OCALL_RSP(%r9), %rax
    test %rax, %rax
    jz 1f
    lea -256(%rax), %r10
    and $-16, %r10
1:
    mov %rsp, %r11
    mov %r10, %rsp
    /* Save the outer level's state so that a nested ECALL restores it on return. */
    pushq TD_HOST_RSP(%r9)
    pushq TD_HOST_RBP(%r9)
    pushq TD_HOST_RET(%r9)
    pushq TD_OCALL_RSP(%r9)
    pushq TD_USTACK_SP(%r9)
    pushq TD_USTACK_TOP(%r9)
    mov %r11, TD_HOST_RSP(%r9)
    mov %rbp, TD_HOST_RBP(%r9)
    mov %rcx, TD_HOST_RET(%r9)
    movq $0, TD_OCALL_RSP(%r9)
    xor %ebp, %ebp
    /* sgx_ecall_entry(td, op, arg, ustack_top) */
    mov %rdx, %rcx
    mov %rsi, %rdx
    mov %rdi, %rsi
    mov %r9, %rdi
    call sgx_ecall_entry
    /* rbx (TCS) survived the call: it is callee-saved. */
    THREAD_DATA %r9
    mov TD_HOST_RSP(%r9), %r11
    mov TD_HOST_RBP(%r9), %rbp
    mov TD_HOST_RET(%r9), %rbx
    popq TD_USTACK_TOP(%r9)
    popq TD_USTACK_SP(%r9)
    popq TD_OCALL_RSP(%r9)
    popq TD_HOST_RET(%r9)
    popq TD_HOST_RBP(%r9)
    popq TD_HOST_RSP(%r9)
    mov %r11, %rsp
    mov %rax, %rsi
    mov $EXIT_RETURN, %edi
    xor %edx, %edx
    jmp sgx_eexit

.Loret:
    /* Resume the OCALL suspended on this TCS; rsi = the OCALL's status. */
    mov TD_OCALL_RSP(%r9), %rax
    test %rax, %rax
    jz .Lbad_oret
    mov %rsp, TD_HOST_RSP(%r9)
    mov %rbp, TD_HOST_RBP(%r9)
    mov %rcx, TD_HOST_RET(%r9)
    movq $0, TD_OCALL_RSP(%r9)
    mov %rax, %rsp
    mov %rsi, %rax
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbp
    pop %rbx
    ret

.Lbad_oret:
    /* ORET with no OCALL outstanding: refuse without touching enclave state. */
    mov %rcx, %rbx
    mov $STATUS_INVALID_STATE, %esi
    mov $EXIT_RETURN, %edi
    xor %edx, %edx
    jmp sgx_eexit
    .size enclave_entry, .-enclave_entry

/* uint64_t sgx_ocall_switch(td, index, frame): suspend this ECALL and exit to the host's
   OCALL dispatcher; returns the OCALL status when the host re-enters with ORET. */
    .globl sgx_ocall_switch
    .type sgx_ocall_switch, @function
sgx_ocall_switch:
    push %rbx
    push %rbp
    push %r12
    push %r13
    push %r14
    push %r15
    mov %rsp, TD_OCALL_RSP(%rdi)
    mov TD_HOST_RSP(%rdi), %rsp
    mov TD_HOST_RBP(%rdi), %rbp
    mov TD_HOST_RET(%rdi), %rbx
    /* rsi = index, rdx = frame already in place */
    mov $EXIT_OCALL, %edi
    jmp sgx_eexit
    .size sgx_ocall_switch, .-sgx_ocall_switch

/* noreturn sgx_crash_exit(td, reason): leave to the innermost host frame for good. */
    .globl sgx_crash_exit
    .type sgx_crash_exit, @function
sgx_crash_exit:
    mov TD_HOST_RSP(%rdi), %rsp
    mov TD_HOST_RBP(%rdi), %rbp
    mov TD_HOST_RET(%rdi), %rbx
    mov $EXIT_CRASH, %edi
    xor %edx, %edx
    jmp sgx_eexit
    .size sgx_crash_exit, .-sgx_crash_exit

    .section .note.GNU-stack,"",@progbits
