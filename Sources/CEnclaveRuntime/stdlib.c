/*
 * The rest of the C library surface BoringSSL references when more of it is used than
 * the SDK's wrappers need (X.509, ASN.1 printing, ERR strings): qsort, getenv, strerror,
 * time, snprintf/vsnprintf. Enclave semantics, not POSIX ones, where they differ:
 *   - getenv: an enclave has no environment (the host's would be untrusted): always NULL.
 *   - time: there is no trusted clock; returns -1 (failure), so code that needs the time
 *     (X.509 validity) must be given it explicitly, e.g. X509_VERIFY_PARAM_set_time with a
 *     value the caller chose to trust.
 *   - gettimeofday: likewise no trusted clock; reports the epoch (0 s, 0 us). libssl reads
 *     it only for session lifetimes, and the enclave's TLS contexts keep no session cache
 *     and issue no tickets (SGXTrusted/TLSServer.swift), so nothing depends on it.
 *   - ::operator delete (sized and unsized): libssl's classes reference it from their
 *     deleting destructors, but BoringSSL never allocates with ::operator new (bssl::New
 *     and bssl::Delete use OPENSSL_malloc). Deleting null is a no-op as C++ requires;
 *     anything else would free memory malloc never handed out, so it ends the enclave.
 */
#include <stdarg.h>
#include "sgx_runtime.h"
#include "sgx_internal.h"

char *getenv(const char *name) { (void)name; return 0; }

char *strerror(int error) { (void)error; return (char *)"error"; }

long time(long *out) {
    if (out) *out = -1;
    return -1;
}

__attribute__((noreturn)) void abort(void);

struct timeval { long tv_sec; long tv_usec; };

int gettimeofday(struct timeval *out, void *zone) {
    (void)zone;
    if (out) { out->tv_sec = 0; out->tv_usec = 0; }
    return 0;
}

void _ZdlPv(void *pointer) { if (pointer) abort(); }
void _ZdlPvm(void *pointer, unsigned long size) { (void)size; if (pointer) abort(); }

/* ---- qsort: heap sort (in place, no recursion, O(n log n) worst case) -------------- */
static void swap_bytes(unsigned char *a, unsigned char *b, size_t size) {
    for (size_t i = 0; i < size; i++) { unsigned char t = a[i]; a[i] = b[i]; b[i] = t; }
}

static void sift_down(unsigned char *base, size_t root, size_t count, size_t size,
                      int (*compare)(const void *, const void *)) {
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= count) return;
        if (child + 1 < count && compare(base + child * size, base + (child + 1) * size) < 0) child++;
        if (compare(base + root * size, base + child * size) >= 0) return;
        swap_bytes(base + root * size, base + child * size, size);
        root = child;
    }
}

void qsort(void *items, size_t count, size_t size, int (*compare)(const void *, const void *)) {
    unsigned char *base = items;
    if (count < 2 || size == 0) return;
    for (size_t i = count / 2; i-- > 0;) sift_down(base, i, count, size, compare);
    for (size_t end = count - 1; end > 0; end--) {
        swap_bytes(base, base + end * size, size);
        sift_down(base, 0, end, size, compare);
    }
}

/* ---- vsnprintf: %d %i %u %x %X %o %c %s %p %%, flags '-' '0', width, precision for %s,
 *      length modifiers hh h l ll z j t. Floating point is not supported (prints '?'). -- */
typedef struct { char *out; size_t cap; size_t len; } sink_t;

static void put(sink_t *s, char c) {
    if (s->len + 1 < s->cap) s->out[s->len] = c;
    s->len++;
}

static void put_padded(sink_t *s, const char *text, size_t n, int width, int left, char pad) {
    int fill = width > (int)n ? width - (int)n : 0;
    if (!left) while (fill-- > 0) put(s, pad);
    for (size_t i = 0; i < n; i++) put(s, text[i]);
    if (left) while (fill-- > 0) put(s, ' ');
}

int vsnprintf(char *out, size_t cap, const char *format, va_list args) {
    sink_t s = {out, cap, 0};
    for (const char *f = format; *f; f++) {
        if (*f != '%') { put(&s, *f); continue; }
        f++;
        int left = 0; char pad = ' ';
        for (;; f++) {
            if (*f == '-') left = 1;
            else if (*f == '0') pad = '0';
            else if (*f == '+' || *f == ' ' || *f == '#') { /* accepted, ignored */ }
            else break;
        }
        int width = 0, precision = -1;
        if (*f == '*') { width = va_arg(args, int); f++; }
        else while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
        if (*f == '.') {
            f++; precision = 0;
            if (*f == '*') { precision = va_arg(args, int); f++; }
            else while (*f >= '0' && *f <= '9') precision = precision * 10 + (*f++ - '0');
        }
        int longness = 0; /* 0 int, 1 long, 2 long long/size_t */
        while (*f == 'h' || *f == 'l' || *f == 'z' || *f == 'j' || *f == 't') {
            if (*f == 'l') longness++;
            else if (*f != 'h') longness = 2;
            f++;
        }
        char buffer[32];
        switch (*f) {
        case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'p': {
            unsigned long long v; int negative = 0;
            unsigned base = (*f == 'x' || *f == 'X' || *f == 'p') ? 16 : (*f == 'o' ? 8 : 10);
            if (*f == 'p') v = (unsigned long long)(uintptr_t)va_arg(args, void *);
            else if (*f == 'd' || *f == 'i') {
                long long sv = longness >= 2 ? va_arg(args, long long) : longness == 1 ? va_arg(args, long) : va_arg(args, int);
                negative = sv < 0;
                v = negative ? 0ULL - (unsigned long long)sv : (unsigned long long)sv;
            } else {
                v = longness >= 2 ? va_arg(args, unsigned long long) : longness == 1 ? va_arg(args, unsigned long) : va_arg(args, unsigned);
            }
            const char *digits = *f == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
            int n = 0;
            do { buffer[sizeof(buffer) - 1 - n++] = digits[v % base]; v /= base; } while (v && n < 24);
            if (*f == 'p') { buffer[sizeof(buffer) - 1 - n++] = 'x'; buffer[sizeof(buffer) - 1 - n++] = '0'; }
            if (negative) {
                if (pad == '0' && !left) { put(&s, '-'); if (width > 0) width--; }
                else buffer[sizeof(buffer) - 1 - n++] = '-';
            }
            put_padded(&s, buffer + sizeof(buffer) - n, (size_t)n, width, left, left ? ' ' : pad);
            break;
        }
        case 'c': { char c = (char)va_arg(args, int); put_padded(&s, &c, 1, width, left, ' '); break; }
        case 's': {
            const char *text = va_arg(args, const char *);
            if (!text) text = "(null)";
            size_t n = 0;
            while (text[n] && (precision < 0 || n < (size_t)precision)) n++;
            put_padded(&s, text, n, width, left, ' ');
            break;
        }
        case '%': put(&s, '%'); break;
        case 'f': case 'g': case 'e': (void)va_arg(args, double); put(&s, '?'); break;
        case 0: f--; break;
        default: put(&s, '%'); put(&s, *f); break;
        }
    }
    if (cap) out[s.len < cap ? s.len : cap - 1] = 0;
    return (int)s.len;
}

int snprintf(char *out, size_t cap, const char *format, ...) {
    va_list args;
    va_start(args, format);
    int n = vsnprintf(out, cap, format, args);
    va_end(args);
    return n;
}
