import Foundation
import Testing

/// Hostile places to write: every command that writes refuses, before any work, to write over what is not its own.
@Suite("Hostile outputs: nothing that is not qaf's is ever written over")
struct HostileOutputTests {
    /// The commands that write a file, each given an output path (relative to the scene or absolute).
    static let writers: [(String, @Sendable (Scene, String) -> [String])] = [
        (
            "evaluate",
            { s, out in
                ["evaluate", "--policy", withPolicy(s), s.file("ev.yaml", evidenceYAML("P1")), "--output", s.path(out)]
            }
        ),
        (
            "evaluate-jsonl",
            { s, out in
                [
                    "evaluate", "--policy", withPolicy(s), s.file("m.jsonl", evidenceLine("P1") + "\n"), "--format",
                    "jsonl", "--output", s.path(out),
                ]
            }
        ),
        (
            "diff",
            { s, out in
                [
                    "diff", withPolicy(s), "--old", s.file("old.yaml", hostilePolicy),
                    s.file("ev.yaml", evidenceYAML("P1")), "--output", s.path(out),
                ]
            }
        ),
        ("corpus", { s, out in ["corpus", "--count", "3", "--output", s.path(out)] }),
        (
            "test-junit",
            { s, out in
                _ = withPolicy(s)
                let suite = s.file(
                    "demo.tests.yaml",
                    "suite: 1\npolicy: demo\ncases:\n  - name: one\n    evidence: {evidence: 1, as_of: 2026-10-01, provider: {id: P1}, complaints: 3}\n    expect: {level: 2}\n"
                )
                return ["test", suite, "--policy", s.path("policy.yaml"), "--junit", s.path(out)]
            }
        ),
    ]

    static func refusals() -> [HostileCase] {
        var cases: [HostileCase] = []
        for (command, args) in writers {
            cases.append(
                HostileCase(
                    name: "\(command) --output an existing folder keeps the folder and what is in it",
                    setUp: { s in
                        s.file("reports/last-month.md", "last month's papers\n")
                        return args(s, "reports")
                    }, code: 74,
                    says: [
                        "qaf: cannot write ROOT/reports: it is a folder; qaf writes a report to a file and never over a folder"
                    ]
                ))
            cases.append(
                HostileCase(
                    name: "\(command) --output with a trailing slash is a folder", setUp: { s in args(s, "new/") },
                    code: 74, says: ["it names a folder"]))
            cases.append(
                HostileCase(
                    name: "\(command) --output a device", setUp: { s in args(s, "/dev/null") }, code: 74,
                    says: ["qaf: cannot write /dev/null: it is a device, not a regular file"]))
            cases.append(
                HostileCase(
                    name: "\(command) --output a FIFO is refused without opening it",
                    setUp: { s in
                        s.fifo("pipe")
                        return args(s, "pipe")
                    }, code: 74, says: ["ROOT/pipe: it is a FIFO (named pipe), not a regular file"]))
            cases.append(
                HostileCase(
                    name: "\(command) --output in a folder that does not exist says so",
                    setUp: { s in args(s, "missing/report.txt") }, code: 74,
                    says: ["qaf: cannot write ROOT/missing/report.txt: no such folder: ROOT/missing"]))
            cases.append(
                HostileCase(
                    name: "\(command) --output a read-only file (by its permission bits, even for root)",
                    setUp: { s in
                        s.file("old.txt", "keep me\n", mode: 0o444)
                        return args(s, "old.txt")
                    }, code: 74, says: ["the file is read-only; qaf does not replace read-only files"]))
            cases.append(
                HostileCase(
                    name: "\(command) --output a link that loops",
                    setUp: { s in
                        s.link("a", to: "b")
                        s.link("b", to: "a")
                        return args(s, "a")
                    }, code: 74, says: ["its symbolic links go round in a loop"]))
            cases.append(
                HostileCase(
                    name: "\(command) --output through a link writes the target, keeps the link and the mode",
                    setUp: { s in
                        s.file("real.txt", "old\n", mode: 0o640)
                        s.link("link.txt", to: "real.txt")
                        return args(s, "link.txt")
                    }, code: 0, writes: ["real.txt"],
                    then: { s, _, _ in
                        var info = stat()
                        lstat(s.path("link.txt"), &info)
                        #expect(info.st_mode & S_IFMT == S_IFLNK)
                        stat(s.path("real.txt"), &info)
                        #expect(info.st_mode & 0o777 == 0o640)
                        #expect(s.text("real.txt") != "old\n")
                    }))
            cases.append(
                HostileCase(
                    name: "\(command) --output a new file in a new place is written whole",
                    setUp: { s in args(s, "out.txt") }, code: 0, writes: ["out.txt"]))
        }
        return cases
    }

