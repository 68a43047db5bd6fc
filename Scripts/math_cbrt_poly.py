#!/usr/bin/env python3
"""Prints the initial-approximation polynomial of the enclave libm's cbrt (math_cbrt.c):
P(m) ~ cbrt(m) on [1, 2], degree 5, interpolating cbrt at the six Chebyshev nodes of
[1, 2] (solved exactly with fractions from 60-digit values of cbrt at the nodes), each
coefficient rounded to a double. Prints the coefficients and the maximum relative error
of the rounded polynomial over 20,001 evenly spaced points (the kernel needs < 2^-13).
Nothing is copied from another library.
"""
from decimal import Decimal, getcontext
from fractions import Fraction
getcontext().prec = 60

DEG = 5
def cbrt_dec(x):
    y = Decimal(1)
    for _ in range(200):
        y = (2 * y + x / (y * y)) / 3
    return y

def cos_dec(x):
    s, term, k = Decimal(0), Decimal(1), 0
    while abs(term) > Decimal(10) ** -58:
        s += term
        k += 2
        term = -term * x * x / ((k - 1) * k)
    return s

pi = Decimal("3.14159265358979323846264338327950288419716939937510582097494459")
nodes = [Fraction(Decimal(1.5) + Decimal(0.5) * cos_dec((2 * i + 1) * pi / (2 * (DEG + 1)))) for i in range(DEG + 1)]
vals = [Fraction(cbrt_dec(Decimal(n.numerator) / Decimal(n.denominator))) for n in nodes]
# Vandermonde solve, exact
n = DEG + 1
m = [[nodes[i] ** j for j in range(n)] + [vals[i]] for i in range(n)]
for col in range(n):
    piv = next(r for r in range(col, n) if m[r][col] != 0)
    m[col], m[piv] = m[piv], m[col]
    for r in range(n):
        if r != col and m[r][col] != 0:
            f = m[r][col] / m[col][col]
            m[r] = [a - f * b for a, b in zip(m[r], m[col])]
coef = [float(m[i][n] / m[i][i]) for i in range(n)]
worst = 0.0
for k in range(20001):
    x = 1 + k / 20000
    p = 0.0
    for c in reversed(coef):
        p = p * x + c
    exact = float(cbrt_dec(Decimal(x)))
    worst = max(worst, abs(p - exact) / exact)
import math
assert worst < 2 ** -13, worst
for i, c in enumerate(coef):
    print("#define SGXM_CBRT_P%d %s" % (i, c.hex()))
print("/* max relative error of P on [1, 2]: 2^%.2f */" % math.log2(worst))
