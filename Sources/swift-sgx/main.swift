print("swift-sgx")
