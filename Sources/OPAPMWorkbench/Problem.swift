import Foundation
import HTTPTypes
import Hummingbird

/// Errors as `application/problem+json` (RFC 9457): a title for people, a detail that says what to do.
enum Problem {
    static func response(_ status: HTTPResponse.Status, _ title: String, _ detail: String) -> Response {
        struct Body: Encodable {
            var type = "about:blank"
            var title: String
            var status: Int
            var detail: String
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(Body(title: title, status: status.code, detail: detail))) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/problem+json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
