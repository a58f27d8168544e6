/// The shell both HTML pages share: a self-contained document with inline style and optional script.
enum HTMLPage {
    static func document(title: String, style: String, body: String, script: String? = nil) -> String {
        var page = """
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
        page += body
        if let script { page += "<script>\(script)</script>\n" }
        return page + "</body>\n</html>\n"
    }
}
