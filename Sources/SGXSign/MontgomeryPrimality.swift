import BigInt

/// Miller–Rabin over a fixed-width Montgomery representation, for key generation.
///
/// BigInt's `isPrime` reduces with a full long division at every step of its modular
/// exponentiation, which makes one 1536-bit exponentiation take seconds in a debug build.
/// Montgomery multiplication (CIOS form, Koç et al. 1996) needs no division inside the
/// loop, so prime search here is one to two orders of magnitude faster.
struct MontgomeryModulus {
    let limbs: [UInt64]       // n, little-endian 64-bit limbs
    let inverse: UInt64       // −n⁻¹ mod 2⁶⁴
    let modulus: BigUInt
    var count: Int { limbs.count }

    init(_ n: BigUInt) {
        precondition(n.words[0] & 1 == 1, "Montgomery modulus must be odd")
        modulus = n
        limbs = (0..<n.words.count).map { UInt64(n.words[$0]) }
        var inv: UInt64 = 1
        for _ in 0..<6 { inv = inv &* (2 &- limbs[0] &* inv) }   // Newton: n·inv ≡ 1 mod 2⁶⁴
        inverse = 0 &- inv
    }

    /// x·R mod n, as limbs.
    func toMontgomery(_ x: BigUInt) -> [UInt64] {
        limbs(of: (x << (64 * count)) % modulus)
    }

    func limbs(of x: BigUInt) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: count)
        for index in 0..<Swift.min(count, x.words.count) { out[index] = UInt64(x.words[index]) }
        return out
    }

    /// out = a·b·R⁻¹ mod n. `scratch` must hold count + 2 limbs.
    func multiply(_ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, into out: UnsafeMutablePointer<UInt64>,
                  scratch t: UnsafeMutablePointer<UInt64>, n: UnsafePointer<UInt64>) {
        let k = count
        t.update(repeating: 0, count: k + 2)
        for i in 0..<k {
            let bi = b[i]
            var carry: UInt64 = 0
            for j in 0..<k {
                let (high, low) = a[j].multipliedFullWidth(by: bi)
                let (sum1, o1) = low.addingReportingOverflow(t[j])
                let (sum2, o2) = sum1.addingReportingOverflow(carry)
                t[j] = sum2
                carry = high &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            }
            let (top, overflow) = t[k].addingReportingOverflow(carry)
            t[k] = top
            t[k + 1] = overflow ? 1 : 0

            let m = t[0] &* inverse
            let (high0, low0) = m.multipliedFullWidth(by: n[0])
            let (_, o0) = low0.addingReportingOverflow(t[0])
            carry = high0 &+ (o0 ? 1 : 0)
            for j in 1..<k {
                let (high, low) = m.multipliedFullWidth(by: n[j])
                let (sum1, o1) = low.addingReportingOverflow(t[j])
                let (sum2, o2) = sum1.addingReportingOverflow(carry)
                t[j - 1] = sum2
                carry = high &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            }
            let (sum, o) = t[k].addingReportingOverflow(carry)
            t[k - 1] = sum
            t[k] = t[k + 1] &+ (o ? 1 : 0)
        }
        // Result is t[0...k] < 2n; subtract n once if needed.
        var geq = t[k] != 0
        if !geq {
            geq = true
            var index = k - 1
            while true {
                if t[index] != n[index] { geq = t[index] > n[index]; break }
                if index == 0 { break }
                index -= 1
            }
        }
        if geq {
            var borrow = false
            for j in 0..<k {
                let (d1, b1) = t[j].subtractingReportingOverflow(n[j])
                let (d2, b2) = d1.subtractingReportingOverflow(borrow ? 1 : 0)
                out[j] = d2
                borrow = b1 || b2
            }
        } else {
            for j in 0..<k { out[j] = t[j] }
        }
    }

    /// One Miller–Rabin round with `base` (2 ≤ base ≤ n − 2): false means n is composite.
    func passesMillerRabin(base: BigUInt) -> Bool {
        let n = modulus
        let nMinus1 = n - 1
        var d = nMinus1
        var s = 0
        while d.words[0] & 1 == 0 { d >>= 1; s += 1 }
        let one = toMontgomery(1)
        let minusOne = toMontgomery(nMinus1)
        var x = one
        let baseM = toMontgomery(base)
        var scratch = [UInt64](repeating: 0, count: count + 2)
        var temp = [UInt64](repeating: 0, count: count)
        limbs.withUnsafeBufferPointer { nBuffer in
            scratch.withUnsafeMutableBufferPointer { t in
                temp.withUnsafeMutableBufferPointer { tmp in
                    x.withUnsafeMutableBufferPointer { xb in
                        baseM.withUnsafeBufferPointer { bb in
                            let np = nBuffer.baseAddress!
                            for bit in (0..<d.bitWidth).reversed() {
                                multiply(xb.baseAddress!, xb.baseAddress!, into: tmp.baseAddress!, scratch: t.baseAddress!, n: np)
                                if (d.words[bit / 64] >> UInt(bit % 64)) & 1 == 1 {
                                    multiply(tmp.baseAddress!, bb.baseAddress!, into: xb.baseAddress!, scratch: t.baseAddress!, n: np)
                                } else {
                                    xb.baseAddress!.update(from: tmp.baseAddress!, count: count)
                                }
                            }
                        }
                    }
                }
            }
        }
        if x == one || x == minusOne { return true }
        for _ in 1..<Swift.max(s, 1) {
            limbs.withUnsafeBufferPointer { nBuffer in
                scratch.withUnsafeMutableBufferPointer { t in
                    temp.withUnsafeMutableBufferPointer { tmp in
                        x.withUnsafeMutableBufferPointer { xb in
                            multiply(xb.baseAddress!, xb.baseAddress!, into: tmp.baseAddress!, scratch: t.baseAddress!, n: nBuffer.baseAddress!)
                            xb.baseAddress!.update(from: tmp.baseAddress!, count: count)
                        }
                    }
                }
            }
            if x == minusOne { return true }
            if x == one { return false }
        }
        return false
    }
}

extension BigUInt {
    /// Probable-prime test for large odd numbers: `rounds` Miller–Rabin rounds with random
    /// bases from `generator` (base 2 first, which rejects almost every composite at once).
    func isProbablePrime<R: RandomNumberGenerator>(rounds: Int, using generator: inout R) -> Bool {
        guard self > 1000, self.words[0] & 1 == 1 else { return isPrime() }
        let montgomery = MontgomeryModulus(self)
        if !montgomery.passesMillerRabin(base: 2) { return false }
        for _ in 1..<Swift.max(rounds, 2) {
            let base = BigUInt.randomInteger(lessThan: self - 3, using: &generator) + 2
            if !montgomery.passesMillerRabin(base: base) { return false }
        }
        return true
    }
}
