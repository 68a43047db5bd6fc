/*
 * Speed harness: the enclave libm's host twin (sgxm_*, built from
 * Tests/CEnclaveMathUnderTest/math_under_test.c, i.e. the same C files as the enclave)
 * against the host glibc, per call, over the same ~1M inputs.
 *
 * Build and run with ./run.sh (clang -O2 -fno-builtin, no -march flags: baseline x86-64
 * for our code; glibc chooses its own variants at run time, on a CPU with FMA/AVX2 its
 * __exp_fma, __log_fma, __pow_fma, __sin_fma ... — that is the baseline we compare with).
 *
 * For each function: one input array in a realistic range, filled once from a fixed
 * seed; every round times sgxm_X and glibc X over the whole array (throughput: the
 * results are summed, so calls are independent), the order of the two alternating
 * between rounds; the median over the rounds is printed as ns/call, with the ratio
 * sgxm/glibc, and the same for the fastest round of each (on a loaded machine the
 * minimum is the steadier estimate of the uncontended cost). The sums are checked to
 * agree roughly, so neither loop can be dropped.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double sgxm_exp(double), sgxm_log(double), sgxm_pow(double, double), sgxm_sin(double),
    sgxm_cos(double), sgxm_atan2(double, double), sgxm_tanh(double), sgxm_exp2(double),
    sgxm_log2(double), sgxm_log10(double), sgxm_tan(double), sgxm_atan(double),
    sgxm_sinh(double), sgxm_cosh(double), sgxm_expm1(double), sgxm_log1p(double),
    sgxm_asin(double), sgxm_acos(double), sgxm_erf(double), sgxm_cbrt(double),
    sgxm_hypot(double, double), sgxm_fmod(double, double), sgxm_floor(double), sgxm_round(double);

#define N 4096                /* L1-resident tables, as sgx-bench's math rows */
#define REPS 256
static double xs[N], ys[N];

static uint64_t rng = 0x5347584d42454e43ULL;
static double uni(double a, double b) {
    uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return a + (b - a) * ((double)(z >> 11) * 0x1p-53);
}
static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}
static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef double (*f1)(double);
typedef double (*f2)(double, double);
/* noinline loops: the same code shape for both libraries */
__attribute__((noinline)) static double loop1(f1 f) {
    double s = 0;
    for (int r = 0; r < REPS; r++)
        for (int i = 0; i < N; i++) s += f(xs[i]);
    return s;
}
__attribute__((noinline)) static double loop2(f2 f) {
    double s = 0;
    for (int r = 0; r < REPS; r++)
        for (int i = 0; i < N; i++) s += f(xs[i], ys[i]);
    return s;
}

typedef struct {
    const char *name;
    f1 ours1, ref1;
    f2 ours2, ref2;
    double xlo, xhi, ylo, yhi;
    int logx; /* x log-uniform in [xlo, xhi] */
} bench;

static const bench benches[] = {
    { "exp", sgxm_exp, exp, 0, 0, -20, 20 },
    { "log", sgxm_log, log, 0, 0, 1e-3, 1e3, 0, 0, 1 },
    { "pow", 0, 0, sgxm_pow, pow, 0.1, 10, -10, 10 },
    { "sin", sgxm_sin, sin, 0, 0, -10, 10 },
    { "cos", sgxm_cos, cos, 0, 0, -10, 10 },
    { "atan2", 0, 0, sgxm_atan2, atan2, -10, 10, -10, 10 },
    { "tanh", sgxm_tanh, tanh, 0, 0, -5, 5 },
    { "exp2", sgxm_exp2, exp2, 0, 0, -20, 20 },
    { "log2", sgxm_log2, log2, 0, 0, 1e-3, 1e3, 0, 0, 1 },
    /* not part of the brief's list, printed for the record */
    { "log10", sgxm_log10, log10, 0, 0, 1e-3, 1e3, 0, 0, 1 },
    { "expm1", sgxm_expm1, expm1, 0, 0, -5, 5 },
    { "log1p", sgxm_log1p, log1p, 0, 0, -0.5, 5 },
    { "sinh", sgxm_sinh, sinh, 0, 0, -5, 5 },
    { "cosh", sgxm_cosh, cosh, 0, 0, -5, 5 },
    { "tan", sgxm_tan, tan, 0, 0, -10, 10 },
    { "atan", sgxm_atan, atan, 0, 0, -10, 10 },
    { "asin", sgxm_asin, asin, 0, 0, -1, 1 },
    { "acos", sgxm_acos, acos, 0, 0, -1, 1 },
    { "erf", sgxm_erf, erf, 0, 0, -5, 5 },
    { "cbrt", sgxm_cbrt, cbrt, 0, 0, -1e3, 1e3 },
    { "hypot", 0, 0, sgxm_hypot, hypot, -1e3, 1e3, -1e3, 1e3 },
    { "fmod", 0, 0, sgxm_fmod, fmod, -1e3, 1e3, -10, 10 },
    { "floor", sgxm_floor, floor, 0, 0, -1e6, 1e6 },
    { "round", sgxm_round, round, 0, 0, -1e6, 1e6 },
};

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 9;
    const char *only = argc > 2 ? argv[2] : 0;
    __builtin_cpu_init();
    printf("host CPU has FMA: %s, AVX2: %s (glibc then runs its FMA variants)\n",
           __builtin_cpu_supports("fma") ? "yes" : "no", __builtin_cpu_supports("avx2") ? "yes" : "no");
    printf("%-6s %10s %10s %7s   %8s %8s %7s\n", "fn", "sgxm ns", "glibc ns", "ratio",
           "sgxm min", "glibc min", "ratio");
    for (size_t b = 0; b < sizeof benches / sizeof benches[0]; b++) {
        const bench *e = &benches[b];
        if (only && strcmp(only, e->name) != 0) continue;
        for (int i = 0; i < N; i++) {
            xs[i] = e->logx ? exp(uni(log(e->xlo), log(e->xhi))) : uni(e->xlo, e->xhi);
            ys[i] = uni(e->ylo, e->yhi);
        }
        double t_ours[64], t_ref[64], s_ours = 0, s_ref = 0;
        if (rounds > 64) rounds = 64;
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int ours = (k == 0) == (r % 2 == 0);
                double t0 = now(), s;
                if (e->ours1) s = loop1(ours ? e->ours1 : e->ref1);
                else s = loop2(ours ? e->ours2 : e->ref2);
                double dt = (now() - t0) / ((double)N * REPS);
                if (ours) { t_ours[r] = dt; s_ours = s; } else { t_ref[r] = dt; s_ref = s; }
            }
        }
        qsort(t_ours, rounds, sizeof(double), cmp);
        qsort(t_ref, rounds, sizeof(double), cmp);
        double mo = t_ours[rounds / 2], mr = t_ref[rounds / 2];
        printf("%-6s %10.2f %10.2f %7.2f   %8.2f %8.2f %7.2f%s\n", e->name, mo, mr, mo / mr,
               t_ours[0], t_ref[0], t_ours[0] / t_ref[0],
               fabs(s_ours - s_ref) <= 1e-9 * (fabs(s_ref) + (double)N * REPS) ? "" : "  (sums differ!)");
        fflush(stdout);
    }
    return 0;
}
