import Foundation

/// How `opapm serve` runs: over which directory, on which address, with which token and limits.
public struct WorkbenchConfiguration: Sendable {
    /// The directory of submissions the workbench reads and lists; nothing outside it is read.
    public var directory: String
    public var host: String
    /// 0: any free port (the address is printed once listening).
    public var port: Int
    /// Required on every request when `host` is not loopback.
    public var token: String?
    /// The largest request body accepted, in bytes.
    public var maxRequestBytes: Int
    /// How long a connection may stay idle before it is closed.
    public var idleSeconds: Int

    public init(directory: String, host: String = "127.0.0.1", port: Int = 8642, token: String? = nil,
        maxRequestBytes: Int = 16 * 1024 * 1024, idleSeconds: Int = 30)
    {
        self.directory = directory
        self.host = host
        self.port = port
        self.token = token
        self.maxRequestBytes = maxRequestBytes
        self.idleSeconds = idleSeconds
    }

    public static func isLoopback(_ host: String) -> Bool {
        host == "127.0.0.1" || host == "::1" || host == "localhost" || host.hasPrefix("127.")
    }

    /// Why the configuration cannot run, or nil.
    public var problem: String? {
        if !WorkbenchConfiguration.isLoopback(host) && (token ?? "").count < 16 {
            return "binding to \(host) exposes the workbench to the network: give --token with at least 16 characters"
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "\(directory) is not a directory"
        }
        return nil
    }
}
