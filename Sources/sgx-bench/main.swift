print("sgx-bench")
