import SGXSign
import SGXTypes

/// The development signing key of swift-sgx: RSA-3072, e = 3, generated once with
/// `openssl genrsa -3 3072` and published here on purpose, like the test keys in Intel's
/// SDK samples. Anyone can sign with it, so it proves nothing: `swift build` uses it for
/// simulation and debug builds only. Sign releases with your own key (`swift-sgx keygen`).
public enum DevelopmentKey {
    public static let pem = """
-----BEGIN RSA PRIVATE KEY-----
MIIG5AIBAAKCAYEAw4aBwNueW6Zak4VbhfgL93Jsidwp6jzrW6ghGaPHRJYke84S
9LmtqrTBzu6aC6FqOT5PzrmuIdgcBwjaxnGQoWeZ1C3bkNDtuuUyuRXm6J7N7Uos
hCR5dje2JxS/sFBNQhD94jnJHJ0eJmvhhN4WY9SXM7Yp27xE+mLExStw9R1+r7mo
ma2BIWAQApNCb3R2z3YSfj7hiTWedHPjOiSW0w2VRuVwloq8lb5baIdgha7u9veu
QIOwQBcAIHzwVWt1/OlgZiQ3FEx3Uf/gb6fgh8ZpYDCxPPqMbprInTHW6I9o+GkH
MZhrsaAqcYOlp2D5e7tLZRYca1Bt/HD3cMjLl1eJ8cE4+2CExhieVsBIqqqKESXN
okCBt7ct01gh8nDO7gTSVwUmmdH0a49Qzl3wL96z2WEyhpSDf4F+3uy6iYW0Ipcm
oXEDXmbEdNIvTdjHyBXc1xlKnZdzw4CXnBemOgp2HmGAw5z+Kr9taIhhez514SMF
TI9dZ7AziBQethuVAgEDAoIBgQCCWavV577nxDxiWOeupV1PoZ2xPXFG00eScBYR
F9otuW2n3rdN0R5xzdaJ9Gaya5wmKYqJ0R7BOr1aBecu9mBrmmaNc+e14J58mMx7
Y+9FvzPzhshYGFD5enlvYyp1it4sC1PsJoYTE2lu8pZYlA7tOGTNJBvn0tim7IMu
HPX4vlR1JnBmc6trlWABt4GfovnfpAxUKeuwzmmi9+zRbbniCQ4vQ6BkXH25KZJF
r5WudJ9PT8mAV8rVZKrAU0rjnPgnnymIiCO7KF2NCfB+ojmIsswbpGCVEIhW+fEK
P6MBaip6VCiU9sYiIb4b4euv9zMa3a0tJRpwkkNrFpT2707QFdDUa/dmxsriYSA4
QvFmfjCtBzMy6IPev1HEPTEPX5KkrqSDZSZ+DndlOLS3hq8Vm7vmSip+LCI3reWp
j0q0dfHEpM834Zqa+j2j4JIu/ey61MzyHd0RJLUkqsIvZBiXfw3bxNQzRbaguhuJ
Rf8kP/2dGlPSc+grZepYxbRH5fMCgcEA9ggJmCZwm3DPUw/ut2Dt8Vowd5FfXhqO
ybqxjcFysXFKe8tPqIn7NdKqdmtUlYXq0ZtEAfOHj3XTItIv9cWGIBvaY9P8/lN8
FesAtzPauI3iKjnOQFDCGd7R7aP8PeWg1zbV9XxdKd7TDuTf4+Xinzt3LKFSznr5
ZtoIx+uI6PueC+BXjSWSb0OVN5UvNw9IObKIXzWs/w+oHja6cXAn5LUP0AOyN/gn
+bJCQakQexKC+bTVUBcHxJcshvKeEv87AoHBAMtymIExkOAfG6thCPpTnElgBr8o
wP9HMSJpLYAQ77T+3sUfeqmcR0ia4tFFb4noQgHTg59q7TL/Nbj86AicTz8a9k9L
SOLi2Fyb7UsoA9hfXuNhMpWS+c+5YT9YXB170h/IBZxxD7LdbkTVYdcuBvA5otNQ
n/rXVsUinZiqQZHZK2+/mEB5CQar0sdsJNBMnHYkIQy20gTQu+5JueORWXIW0YS2
kD68RD/2Adj2UknL9nvGskDKeWIAJ3v48jdDbwKBwQCkBVu6xEsSSzTiCp8k60lL
kXWlC5TpZwnb0cuz1kx2S4b9MjUbBqd5NxxO8jhjrpyLvNgBTQUKTozB4XVOg67A
EpGX4qipjP1j8gB6IpHQXpbG0TQq4IFmlIvzwqgpQ8CPeeP4/ZNxPzdfQz/tQ+xq
J6TIa4yJp1DvPAXanQXwp76ylY+zbmGfgmN6Y3TPX4V7zFrqI8iqCnAUJHxLoBqY
eLU1V8wlUBqmdtbWcLWnYaymeI41ZK/YZMhZ9xQMqicCgcEAh6G7AMu16r9nx5YF
/De9hkAEf3CAqi92FvDJAAtKeKnp2L+nG72E2xHsi4OfsUWBVo0CakdIzKoj0Kia
sGg01LykNNzbQeyQPb1I3MVX5ZTp7Ot3DmH739Drf5A9aP02v9quaEtfzJOe2I5B
Oh6vStEXN4sVUeTkg2xpEHGBC+Yc9SplgFCwrx03L51t4DMS+W1rXc82reB9SYZ7
7QuQ9rnhAyRgKdLYKqQBO07hhof5p9nMKzGmQVVvp/tMJNefAoHBALW6GKEHRMJD
Utv78YbrDZOMrYj31UPW4MAlsl+vQzaOzE2LOR8WIvHsVSg/SDTQkrfGn+c0+Bj7
8DWC5aFirQnxAKyRe/X88LpX0DmgC6drxswsDMKQQg+GJynPkQq8jCulvklVUMeq
8D1sxQjCcyoW3hWGINM3csWl2vcNtLBhZNxOCcArfxSDSwWap06ff6IVJtLnfFmo
AhU5Y7ITE+SRjUXxziLaRaQdt1q3NVGbGGGzPfrbmjdNE7KCLF8hug==
-----END RSA PRIVATE KEY-----
"""
}

