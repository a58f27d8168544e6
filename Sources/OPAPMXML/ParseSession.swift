import CLibXML2
import Foundation

/// The state of one parse: libxml2 contexts, the element stack for paths, and the diagnostics.
/// Reached from libxml2's C callbacks through an unretained pointer; lives only inside `run`.
final class ParseSession {
    /// Element names are libxml2's interned dictionary strings, stable for the whole parse, so the
    /// stack keeps and compares pointers and makes Swift strings only for paths in diagnostics.
    fileprivate typealias Name = UnsafePointer<xmlChar>

    private struct Frame {
        /// nil only for the document's virtual parent of the root element.
        var name: Name?
        var index: Int
        /// Where this element's counts of children by name begin in `childCounts`.
        var countsStart: Int
        /// The current run of same-named children is counted here, so a million roster entries touch
        /// neither the entries nor a dictionary.
        var lastChild: Name?
        var lastCount = 0
        /// Counts by name once an element has children of many names (then lookups stay constant time).
        var manyCounts: [Name: Int]?

        init(name: Name?, index: Int, countsStart: Int) {
            self.name = name
            self.index = index
            self.countsStart = countsStart
        }
    }

    /// Counts of children by name for every open element, kept as one stack: an element's counts sit
    /// above its parent's and go when it closes. No allocation per element, unlike a dictionary each.
    @exclusivity(unchecked) private var childCounts: [(name: Name, count: Int)] = []
    private static let linearCountLimit = 32

    /// The position the next child called `child` of the frame at `level` will have among its
    /// same-named siblings, from 1.
    private func nextIndex(for child: Name, level: Int) -> Int {
        // In place: copying a frame out and back retained and released its strings on every element.
        level < 0 ? nextIndex(for: child, in: &root) : nextIndex(for: child, in: &stack[level])
    }

    private func nextIndex(for child: Name, in frame: inout Frame) -> Int {
        if child == frame.lastChild {
            frame.lastCount += 1
            return frame.lastCount
        }
        if let last = frame.lastChild { store(last, frame.lastCount, in: &frame) }
        frame.lastChild = child
        frame.lastCount = count(of: child, in: &frame) + 1
        return frame.lastCount
    }

    private func count(of name: Name, in frame: inout Frame) -> Int {
        if let many = frame.manyCounts { return many[name] ?? 0 }
        let position = countPosition(of: name, from: frame.countsStart)
        return position < 0 ? 0 : childCounts[position].count
    }

    /// Where `name` is counted among the counts from `start`, or -1. By index: a slice of the counts
    /// retained and released their storage on every element.
    private func countPosition(of name: Name, from start: Int) -> Int {
        var position = start
        while position < childCounts.count {
            if childCounts[position].name == name { return position }
            position += 1
        }
        return -1
    }

    private func store(_ name: Name, _ count: Int, in frame: inout Frame) {
        if frame.manyCounts != nil {
            frame.manyCounts?[name] = count
            return
        }
        let position = countPosition(of: name, from: frame.countsStart)
        if position >= 0 {
            childCounts[position].count = count
        } else if childCounts.count - frame.countsStart < Self.linearCountLimit {
            childCounts.append((name, count))
        } else {
            var many: [Name: Int] = [name: count]
            for entry in childCounts[frame.countsStart...] { many[entry.name] = entry.count }
            childCounts.removeSubrange(frame.countsStart...)
            frame.manyCounts = many
        }
    }

    let handler: XMLEventHandler
    let limits: XMLLimits
    let schema: CompiledSchema?
    let name: String
    @exclusivity(unchecked) private(set) var diagnostics: [XMLDiagnostic] = []
    @exclusivity(unchecked) private var suppressed = 0
    @exclusivity(unchecked) private var stack: [Frame] = []
    @exclusivity(unchecked) private var root = Frame(name: nil, index: 0, countsStart: 0)
    /// The element just closed stays on the stack until the next event, so that a schema error
    /// raised at its end tag (missing children, bad content) still names it.
    @exclusivity(unchecked) private var pendingPop = false
    @exclusivity(unchecked) private var parser: xmlParserCtxtPtr?
    @exclusivity(unchecked) private(set) var stopped = false
    /// The handler's raw element names, interned in the parser's dictionary so that a pointer compare
    /// recognizes them; and the depth inside one of them (its content is not delivered).
    @exclusivity(unchecked) private var rawNames: [(pointer: Name, name: String)] = []
    /// The first raw name's pointer, compared first: a roster's million entries all have it, and
    /// searching the array retained and released it on every element.
    @exclusivity(unchecked) private var firstRawName: Name?
    @exclusivity(unchecked) private var rawDepth = 0
    /// Elements seen so far (streamed list entries aside), and text bytes since the last tag.
    @exclusivity(unchecked) private var elementCount = 0
    @exclusivity(unchecked) private var textBytes = 0

