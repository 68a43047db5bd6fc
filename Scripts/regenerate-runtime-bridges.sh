#!/bin/sh
# Regenerates the SDK's own runtime OCALL bridges from Sources/SGXTrusted/Runtime/
# swift_sgx_runtime.edl with the project's EDL compiler. RuntimeEDLTests (SGXEDLTests)
# fails when the committed files differ from what the compiler produces now.
# Run from the package root after changing the EDL or the emitters; review the diff.
set -e
swift build --product swift-sgx
.build/debug/swift-sgx edl generate --sdk-runtime --enclave-name SwiftSGXRuntime \
    Sources/SGXTrusted/Runtime/swift_sgx_runtime.edl \
    --trusted Sources/SGXTrusted/Generated/SwiftSGXRuntime+Trusted.swift \
    --untrusted Sources/SGXHost/Generated/SwiftSGXRuntime+Untrusted.swift
