import Foundation
import Testing

/// A folder of its own for one hostile case: the files a case sets up, a record of every byte in it before the
/// run, and the checks that nothing qaf did not create changed and no temporary file was left behind.
final class Scene: @unchecked Sendable {
    let root: String

    init() {
        root = NSTemporaryDirectory() + "qaf-hostile-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit {
        chmodTree(root)
        try? FileManager.default.removeItem(atPath: root)
    }

    func path(_ name: String) -> String { name.hasPrefix("/") ? name : root + "/" + name }

    @discardableResult
    func file(_ name: String, _ text: String, mode: mode_t? = nil) -> String {
        file(name, bytes: Array(text.utf8), mode: mode)
    }

    @discardableResult
    func file(_ name: String, bytes: [UInt8], mode: mode_t? = nil) -> String {
        let full = path(name)
        try? FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: Data(bytes))
        if let mode { chmod(full, mode) }
        return full
    }

    @discardableResult
    func folder(_ name: String) -> String {
        try? FileManager.default.createDirectory(atPath: path(name), withIntermediateDirectories: true)
        return path(name)
    }

    @discardableResult
    func link(_ name: String, to target: String) -> String {
        symlink(target, path(name))
        return path(name)
    }

    @discardableResult
    func fifo(_ name: String) -> String {
        mkfifo(path(name), 0o644)
        return path(name)
    }

    /// Everything under the root, links not followed: each file's bytes and permission bits, each link's target.
    func snapshot() -> [String: String] {
        var out: [String: String] = [:]
        func visit(_ dir: String) {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
                let full = dir + "/" + name
                var info = stat()
                guard lstat(full, &info) == 0 else { continue }
                let relative = String(full.dropFirst(root.count + 1))
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    out[relative] = "folder \(String(info.st_mode & 0o7777, radix: 8))"
                    visit(full)
                case S_IFLNK:
                    out[relative] =
                        "link → " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "?")
                case S_IFREG:
                    let data = FileManager.default.contents(atPath: full) ?? Data()
                    var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a over every byte
                    for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
                    out[relative] = "file \(String(info.st_mode & 0o7777, radix: 8)) \(data.count) bytes \(hash)"
                default:
                    out[relative] = "special \(info.st_mode)"
                }
            }
        }
        visit(root)
        return out
    }

    func text(_ name: String) -> String? {
        FileManager.default.contents(atPath: path(name)).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ name: String) -> Bool {
        var info = stat()
        return lstat(path(name), &info) == 0
    }

    private func chmodTree(_ dir: String) {
        chmod(dir, 0o755)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
            var info = stat()
            let full = dir + "/" + name
            if lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { chmodTree(full) }
        }
    }
}

/// What a hostile case is: how its scene is set up, the command it runs, and what must hold afterwards.
struct HostileCase: Sendable, CustomTestStringConvertible {
    var name: String
    /// Sets the scene up and returns the arguments of `qaf`.
    var setUp: @Sendable (Scene) -> [String]
    var code: Int32
    /// Sentences that must appear on standard error; `ROOT` stands for the scene's folder.
    var says: [String] = []
    /// Files (relative to the scene) the run must create or change; everything else must be unchanged.
    var writes: [String] = []
    /// Standard input.
    var stdin: String? = nil
    /// A further check of the scene and the run after it.
    var then: (@Sendable (Scene, _ stdout: String, _ stderr: String) -> Void)? = nil

    var testDescription: String { name }
}

/// Runs a case: the exit code, the words, nothing changed but what it says it writes, no temporary file left.
func check(_ c: HostileCase, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let scene = Scene()
    let arguments = c.setUp(scene)
    let before = scene.snapshot()
    let (code, stdout, stderr) = try runQAF(arguments, stdin: c.stdin)
    let after = scene.snapshot()
    #expect(code == c.code, "exit code for \(c.name); stderr:\n\(stderr)", sourceLocation: sourceLocation)
    for sentence in c.says {
        let wanted = sentence.replacingOccurrences(of: "ROOT", with: scene.root)
        #expect(
            stderr.contains(wanted), "\(c.name): stderr lacks '\(wanted)':\n\(stderr)", sourceLocation: sourceLocation)
    }
    #expect(
        !stderr.contains("Fatal error") && !stderr.contains("Signal"), "\(c.name) crashed",
        sourceLocation: sourceLocation)
    for (name, entry) in before where !c.writes.contains(name) {
        #expect(after[name] == entry, "\(c.name): \(name) changed", sourceLocation: sourceLocation)
    }
    for name in after.keys where before[name] == nil {
        #expect(c.writes.contains(name), "\(c.name): \(name) was created", sourceLocation: sourceLocation)
    }
    for name in c.writes {
        #expect(
            after[name] != nil && after[name] != before[name], "\(c.name): \(name) was not written",
            sourceLocation: sourceLocation)
    }
    #expect(
        !after.keys.contains { $0.contains("qaf-partial") }, "\(c.name): a temporary file was left",
        sourceLocation: sourceLocation)
    c.then?(scene, stdout, stderr)
}

/// Evidence for provider `id` in YAML, with more lines after the required ones.
func evidenceYAML(_ id: String, _ more: String = "") -> String {
    "evidence: 1\nas_of: 2026-10-01\nprovider: {id: \"\(id)\"}\n" + more
}

/// Evidence for provider `id` as one JSON Lines line (no line break), with more members after the required ones.
func evidenceLine(_ id: String, _ more: String = "") -> String {
    #"{"evidence":1,"as_of":"2026-10-01","provider":{"id":"\#(id)"}\#(more.isEmpty ? "" : "," + more)}"#
}

/// A small policy: a provider with more than two complaints has a moderate concern (level 2).
let hostilePolicy = policyText(criteria: criterion("many_complaints", "moderate", "complaints > 2"))

/// A scene with the small policy as `policy.yaml`; returns its path.
func withPolicy(_ scene: Scene, _ text: String = hostilePolicy) -> String { scene.file("policy.yaml", text) }

/// The provider ids of a JSON Lines report, in order.
func providerIDs(_ jsonl: String) -> [String] {
    jsonl.split(separator: "\n").compactMap { line in
        guard let data = line.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object["provider"] as? String
    }
}