    @Test(arguments: refusals())
    func refusedOrWrittenSafely(_ c: HostileCase) throws { try check(c) }

    static let inputs: [HostileCase] = [
        HostileCase(
            name: "evaluate --output the evidence file itself",
            setUp: { s in
                let ev = s.file("ev.yaml", evidenceYAML("P1"))
                return ["evaluate", "--policy", withPolicy(s), ev, "--output", ev]
            }, code: 74, says: ["qaf: cannot write ROOT/ev.yaml: it is an input of this run"]),
        HostileCase(
            name: "evaluate --output the policy",
            setUp: { s in
                [
                    "evaluate", "--policy", withPolicy(s), s.file("ev.yaml", evidenceYAML("P1")), "--output",
                    s.path("policy.yaml"),
                ]
            }, code: 74, says: ["it is an input of this run"]),
        HostileCase(
            name: "evaluate --output a link to the evidence",
            setUp: { s in
                let ev = s.file("ev.yaml", evidenceYAML("P1"))
                s.link("out.yaml", to: "ev.yaml")
                return ["evaluate", "--policy", withPolicy(s), ev, "--output", s.path("out.yaml")]
            }, code: 74, says: ["it is an input of this run (ROOT/ev.yaml)"]),
        HostileCase(
            name: "evaluate --output a file inside an evidence folder it reads",
            setUp: { s in
                s.file("market/a.yaml", evidenceYAML("P1"))
                return ["evaluate", "--policy", withPolicy(s), s.path("market"), "--output", s.path("market/a.yaml")]
            }, code: 74, says: ["it is an input of this run (ROOT/market)"]),
        HostileCase(
            name: "evaluate --output the JSON Lines it reads, named another way",
            setUp: { s in
                s.file("m.jsonl", evidenceLine("P1") + "\n")
                return [
                    "evaluate", "--policy", withPolicy(s), s.path("m.jsonl"), "--format", "jsonl", "--output",
                    s.root + "/./m.jsonl",
                ]
            }, code: 74, says: ["it is an input of this run"]),
        HostileCase(
            name: "diff --output the old policy",
            setUp: { s in
                let old = s.file("old.yaml", hostilePolicy)
                return ["diff", withPolicy(s), "--old", old, s.file("ev.yaml", evidenceYAML("P1")), "--output", old]
            }, code: 74, says: ["it is an input of this run"]),
        HostileCase(
            name: "test --junit over the suite it runs",
            setUp: { s in
                _ = withPolicy(s)
                let suite = s.file(
                    "demo.tests.yaml",
                    "suite: 1\npolicy: demo\ncases:\n  - name: one\n    evidence: {evidence: 1, as_of: 2026-10-01, provider: {id: P1}, complaints: 3}\n    expect: {level: 2}\n"
                )
                return ["test", suite, "--policy", s.path("policy.yaml"), "--junit", suite]
            }, code: 74, says: ["it is an input of this run"]),
        HostileCase(
            name: "document notes.md would render over its own input",
            setUp: { s in ["document", s.file("notes.md", hostilePolicy)] }, code: 74,
            says: ["qaf: cannot write ROOT/notes.md: it is an input of this run"]),
        HostileCase(
            name: "document over a folder named like the document",
            setUp: { s in
                s.folder("policy.md")
                return ["document", withPolicy(s)]
            }, code: 74, says: ["it is a folder"]),
        HostileCase(
            name: "document over a read-only document",
            setUp: { s in
                s.file("policy.md", "old\n", mode: 0o444)
                return ["document", withPolicy(s)]
            }, code: 74, says: ["read-only"]),
        HostileCase(
            name: "document writes beside the policy",
            setUp: { s in ["document", withPolicy(s)] }, code: 0, writes: ["policy.md"]),
        HostileCase(
            name: "corpus --output . is the current folder",
            setUp: { _ in ["corpus", "--count", "2", "--output", "."] },
            code: 74, says: ["qaf: cannot write .: it names a folder"]),
        HostileCase(
            name: "evaluate --output an empty path",
            setUp: { s in
                ["evaluate", "--policy", withPolicy(s), s.file("ev.yaml", evidenceYAML("P1")), "--output", ""]
            }, code: 74, says: ["an empty path names no file"]),
    ]

