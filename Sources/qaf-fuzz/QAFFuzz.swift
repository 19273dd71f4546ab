import Foundation
import QAFCompile
import QAFCore
import QAFEvaluate
import QAFLoad

/// One fuzz input: as a whole policy file, and as the `when:` of a criterion in a small valid policy. Neither may
/// crash or hang; a refusal must place every problem at file:line:column; a policy that compiles is evaluated on a
/// small evidence record. A broken rule stops the run (a crash is what libFuzzer records and saves).
enum FuzzInput {
    static let record: EvidenceRecord = {
        let text = """
            evidence: 1
            as_of: 2026-10-01
            provider: {id: "F-1", name: Oakfield, size: 0}
            cqc: {overall: inadequate, report_date: 2026-01-31}
            complaints: 3
            events: [{type: risk_of_harm}]
            """
        guard case .success(let record) = EvidenceReader().read(file: "fuzz-evidence.yaml", text: text) else {
            fatalError("the fuzz evidence does not read")
        }
        return record
    }()

    static func policy(when: String) -> String {
        """
        policy: 1
        id: fuzz
        authority: A
        title: T
        version: "1"
        source: 000_4d0eb8f41c1d8ba7.txt
        severities: [minor, major]
        domains: {quality: Quality}
        parameters:
          many: {value: 2, means: m, source: s}
        routes:
          board: {name: B, source: s}
        criteria:
          - id: c
            title: c
            domain: quality
            indicates: major
            when: '\(when.replacingOccurrences(of: "'", with: "''"))'
            because: x
            source: s
        levels:
          - {id: 2, name: High, label: H, when: 'count(major) >= many or c', source: s}
          - {id: 1, name: Low, label: L, otherwise: true, source: s}
        triggers:
          - {id: t, title: t, when: 'level == 2 and c', route: board, urgency: routine, because: x, source: s}
        """
    }

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        check(text, file: "fuzz.yaml")
        check(policy(when: text), file: "fuzz-when.yaml")
    }

    static func check(_ text: String, file: String) {
        switch PolicyCompiler.compile(file: file, text: text) {
        case .success(let policy):
            let d = Evaluator(policy: policy).evaluate(record)
            _ = (d.fired, d.unassessed, d.triggers, d.evidenceToGather)
        case .failure(let diagnostics):
            precondition(!diagnostics.items.isEmpty, "refused with no diagnostic")
            for d in diagnostics.items {
                precondition(
                    d.location.file == file && d.location.line >= 1 && d.location.column >= 1 && !d.message.isEmpty,
                    "a problem without a position: \(d)")
            }
        }
    }
}

#if QAF_LIBFUZZER
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
        FuzzInput.run(UnsafeBufferPointer(start: data, count: size))
        return 0
    }

    @_silgen_name("LLVMFuzzerRunDriver")
    func runDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt

    /// SwiftPM names an executable's entry point after its target; libFuzzer's driver runs from it.
    @_cdecl("qaf_fuzz_main")
    public func fuzzMain(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    ) -> CInt {
        var count = argc
        var arguments = argv
        return runDriver(&count, &arguments, fuzzOne)
    }
#else
    /// Without libFuzzer: runs each file given (a saved crash, a corpus entry) through the same checks.
    @main
    enum QAFFuzz {
        static func main() {
            for file in CommandLine.arguments.dropFirst() {
                guard case .success(let data) = FileText.bytes(file) else {
                    FileHandle.standardError.write(Data("qaf-fuzz: cannot read \(file)\n".utf8))
                    exit(74)
                }
                data.withUnsafeBytes { FuzzInput.run($0.bindMemory(to: UInt8.self)) }
                print("\(file): ok")
            }
        }
    }
#endif
