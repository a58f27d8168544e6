/// The shell every HTML page shares: a self-contained document with inline style and optional script.
public enum HTMLPage {
    static func document(title: String, style: String, body: String, script: String? = nil) -> String {
        var page = opening(title: title, style: style)
        page += body
        page += closing(script: script)
        return page
    }

    /// Everything up to the body's content, for a page written in place.
    static func opening(title: String, style: String, formsSubmitHere: Bool = false) -> String {
        opening(title: title, style: style, policy: formsSubmitHere ? servedPolicy : contentSecurityPolicy)
    }

    /// The head with a Content-Security-Policy of the page's own (the workbench's form allows its
    /// script file and requests to the workbench).
    public static func opening(title: String, style: String, policy: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="\(policy)">
        <title>\(HTMLText.escape(title))</title>
        <style>\(style)</style>
        </head>
        <body>

        """
    }

    /// The page loads nothing from anywhere: its own inline style and script only, so even text that
    /// escaped escaping could fetch or send nothing.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

    /// A page the workbench serves: as above, but its forms may submit to the page's own origin.
    static let servedPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'self'"

    /// Everything after the body's content.
    static func closing(script: String?) -> String {
        (script.map { "<script>\($0)</script>\n" } ?? "") + "</body>\n</html>\n"
    }
}
