#!/bin/sh
# Regenerates the committed generated code that tests pin:
#  - Tests/EDLBridgeTests/Generated/SampleBridge.swift (host bridge of the test enclave;
#    EDLBridgeTests asserts it equals what the generator produces now)
#  - Tests/SGXEDLTests/Fixtures/golden/*.golden (golden files of GoldenFileTests)
# Run from the package root after changing the emitters, then review the diff.
set -e
swift build --product swift-sgx
BIN=.build/debug/swift-sgx
TMP=$(mktemp -d)
$BIN edl generate Tests/EDLBridgeTests/Enclaves/Sample/Sample.edl --enclave-name Sample \
    --trusted "$TMP/trusted.swift" --untrusted Tests/EDLBridgeTests/Generated/SampleBridge.swift
G=Tests/SGXEDLTests/Fixtures/golden
$BIN edl generate $G/Small.edl --enclave-name Small \
    --trusted $G/Small.trusted.swift.golden --untrusted $G/Small.untrusted.swift.golden
rm -rf "$TMP"