extension DevelopmentKey {
    /// The public half of ``pem``: what MRSIGNER every development-signed enclave shares.
    public static let publicKey: PublicSigningKey = {
        do { return try SigningKey(pemRepresentation: pem).publicKey } catch {
            fatalError("the built-in development key does not parse: \(error)") // a broken invariant
        }
    }()

    /// Refuses to sign a non-debug (release) enclave with the development key unless the
    /// caller forces it (`allowed`, the `--allow-development-key` flag). The private key is
    /// published in this repository, so anyone can sign an enclave of their own with the
    /// same MRSIGNER: it would be granted the MRSIGNER-policy seal keys (and could unseal
    /// everything the release enclave sealed) and look like it to a verifier that trusts
    /// that signer. Debug enclaves are exempt: a debugger can read and change their memory
    /// anyway, so they hold no secrets worth a private signer.
    public static func checkUse(by signer: PublicSigningKey, debug: Bool, allowed: Bool) throws(SGXError) {
        guard signer == publicKey, !debug, !allowed else { return }
        throw SGXError(.invalidParameter, """
            refusing to sign a non-debug enclave with the public development key: its private key \
            is published with swift-sgx, so anyone can sign an enclave with the same MRSIGNER, \
            unseal the data it seals with the MRSIGNER policy and pass as it in attestation. \
            Sign with your own key (swift-sgx keygen, then --key KEY.pem), or set "debug": true \
            in enclave.json for development; --allow-development-key (Request.allowDevelopmentKey) \
            forces it
            """)
    }
}
