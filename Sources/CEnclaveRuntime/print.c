/*
 * putchar for Embedded Swift's print(): bytes collect in the thread's buffer and reach the
 * host's stdout through the runtime OCALL SGX_OCALL_PRINT at each newline, when the buffer
 * fills, and when the ECALL returns. What the host does with them is up to the host.
 */
#include "sgx_runtime.h"
#include "sgx_internal.h"

typedef struct { uint64_t data; uint64_t length; } print_frame_t;

void sgx_print_flush(sgx_thread_data_t *td) {
    uint32_t n = td->print_len;
    if (n == 0) return;
    td->print_len = 0;
    uint64_t mark = td->ustack_sp;
    print_frame_t *frame = sgx_ocalloc(sizeof(print_frame_t));
    char *data = sgx_ocalloc(n);
    if (frame && data) {
        memcpy(data, td->print_buf, n);
        frame->data = (uint64_t)data;
        frame->length = n;
        (void)sgx_ocall(SGX_OCALL_PRINT, frame);
    }
    td->ustack_sp = mark;
}

int putchar(int c) {
    sgx_thread_data_t *td = sgx_thread_data();
    td->print_buf[td->print_len++] = (char)c;
    if (c == '\n' || td->print_len == sizeof(td->print_buf)) sgx_print_flush(td);
    return (unsigned char)c;
}
