import Foundation
import HTTPTypes
import Hummingbird

/// What every request must pass before any route sees it, so that a page on another site, a name that
/// resolves to this machine (DNS rebinding) or another host on the network cannot use the workbench:
///
/// - the Host must name the address the server listens on (`127.0.0.1:PORT`, `localhost:PORT`,
///   `[::1]:PORT`, or the address it was bound to);
/// - an Origin, when the browser sends one, must be that same origin;
/// - bound to anything but loopback, every request carries the token (`Authorization: Bearer TOKEN`);
/// - every response carries a Content-Security-Policy that loads nothing from elsewhere.
struct RequestGuard<Context: RequestContext>: RouterMiddleware {
    /// The names the workbench answers to, without the port.
    let names: Set<String>
    /// The port, known once the socket is bound (`--port 0` picks one).
    let port: BoundPort
    let token: String?

    init(host: String, port: BoundPort, token: String?) {
        var names: Set<String> = [host.contains(":") ? "[\(host)]" : host]
        if WorkbenchConfiguration.isLoopback(host) { names.formUnion(["127.0.0.1", "localhost", "[::1]"]) }
        self.names = names
        self.port = port
        self.token = token
    }

    /// Authorities a request may name, such as `127.0.0.1:8642`.
    var authorities: Set<String> { Set(names.map { "\($0):\(port.value)" }) }
    /// Origins a request may come from, such as `http://127.0.0.1:8642`.
    var origins: Set<String> { Set(authorities.map { "http://\($0)" }) }

    static var securityHeaders: HTTPFields {
        [
            .contentSecurityPolicy:
                "default-src 'none'; style-src 'unsafe-inline'; script-src 'self' 'unsafe-inline'; img-src data:; connect-src 'self'; "
                + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            .xContentTypeOptions: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
            HTTPField.Name("X-Frame-Options")!: "DENY",
            .cacheControl: "no-store",
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        if let refusal = check(request) {
            response = refusal
        } else {
            response = try await next(request, context)
        }
        response.headers.append(contentsOf: Self.securityHeaders)
        return response
    }

    /// The refusal for a request that may not be served, or nil.
    func check(_ request: Request) -> Response? {
        let authorities = authorities
        guard let authority = request.head.authority?.lowercased(), authorities.contains(authority) else {
            return Problem.response(.misdirectedRequest, "Unknown host",
                "the Host header must name this workbench's address (\(authorities.sorted().joined(separator: ", ")))")
        }
        if let origin = request.headers[.origin], !origins.contains(origin.lowercased()) {
            return Problem.response(.forbidden, "Cross-origin request refused",
                "requests may come only from the workbench's own pages")
        }
        if let allowed = Self.allowedMethods(request.uri.path), !allowed.contains(request.method) {
            var response = Problem.response(.methodNotAllowed, "Method not allowed",
                "\(request.uri.path) answers \(allowed.map(\.rawValue).sorted().joined(separator: ", "))")
            response.headers[.allow] = allowed.map(\.rawValue).sorted().joined(separator: ", ")
            return response
        }
        if let token {
            let given = request.headers[.authorization] ?? ""
            guard Self.constantTimeEqual(given, "Bearer " + token) else {
                return Problem.response(.unauthorized, "Token required",
                    "bound to a network address, the workbench needs 'Authorization: Bearer TOKEN' on every request")
            }
        }
        return nil
    }

    /// The methods an address answers (schemas/openapi.json), or nil for an address the router decides.
    static func allowedMethods(_ path: String) -> [HTTPRequest.Method]? {
        switch path {
        case "/api/check", "/api/validate", "/api/qp": return [.post]
        case "/", "/new", "/approved", "/assets/workbench.js", "/api/openapi.json", "/api/submissions", "/api/rules", "/api/law",
            "/api/form/shape", "/api/measures", "/api/approved-list":
            return [.get]
        default:
            if path.hasPrefix("/files/") || path.hasPrefix("/edit/") || path.hasPrefix("/api/rules/") {
                return [.get]
            }
            if path.hasPrefix("/api/submissions/") {
                let rest = path.dropFirst("/api/submissions/".count)
                if rest.hasSuffix("/check") || rest.hasSuffix("/form") { return [.get] }
                if !rest.isEmpty && !rest.contains("/") { return [.put] }
            }
            return nil
        }
    }

    /// Compares without stopping at the first difference, so the time taken tells nothing of the token.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for index in 0..<max(x.count, y.count) {
            difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
        }
        return difference == 0
    }
}

/// The port the server listens on, set once when the socket is bound and read by every request.
final class BoundPort: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int

    init(_ port: Int) { self.port = port }

    var value: Int {
        get { lock.withLock { port } }
        set { lock.withLock { port = newValue } }
    }
}
