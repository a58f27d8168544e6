import Foundation
import Testing

/// A running `opapm serve`, stopped when the test ends.
final class Served {
    let process = Process()
    let port: Int
    let directory: String

    /// Starts `opapm serve DIRECTORY --port 0 EXTRA` from the repository root and waits for its address.
    convenience init(_ directory: String, _ extra: [String] = [], host: String = "127.0.0.1") throws {
        try self.init(arguments: ["serve", directory, "--host", host] + extra, directory: directory)
    }

    /// Starts `opapm ARGUMENTS --port 0` (a later `--port` wins: any free port) and waits for its address.
    init(arguments: [String], directory: String) throws {
        self.directory = directory
        process.executableURL = executable
        process.arguments = arguments + ["--port", "0"]
        process.currentDirectoryURL = repositoryRoot
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line names the address: `opapm serve: DIR at http://127.0.0.1:PORT/`.
        var line = Data()
        let deadline = Date().addingTimeInterval(30)
        while !line.contains(UInt8(ascii: "\n")) && Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let scheme = text.range(of: "http://"),
            let colon = text.range(of: ":", options: .backwards, range: scheme.upperBound..<text.endIndex),
            let port = Int(text[colon.upperBound...].prefix { $0.isNumber })
        else {
            process.terminate()
            throw ServeError(message: "no address from opapm serve: \(text)")
        }
        self.port = port
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }

    struct ServeError: Error { var message: String }

    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// One HTTP/1.1 request written byte for byte (so that Host, Origin and the path are exactly as
    /// given, as an attacker would send them), and the whole reply.
    func request(_ method: String, _ target: String, host: String? = nil, headers: [String: String] = [:], body: Data = Data())
        throws -> Reply
    {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ServeError(message: "socket") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw ServeError(message: "connect") }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.count)\r\n\r\n"
        let bytes = Data(head.utf8) + body
        var sent = 0
        while sent < bytes.count {
            let wrote = bytes.withUnsafeBytes { send(socket, $0.baseAddress! + sent, bytes.count - sent, 0) }
            if wrote <= 0 { break }  // the server may refuse a large body before reading it all
            sent += wrote
        }
        var reply = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let got = recv(socket, &buffer, buffer.count, 0)
            if got <= 0 { break }
            reply.append(contentsOf: buffer[0..<got])
        }
        guard let split = reply.range(of: Data("\r\n\r\n".utf8)) else { throw ServeError(message: "no reply") }
        let lines = String(decoding: reply[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var payload = Data(reply[split.upperBound...])
        if fields["transfer-encoding"] == "chunked" { payload = Self.unchunked(payload) }
        return Reply(status: status, headers: fields, body: payload)
    }

    static func unchunked(_ data: Data) -> Data {
        var out = Data()
        var rest = data[...]
        while let end = rest.range(of: Data("\r\n".utf8)) {
            let size = Int(String(decoding: rest[..<end.lowerBound], as: UTF8.self), radix: 16) ?? 0
            if size == 0 { break }
            let start = end.upperBound
            out.append(rest[start..<rest.index(start, offsetBy: size)])
            rest = rest[rest.index(start, offsetBy: size + 2)...]
        }
        return out
    }
}

private func json(_ data: Data) -> Any? { try? JSONSerialization.jsonObject(with: data) }

@Suite(.serialized) struct WorkbenchTests {
    @Test func theReviewQueueListsEveryFileWithItsDetermination() throws {
        let server = try Served("samples/approved")
        let page = try server.request("GET", "/")
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        let names = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("samples/approved").path)
            .filter { $0.hasSuffix(".xml") }
        #expect(names.count > 5)
        for name in names { #expect(page.text.contains(name), "\(name)") }
        let rows = try JSONSerialization.jsonObject(with: try server.request("GET", "/api/submissions").body) as? [[String: Any]] ?? []
        #expect(rows.count >= names.count)
        #expect(rows.allSatisfy { ($0["determination"] as? String) == "approved" })
        // Filtered as the page's form filters.
        let commercial = try JSONSerialization.jsonObject(with: try server.request("GET", "/api/submissions?payerType=commercial&year=2024").body)
            as? [[String: Any]] ?? []
        #expect(!commercial.isEmpty && commercial.allSatisfy { ($0["payerType"] as? String) == "commercial" && ($0["performanceYear"] as? Int) == 2024 })
        let report = try server.request("GET", "/files/pace-payment-rate-reduction.xml")
        #expect(report.status == 200 && report.text.contains("PY2024") && report.text.contains("APPROVED"))
    }

