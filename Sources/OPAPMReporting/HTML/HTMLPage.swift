/// The shell both HTML pages share: a self-contained document with inline style and optional script.
enum HTMLPage {
    static func document(title: String, style: String, body: String, script: String? = nil) -> String {
        var page = opening(title: title, style: style)
        page += body
        page += closing(script: script)
        return page
    }

    /// Everything up to the body's content, for a page written in place.
    static func opening(title: String, style: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title))</title>
        <style>\(style)</style>
        </head>
        <body>

        """
    }

    /// Everything after the body's content.
    static func closing(script: String?) -> String {
        (script.map { "<script>\($0)</script>\n" } ?? "") + "</body>\n</html>\n"
    }
}
