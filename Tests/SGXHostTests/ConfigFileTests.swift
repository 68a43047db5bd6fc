import Foundation
import SGXEnclaveBuild
import SGXTypes
import Testing

/// enclave.json: defaults, every key, and errors that name the key and what was expected.
@Suite struct ConfigFileTests {
    func parse(_ text: String) throws(SGXError) -> EnclaveConfig {
        try EnclaveConfigFile.parse(Data(text.utf8), name: "enclave.json")
    }

    func error(_ text: String) -> String {
        do {
            _ = try parse(text)
            return "accepted"
        } catch {
            return error.detail
        }
    }

    @Test func emptyObjectGivesDefaults() throws {
        let config = try parse("{}")
        #expect(config.tcsCount == 4)
        #expect(config.heapSize == 16 << 20)
        #expect(config.debug)
        #expect(config.attributes.flags.contains(.mode64Bit))
        #expect(config.attributeMask.flags.rawValue == ~UInt64(2))
    }

    @Test func everyKeyIsRead() throws {
        let config = try parse("""
            {"heapSize": "2M", "stackSize": 65536, "tcsCount": 8, "tcsPolicy": "bound", "isvProdID": 12,
             "isvSvn": 34, "debug": false, "ssaFrameSize": 2, "nssa": 3, "miscSelect": 1, "miscMask": "0xfffffffe",
             "xfrm": "0x7", "xfrmMask": "0xffffffffffffff1b", "attributes": "0x4", "attributeMask": "0xffffffffffffffff"}
            """)
        #expect(config.heapSize == 2 << 20)
        #expect(config.stackSize == 65536)
        #expect(config.tcsCount == 8)
        #expect(config.tcsPolicy == .bound)
        #expect(config.isvProdID == 12 && config.isvSvn == 34)
        #expect(!config.debug)
        #expect(config.ssaFrameSize == 2 && config.nssa == 3)
        #expect(config.miscSelect == 1 && config.miscMask == 0xffff_fffe)
        #expect(config.attributes.xfrm == 7)
        #expect(config.attributeMask.flags.rawValue == UInt64.max)
        // The config survives its own encoding (it is embedded in the image).
        #expect(try EnclaveConfig(bytes: config.bytes) == config)
    }

    @Test func releaseConfigMasksDebug() throws {
        #expect(try parse(#"{"debug": false}"#).attributeMask.flags.contains(.debug))
        #expect(!(try parse(#"{"debug": true}"#).attributeMask.flags.contains(.debug)))
    }

    @Test(arguments: [
        (#"{"heapSize": "12Q"}"#, "key 'heapSize': expected a size"),
        (#"{"heapSize": 1000}"#, "multiple of 4096"),
        (#"{"stackSize": true}"#, "key 'stackSize'"),
        (#"{"tcsCount": 0}"#, "tcsCount must be between 1 and 1024"),
        (#"{"tcsCount": 5000}"#, "key 'tcsCount': expected an integer from 0 to 1024"),
        (#"{"tcsCount": "four"}"#, "key 'tcsCount'"),
        (#"{"tcsPolicy": "sometimes"}"#, "key 'tcsPolicy': expected \"bound\" or \"unbound\""),
        (#"{"isvProdID": 70000}"#, "key 'isvProdID'"),
        (#"{"debug": "yes"}"#, "key 'debug': expected true or false"),
        (#"{"heapsize": "4M"}"#, "unknown key 'heapsize'"),
        (#"{"attributes": "0x6"}"#, "do not set DEBUG"),
        (#"{"nssa": 0}"#, "nssa must be 1...8"),
        (#"[1, 2]"#, "expected a JSON object"),
        (#"{"heapSize": "4M",,}"#, "not valid JSON"),
    ])
    func malformedConfigNamesTheProblem(text: String, expected: String) {
        let message = error(text)
        #expect(message.contains(expected), "got: \(message)")
        #expect(message.hasPrefix("enclave.json"))
    }
}
