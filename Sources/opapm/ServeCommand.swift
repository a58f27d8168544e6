import ArgumentParser
import Dispatch
import Foundation
import OPAPMCore
import OPAPMWorkbench

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the workbench: write, check and review a directory's submissions in the browser, and the JSON API.",
        discussion: """
            Listens on 127.0.0.1 unless --host says otherwise; any other address needs --token, required then on \
            every request. Reads and writes only the .xml files directly in DIR; a save replaces only the version \
            it opened. Stops on Ctrl-C. docs/workbench.md.
            """)

    @Argument(help: "The directory of submissions (default: the current one).")
    var directory = "."

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port; the address is printed).")
    var port = 8642

    @Option(help: "Token every request must carry (Authorization: Bearer TOKEN); needed off loopback.")
    var token: String?

    @Option(help: "Seconds a connection may stay idle, a request half sent included, before it is closed.")
    var idleTimeout = 30

    @OptionGroup var limits: LimitOptions

    @OptionGroup var lawOption: LawOption

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard (1...3600).contains(idleTimeout) else { throw ValidationError("--idle-timeout must be 1 to 3600 seconds") }
        let configuration = WorkbenchConfiguration(directory: directory, host: host, port: port, token: token)
        if let problem = configuration.problem { throw ValidationError(problem) }
    }

    func run() throws {
        let configuration = WorkbenchConfiguration(
            directory: directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory,
            host: host, port: port, token: token, maxRequestBytes: Int(limits.maxFileSize), idleSeconds: idleTimeout)
        let workbench: Workbench
        do {
            workbench = try Workbench(configuration, limits: limits.limits)
        } catch {
            throw CommandSupport.fail("internal error: \(error)")
        }
        let stopped = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
            do {
                try await workbench.run { address in
                    // Written at once, unbuffered: a script waiting for the address reads this line.
                    FileHandle.standardOutput.write(Data("opapm serve: \(DisplayText.safe(configuration.directory)) at \(address)\n".utf8))
                }
            } catch {
                failure.set("\(error)")
            }
            stopped.signal()
        }
        stopped.wait()
        if let message = failure.value { throw CommandSupport.fail("cannot serve: \(message)") }
    }
}

/// The server task's error, handed to the waiting main thread.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var message: String?
    func set(_ text: String) { lock.withLock { message = text } }
    var value: String? { lock.withLock { message } }
}
