/*
 * Enclave entry and exit: the trusted side of ENCLU[EENTER] and ENCLU[EEXIT].
 *
 * At entry (hardware: after EENTER; simulation: jumped to by the host's EENTER stub):
 *   rax = CSSA, rbx = TCS, rcx = the address after EENTER (where EEXIT returns to),
 *   rdi = operation, rsi = argument, rdx = top of this entry's untrusted OCALL stack,
 *   rsp/rbp = host stack, GS base = this TCS's thread data page (TCS.OGSBASE).
 * Everything else is the host's: RFLAGS (DF, AC), MXCSR, the x87 control word, vector
 * registers and the other GPRs may hold anything, and none of it is trusted or used.
 *
 * On entry the runtime: refuses CSSA != 0 (a re-entry after an asynchronous exit; with no
 * exception handling the enclave is marked crashed), refuses every entry once the enclave
 * has crashed, reaches its thread data through GS only (enclave code cannot read its TCS:
 * the EPCM gives TCS pages no permissions), clears DF and AC, and loads the clean XSAVE
 * state (MXCSR 0x1F80, x87 control word 0x037F, vector registers zero).
 *
 * Every exit (ECALL return, OCALL, crash, refusal) goes through .Lexit: the clean XSAVE
 * state is loaded (no enclave value stays in an x87/XMM/YMM/ZMM register) and every GPR
 * except the results (rdi = exit reason, rsi, rdx), the target (rbx) and the restored host
 * rsp/rbp is zeroed, r12-r15 included. Across an OCALL the enclave keeps what the SysV ABI
 * makes callee-saved (rbx, rbp, r12-r15, MXCSR control bits, the x87 control word) on its
 * own stack; every vector register is caller-saved, so no live enclave value is in one
 * when sgx_ocall_switch is called.
 *
 * "Load the clean XSAVE state" is XRSTOR of sgx_clean_xsave, or, once INIT has enabled it,
 * the XINUSE fast path of SCRUB_XSTATE, which reaches the same state in a fraction of the
 * time when x87 and the wide-vector components are untouched (cpu_state.c).
 */
#include "sgx_runtime.h"

#define RFLAGS_AC 0x40000

    .text

/* Loads the clean XSAVE image for every state component enabled in XCR0 (inside an
   enclave XCR0 = SECS.ATTRIBUTES.XFRM). Clobbers rax, rdx, r10. */
.macro CLEAN_XSTATE
    lea sgx_clean_xsave(%rip), %r10
    mov $-1, %eax
    mov $-1, %edx
    xrstor64 (%r10)
.endm

/* The same end state, cheaply when XINUSE proves it reachable (cpu_state.c): every enabled
   component but SSE and AVX already in its init state, so (on exit) VZEROALL and LDMXCSR
   0x1F80 finish the job; otherwise CLEAN_XSTATE. On entry (zero_vectors = 0) the vector
   registers keep the host's values, which no code reads (the ABI defines none of them at a
   call), and only MXCSR is loaded. Clobbers rax, rdx, r10; keeps rcx. */
.macro SCRUB_XSTATE zero_vectors
    cmpl $0, sgx_xstate_fast(%rip)
    je 8f
    mov %rcx, %r10
    mov $1, %ecx
    xgetbv
    mov %r10, %rcx
    test sgx_xstate_fast_mask(%rip), %eax
    jnz 8f
    .if \zero_vectors
    vzeroall
    .endif
    ldmxcsr sgx_clean_xsave+24(%rip)
    jmp 9f
8:
    CLEAN_XSTATE
9:
.endm

/* Clears RFLAGS.AC (there is no CLAC outside ring 0); needs a trusted stack. */
.macro CLEAR_AC
    pushfq
    andq $~RFLAGS_AC, (%rsp)
    popfq
.endm

    .globl enclave_entry
    .type enclave_entry, @function
enclave_entry:
    cld
    test %rax, %rax
    jnz .Lbad_cssa
    /* td = enclave base + the measured offset of this thread data page, read via GS. */
    lea __sgx_enclave_base(%rip), %r8
    mov %gs:TD_SELF_OFFSET, %r9
    add %r8, %r9
    /* A crashed enclave runs nothing, not even ORET. */
    cmpl $SGX_STATE_CRASHED, sgx_runtime_state(%rip)
    je .Lrefuse_crashed
    mov $SGX_OP_ORET, %eax
    cmp %rax, %rdi
    je .Loret

    /* ECALL (or INIT): pick the stack. Nested inside an OCALL: below the suspended frame
       (skipping its red zone), refused when less than SGX_NESTED_STACK_RESERVE bytes of
       stack remain; otherwise the top of this thread's stack. */
    mov TD_STACK_TOP(%r9), %r10
    add %r8, %r10
    mov TD_OCALL_RSP(%r9), %rax
    test %rax, %rax
    jz 1f
    lea -256(%rax), %r10
    and $-16, %r10
    mov TD_STACK_LIMIT(%r9), %rax
    add %r8, %rax
    add $SGX_NESTED_STACK_RESERVE, %rax
    cmp %rax, %r10
    jb .Lno_stack
