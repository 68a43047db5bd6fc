/// The files `swift-sgx new` writes.
enum ScaffoldTemplates {
    static func package(type: String, executable: String, enclave: String, dependency: String) -> String {
        """
        // swift-tools-version:6.1
        import PackageDescription

        let package = Package(
            name: "\(type)",
            dependencies: [
                \(dependency),
            ],
            targets: [
                // Host: ordinary Swift. \(enclave)/ holds the enclave (Embedded Swift), which the
                // SGXEnclavePlugin builds, measures and signs during `swift build`.
                .executableTarget(
                    name: "\(executable)",
                    dependencies: [.product(name: "SGXHost", package: "swift-sgx")],
                    exclude: ["\(enclave)"],
                    plugins: [.plugin(name: "SGXEnclavePlugin", package: "swift-sgx")]),
            ]
        )

        """
    }

    static let config = """
        {
          "heapSize": "4M",
          "stackSize": "128K",
          "tcsCount": 2,
          "tcsPolicy": "unbound",
          "isvProdID": 1,
          "isvSvn": 1,
          "debug": true
        }

        """

    static func edl(type: String) -> String {
        """
        // The enclave's interface: ECALLs (host -> enclave) and OCALLs (enclave -> host).
        enclave {
            trusted {
                public uint64_t ecall_add(uint64_t a, uint64_t b);
                public void ecall_hello([in, string] const char *name);
            };
            untrusted {
                void ocall_log([in, string] const char *message);
            };
        };

        """
    }

    static func enclave(type: String) -> String {
        """
        // Runs inside the enclave (Embedded Swift). Implements the ECALLs of \(type).edl.
        import SGXTrusted
        import SGXTypes

        func ecall_add(_ a: UInt64, _ b: UInt64) -> UInt64 {
            a &+ b
        }

        func ecall_hello(_ name: String) {
            print("Hello, \\(name), from inside \(type)!")
            try? ocall_log("greeted \\(name)")
        }

        """
    }

    static func host(type: String, enclave: String) -> String {
        """
        // The untrusted host: loads the enclave in simulation mode and calls it.
        // Simulation mode gives NO isolation and its keys are public: it is for development.
        import SGXHost
        import SGXTypes

        struct Host: \(type)OCalls {
            func ocall_log(_ message: String) { print("[enclave log] \\(message)") }
        }

        do {
            let enclave = try Enclave(path: \(enclave).path, ocalls: \(type).ocallTable(Host()))
            print("MRENCLAVE \\(enclave.identity.mrenclave.hexString)")
            try enclave.ecall_hello("world")
            print("2 + 40 = \\(try enclave.ecall_add(2, 40))")
        } catch {
            print("error: \\(error)")
        }

        """
    }

    static func readme(type: String, executable: String, enclave: String) -> String {
        """
        # \(type)

        An SGX enclave application built with swift-sgx.

        ```
        swift build
        swift run \(executable)
        ```

        - `Sources/\(executable)/main.swift`: the host (untrusted).
        - `Sources/\(executable)/\(enclave)/`: the enclave: `\(type).edl` (interface),
          `\(type).swift` (Embedded Swift), `enclave.json` (heap, stack, TCS count, ISVPRODID,
          ISVSVN, debug).

        `swift build` compiles the enclave, generates the EDL bridges, and signs the image with
        swift-sgx's public development key. Runs in **simulation mode**: no isolation from the
        host, public keys. For a real signature use `swift-sgx keygen` and `swift-sgx sign`.

        """
    }
}
