import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import OPAPMCore
import OPAPMReporting

/// `opapm serve`: the review queue of a directory of submissions, each file's report, and the JSON
/// API (schemas/openapi.json), all decided by the same engine and written by the same reporters as
/// the command line, so a file checked here and with `opapm check --format json` gives the same bytes.
public struct Workbench: Sendable {
    public let configuration: WorkbenchConfiguration
    let directory: SubmissionDirectory
    let loader: SubmissionLoader

    public init(_ configuration: WorkbenchConfiguration, limits: ReadingLimits) throws {
        self.configuration = configuration
        directory = SubmissionDirectory(path: configuration.directory, maxBytes: Int(limits.maxFileBytes))
        loader = try SubmissionLoader(limits: limits)
    }

    /// Serves until the process is stopped; `listening` hears the address once the socket is bound.
    public func run(listening: @escaping @Sendable (String) -> Void) async throws {
        let router = Router()
        let bound = BoundPort(configuration.port)
        router.add(middleware: RequestGuard(host: configuration.host, port: bound, token: configuration.token))
        addRoutes(to: router)
        var logger = Logger(label: "opapm-serve")
        logger.logLevel = .warning
        let host = configuration.host
        let app = Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .seconds(Int64(configuration.idleSeconds)))),
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                bound.value = port
                listening("http://\(host.contains(":") ? "[\(host)]" : host):\(port)/")
            },
            logger: logger)
        try await app.runService()
    }

    // MARK: Routes

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in self.reviewPage(request) }
        router.get("/files/:name") { _, context in self.filePage(Self.name(context)) }
        router.get("/api/openapi.json") { _, _ in Self.json(Array(EmbeddedOpenAPI.document.utf8)) }
        router.get("/api/submissions") { request, _ in
            if let refusal = Self.badQuery(request) { return refusal }
            let rows = ReviewQueue.filtered(self.queue(), by: Self.filter(request))
            return Self.encoded(rows)
        }
        router.get("/api/submissions/:name/check") { _, context in self.checkListed(Self.name(context)) }
        router.post("/api/check") { request, _ in try await self.check(request) }
        router.post("/api/validate") { request, _ in try await self.validate(request) }
        router.get("/api/rules") { _, _ in Self.encoded(FindingCatalogue.all.map(RuleSummary.init)) }
        router.get("/api/rules/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let entry = FindingCatalogue.entry(id) else {
                return Problem.response(.notFound, "Unknown finding id", "no finding has the id \(id); GET /api/rules lists them")
            }
            return Self.encoded(RuleSummary.explaining(entry))
        }
        router.get("/api/approved-list") { request, _ in
            guard let year = self.listYear(request) else { return Self.yearRequired() }
            return (try? ListFormat.json.render(self.preview(year: year), changes: nil)).map(Self.json)
                ?? Self.internalError("the list could not be written")
        }
        router.get("/approved") { request, _ in
            guard let year = self.listYear(request) else { return Self.yearRequired() }
            return (try? ListFormat.html.render(self.preview(year: year), changes: nil)).map { Self.html(String(decoding: $0, as: UTF8.self)) }
                ?? Self.internalError("the list could not be written")
        }
        router.post("/api/qp") { request, _ in try await self.qp(request) }
        addAuthoringRoutes(to: router)
        addPageRoutes(to: router)
        router.get("/api/law") { _, _ in
            (try? JSONOutput.encodeBytes(ActiveLaw.current.document)).map(Self.json)
                ?? Problem.response(.internalServerError, "Law not written", "the law file could not be encoded")
        }
    }

    /// Every file of the directory, decided as `opapm publish` decides it: decisions and findings, without
    /// the curves and the changes that would pass, which neither the queue nor the list shows (searching
    /// for them decides each failing arrangement again, dozens of times).
    func decideAll() -> [(name: String, result: FileDetermination)] {
        let engine = Self.decisionsOnly
        return directory.names().parallelMap(jobs: nil) { name in
            (name, self.decide(name, engine: engine))
        }
    }

    func decide(_ name: String, engine: DeterminationEngine) -> FileDetermination {
        let shown = configuration.directory + "/" + name
        switch directory.read(name) {
        case .success(let bytes):
            var result = engine.determine(loader.load(bytes: bytes, name: shown), years: nil)
            result.submission = nil
            return result
        case .failure(let refusal):
            return FileDetermination(path: shown, findings: [
                Finding(rule: "IO001", severity: .error, message: refusal.description, file: shown, line: 0, column: 0, path: "")
            ], arrangements: [], submission: nil, unreadable: true)
        }
    }

    static let decisionsOnly: DeterminationEngine = {
        var engine = DeterminationEngine()
        engine.drawsLiabilityCurve = false
        engine.findsRemedies = false
        return engine
    }()

    /// The engine `opapm check --format json` uses: curves drawn, the changes that would pass found.
    static func engine() -> DeterminationEngine {
        var engine = DeterminationEngine()
        engine.drawsLiabilityCurve = true
        engine.findsRemedies = true
        return engine
    }

    func queue() -> [ReviewRow] { ReviewQueue.rows(decideAll()) }

    func reviewPage(_ request: Request) -> Response {
        let page = ReviewPage.render(queue(), filter: Self.filter(request), directory: configuration.directory)
        return Self.html(page)
    }

    func filePage(_ name: String) -> Response {
        guard directory.names().contains(name) else { return Self.noSuchSubmission(name) }
        let result = decide(name, engine: Self.engine())
        return Self.html(HTMLCheckReport.render([result]))
    }

    func checkListed(_ name: String) -> Response {
        guard directory.names().contains(name) else { return Self.noSuchSubmission(name) }
        return Self.encodedReport(CheckReport(files: [decide(name, engine: Self.engine())]))
    }

    func check(_ request: Request) async throws -> Response {
        if let refusal = Self.badQuery(request) { return refusal }
        guard let bytes = try await body(request) else { return Self.tooLarge(configuration.maxRequestBytes) }
        guard !bytes.isEmpty else { return Self.emptyBody() }
        let name = Self.displayName(request)
        let xml: [UInt8]
        switch document(bytes, request: request, name: name, validated: false) {
        case .success(let document): xml = document
        case .failure(let failure): return Self.unwritable(failure)
        }
        let result = Self.engine().determine(loader.load(bytes: xml, name: name), years: Self.filter(request).year.map { [$0] })
        return Self.encodedReport(CheckReport(files: [result]))
    }

    func validate(_ request: Request) async throws -> Response {
        if let refusal = Self.badQuery(request) { return refusal }
        guard let bytes = try await body(request) else { return Self.tooLarge(configuration.maxRequestBytes) }
        guard !bytes.isEmpty else { return Self.emptyBody() }
        let name = Self.displayName(request)
        let xml: [UInt8]
        switch document(bytes, request: request, name: name, validated: false) {
        case .success(let document): xml = document
        case .failure(let failure): return Self.unwritable(failure)
        }
        // Sent as a form, each diagnostic also names its field (`payer.name`, `…band[1]`).
        let form = Self.isJSON(request) ? try? SubmissionForm() : nil
        let diagnostics = loader.load(bytes: xml, name: name).diagnostics.map {
            ValidationResult.Diagnostic(code: $0.code.rawValue, line: $0.line, column: $0.column, message: $0.message,
                field: form?.field(forElementPath: $0.path))
        }
        return Self.encoded(ValidationResult(file: name, valid: diagnostics.isEmpty, diagnostics: diagnostics))
    }

    /// The request body, or nil when it is over the limit.
    func body(_ request: Request) async throws -> [UInt8]? {
        do {
            let buffer = try await request.body.collect(upTo: configuration.maxRequestBytes)
            return Array(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            return nil
        }
    }

    // MARK: Helpers

    /// The `:name` of a route, percent-decoded: it is only ever looked up in the directory's listing.
    static func name(_ context: BasicRequestContext) -> String {
        let raw = context.parameters.get("name") ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    static func filter(_ request: Request) -> ReviewFilter {
        let query = request.uri.queryParameters
        func text(_ key: String) -> String? {
            guard let value = query.get(key), !value.isEmpty else { return nil }
            return value
        }
        return ReviewFilter(payerType: text("payerType"), year: text("year").flatMap { Int($0) },
            determination: text("determination"), rule: text("rule"))
    }

    /// The `name` a request gives its submission (for the report's file field), made safe to show.
    static func displayName(_ request: Request, default fallback: String = "submission.xml") -> String {
        guard let name = request.uri.queryParameters.get("name"), SubmissionDirectory.isPlainName(name), name.count <= 255 else {
            return fallback
        }
        return name
    }

    /// A query the API document does not allow: 400, saying which parameter and why.
    static func badQuery(_ request: Request) -> Response? {
        let query = request.uri.queryParameters
        if let year = query.get("year"), Int(year).map({ (1...9999).contains($0) }) != true {
            return Problem.response(.badRequest, "Not a performance year", "year must be a whole number from 1 to 9999")
        }
        if let determination = query.get("determination"),
            !["approved", "not-approved", "incomplete", "unreadable"].contains(determination)
        {
            return Problem.response(.badRequest, "Unknown determination",
                "determination is one of approved, not-approved, incomplete, unreadable")
        }
        if let words = query.get("q"), words.count > 200 {
            return Problem.response(.badRequest, "Search too long", "q is at most 200 characters")
        }
        if let name = query.get("name"), name.count > 255 || !SubmissionDirectory.isPlainName(name) {
            return Problem.response(.badRequest, "Not a file name",
                "name is a file name of at most 255 characters, with no directory part or control character")
        }
        return nil
    }

    static func emptyBody() -> Response {
        Problem.response(.badRequest, "No submission", "send the submission's XML as the request body")
    }

    static func tooLarge(_ limit: Int) -> Response {
        Problem.response(.contentTooLarge, "Request too large", "the workbench accepts request bodies of at most \(limit) bytes")
    }

    static func html(_ page: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }

    static func json(_ bytes: [UInt8]) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The check report exactly as `opapm check --format json` prints it.
    static func encodedReport(_ report: CheckReport) -> Response {
        guard let text = try? JSONOutput.encode(report) else {
            return Problem.response(.internalServerError, "Report not written", "the determination could not be encoded")
        }
        return json(Array(text.utf8))
    }

    static func encoded<T: Encodable>(_ value: T) -> Response {
        guard let bytes = try? JSONOutput.encodeBytes(value) else {
            return Problem.response(.internalServerError, "Not written", "the response could not be encoded")
        }
        return json(bytes)
    }
}

/// `POST /api/validate`'s answer.
struct ValidationResult: Encodable {
    struct Diagnostic: Encodable {
        var code: String
        var line: Int
        var column: Int
        var message: String
        var field: String?
    }
    var file: String
    var valid: Bool
    var diagnostics: [Diagnostic]
}

/// A finding id as `GET /api/rules` lists it, and, explained (`GET /api/rules/{id}`, what
/// `opapm explain ID` prints), with its help and its documentation page (Markdown, as docs/rules/ID.md).
struct RuleSummary: Encodable {
    var id: String
    var kind: String
    var title: String
    var severity: String
    var citation: String
    var summary: String
    var help: String?
    var page: String?

    init(_ entry: FindingCatalogue.Entry) {
        id = entry.id
        kind = entry.kind.rawValue
        title = entry.title
        severity = entry.severity.rawValue
        citation = entry.citation
        summary = entry.summary
    }

    static func explaining(_ entry: FindingCatalogue.Entry) -> RuleSummary {
        var explained = RuleSummary(entry)
        explained.help = entry.help
        explained.page = RuleDocumentation.page(entry)
        return explained
    }
}