1:
    lfence                      /* no speculative run on a stack that failed the check */
    mov %rsp, %r11
    mov %r10, %rsp
    CLEAR_AC
    mov %rdx, %rbx              /* the untrusted stack top (the TCS address is not needed) */
    SCRUB_XSTATE 0
    /* Save the outer level's state so that a nested ECALL restores it on return
       (eight slots: rsp stays 16-byte aligned for the call). */
    pushq TD_HOST_RSP(%r9)
    pushq TD_HOST_RBP(%r9)
    pushq TD_HOST_RET(%r9)
    pushq TD_OCALL_RSP(%r9)
    pushq TD_USTACK_SP(%r9)
    pushq TD_USTACK_TOP(%r9)
    pushq TD_USTACK_LIMIT(%r9)
    pushq $0
    mov %r11, TD_HOST_RSP(%r9)
    mov %rbp, TD_HOST_RBP(%r9)
    mov %rcx, TD_HOST_RET(%r9)
    movq $0, TD_OCALL_RSP(%r9)
    xor %ebp, %ebp
    /* sgx_ecall_entry(td, op, arg, ustack_top) */
    mov %rbx, %rcx
    mov %rsi, %rdx
    mov %rdi, %rsi
    mov %r9, %rdi
    call sgx_ecall_entry
    lea __sgx_enclave_base(%rip), %r8
    mov %gs:TD_SELF_OFFSET, %r9
    add %r8, %r9
    mov TD_HOST_RSP(%r9), %r11
    mov TD_HOST_RBP(%r9), %rbp
    mov TD_HOST_RET(%r9), %rbx
    add $8, %rsp
    popq TD_USTACK_LIMIT(%r9)
    popq TD_USTACK_TOP(%r9)
    popq TD_USTACK_SP(%r9)
    popq TD_OCALL_RSP(%r9)
    popq TD_HOST_RET(%r9)
    popq TD_HOST_RBP(%r9)
    popq TD_HOST_RSP(%r9)
    mov %r11, %rsp
    mov %rax, %rsi
    mov $SGX_EXIT_RETURN, %edi
    xor %edx, %edx
    jmp .Lexit

.Loret:
    /* Resume the OCALL suspended on this TCS; rsi = the OCALL's status. */
    mov TD_OCALL_RSP(%r9), %rax
    test %rax, %rax
    jz .Lbad_oret
    lfence
    mov %rsp, TD_HOST_RSP(%r9)
    mov %rbp, TD_HOST_RBP(%r9)
    mov %rcx, TD_HOST_RET(%r9)
    movq $0, TD_OCALL_RSP(%r9)
    mov %rax, %rsp
    CLEAR_AC
    SCRUB_XSTATE 0
    /* The enclave's own MXCSR and x87 control word, saved by sgx_ocall_switch (the control
       word only when it differs from the init value the scrub left, so that an enclave
       that never touches x87 keeps it in its init state and on the fast path). */
    ldmxcsr (%rsp)
    cmpw $0x037f, 4(%rsp)
    je 1f
    fldcw 4(%rsp)
1:
    add $16, %rsp
    mov %esi, %eax
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbp
    pop %rbx
    ret

.Lbad_cssa:
    /* EENTER at CSSA > 0: the host re-entered a TCS whose thread was interrupted by an
       AEX (its stack is live). There is no exception handling: the enclave dies, without
       touching that stack. */
    mov $SGX_STATE_CRASHED, %eax
    xchg %eax, sgx_runtime_state(%rip)
    mov %rcx, %rbx
    mov $SGX_EXIT_CRASH, %edi
    mov $SGX_CRASH_BAD_ENTRY, %esi
    xor %edx, %edx
    jmp .Lexit

.Lrefuse_crashed:
    mov $SGX_ERROR_ENCLAVE_CRASHED, %esi
    jmp .Lrefuse
.Lbad_oret:
    /* ORET with no OCALL outstanding on this TCS. */
    mov $SGX_ERROR_INVALID_STATE, %esi
    jmp .Lrefuse
.Lno_stack:
    mov $SGX_ERROR_STACK_OVERRUN, %esi
.Lrefuse:
    /* Refuse without touching enclave state: back to the host with a status. */
    mov %rcx, %rbx
    mov $SGX_EXIT_RETURN, %edi
    xor %edx, %edx
    jmp .Lexit

/* Every EEXIT: clean vector state, every GPR zeroed but rdi/rsi/rdx (results), rbx (the
   host's return address) and rsp/rbp (the host's). */
.Lexit:
    mov %rdx, %r11
    SCRUB_XSTATE 1
    mov %r11, %rdx
    xor %eax, %eax
    xor %ecx, %ecx
    xor %r8d, %r8d
    xor %r9d, %r9d
    xor %r10d, %r10d
    xor %r11d, %r11d
    xor %r12d, %r12d
    xor %r13d, %r13d
    xor %r14d, %r14d
    xor %r15d, %r15d
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
    sub $16, %rsp
    stmxcsr (%rsp)
    fnstcw 4(%rsp)
    mov %rsp, TD_OCALL_RSP(%rdi)
    mov TD_HOST_RSP(%rdi), %rsp
    mov TD_HOST_RBP(%rdi), %rbp
    mov TD_HOST_RET(%rdi), %rbx
    /* rsi = index, rdx = frame already in place */
    mov $SGX_EXIT_OCALL, %edi
    jmp .Lexit
    .size sgx_ocall_switch, .-sgx_ocall_switch

/* noreturn sgx_crash_exit(td, reason): leave to the innermost host frame for good (the
   caller has marked the enclave crashed). */
    .globl sgx_crash_exit
    .type sgx_crash_exit, @function
sgx_crash_exit:
    mov TD_HOST_RSP(%rdi), %rsp
    mov TD_HOST_RBP(%rdi), %rbp
    mov TD_HOST_RET(%rdi), %rbx
    mov $SGX_EXIT_CRASH, %edi
    xor %edx, %edx
    jmp .Lexit
    .size sgx_crash_exit, .-sgx_crash_exit

    .section .note.GNU-stack,"",@progbits
