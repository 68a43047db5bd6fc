/*
 * The enclave libm compiled for the host, every function renamed sgxm_<name>
 * (SGX_MATH_PREFIXED) so it sits beside glibc's. Same source files as the enclave's:
 * Sources/CEnclaveRuntime/math_*.c.
 */
#define SGX_MATH_PREFIXED 1
#include "../../Sources/CEnclaveRuntime/math_basic.c"
#include "../../Sources/CEnclaveRuntime/math_exp.c"
#include "../../Sources/CEnclaveRuntime/math_log.c"
#include "../../Sources/CEnclaveRuntime/math_hypot.c"
#include "../../Sources/CEnclaveRuntime/math_hyperbolic.c"
#include "../../Sources/CEnclaveRuntime/math_trig.c"
#include "../../Sources/CEnclaveRuntime/math_pow.c"
#include "../../Sources/CEnclaveRuntime/math_invtrig.c"
#include "../../Sources/CEnclaveRuntime/math_cbrt.c"
#include "../../Sources/CEnclaveRuntime/math_erf.c"
#include "../../Sources/CEnclaveRuntime/math_fma.c"
#include "../../Sources/CEnclaveRuntime/math_float.c"
