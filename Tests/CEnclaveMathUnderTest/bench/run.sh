#!/bin/sh
# Speed and accuracy of the enclave libm's host twin (see speed.c, accuracy_main.c).
#   ./run.sh [rounds [function]]          speed table vs glibc (default 9 rounds, all)
#   ./run.sh accuracy [count [name...]]   max ulp per function vs the Swift test's bounds
#   ./run.sh enclave                      compile every math_*.c with the enclave's flags
#                                         and scan the objects for forbidden instructions
# clang -O2 -fno-builtin, no -march: baseline x86-64 like the enclave build.
set -e
here=$(cd "$(dirname "$0")" && pwd)
ut="$here/.."
src="$here/../../../Sources/CEnclaveRuntime"
out="${TMPDIR:-/tmp}/sgxm-bench"
mkdir -p "$out"
CFLAGS="-O2 -fno-builtin -Wall"
clang $CFLAGS -c "$ut/math_under_test.c" -o "$out/math_under_test.o"
case "$1" in
accuracy)
    shift
    clang $CFLAGS -I"$ut/include" -c "$ut/accuracy_driver.c" -o "$out/accuracy_driver.o"
    clang $CFLAGS -I"$ut/include" -c "$here/accuracy_main.c" -o "$out/accuracy_main.o"
    clang "$out/accuracy_main.o" "$out/accuracy_driver.o" "$out/math_under_test.o" -lm -o "$out/accuracy"
    exec "$out/accuracy" "$@" ;;
enclave)
    for f in "$src"/math_*.c; do
        clang --target=x86_64-unknown-none-elf -ffreestanding -fPIC -fno-stack-protector -O2 \
            -fno-builtin -mno-red-zone -Wall -Werror -c "$f" -o "$out/enclave_$(basename "$f" .c).o"
    done
    if objdump -d "$out"/enclave_math_*.o | grep -Ei '\s(cpuid|syscall|rdtsc|rdtscp|vfmadd|vfmsub|vfnmadd|vfnmsub)|%ymm|%zmm|\sv[a-z]+.*%xmm'; then
        echo "forbidden instructions found"; exit 1
    fi
    echo "enclave build clean: $(ls "$out"/enclave_math_*.o | wc -l) objects, no cpuid/syscall/rdtsc/FMA/AVX" ;;
*)
    clang $CFLAGS -c "$here/speed.c" -o "$out/speed.o"
    clang "$out/speed.o" "$out/math_under_test.o" -lm -o "$out/speed"
    exec "$out/speed" "$@" ;;
esac
