/*
 * Test-only raw simulated EENTER: enters the enclave with CPU state chosen by a test (the
 * adversarial host) and records every register right after EEXIT, before the host touches
 * anything. Layouts: sgx_sim_raw_entry_t / sgx_sim_raw_exit_t in CSGXHost.h.
 *
 * uint64_t sgx_sim_raw_enter(const sgx_sim_raw_entry_t *in, sgx_sim_raw_exit_t *out,
 *                            uint64_t *frame_slot);   returns the exit reason (rdi)
 *
 * Frame (rbp-relative): -8 rbx, -16..-40 r12-r15, -48 out, -56 rsp at exit, -64 r11 at
 * exit, -80 host MXCSR, -76 host FCW, -88 host RFLAGS, -96 in. The host rsp the enclave
 * sees is rbp-96.
 */
    .text
    .globl sgx_sim_raw_enter
    .type sgx_sim_raw_enter, @function
sgx_sim_raw_enter:
    push %rbp
    mov %rsp, %rbp
    push %rbx
    push %r12
    push %r13
    push %r14
    push %r15
    push %rsi
    mov %rbp, (%rdx)
    sub $32, %rsp
    stmxcsr -80(%rbp)
    fnstcw -76(%rbp)
    pushfq
    push %rdi
    /* Poison every vector register and GPR the enclave is not given a value in. */
    mov 64(%rdi), %rax
    movq %rax, %xmm0
    punpcklqdq %xmm0, %xmm0
    cmpw $0, 62(%rdi)
    je 1f
    vinsertf128 $1, %xmm0, %ymm0, %ymm0
    vmovaps %ymm0, %ymm1
    vmovaps %ymm0, %ymm2
    vmovaps %ymm0, %ymm3
    vmovaps %ymm0, %ymm4
    vmovaps %ymm0, %ymm5
    vmovaps %ymm0, %ymm6
    vmovaps %ymm0, %ymm7
    vmovaps %ymm0, %ymm8
    vmovaps %ymm0, %ymm9
    vmovaps %ymm0, %ymm10
    vmovaps %ymm0, %ymm11
    vmovaps %ymm0, %ymm12
    vmovaps %ymm0, %ymm13
    vmovaps %ymm0, %ymm14
    vmovaps %ymm0, %ymm15
    jmp 2f
1:
    movdqa %xmm0, %xmm1
    movdqa %xmm0, %xmm2
    movdqa %xmm0, %xmm3
    movdqa %xmm0, %xmm4
    movdqa %xmm0, %xmm5
    movdqa %xmm0, %xmm6
    movdqa %xmm0, %xmm7
    movdqa %xmm0, %xmm8
    movdqa %xmm0, %xmm9
    movdqa %xmm0, %xmm10
    movdqa %xmm0, %xmm11
    movdqa %xmm0, %xmm12
    movdqa %xmm0, %xmm13
    movdqa %xmm0, %xmm14
    movdqa %xmm0, %xmm15
2:
    ldmxcsr 56(%rdi)
    fldcw 60(%rdi)
    pushq 8(%rdi)               /* entry, for the ret below */
    pushq 48(%rdi)              /* RFLAGS, for popfq */
    mov 64(%rdi), %r8
    mov %r8, %r9
    mov %r8, %r10
    mov %r8, %r11
    mov %r8, %r12
    mov %r8, %r13
    mov %r8, %r14
    mov %r8, %r15
    mov 40(%rdi), %rax          /* CSSA */
    mov 32(%rdi), %rdx
    mov 24(%rdi), %rsi
    mov 0(%rdi), %rbx           /* TCS */
    lea sgx_sim_raw_exit_point(%rip), %rcx
    mov 16(%rdi), %rdi          /* op */
    popfq
    ret

    .globl sgx_sim_raw_exit_point
