import Dispatch
import Foundation
import QAFCompile
import QAFCore
import QAFEvaluate
import QAFLoad

/// Evaluation throughput with parsing excluded: the records of a JSON Lines corpus are decoded first, then
/// each policy (and all of them together) is applied to every record, on one core and on all of them. Each figure
/// is the median of five passes.
///
/// usage: qaf-bench CORPUS.jsonl [POLICY-FOLDER]
@main
enum QAFBench {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard let corpus = arguments.first else {
            FileHandle.standardError.write(Data("usage: qaf-bench CORPUS.jsonl [Policies/]\n".utf8))
            exit(64)
        }
        let folder = arguments.dropFirst().first ?? "Policies"
        let policies = try PolicyCompiler.compile(files: FileText.expand([folder], extensions: ["yaml"])).get()

        let parseStart = ContinuousClock.now
        let records = try load(corpus, schema: policies.first?.schema ?? .standard)
        let parseSeconds = seconds(ContinuousClock.now - parseStart)
        print(
            "corpus: \(records.count) records from \(corpus); decoding took \(format(parseSeconds)) s (\(Int(Double(records.count) / parseSeconds)) records/s, one core)"
        )
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores")
        if ProcessInfo.processInfo.environment["QAF_BENCH_OPS"] != nil {
            for p in policies {
                var counts: [String: Int] = [:]
                for i in p.criteriaCode.code { counts["\(i.op)", default: 0] += 1 }
                print(
                    p.id, counts.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
        }
        print("")
        print("| policy | criteria | instructions | evaluations/s, one core | evaluations/s, all cores |")
        print("|---|---:|---:|---:|---:|")
        for (name, set) in policies.map({ ($0.id, [$0]) }) + [("all four together", policies)] {
            let single = measure(records, set, workers: 1)
            let parallel = measure(records, set, workers: ProcessInfo.processInfo.activeProcessorCount)
            let criteria = set.map(\.model.criteria.count).reduce(0, +)
            let instructions = set.map {
                $0.criteriaCode.code.count + $0.levelCode.compactMap { $0?.code.count }.reduce(0, +)
                    + $0.triggerCode.map(\.code.count).reduce(0, +)
            }.reduce(0, +)
            print("| \(name) | \(criteria) | \(instructions) | \(Int(single)) | \(Int(parallel)) |")
        }
    }

    /// Provider evaluations per second (one evaluation = one provider against one policy): the median of five
    /// timed passes over every record, after one warm-up pass.
    static func measure(_ records: [EvidenceRecord], _ policies: [CompiledPolicy], workers: Int) -> Double {
        let slices = (0..<workers).map { w in stride(from: w, to: records.count, by: workers) }
        var rates: [Double] = []
        for pass in 0..<6 {
            let start = ContinuousClock.now
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let evaluators = policies.map { Evaluator(policy: $0) }
                var levels = 0
                for i in slices[w] {
                    for evaluator in evaluators { levels &+= evaluator.evaluate(records[i], words: false).level ?? 0 }
                }
                if levels == -1 { print("") }  // keeps the work from being optimised away
            }
            let elapsed = seconds(ContinuousClock.now - start)
            if pass > 0 { rates.append(Double(records.count * policies.count) / elapsed) }
        }
        return rates.sorted()[rates.count / 2]
    }

    static func load(_ path: String, schema: EvidenceSchema) throws -> [EvidenceRecord] {
        let data = try FileText.bytes(path).mapError { Diagnostics([$0]) }.get()
        let reader = JSONEvidenceReader(schema: schema)
        var records: [EvidenceRecord] = []
        var line = 0
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 10 { end += 1 }
                line += 1
                if end > start {
                    switch reader.read(UnsafeBufferPointer(rebasing: bytes[start..<end]), file: path, line: line) {
                    case .success(let record): records.append(record)
                    case .failure(let problems): throw problems
                    }
                }
                start = end + 1
            }
        }
        return records
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func format(_ x: Double) -> String { String(format: "%.3f", x) }
}
