import Foundation
import QAFBatch
import QAFCore
import QAFLoad
import Testing

/// The rules of issue 8 as library calls other commands use: the output guard, the ranges, the safe text.
@Suite("Hostile rules as a library: OutputTarget, NumberRange, safe text")
struct HostileLibraryTests {
    @Test func outputTargetRefusesWhatIsNotQAFsAndWritesThroughLinks() throws {
        let s = Scene()
        let input = s.file("in.yaml", "x\n")
        s.folder("reports")
        #expect(throws: OutputRefusal.self) { try OutputTarget.check(s.path("reports")) }
        #expect(throws: OutputRefusal.self) { try OutputTarget.check(input, inputs: [input]) }
        s.link("l.txt", to: "real.txt")
        let target = try OutputTarget.check(s.path("l.txt"), inputs: [input])
        #expect(target.resolved == s.path("real.txt"))
        let sink = try OutputSink(target: target)
        sink.write("whole\n")
        try sink.finish()
        #expect(s.text("real.txt") == "whole\n")
        var info = stat()
        lstat(s.path("l.txt"), &info)
        #expect(info.st_mode & S_IFMT == S_IFLNK)
        do {
            _ = try OutputTarget.check(s.path("nowhere/x.txt"))
            Issue.record("a missing folder was accepted")
        } catch {
            #expect(
                error.description == "cannot write \(s.path("nowhere/x.txt")): no such folder: \(s.path("nowhere"))")
        }
    }

    @Test func abandonedOutputLeavesNothing() throws {
        let s = Scene()
        s.file("old.txt", "old\n", mode: 0o600)
        let sink = try OutputSink(path: s.path("old.txt"))
        sink.write("half")
        sink.abandon()
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.root) == ["old.txt"])
        #expect(s.text("old.txt") == "old\n")
    }

    @Test func rangesSayWhatTheyHold() {
        #expect(NumberRange.count.contains(9_007_199_254_740_991))
        #expect(!NumberRange.count.contains(9_007_199_254_740_992))
        #expect(!NumberRange.count.contains(1.5))
        #expect(!NumberRange.count.contains(-1))
        #expect(!NumberRange.percent.contains(.nan))
        #expect(!NumberRange.parameter.contains(.infinity))
        #expect(NumberRange.parameter.contains(-1e12))
        #expect(NumberRange.count.words == "a whole number from 0 to 9,007,199,254,740,991")
        #expect(NumberRange.parameter.words == "a number from -1,000,000,000,000 to 1,000,000,000,000")
    }

    @Test func textIsMadeSafeForWhereItIsShown() {
        #expect(TerminalText.safe("a\u{1B}[2Jb\tc\n") == "a\\u{1B}[2Jb\tc\n")
        #expect(TerminalText.safe("x\u{202E}y") == "x\\u{202E}y")
        #expect(SpreadsheetCell.neutralised("=1+1") == "'=1+1")
        #expect(SpreadsheetCell.neutralised("@SUM(A1)") == "'@SUM(A1)")
        #expect(SpreadsheetCell.neutralised("-2") == "-2")
        #expect(SpreadsheetCell.neutralised("-cmd") == "'-cmd")
        #expect(SpreadsheetCell.neutralised("Brook House") == "Brook House")
    }

    @Test func pathsAreTakenApartWithoutTrapping() {
        #expect(PathText.folder(of: ".") == ".")
        #expect(PathText.folder(of: "a/b.txt") == "a")
        #expect(PathText.folder(of: "/b.txt") == "/")
        #expect(PathText.folder(of: "a/b/") == "a")
        #expect(PathText.name(of: "a/b.txt") == "b.txt")
    }

    @Test func anExpressionTooDeepIsAnErrorAtItsBracketOnAnyThread() throws {
        let when = String(repeating: "(", count: 10_000) + "complaints > 1" + String(repeating: ")", count: 10_000)
        let problems = problems(compile(policyText(criteria: criterion("deep", "major", when))))
        #expect(
            problems == [
                "21:512: the expression nests more than \(ExpressionParser.deepest) levels deep here (brackets, 'not', or a chain of operators); split it into criteria"
            ])
    }
}
