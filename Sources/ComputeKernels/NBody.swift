/// n-body (Benchmarks Game): the Jovian planets and the Sun, symplectic Euler steps of
/// 0.01 days; reports the system's energy before and after (the reference output for 1000
/// steps is -0.169075164 and -0.169087605).
public enum NBody {
    static let solarMass = 4.0 * Double.pi * Double.pi
    static let daysPerYear = 365.24

    struct Body {
        var x, y, z, vx, vy, vz, mass: Double
    }

    static func initialBodies() -> [Body] {
        let d = daysPerYear
        var bodies = [
            Body(x: 0, y: 0, z: 0, vx: 0, vy: 0, vz: 0, mass: solarMass),
            Body(x: 4.84143144246472090e+00, y: -1.16032004402742839e+00, z: -1.03622044471123109e-01,
                 vx: 1.66007664274403694e-03 * d, vy: 7.69901118419740425e-03 * d, vz: -6.90460016972063023e-05 * d,
                 mass: 9.54791938424326609e-04 * solarMass),
            Body(x: 8.34336671824457987e+00, y: 4.12479856412430479e+00, z: -4.03523417114321381e-01,
                 vx: -2.76742510726862411e-03 * d, vy: 4.99852801234917238e-03 * d, vz: 2.30417297573763929e-05 * d,
                 mass: 2.85885980666130812e-04 * solarMass),
            Body(x: 1.28943695621391310e+01, y: -1.51111514016986312e+01, z: -2.23307578892655734e-01,
                 vx: 2.96460137564761618e-03 * d, vy: 2.37847173959480950e-03 * d, vz: -2.96589568540237556e-05 * d,
                 mass: 4.36624404335156298e-05 * solarMass),
            Body(x: 1.53796971148509165e+01, y: -2.59193146099879641e+01, z: 1.79258772950371181e-01,
                 vx: 2.68067772490389322e-03 * d, vy: 1.62824170038242295e-03 * d, vz: -9.51592254519715870e-05 * d,
                 mass: 5.15138902046611451e-05 * solarMass),
        ]
        var px = 0.0, py = 0.0, pz = 0.0
        for body in bodies {
            px += body.vx * body.mass
            py += body.vy * body.mass
            pz += body.vz * body.mass
        }
        bodies[0].vx = -px / solarMass
        bodies[0].vy = -py / solarMass
        bodies[0].vz = -pz / solarMass
        return bodies
    }

    static func advance(_ bodies: inout [Body], _ dt: Double) {
        let count = bodies.count
        for i in 0..<count {
            for j in (i + 1)..<count {
                let dx = bodies[i].x - bodies[j].x
                let dy = bodies[i].y - bodies[j].y
                let dz = bodies[i].z - bodies[j].z
                let squared = dx * dx + dy * dy + dz * dz
                let distance = squared.squareRoot()
                let magnitude = dt / (squared * distance)
                let mi = bodies[i].mass * magnitude, mj = bodies[j].mass * magnitude
                bodies[i].vx -= dx * mj
                bodies[i].vy -= dy * mj
                bodies[i].vz -= dz * mj
                bodies[j].vx += dx * mi
                bodies[j].vy += dy * mi
                bodies[j].vz += dz * mi
            }
        }
        for i in 0..<count {
            bodies[i].x += dt * bodies[i].vx
            bodies[i].y += dt * bodies[i].vy
            bodies[i].z += dt * bodies[i].vz
        }
    }

    static func energy(_ bodies: [Body]) -> Double {
        var e = 0.0
        for i in 0..<bodies.count {
            let b = bodies[i]
            e += 0.5 * b.mass * (b.vx * b.vx + b.vy * b.vy + b.vz * b.vz)
            for j in (i + 1)..<bodies.count {
                let dx = b.x - bodies[j].x, dy = b.y - bodies[j].y, dz = b.z - bodies[j].z
                e -= b.mass * bodies[j].mass / (dx * dx + dy * dy + dz * dz).squareRoot()
            }
        }
        return e
    }

    /// The energy before and after `steps` steps.
    public static func run(_ steps: Int) -> (before: Double, after: Double) {
        var bodies = initialBodies()
        let before = energy(bodies)
        for _ in 0..<steps { advance(&bodies, 0.01) }
        return (before, energy(bodies))
    }

    /// FNV-1a of the bit patterns of both energies.
    public static func checksum(_ steps: Int) -> UInt64 {
        let (before, after) = run(steps)
        var checksum = Checksum()
        checksum.add(word: before.bitPattern)
        checksum.add(word: after.bitPattern)
        return checksum.value
    }
}
