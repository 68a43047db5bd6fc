import Foundation
import SecretProvisioning

let service = try ProvisioningService()
let (port, certificate) = try service.startServer()
print("port \(port) cert \(certificate.count)")
try Data(certificate).write(to: URL(fileURLWithPath: "/tmp/ratls.der"))
print("echoed \(try service.echoOne())")
