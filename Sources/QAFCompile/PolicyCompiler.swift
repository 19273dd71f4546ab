import QAFCheck
import QAFCore
import QAFLoad

/// The front door: a policy file in, a compiled policy (or every diagnostic) out. load → check → compile.
public enum PolicyCompiler {
    /// `schema` is the standard vocabulary, to which the policy's own `vocabulary:` is added, or a run's schema
    /// (`RunVocabulary`) that already holds it.
    /// `addingItsVocabulary: false` compiles against `schema` as it is, for a policy read beside another (an old
    /// version in `qaf diff`) whose records are laid out by `schema`.
    public static func compile(
        file: String, text: String, schema: EvidenceSchema = .standard, addingItsVocabulary: Bool = true
    ) -> Result<CompiledPolicy, Diagnostics> {
        let (syntax, readProblems) = PolicyReader.read(file: file, text: text)
        return check(syntax, readProblems, text: text, schema: schema, vocabularyChecked: !addingItsVocabulary).map {
            CompiledPolicy($0.0, schema: $0.1, sourceText: text)
        }
    }

    /// load and check only: what `qaf validate` runs. Never evaluates.
    public static func check(file: String, text: String, schema: EvidenceSchema = .standard)
        -> Result<CheckedPolicy, Diagnostics>
    {
        let (syntax, readProblems) = PolicyReader.read(file: file, text: text)
        return check(syntax, readProblems, text: text, schema: schema).map(\.0)
    }

    /// Several policies compiled for one run: every policy's local evidence is in the schema each is compiled
    /// against, so one record layout serves them all. Every problem of every file is reported.
    public static func compile(files: [String]) -> Result<[CompiledPolicy], Diagnostics> {
        var warnings = Diagnostics()
        return compile(files: files, warnings: &warnings)
    }

    /// As `compile(files:)`; `warnings` receives what was found that is not an error (a local field declared one
    /// typo away from a standard one), for the command to show.
    public static func compile(files: [String], warnings: inout Diagnostics) -> Result<[CompiledPolicy], Diagnostics> {
        var problems = Diagnostics()
        var read: [(PolicySyntax?, Diagnostics, String)] = []
        for file in files {
            switch FileText.read(file) {
            case .failure(let failure): problems.append(failure)
            case .success(let text):
                let (syntax, readProblems) = PolicyReader.read(file: file, text: text)
                read.append((syntax, readProblems, text))
            }
        }
        let (schema, vocabularyProblems) = RunVocabulary.schema(for: read.compactMap(\.0))
        problems.append(contentsOf: vocabularyProblems)
        var compiled: [CompiledPolicy] = []
        for (syntax, readProblems, text) in read {
            switch check(syntax, readProblems, text: text, schema: schema, vocabularyChecked: true) {
            case .success(let (checked, schema)):
                compiled.append(CompiledPolicy(checked, schema: schema, sourceText: text))
            case .failure(let d): problems.append(contentsOf: d)
            }
        }
        if problems.hasErrors { return .failure(problems) }
        warnings = problems
        return .success(compiled)
    }

    private static func check(
        _ syntax: PolicySyntax?, _ readProblems: Diagnostics, text: String, schema given: EvidenceSchema,
        vocabularyChecked: Bool = false
    ) -> Result<(CheckedPolicy, EvidenceSchema), Diagnostics> {
        guard let syntax else { return .failure(readProblems) }
        var readProblems = readProblems
        var schema = given
        if !vocabularyChecked, given === EvidenceSchema.standard {
            let (extended, vocabularyProblems) = RunVocabulary.schema(for: [syntax])
            readProblems.append(contentsOf: vocabularyProblems)
            schema = extended
        }
        switch PolicyChecker(schema: schema).check(syntax) {
        case .success(let checked) where !readProblems.hasErrors:
            return .success((checked, schema))
        case .success:
            return .failure(readProblems)
        case .failure(let checkProblems):
            var all = readProblems
            let source = SourceText(file: syntax.file, text: text)
            for var d in checkProblems.items {
                if d.sourceLine == nil { d.sourceLine = source.line(d.location.line) }
                all.append(d)
            }
            return .failure(all)
        }
    }

    public static func compile(file: String, schema: EvidenceSchema = .standard) -> Result<CompiledPolicy, Diagnostics>
    {
        switch FileText.read(file) {
        case .success(let text): return compile(file: file, text: text, schema: schema)
        case .failure(let error): return .failure(Diagnostics([error]))
        }
    }
}
