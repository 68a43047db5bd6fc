import BigInt
import Testing
@testable import SGXSign

@Suite struct PrimalityTests {
    @Test func montgomeryMillerRabinMatchesBigIntOnKnownValues() {
        var rng = SeededGenerator(state: 7)
        let m127 = (BigUInt(1) << 127) - 1
        let m521 = (BigUInt(1) << 521) - 1
        let m607 = (BigUInt(1) << 607) - 1
        for prime in [m127, m521, m607] {
            #expect(prime.isProbablePrime(rounds: 4, using: &rng))
        }
        for composite in [m127 * m521, m521 * m607, (BigUInt(1) << 523) - 1, m607 + 2] {
            #expect(!composite.isProbablePrime(rounds: 4, using: &rng))
        }
        // Random odd 256-bit values: agree with BigInt's own test.
        for _ in 0..<40 {
            let n = BigUInt.randomInteger(withExactWidth: 256, using: &rng) | 1
            #expect(n.isProbablePrime(rounds: 6, using: &rng) == n.isPrime(rounds: 6))
        }
    }

    @Test func randomPrimeShape() {
        var rng = SeededGenerator(state: 11)
        let p = SigningKey.randomPrime(bits: 512, using: &rng)
        #expect(p.bitWidth == 512)
        #expect(p >> 510 == 3)
        #expect(p % 3 == 2)
        #expect(p.isPrime(rounds: 10))
    }
}