    /// The API decides with the command line's engine and writes its JSON: the same bytes.
    @Test func checkGivesTheBytesOpapmCheckGives() throws {
        let server = try Served("samples/not-approved")
        let name = "FR004-average-marginal-risk-below-30-percent.xml"
        let cli = try opapm(["check", "--format", "json", "samples/not-approved/\(name)"])
        let listed = try server.request("GET", "/api/submissions/\(name)/check")
        #expect(listed.status == 200 && listed.headers["content-type"] == "application/json")
        #expect(listed.text == cli.stdout)
        // Posted as a body, under the name it is checked by on the command line.
        let bytes = try Data(contentsOf: repositoryRoot.appendingPathComponent("samples/not-approved/\(name)"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opapm-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try bytes.write(to: folder.appendingPathComponent("contract.xml"))
        let posted = try server.request("POST", "/api/check?name=contract.xml", headers: ["Content-Type": "application/xml"], body: bytes)
        #expect(posted.status == 200)
        let cliPosted = try opapm(["check", "--format", "json", "contract.xml"], in: folder).stdout
        #expect(posted.text == cliPosted)
        #expect(posted.text.contains("\"wouldPass\""))
        let invalid = try server.request("POST", "/api/validate", body: Data("<submission/>".utf8))
        #expect(invalid.status == 200 && invalid.text.contains("\"valid\" : false") && invalid.text.contains("XSD001"))
    }

    @Test func noPathOutsideTheDirectoryIsEverRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opapm-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = repositoryRoot.appendingPathComponent("samples/approved/pace-payment-rate-reduction.xml")
        try FileManager.default.copyItem(at: sample, to: folder.appendingPathComponent("inside.xml"))
        // A link out of the directory is not one of its submissions.
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("outside.xml").path,
            withDestinationPath: repositoryRoot.appendingPathComponent("samples/not-approved/FR002-total-risk-below-3-percent.xml").path)
        let server = try Served(folder.path)
        #expect(try server.request("GET", "/files/inside.xml").status == 200)
        for target in [
            "/files/outside.xml", "/files/..%2F..%2Fetc%2Fpasswd", "/files/%2e%2e%2fPackage.swift", "/files/../Package.swift",
            "/files/..%5C..%5CPackage.swift", "/api/submissions/..%2Finside.xml/check", "/api/submissions/%2Fetc%2Fpasswd/check",
            "/files/inside.xml%00.txt", "/files/" + String(repeating: "..%2F", count: 40) + "etc%2Fpasswd",
        ] {
            let reply = try server.request("GET", target)
            #expect(reply.status == 404, "\(target): \(reply.status)")
            #expect(!reply.text.contains("root:") && !reply.text.contains("FR002"), "\(target)")
        }
        let queue = try server.request("GET", "/api/submissions").text
        #expect(queue.contains("inside.xml") && !queue.contains("outside.xml"))
    }