    @Test(arguments: inputs)
    func inputsAreNeverOutputs(_ c: HostileCase) throws { try check(c) }

    /// The shared before-stop hook's check: a folder named as the output survives, whole.
    @Test func aFolderNamedAsTheOutputSurvivesWhole() throws {
        let s = Scene()
        s.file("reports/a.md", "a\n")
        s.file("reports/sub/b.md", "b\n")
        let before = s.snapshot()
        let (code, stdout, stderr) = try runQAF([
            "evaluate", "--policy", path("Policies/salford.yaml"), path("Examples/salford-major.yaml"), "--output",
            s.path("reports"),
        ])
        #expect(code == 74)
        #expect(stdout.isEmpty)
        #expect(
            stderr
                == "qaf: cannot write \(s.path("reports")): it is a folder; qaf writes a report to a file and never over a folder\n"
        )
        #expect(s.snapshot() == before)
    }

    @Test func standardOutputToAFullDeviceIsExit74() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c",
            "'\(qafBinary())' evaluate --policy '\(path("Policies/salford.yaml"))' '\(path("Examples/salford-major.yaml"))' > /dev/full",
        ]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 74)
        #expect(message == "qaf: cannot write standard output: No space left on device\n")
    }

    /// A full disk, as root with a small tmpfs: exit 74, the old report kept, no temporary file left.
    @Test func aFullDiskLeavesTheOldReportAndNoTemporaryFile() throws {
        guard geteuid() == 0 else { return }  // mounting needs root; CI runs as root
        let s = Scene()
        let mountPoint = s.folder("small")
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint]
        mount.standardError = FileHandle.nullDevice
        guard (try? mount.run()) != nil else { return }
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else { return }  // a container without the right to mount
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [mountPoint]
            try? umount.run()
            umount.waitUntilExit()
        }
        s.file("small/market.jsonl", "last month\n")
        let (code, _, stderr) = try runQAF([
            "corpus", "--count", "2000", "--output", s.path("small/market.jsonl"),
        ])
        #expect(code == 74)
        #expect(stderr == "qaf: cannot write \(s.path("small/market.jsonl")): No space left on device\n")
        #expect(s.text("small/market.jsonl") == "last month\n")
        #expect((try FileManager.default.contentsOfDirectory(atPath: mountPoint)) == ["market.jsonl"])
    }

    /// A device node made with mknod, as root: refused like /dev/null.
    @Test func aDeviceNodeInTheSceneIsRefused() throws {
        guard geteuid() == 0 else { return }
        let s = Scene()
        guard mknod(s.path("dev"), S_IFCHR | 0o666, makedev(1, 3)) == 0 else { return }
        let (code, _, stderr) = try runQAF(["corpus", "--count", "1", "--output", s.path("dev")])
        #expect(code == 74)
        #expect(
            stderr
                == "qaf: cannot write \(s.path("dev")): it is a device, not a regular file; qaf writes only regular files\n"
        )
    }
}

private func makedev(_ major: UInt32, _ minor: UInt32) -> dev_t {
    dev_t((major & 0xfff) << 8 | (minor & 0xff) | ((minor & ~0xff) << 12))
}
