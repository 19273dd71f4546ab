import Foundation
import QAFCore
import QAFLoad

/// The evidence a run reads: the standard vocabulary and the fields every policy in the run declares, in its own
/// `vocabulary:` or in the shared vocabulary files it names (found beside the policy).
public enum RunVocabulary {
    /// The standard schema itself when no policy declares anything, so runs of standard evidence share one layout.
    /// `also` adds declarations read elsewhere (vocabulary files `qaf validate` is given).
    public static func schema(for policies: [PolicySyntax], also: [FieldDeclaration] = []) -> (
        EvidenceSchema, Diagnostics
    ) {
        var problems = Diagnostics()
        var declarations: [FieldDeclaration] = []
        var sharedFiles: [String: [FieldDeclaration]] = [:]
        for policy in policies {
            for name in policy.vocabulary.files {
                let folder = (policy.file as NSString).deletingLastPathComponent
                let file =
                    name.value.hasPrefix("/") ? name.value : (folder as NSString).appendingPathComponent(name.value)
                let key = (file as NSString).standardizingPath
                if let read = sharedFiles[key] {
                    declarations += read
                    continue
                }
                switch FileText.read(file) {
                case .failure(let failure):
                    problems.append(
                        Diagnostic(
                            "cannot read the vocabulary file '\(name.value)' (\(failure.message), looked for \(file))",
                            at: name.location))
                    sharedFiles[key] = []
                case .success(let text):
                    let (found, fileProblems) = VocabularyReader.sharedFile(file: file, text: text)
                    problems.append(contentsOf: fileProblems)
                    sharedFiles[key] = found
                    declarations += found
                }
            }
            declarations += policy.vocabulary.declarations
        }
        declarations += also
        guard !declarations.isEmpty else { return (.standard, problems) }
        var tree = VocabularyTree(.standard)
        for declaration in declarations { tree.add(declaration) }
        problems.append(contentsOf: tree.diagnostics)
        return (tree.schema, problems)
    }
}
