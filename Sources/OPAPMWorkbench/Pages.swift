import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OPAPMCore
import OPAPMReporting

/// The authoring page (`/new`, `/edit/{name}`) and its script. The page is a shell: the script draws
/// the form from the schema's shape and asks the API for every determination.
extension Workbench {
    func addPageRoutes(to router: Router<BasicRequestContext>) {
        router.get("/new") { _, _ in Self.html(AuthoringPage.render(name: nil)) }
        router.get("/edit/:name") { _, context in
            let name = Self.name(context)
            guard self.directory.names().contains(name) else { return Self.noSuchSubmission(name) }
            return Self.html(AuthoringPage.render(name: name))
        }
        router.get("/assets/workbench.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: EmbeddedAssets.workbenchScript)))
        }
    }
}

enum AuthoringPage {
    /// The page for a new submission (nil) or for editing the listed file `name`.
    static func render(name: String?) -> String {
        let shown = name.map(DisplayText.safe) ?? ""
        let title = name == nil ? "New submission" : "Edit \(shown)"
        let nameField = name == nil
            ? "<label for=\"file-name\">File name</label> <input id=\"file-name\" type=\"text\" placeholder=\"NAME.xml\" required>"
            : "<span class=\"file\">\(HTMLText.escape(shown))</span>"
        return HTMLPage.opening(title: "opapm workbench: \(title)", style: style, policy: policy) + """
            <header><h1>\(HTMLText.escape(title))</h1>
            <nav><a href="/">review queue</a></nav>
            <div class="bar">\(nameField) <button id="save" type="button">Save</button> <span id="status" role="status"></span></div>
            </header>
            <main id="author" data-name="\(HTMLText.escape(name ?? ""))">
            <form id="form" autocomplete="off"><p>loading the form…</p></form>
            <aside id="decision" aria-live="polite"><h2>Determination</h2><p>deciding…</p></aside>
            </main>
            <script src="/assets/workbench.js"></script>
            </body>
            </html>

            """
    }

    /// Scripts only from the workbench itself (no inline script on this page), requests to it only.
    static let policy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'"

    static let style = """
        body{font-family:system-ui,sans-serif;margin:1rem 1.5rem;color:#1b1b1b;overflow-wrap:anywhere}
        header .bar{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;margin:.5rem 0}
        #status.error{color:#a4000f}#status.saved{color:#00622e}
        main{display:grid;grid-template-columns:minmax(0,3fr) minmax(16rem,2fr);gap:1.5rem;align-items:start}
        aside{position:sticky;top:0;max-height:100vh;overflow:auto;border-left:3px solid #ccc;padding-left:1rem}
        fieldset{border:1px solid #bbb;margin:.5rem 0;padding:.5rem .75rem}legend{font-weight:600}
        .leaf{display:grid;grid-template-columns:14rem minmax(0,1fr);gap:.25rem .75rem;margin:.25rem 0}
        .leaf .notes{grid-column:2}.req{color:#a4000f}
        input[type=text],select,textarea{font:inherit;width:100%;box-sizing:border-box}
        .list>h4{margin:.5rem 0 .25rem}.item{border-left:3px solid #ddd;padding-left:.5rem;margin:.25rem 0}
        button{font:inherit}.finding{margin:.25rem 0;padding:.25rem .5rem;border-left:4px solid #a4000f;background:#fff4f4}
        .finding.warning{border-color:#8a5a00;background:#fff9ec}.finding .cite,.finding .law,.finding .help{font-size:.85em;color:#444}
        .remedy{margin:.25rem 0;padding:.25rem .5rem;border-left:4px solid #00622e;background:#f1fbf4}
        .year h3{margin:.75rem 0 .25rem}.year.approved h3{color:#00622e}.year.not-approved h3{color:#a4000f}.year.incomplete h3{color:#8a5a00}
        .picker{margin:.5rem 0}.picks{list-style:none;padding:0;max-height:14rem;overflow:auto}.picks .type{color:#555}
        .chart svg{width:100%;max-width:32rem;background:#fafafa;border:1px solid #ddd}
        .chart .band{fill:#8fb3de}.chart .curve{fill:none;stroke:#1b1b1b;stroke-width:2}.chart .window{fill:#ffe9a8;opacity:.6}
        .chart .minimum{stroke:#a4000f;stroke-dasharray:4 3}.chart .axis{stroke:#555}.chart .small{font-size:10px;fill:#333}
        @media (max-width:60rem){main{grid-template-columns:1fr}aside{position:static;border-left:0}}
        """
}