sgx_sim_raw_exit_point:
    mov %rsp, -56(%rbp)
    mov %r11, -64(%rbp)
    lea -96(%rbp), %rsp
    pushfq
    mov -48(%rbp), %r11
    mov %rax, 0(%r11)
    mov %rcx, 8(%r11)
    mov %rdx, 16(%r11)
    mov %rbx, 24(%r11)
    mov -56(%rbp), %rax
    mov %rax, 32(%r11)
    mov %rbp, 40(%r11)
    mov %rsi, 48(%r11)
    mov %rdi, 56(%r11)
    mov %r8, 64(%r11)
    mov %r9, 72(%r11)
    mov %r10, 80(%r11)
    mov -64(%rbp), %rax
    mov %rax, 88(%r11)
    mov %r12, 96(%r11)
    mov %r13, 104(%r11)
    mov %r14, 112(%r11)
    mov %r15, 120(%r11)
    pop %rax
    mov %rax, 128(%r11)
    stmxcsr 136(%r11)
    fnstcw 140(%r11)
    movdqu %xmm0, 144(%r11)
    movdqu %xmm1, 160(%r11)
    movdqu %xmm2, 176(%r11)
    movdqu %xmm3, 192(%r11)
    movdqu %xmm4, 208(%r11)
    movdqu %xmm5, 224(%r11)
    movdqu %xmm6, 240(%r11)
    movdqu %xmm7, 256(%r11)
    movdqu %xmm8, 272(%r11)
    movdqu %xmm9, 288(%r11)
    movdqu %xmm10, 304(%r11)
    movdqu %xmm11, 320(%r11)
    movdqu %xmm12, 336(%r11)
    movdqu %xmm13, 352(%r11)
    movdqu %xmm14, 368(%r11)
    movdqu %xmm15, 384(%r11)
    mov -96(%rbp), %rax
    cmpw $0, 62(%rax)
    je 3f
    vextractf128 $1, %ymm0, 400(%r11)
    vextractf128 $1, %ymm1, 416(%r11)
    vextractf128 $1, %ymm2, 432(%r11)
    vextractf128 $1, %ymm3, 448(%r11)
    vextractf128 $1, %ymm4, 464(%r11)
    vextractf128 $1, %ymm5, 480(%r11)
    vextractf128 $1, %ymm6, 496(%r11)
    vextractf128 $1, %ymm7, 512(%r11)
    vextractf128 $1, %ymm8, 528(%r11)
    vextractf128 $1, %ymm9, 544(%r11)
    vextractf128 $1, %ymm10, 560(%r11)
    vextractf128 $1, %ymm11, 576(%r11)
    vextractf128 $1, %ymm12, 592(%r11)
    vextractf128 $1, %ymm13, 608(%r11)
    vextractf128 $1, %ymm14, 624(%r11)
    vextractf128 $1, %ymm15, 640(%r11)
    vzeroupper
3:
    /* x87: FXSAVE to a 16-byte aligned scratch area below, then the data registers, FSW
       and the abridged tag word into out. */
    mov %rsp, %rcx
    sub $528, %rsp
    and $-16, %rsp
    fxsave64 (%rsp)
    xor %edx, %edx
4:
    mov 32(%rsp,%rdx), %rax
    mov %rax, 656(%r11,%rdx)
    add $8, %rdx
    cmp $128, %rdx
    jb 4b
    movzwl 2(%rsp), %eax
    mov %ax, 784(%r11)
    movzbl 4(%rsp), %eax
    mov %al, 786(%r11)
    mov %rcx, %rsp
    /* The host's own state back: MXCSR, FCW, RFLAGS, callee-saved registers. */
    ldmxcsr -80(%rbp)
    fldcw -76(%rbp)
    pushq -88(%rbp)
    popfq
    mov 56(%r11), %rax
    lea -40(%rbp), %rsp
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbx
    pop %rbp
    ret
    .size sgx_sim_raw_enter, .-sgx_sim_raw_enter
    .section .note.GNU-stack,"",@progbits