    init(handler: XMLEventHandler, limits: XMLLimits, schema: CompiledSchema?, name: String) {
        self.handler = handler
        self.limits = limits
        self.schema = schema
        self.name = name
        // Room for a submission's nesting and the counts of its elements' children: growing these
        // one doubling at a time was five allocations per file.
        stack.reserveCapacity(16)
        childCounts.reserveCapacity(64)
    }

    // MARK: - Driving libxml2

    /// Sets up the parser (and validator), lets `produce` push chunks through `feed`, then finishes.
    /// `feed` returns false once parsing has stopped, so the producer can stop reading.
    func run(_ produce: ((UnsafeRawBufferPointer) -> Bool) -> Void) {
        var sax = xmlSAXHandler()
        Self.install(into: &sax)
        let me = Unmanaged.passUnretained(self).toOpaque()

        var validation: xmlSchemaValidCtxtPtr?
        var plug: xmlSchemaSAXPlugPtr?
        var saxPointer: xmlSAXHandlerPtr? = nil
        var userData: UnsafeMutableRawPointer? = me
        withUnsafeMutablePointer(to: &sax) { saxStorage in
            saxPointer = saxStorage
            if let schema {
                validation = xmlSchemaNewValidCtxt(schema.pointer)
                if let validation {
                    xmlSchemaSetValidStructuredErrors(validation, ParseSession.schemaError, me)
                    plug = xmlSchemaSAXPlug(validation, &saxPointer, &userData)
                }
            }
            guard let context = xmlCreatePushParserCtxt(saxPointer, userData, nil, 0, name) else {
                report(.malformed, "cannot create XML parser", line: 0)
                return
            }
            parser = context
            context.pointee._private = me
            if let dictionary = context.pointee.dict {
                rawNames = handler.rawElementNames.compactMap { name in
                    xmlDictLookup(dictionary, name, -1).map { (Name($0), name) }
                }
                firstRawName = rawNames.first?.pointer
            }
            // libxml2 keeps this handler per thread; the parse runs on this thread only.
            xmlSetStructuredErrorFunc(me, ParseSession.parserError)
            defer { xmlSetStructuredErrorFunc(nil, nil) }
            let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)
            xmlCtxtUseOptions(context, options)
            produce { chunk in
                guard !stopped, context.pointee.disableSAX == 0 else { return false }
                let base = chunk.baseAddress?.assumingMemoryBound(to: CChar.self)
                xmlParseChunk(context, base, Int32(chunk.count), 0)
                return !stopped && context.pointee.disableSAX == 0
            }
            if !stopped { xmlParseChunk(context, nil, 0, 1) }
            if context.pointee.wellFormed == 0 && !stopped && !diagnostics.contains(where: { $0.code == .malformed }) {
                report(.malformed, "document is not well-formed", line: currentLine)
            }
            parser = nil
            context.pointee._private = nil
            // libxml2 keeps a document of its own for entity declarations it met ("expat compatibility");
            // freeing the context leaves it.
            if let document = context.pointee.myDoc {
                xmlFreeDoc(document)
                context.pointee.myDoc = nil
            }
            xmlFreeParserCtxt(context)
        }
        if let plug { xmlSchemaSAXUnplug(plug) }
        if let validation { xmlSchemaFreeValidCtxt(validation) }
    }

    /// The diagnostics, with the per-file limit applied.
    func finish(emptyInput: Bool) -> [XMLDiagnostic] {
        if emptyInput {
            return [XMLDiagnostic(code: .empty, message: "file is empty", line: 0)]
        }
        if suppressed > 0 {
            diagnostics.append(XMLDiagnostic(
                code: .tooManyDiagnostics,
                message: "\(suppressed) more diagnostics not shown (limit \(limits.maxDiagnostics) per file)",
                line: 0))
        }
        return diagnostics
    }

    func report(_ code: XMLDiagnostic.Code, _ message: String, line: Int, column: Int = 0) {
        guard diagnostics.count < limits.maxDiagnostics else {
            suppressed += 1
            return
        }
        diagnostics.append(XMLDiagnostic(code: code, message: message, line: line, column: column, path: currentPath()))
    }

    /// Reports a limit passed outside libxml2's callbacks (the input ran past its size) and stops.
    func halt(_ code: XMLDiagnostic.Code, _ message: String, line: Int) {
        report(code, message, line: line)
        stop()
    }

    /// Stops the parse. Not `xmlStopParser`: called from inside a SAX callback, it frees the input
    /// under `xmlParseChunk`, which (libxml2 2.9) then reads freed memory when 64 KiB or more of the
    /// chunk remain. The end-of-input state ends libxml2's parse loop at the next step with the input
    /// still in place, and disabled SAX delivers nothing meanwhile (the validator's callbacks included);
    /// the producer then feeds nothing more and the document is never terminated.
    private func stop() {
        stopped = true
        parser?.pointee.disableSAX = 1
        parser?.pointee.instate = XML_PARSER_EOF
    }

    private var currentLine: Int {
        guard let parser else { return 0 }
        return Int(xmlSAX2GetLineNumber(parser))
    }

    private var currentColumn: Int {
        guard let parser else { return 0 }
        return Int(xmlSAX2GetColumnNumber(parser))
    }

    // MARK: - Paths

    func currentPath() -> String {
        var path = ""
        for frame in stack {
            let name = frame.name.map { String(cString: $0) } ?? ""

            path += frame.index > 1 ? "/\(name)[\(frame.index)]" : "/\(name)"
        }
        return path
    }

    fileprivate func settlePendingPop() {
        if pendingPop {
            pendingPop = false
            let frame = stack.removeLast()
            childCounts.removeSubrange(frame.countsStart...)
        }
    }

    // MARK: - Events

    /// Pushes the element; returns false when parsing had to stop (too deep).
    fileprivate func didStart(_ name: Name) -> Bool {
        settlePendingPop()
        textBytes = 0
        if name != firstRawName && (rawNames.count < 2 || !rawNames.contains(where: { $0.pointer == name })) {
            elementCount += 1
            if elementCount > limits.maxElements {
                report(.tooManyElements, "more than \(limits.maxElements) elements (limit per document; --max-elements)", line: currentLine)
                stop()
                return false
            }
        }
        let index = nextIndex(for: name, level: stack.count - 1)
        stack.append(Frame(name: name, index: index, countsStart: childCounts.count))
        if stack.count > limits.maxDepth {
            report(.tooDeep, "elements nested deeper than the limit of \(limits.maxDepth)", line: currentLine)
            stop()
            return false
        }
        return true
    }

    /// Whether the handler would keep text at this point; when not, no string is made for it.
    fileprivate var wantsText: Bool { handler.wantsCharacters }

    fileprivate func deliverStart(_ name: UnsafeBufferPointer<UInt8>, attributes: XMLRawAttributes) {
        handler.startElement(
            XMLBytes(name), position: stack[stack.count - 1].index, attributes: attributes,
            location: XMLLocation(line: currentLine, column: currentColumn))
        if let reason = handler.stopReason {
            report(.listTooLong, reason, line: currentLine)
            stop()
        }
    }

    /// Whether `name` is one of the raw elements, or the element is inside one (then nothing is
    /// delivered); counts the depth inside.
    fileprivate func enterRaw(_ name: Name) -> String? {
        if rawDepth > 0 {
            rawDepth += 1
            return nil
        }
        guard let raw = rawNames.first(where: { $0.pointer == name }) else { return nil }
        rawDepth = 1
        return raw.name
    }

    fileprivate var insideRaw: Bool { rawDepth > 0 }

    fileprivate func deliverRaw(_ name: String, attributes: XMLRawAttributes) {
        handler.rawElement(name, attributes: attributes, location: XMLLocation(line: currentLine, column: currentColumn))
        if let reason = handler.stopReason {
            report(.listTooLong, reason, line: currentLine)
            stop()
        }
    }

    fileprivate func didEnd(_ name: Name) {
        settlePendingPop()
        textBytes = 0
        pendingPop = true
        if rawDepth > 0 {
            rawDepth -= 1
            return
        }
        if wantsEvents { handler.endElement(XMLBytes(utf8Bytes(of: name))) }
    }

    /// Counts text as it arrives, in every mode (the validator gathers it too); false once over the limit.
    fileprivate func countText(_ length: Int) -> Bool {
        textBytes += length
        guard textBytes > limits.maxTextBytes else { return true }
        report(.textTooLong, "text of one element is longer than \(limits.maxTextBytes) bytes (--max-text-size)", line: currentLine)
        stop()
        return false
    }

    fileprivate func didRead(_ text: UnsafeBufferPointer<UInt8>) {
        settlePendingPop()
        handler.characters(XMLBytes(text))
    }

    fileprivate lazy var wantsEvents: Bool = handler.wantsEvents

    fileprivate func didSeeDoctype() {
        report(.doctype, "DOCTYPE declarations are not accepted (no DTDs or entities in submissions)", line: currentLine)
        stop()
    }

    fileprivate func didFail(_ error: xmlErrorPtr, schema: Bool) {
        // What libxml2 finds in the rest of the chunk after a stop belongs to no delivered element.
        if stopped { return }
        let code = Int32(error.pointee.code)
        // The stop we asked for is not a problem of the document.
        if code == Int32(XML_ERR_USER_STOP.rawValue) { return }
        let line = error.pointee.line > 0 ? Int(error.pointee.line) : currentLine
        let column = schema ? 0 : Int(error.pointee.int2)
        if schema {
            report(.schema, XMLLibrary.message(of: error), line: line, column: column)
        } else {
            report(.malformed, XMLLibrary.message(of: error), line: line, column: column)
            if error.pointee.level == XML_ERR_FATAL { stopped = true }
        }
    }

    // MARK: - C callbacks

    private static func session(_ context: UnsafeMutableRawPointer?) -> ParseSession? {
        guard let context else { return nil }
        return Unmanaged<ParseSession>.fromOpaque(context).takeUnretainedValue()
    }

    private static let schemaError: xmlStructuredErrorFunc = { userData, error in
        guard let error, let session = ParseSession.session(userData) else { return }
        session.didFail(error, schema: true)
    }

    private static let parserError: xmlStructuredErrorFunc = { userData, error in
        guard let error, let session = ParseSession.session(userData) else { return }
        session.didFail(error, schema: false)
    }

    private static func install(into sax: inout xmlSAXHandler) {
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { context, localName, _, _, _, _, attributeCount, _, attributes in
            guard let session = ParseSession.session(context), let localName else { return }
            guard session.didStart(localName), session.wantsEvents else { return }
            if session.insideRaw {
                _ = session.enterRaw(localName)
                return
            }
            if let raw = session.enterRaw(localName) {
                session.deliverRaw(raw, attributes: XMLRawAttributes(base: attributes, count: Int(attributeCount)))
                return
            }
            session.deliverStart(
                utf8Bytes(of: localName), attributes: XMLRawAttributes(base: attributes, count: Int(attributeCount)))
        }
        sax.endElementNs = { context, localName, _, _ in
            guard let session = ParseSession.session(context), let localName else { return }
            session.didEnd(localName)
        }
        sax.characters = { context, text, length in
            guard let session = ParseSession.session(context), !session.stopped, session.countText(Int(length)) else { return }
            guard session.wantsEvents, !session.insideRaw, session.wantsText else {
                session.settlePendingPop()
                return
            }
            guard let text, length > 0 else { return }
            session.didRead(UnsafeBufferPointer(start: text, count: Int(length)))
        }
        sax.cdataBlock = sax.characters
        sax.internalSubset = { context, _, _, _ in
            ParseSession.session(context)?.didSeeDoctype()
        }
        sax.externalSubset = { context, _, _, _ in
            ParseSession.session(context)?.didSeeDoctype()
        }
    }
}