    @Test func otherHostsOriginsAndOversizedBodiesAreRefused() throws {
        let server = try Served("samples/approved", ["--max-file-size", "4096"])
        // DNS rebinding: a name that resolves here, but is not the workbench's.
        let rebound = try server.request("GET", "/", host: "attacker.example:\(server.port)")
        #expect(rebound.status == 421 && rebound.headers["content-type"] == "application/problem+json")
        #expect(try server.request("GET", "/", host: "localhost:\(server.port)").status == 200)
        // A page elsewhere posting to the workbench.
        let crossSite = try server.request("POST", "/api/check", headers: ["Origin": "https://attacker.example"], body: Data("<x/>".utf8))
        #expect(crossSite.status == 403 && crossSite.text.contains("\"status\":403"))
        #expect(try server.request("GET", "/", headers: ["Origin": "http://127.0.0.1:\(server.port)"]).status == 200)
        let large = try server.request("POST", "/api/check", body: Data(repeating: UInt8(ascii: " "), count: 10_000))
        #expect(large.status == 413 && large.headers["content-type"] == "application/problem+json")
        let page = try server.request("GET", "/")
        #expect(page.headers["content-security-policy"]?.contains("default-src 'none'") == true)
        #expect(page.headers["x-frame-options"] == "DENY" && page.headers["x-content-type-options"] == "nosniff")
        #expect(page.headers["referrer-policy"] == "no-referrer" && page.headers["cache-control"] == "no-store")
        let unknown = try server.request("GET", "/api/rules/NOPE001")
        #expect(unknown.status == 404 && unknown.headers["content-type"] == "application/problem+json")
    }

