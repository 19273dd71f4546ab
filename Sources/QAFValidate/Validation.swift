import QAFCore

/// `qaf validate`'s run: every file under the paths checked by its kind, with the run's evidence schema (the
/// standard vocabulary, the fields the run's policies declare and its vocabulary files).
public enum Validation {
    public struct Outcome: Sendable {
        public var problems: Diagnostics
        /// How many files were checked.
        public var checked: Int
    }

    /// `policies`: files or folders whose declared evidence the evidence may hold; not themselves checked.
    public static func run(_ paths: [String], policies: [String]) -> Outcome {
        let listing = FileText.walk(paths, extensions: FileChecker.extensions)
        // A JSON Schema found in a folder (`qaf schema --policy P > x.schema.json`) is for the editor, not evidence.
        let files = listing.files.filter { paths.contains($0) || !$0.hasSuffix(".schema.json") }
        var (schema, problems) = FileChecker.runSchema(files + FileText.expand(policies, extensions: ["yaml", "yml"]))
        for notice in listing.skipped { problems.append(notice) }
        var checked = 0
        let library = PolicyLibrary(named: policies)
        for file in files {
            checked += 1
            problems.append(contentsOf: FileChecker.check(file, policies: library, schema: schema))
        }
        return Outcome(problems: problems, checked: checked)
    }
}
