import QAFCore

extension PolicyCompiler {
    /// Where a policy file says its `id:` (a top-level key), for a message about the policy as a whole.
    public static func idLocation(in file: String) -> SourceLocation {
        let lines = (try? FileText.read(file).get())?.split(separator: "\n", omittingEmptySubsequences: false) ?? []
        let line = lines.firstIndex { $0.hasPrefix("id:") }.map { $0 + 1 } ?? 1
        return SourceLocation(file: file, line: line, column: 1)
    }
}
