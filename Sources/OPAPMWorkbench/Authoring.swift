import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OPAPMCore
import OPAPMReporting

/// Writing and editing submissions: the form's shape, a file's JSON form with its version, saving a
/// form as schema-valid XML over the version it was opened from, and the measure picker's search.
extension Workbench {
    func addAuthoringRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/form/shape") { _, _ in
            guard let form = try? SubmissionForm() else { return Self.internalError("the form's shape could not be read") }
            return Self.encoded(form.shape)
        }
        router.get("/api/submissions/:name/form") { _, context in self.formOf(Self.name(context)) }
        router.put("/api/submissions/:name") { request, context in try await self.save(request, name: Self.name(context)) }
        router.get("/api/measures") { request, _ in
            if let refusal = Self.badQuery(request) { return refusal }
            return self.measures(request)
        }
    }

    /// The JSON form of a listed file, with its version as the `ETag` a save must send back.
    func formOf(_ name: String) -> Response {
        guard directory.names().contains(name) else { return Self.noSuchSubmission(name) }
        guard case .success(let data) = directory.read(name) else { return Self.noSuchSubmission(name) }
        let bytes = [UInt8](data)
        switch FormConversion.json(fromXML: bytes, name: name, loader: loader) {
        case .success(let json):
            var response = Self.json(json)
            response.headers[.eTag] = SubmissionDirectory.version(of: bytes)
            return response
        case .failure(let failure):
            return Problem.response(.unprocessableContent, "Not a valid submission",
                "\(DisplayText.safe(name)) is not valid against the submission schema, so it has no form: \(failure.problems.prefix(3).joined(separator: "; "))")
        }
    }

    /// `PUT /api/submissions/{name}`: the form (or XML) written into the directory. An existing file is
    /// replaced only with `If-Match` naming its current version; a new one needs `If-None-Match: *`.
    func save(_ request: Request, name: String) async throws -> Response {
        guard SubmissionDirectory.isPlainName(name), name.hasSuffix(".xml"), name.count <= 255, !name.hasPrefix(".") else {
            return Problem.response(.badRequest, "Not a file name",
                "a submission is saved as NAME.xml directly in the directory: no directory part, no leading dot, no control character")
        }
        let expected: String?
        if let match = request.headers[.ifMatch] {
            expected = match
        } else if request.headers[.ifNoneMatch] == "*" {
            expected = nil
        } else {
            return Problem.response(.preconditionRequired, "Version required",
                "send If-Match with the ETag the file was opened with, or If-None-Match: * for a new file, so that no other version is replaced unseen")
        }
        guard let body = try await body(request) else { return Self.tooLarge(configuration.maxRequestBytes) }
        guard !body.isEmpty else { return Self.emptyBody() }
        let xml: [UInt8]
        switch document(body, request: request, name: name, validated: true) {
        case .success(let bytes): xml = bytes
        case .failure(let failure): return Self.unwritable(failure)
        }
        switch directory.save(xml, as: name, expected: expected) {
        case .success(let version):
            var response = Self.encoded(Saved(file: name, version: version))
            response.status = expected == nil ? .created : .ok
            response.headers[.eTag] = version
            return response
        case .failure(.stale(let current)):
            return Problem.response(.preconditionFailed, "Changed since opened",
                current == nil
                    ? "\(DisplayText.safe(name)) is not there any more (or was not there when the edit began); nothing was written"
                    : "\(DisplayText.safe(name)) was changed by someone else since you opened it; nothing was written. Open it again and make your change there")
        case .failure(.notARegularFile):
            return Problem.response(.conflict, "Not a regular file", "\(DisplayText.safe(name)) is a link or a directory; the workbench writes only regular files")
        case .failure(.failed(let reason)):
            return Self.internalError(reason)
        }
    }

    /// A request body as a submission's XML (`FormConversion.submissionXML`).
    func document(_ body: [UInt8], request: Request, name: String, validated: Bool) -> Result<[UInt8], FormConversion.Failure> {
        FormConversion.submissionXML(body, isJSON: Self.isJSON(request), name: name, loader: loader, validated: validated)
    }

    static func isJSON(_ request: Request) -> Bool {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        return type.hasPrefix("application/json") || type.hasPrefix("application/vnd.opapm.submission+json")
    }

    static func unwritable(_ failure: FormConversion.Failure) -> Response {
        Problem.response(.unprocessableContent, "Not a valid submission", failure.problems.prefix(20).joined(separator: "\n"))
    }

    /// The measure picker: the year's MIPS measures whose id or title holds every word of `q`, with
    /// each measure's type, at most 25.
    func measures(_ request: Request) -> Response {
        let query = request.uri.queryParameters
        guard let year = query.get("year").flatMap({ Int($0) }) else {
            return Problem.response(.badRequest, "Year required", "give year, the performance year whose MIPS catalogue to search")
        }
        guard let catalogue = CatalogueCache.shared.catalogue(for: year) else {
            return Problem.response(.notFound, "No catalogue", "opapm has no MIPS measure catalogue for \(year)")
        }
        let words = (query.get("q") ?? "").lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        let found = catalogue.measures.values
            .filter { measure in words.allSatisfy { measure.id.lowercased().contains($0) || measure.title.lowercased().contains($0) } }
            .sorted { NaturalOrder.precedes($0.id, $1.id) }
            .prefix(25)
            .map { PickedMeasure(id: $0.id, title: $0.title, type: $0.type, outcome: $0.isOutcome) }
        return Self.encoded(MeasureSearch(year: year, source: catalogue.source, measures: Array(found)))
    }

    static func noSuchSubmission(_ name: String) -> Response {
        Problem.response(.notFound, "No such submission", "the directory has no submission named \(DisplayText.safe(name))")
    }

    static func internalError(_ detail: String) -> Response {
        Problem.response(.internalServerError, "Not done", detail)
    }
}

/// `PUT /api/submissions/{name}`'s answer: the file and its new version.
struct Saved: Encodable {
    var file: String
    var version: String
}

struct MeasureSearch: Encodable {
    var year: Int
    var source: String
    var measures: [PickedMeasure]
}

struct PickedMeasure: Encodable {
    var id: String
    var title: String
    var type: String
    var outcome: Bool
}
