import Foundation
import QAFCore
import QAFValidate

/// The qaf language server: Language Server Protocol 3.17 over a pair of streams, one request at a time.
/// Diagnostics come from `FileChecker`, the checker behind `qaf validate`, so the editor and the command line
/// report the same problems at the same places in the same words.
public final class LanguageServer {
    private var documents: [String: TextDocument] = [:]
    private var settingsPolicies: [String] = []
    private let commandLinePolicies: [String]
    private var root: String?
    private var initialized = false
    private var shutdownRequested = false
    private var connection: JSONRPCConnection!
    /// The policy, evidence and fixtures schemas, read once, for keys, allowed values and hover.
    let schemas = FileSchemas()

    public init(policies: [String] = []) { commandLinePolicies = policies }

    /// Serves until the client sends `exit` or closes the input; returns the process exit code LSP prescribes
    /// (0 after `shutdown`, 1 otherwise).
    @discardableResult
    public func run(input: FileHandle, output: FileHandle) -> Int32 {
        connection = JSONRPCConnection(input: input, output: output)
        while true {
            let message: [String: Any]
            do { message = try connection.read() } catch {
                switch error {
                case .endOfInput: return shutdownRequested ? 0 : 1
                case .notJSON: connection.respond(id: NSNull(), error: -32700, "the message is not a JSON object")
                case .badHeader(let h): connection.respond(id: NSNull(), error: -32700, "bad header: \(h)")
                case .tooLarge(let n): connection.respond(id: NSNull(), error: -32700, "message of \(n) bytes refused")
                }
                if case .tooLarge = error { return 1 }
                if case .badHeader = error { return 1 }
                continue
            }
            if let code = handle(message) { return code }
        }
    }

    /// Handles one message; an exit code when the client asked to exit.
    func handle(_ message: [String: Any]) -> Int32? {
        guard let method = message["method"] as? String else { return nil }  // a response to us: none expected
        let params = message["params"] as? [String: Any] ?? [:]
        let id = message["id"]
        if method == "exit" { return shutdownRequested ? 0 : 1 }
        if let id {
            if !initialized, method != "initialize" {
                connection.respond(id: id, error: -32002, "the server is not initialized")
                return nil
            }
            if shutdownRequested {
                connection.respond(id: id, error: -32600, "the server is shutting down")
                return nil
            }
            switch method {
            case "initialize": connection.respond(id: id, result: initialize(params))
            case "shutdown":
                shutdownRequested = true
                connection.respond(id: id, result: nil)
            case "textDocument/completion":
                connection.respond(
                    id: id, result: withDocument(params) { Completion(server: self, document: $0).items(params) })
            case "textDocument/hover":
                connection.respond(
                    id: id, result: withDocument(params) { Hover(server: self, document: $0).hover(params) })
            case "textDocument/codeAction":
                connection.respond(id: id, result: withDocument(params) { CodeActions.quickFixes($0, params) } ?? [])
            default:
                connection.respond(id: id, error: -32601, "qaf lsp does not handle \(method)")
            }
            return nil
        }
        guard initialized, !shutdownRequested else { return nil }
        switch method {
        case "textDocument/didOpen":
            guard let item = params["textDocument"] as? [String: Any], let uri = item["uri"] as? String else { break }
            documents[uri] = TextDocument(
                uri: uri, version: item["version"] as? Int ?? 0, text: item["text"] as? String ?? "")
            publish(uri)
        case "textDocument/didChange":
            guard let item = params["textDocument"] as? [String: Any], let uri = item["uri"] as? String,
                var document = documents[uri]
            else { break }
            for change in params["contentChanges"] as? [[String: Any]] ?? [] {
                document.apply(change)
            }
            document.version = item["version"] as? Int ?? document.version
            documents[uri] = document
            publish(uri)
        case "textDocument/didSave":
            if let uri = (params["textDocument"] as? [String: Any])?["uri"] as? String { publish(uri) }
        case "textDocument/didClose":
            guard let uri = (params["textDocument"] as? [String: Any])?["uri"] as? String else { break }
            documents[uri] = nil
            lastNames[uri] = nil
            connection.notify("textDocument/publishDiagnostics", ["uri": uri, "diagnostics": []])
        case "workspace/didChangeConfiguration":
            let settings = params["settings"] as? [String: Any]
            let qaf = settings?["qaf"] as? [String: Any] ?? settings
            settingsPolicies = qaf?["policies"] as? [String] ?? settingsPolicies
            for uri in documents.keys.sorted() { publish(uri) }
        default:
            break  // notifications the server has no use for ($/cancelRequest, $/setTrace, initialized) are dropped
        }
        return nil
    }