    /// A client that opens a connection and sends half a request, or nothing, is cut off after the idle
    /// timeout (a slow-loris client cannot hold connections open); an answered connection kept alive too.
    @Test func anIdleOrHalfSentRequestIsClosedAfterTheTimeout() throws {
        let server = try Served("samples/approved", ["--idle-timeout", "2"])
        func closedWithin(_ seconds: Double, sending text: String) throws -> Bool {
            let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(socket) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(server.port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { return false }
            _ = text.withCString { send(socket, $0, strlen($0), 0) }
            var wait = timeval(tv_sec: Int(seconds), tv_usec: 0)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
            var buffer = [UInt8](repeating: 0, count: 4096)
            let started = Date()
            // Reads until the server closes (0) or the wait runs out (-1).
            while true {
                let got = recv(socket, &buffer, buffer.count, 0)
                if got == 0 { return Date().timeIntervalSince(started) < seconds }
                if got < 0 { return false }
            }
        }
        #expect(try closedWithin(10, sending: ""))
        #expect(try closedWithin(10, sending: "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n"))
        #expect(try closedWithin(10, sending: "GET /api/rules HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n\r\n"))
        #expect(try opapm(["serve", "samples/approved", "--idle-timeout", "0"]).status == 2)
    }

    @Test func offLoopbackEveryRequestNeedsTheToken() throws {
        let refused = try opapm(["serve", "samples/approved", "--host", "0.0.0.0"])
        #expect(refused.status == 2 && refused.stderr.contains("--token"))
        let token = "correct-horse-battery-staple"
        let server = try Served("samples/approved", ["--token", token], host: "0.0.0.0")
        let host = "0.0.0.0:\(server.port)"
        #expect(try server.request("GET", "/", host: host).status == 401)
        #expect(try server.request("GET", "/api/rules", host: host, headers: ["Authorization": "Bearer wrong"]).status == 401)
        #expect(try server.request("GET", "/api/rules", host: host, headers: ["Authorization": "Bearer \(token)"]).status == 200)
    }

    /// schemathesis against the served document, bounded in examples and time and seeded: no server
    /// error, every answer conforms to the document, invalid requests refused, undeclared methods 405.
    @Test(.timeLimit(.minutes(5))) func theAPIConformsToItsDocument() throws {
        // A copy: the API saves into the directory it serves.
        let folder = try temporaryDirectory("schemathesis")
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("samples/approved").path) {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("samples/approved/\(name)"), to: folder.appendingPathComponent(name))
        }
        let server = try Served(folder.path)
        let base = "http://127.0.0.1:\(server.port)"
        let cli = "import sys; from schemathesis.cli import schemathesis; sys.argv[0] = 'schemathesis'; schemathesis()"
        let common = ["-c", cli, "run", base + "/api/openapi.json", "--url", base, "--max-examples", "12", "--seed", "1",
            "--request-timeout", "20", "--no-color"]
        let result = try runPython(common + ["--checks", "all", "--exclude-operation-id", "saveSubmission"])
        #expect(result.status == 0, "\(result.stdout.suffix(4000))")
        // A save answers a request the document allows with 412 or 428 when it names no version, or the
        // wrong one, and 422 when the form is not a valid submission: every check but that one.
        let save = try runPython(common + ["--checks", "all", "--exclude-checks", "positive_data_acceptance",
            "--include-operation-id", "saveSubmission"])
        #expect(save.status == 0, "\(save.stdout.suffix(4000))")
    }

    /// Issue 23's load test, bounded: 16 clients on loopback send 2,000 check requests of ordinary
    /// submissions; none fails and the server's memory stays flat after warm-up. Latencies are printed,
    /// not asserted (a benchmark: `scripts/bench workbench-load` measures the release build for
    /// docs/performance.md).
    @Test(.timeLimit(.minutes(10))) func sixteenClientsSendTwoThousandChecksWithoutAnErrorOrAGrowingMemory() throws {
        let server = try Served("samples/approved")
        let samples = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("samples/approved").path)
            .filter { $0.hasSuffix(".xml") }.sorted().map { "samples/approved/\($0)" }
        let result = try runPython(["Tests/Tools/load-workbench.py", "http://127.0.0.1:\(server.port)",
            String(server.process.processIdentifier), "16", "2000"] + samples)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("\"requests\": 2000") && result.stdout.contains("\"errors\": 0"))
        print("workbench load (debug build): \(result.stdout)")
    }

    /// The document the server describes itself by is the one in schemas/, and names every route it serves.
    @Test func theOpenAPIDocumentIsServed() throws {
        let server = try Served("samples/approved")
        let served = try server.request("GET", "/api/openapi.json")
        #expect(served.status == 200)
        let file = try Data(contentsOf: repositoryRoot.appendingPathComponent("schemas/openapi.json"))
        #expect(served.body == file)
        let document = try JSONSerialization.jsonObject(with: served.body) as? [String: Any]
        #expect(document?["openapi"] as? String == "3.1.0")
        let paths = Set((document?["paths"] as? [String: Any])?.keys.map { $0 } ?? [])
        #expect(paths == ["/api/openapi.json", "/api/validate", "/api/check", "/api/submissions", "/api/submissions/{name}/check",
            "/api/rules", "/api/rules/{id}", "/api/law", "/api/form/shape", "/api/submissions/{name}", "/api/submissions/{name}/form",
            "/api/measures", "/api/approved-list", "/api/qp"])
        let rules = try JSONSerialization.jsonObject(with: try server.request("GET", "/api/rules").body) as? [[String: Any]] ?? []
        #expect(rules.contains { $0["id"] as? String == "FR004" } && rules.contains { $0["id"] as? String == "QP001" })
        // The years the document allows are the law file's.
        let years = try opapm(["law", "--format", "json"]).stdout
        let lawYears = try #require(json(Data(years.utf8)) as? [String: Any])
        for (path, method) in [("/api/approved-list", "get"), ("/api/qp", "post"), ("/api/measures", "get")] {
            let operation = ((document?["paths"] as? [String: Any])?[path] as? [String: Any])?[method] as? [String: Any]
            let year = (operation?["parameters"] as? [[String: Any]])?.first { $0["name"] as? String == "year" }?["schema"] as? [String: Any]
            #expect(year?["minimum"] as? Int == lawYears["firstYear"] as? Int && year?["maximum"] as? Int == lawYears["lastYear"] as? Int, "\(path)")
        }
        let law = try server.request("GET", "/api/law")
        let cliLaw = try opapm(["law", "--format", "json"]).stdout
        #expect(law.status == 200 && law.text == cliLaw)
    }
}
