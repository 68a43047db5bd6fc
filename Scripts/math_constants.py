#!/usr/bin/env python3
"""Derives the constants of the enclave libm (Sources/CEnclaveRuntime/math_*.c).

Every constant is computed here with Python's decimal module at 80 digits and split
into double-precision pieces; nothing is copied from another library. Run it and
compare with the hexadecimal literals in math_private.h (they must match).

  hi (N bits)  : the value rounded to N significant bits, so that k*hi is exact for
                 the small integers k the reductions multiply it by.
  lo           : the rest, value - hi, rounded to double.
"""
from decimal import Decimal, getcontext
from fractions import Fraction
getcontext().prec = 80

def to_fraction(d):
    return Fraction(d)

def round_bits(fr, bits):
    """Round a positive Fraction to `bits` significant bits (nearest)."""
    e = 0
    while fr >= 2: fr /= 2; e += 1
    while fr < 1: fr *= 2; e -= 1
    m = round(fr * (1 << (bits - 1)))
    return Fraction(m, 1 << (bits - 1)) * (Fraction(2) ** e)

def hexd(fr):
    return float(fr).hex()

ln2 = to_fraction(Decimal(2).ln())
ln10 = to_fraction(Decimal(10).ln())
consts = {
    "LN2_HI (42 bits)": round_bits(ln2, 42),
}
ln2_hi = consts["LN2_HI (42 bits)"]
rows = [
    ("SGXM_LN2_HI", ln2_hi),
    ("SGXM_LN2_LO", ln2 - ln2_hi),
    ("SGXM_INV_LN2", round_bits(1 / ln2, 53)),
    ("SGXM_LN2_D_HI", round_bits(ln2, 53)),
    ("SGXM_LN2_D_LO", ln2 - round_bits(ln2, 53)),
    ("SGXM_LOG2E_HI", round_bits(1 / ln2, 53)),
    ("SGXM_LOG2E_LO", 1 / ln2 - round_bits(1 / ln2, 53)),
    ("SGXM_LOG10E_HI", round_bits(1 / ln10, 53)),
    ("SGXM_LOG10E_LO", 1 / ln10 - round_bits(1 / ln10, 53)),
    ("SGXM_LOG10_2_HI", round_bits(ln2 / ln10, 53)),
    ("SGXM_LOG10_2_LO", ln2 / ln10 - round_bits(ln2 / ln10, 53)),
    ("SGXM_SQRT2", round_bits(to_fraction(Decimal(2).sqrt()), 53)),
    # exp: |x| above ln(DBL_MAX) overflows; below ln(2^-1075) rounds to zero.
    ("SGXM_EXP_OVERFLOW", round_bits(to_fraction(Decimal(2).ln() * 1024), 53)),
    ("SGXM_EXP_UNDERFLOW", -round_bits(to_fraction(Decimal(2).ln() * 1075), 53)),
]
for name, v in rows:
    if v < 0 and name != "SGXM_EXP_UNDERFLOW":
        print(f"#define {name} (-{hexd(-v)})")
    else:
        print(f"#define {name} {hexd(v)}" if v >= 0 else f"#define {name} (-{hexd(-v)})")