    private func initialize(_ params: [String: Any]) -> [String: Any] {
        initialized = true
        if let uri = params["rootUri"] as? String { root = TextDocument.path(of: uri) }
        if let options = params["initializationOptions"] as? [String: Any] {
            let qaf = options["qaf"] as? [String: Any] ?? options
            settingsPolicies = qaf["policies"] as? [String] ?? []
        }
        return [
            "capabilities": [
                "positionEncoding": "utf-16",
                "textDocumentSync": ["openClose": true, "change": 2, "save": ["includeText": false]],
                "completionProvider": ["triggerCharacters": [".", "(", "[", " ", "{"], "resolveProvider": false],
                "hoverProvider": true,
                "codeActionProvider": ["codeActionKinds": ["quickfix"]],
            ] as [String: Any],
            "serverInfo": ["name": "qaf", "version": QAFVersion.current],
        ]
    }

    private func withDocument(_ params: [String: Any], _ body: (TextDocument) -> Any?) -> Any? {
        guard let uri = (params["textDocument"] as? [String: Any])?["uri"] as? String, let document = documents[uri]
        else { return nil }
        return body(document)
    }

    /// Policies named in settings or on the command line; relative ones are read from the workspace root.
    var namedPolicies: [String] {
        (commandLinePolicies + settingsPolicies).map { path in
            guard !path.hasPrefix("/"), let root else { return path }
            return (root as NSString).appendingPathComponent(path)
        }
    }

    func library() -> PolicyLibrary { PolicyLibrary(named: namedPolicies) }

    /// The evidence vocabulary a document's names are read against: the one place completion and hover learn
    /// which fields exist, what they mean and what values they take.
    /// A policy's own `vocabulary:` (read from the editor's text, saved or not) or, for evidence and suites, the
    /// local fields of the policies beside the document and those named in settings.
    func evidenceSchema(for document: TextDocument) -> EvidenceSchema {
        FileChecker.evidenceSchema(for: document.path, text: document.text, namedPolicies: namedPolicies)
    }

    private var lastNames: [String: (version: Int, names: PolicyNames?)] = [:]

    /// The names of the document's policy, read once a version; while an edit leaves the YAML unreadable, those it
    /// last had.
    func policyNames(for document: TextDocument) -> PolicyNames? {
        if let last = lastNames[document.uri], last.version == document.version { return last.names }
        let names = PolicyNames.of(document, library: library()) ?? lastNames[document.uri]?.names
        lastNames[document.uri] = (document.version, names)
        return names
    }

    /// Checks a document as `qaf validate` would and publishes every problem found.
    private func publish(_ uri: String) {
        guard let document = documents[uri] else { return }
        let path = document.path
        let problems =
            FileChecker.isBatchFile(path)
            ? FileChecker.checkRecords(path, schema: evidenceSchema(for: document))
            : FileChecker.check(
                file: path, text: document.text, policies: library(), schema: evidenceSchema(for: document))
        let diagnostics: [[String: Any]] = problems.sorted.map { d in
            var message = d.message
            var range = document.range(of: d.location)
            if d.location.file != path {
                // A problem in another file this one names (an evidence_file): shown here, saying where.
                message = "\(d.location): \(d.message)"
                range = LSP.range(0, 0, 0, 1)
            }
            return [
                "range": range, "severity": d.severity == .error ? 1 : 2, "source": "qaf", "message": message,
            ]
        }
        var params: [String: Any] = ["uri": uri, "diagnostics": diagnostics]
        params["version"] = document.version
        connection.notify("textDocument/publishDiagnostics", params)
    }
}

extension TextDocument {
    /// One content change: the whole text, or a range replaced (positions in UTF-16).
    mutating func apply(_ change: [String: Any]) {
        guard let newText = change["text"] as? String else { return }
        guard let range = change["range"] as? [String: Any], let start = range["start"] as? [String: Any],
            let end = range["end"] as? [String: Any]
        else {
            text = newText
            return
        }
        var scalars = Array(text.unicodeScalars)
        // Where each line starts in the text, counted in code points (a CRLF line ends one further on).
        var lineStarts = [0]
        for (i, s) in scalars.enumerated() where s == "\n" { lineStarts.append(i + 1) }
        func offset(_ p: [String: Any]) -> Int {
            let line = p["line"] as? Int ?? 0
            let character = p["character"] as? Int ?? 0
            guard line >= 0, line < lineStarts.count else { return scalars.count }
            return lineStarts[line] + scalarOffset(line: line, character: max(0, character))
        }
        let from = min(offset(start), scalars.count), to = min(max(offset(end), from), scalars.count)
        scalars.replaceSubrange(from..<to, with: Array(newText.unicodeScalars))
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        text = String(view)
    }
}
