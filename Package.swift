// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "qaf",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "qaf", targets: ["qaf"]),
        .library(name: "QAFEvaluate", targets: ["QAFEvaluate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    ],
    targets: [
        // Shared vocabulary: diagnostics, the evidence schema, values.
        .target(name: "QAFCore"),
        // Stage 1: YAML/JSON text → policy syntax tree and evidence records, with source marks; the standard evidence
        // vocabulary (Vocabulary/standard.yaml, embedded at build time) and the fields policies declare.
        .target(
            name: "QAFLoad", dependencies: ["QAFCore", .product(name: "Yams", package: "Yams")],
            plugins: ["EmbedVocabulary"]),
        // Writes a text file as a Swift string, so the binary carries Vocabulary/standard.yaml wherever it is installed.
        .executableTarget(name: "embed-text"),
        .plugin(name: "EmbedVocabulary", capability: .buildTool(), dependencies: ["embed-text"]),
        // Stage 2: names, types and references checked against the evidence schema.
        .target(name: "QAFCheck", dependencies: ["QAFCore", "QAFLoad"]),
        // Stage 3: a checked policy lowered to a flat program.
        .target(name: "QAFCompile", dependencies: ["QAFCore", "QAFLoad", "QAFCheck"]),
        // Stage 4: a compiled policy applied to evidence gives a decision.
        .target(name: "QAFEvaluate", dependencies: ["QAFCore", "QAFCompile"]),
        // Stage 5: decisions rendered as text, JSON, Markdown and HTML papers.
        .target(
            name: "QAFReport",
            dependencies: [
                "QAFCore", "QAFCompile", "QAFEvaluate", .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Made-up, realistic evidence from a seed, for benchmarks and replays (qaf corpus).
        .target(name: "QAFCorpus", dependencies: ["QAFCore", "QAFLoad"]),
        // The impact of a policy change on a corpus (qaf diff): both versions on the batch runner, decisions compared,
        // the policy changes in words, the impact paper and JSON.
        .target(
            name: "QAFImpact", dependencies: ["QAFCore", "QAFCompile", "QAFEvaluate", "QAFReport", "QAFBatch"]),
        // Fixture suites: expected decisions, run against a policy (qaf test).
        .target(
            name: "QAFTesting",
            dependencies: [
                "QAFCore", "QAFLoad", "QAFCheck", "QAFCompile", "QAFEvaluate",
                .product(name: "Yams", package: "Yams"),
            ]),
        // Batches: evidence streamed from folders, JSON Lines and CSV, evaluated on every core, written in order.
        .target(name: "QAFBatch", dependencies: ["QAFCore", "QAFLoad", "QAFCompile", "QAFEvaluate", "QAFReport"]),
        // The one file checker behind qaf validate and qaf lsp, and problems as text, JSON, SARIF and GitHub commands.
        .target(
            name: "QAFValidate",
            dependencies: [
                "QAFCore", "QAFLoad", "QAFCompile", "QAFEvaluate", "QAFReport", "QAFTesting", "QAFBatch",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Yams", package: "Yams"),
            ]),
        // qaf lsp: the Language Server Protocol over standard input and output, on the QAFValidate checker.
        .target(
            name: "QAFLanguageServer",
            dependencies: ["QAFCore", "QAFLoad", "QAFReport", "QAFValidate", "QAFTesting"]),
        // Evidence gathered from CQC's API responses and the authority's own records (qaf gather).
        .target(
            name: "QAFGather",
            dependencies: [
                "QAFCore", "QAFLoad", "QAFBatch", "QAFReport", .product(name: "Yams", package: "Yams"),
            ]),
        .executableTarget(
            name: "qaf",
            dependencies: [
                "QAFCore", "QAFLoad", "QAFCheck", "QAFCompile", "QAFEvaluate", "QAFReport", "QAFTesting", "QAFBatch",
                "QAFGather", "QAFCorpus", "QAFValidate", "QAFLanguageServer", "QAFImpact",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Evaluation throughput with parsing excluded (Scripts/bench.sh runs it beside the end-to-end figures).
        .executableTarget(
            name: "qaf-bench", dependencies: ["QAFCore", "QAFLoad", "QAFCompile", "QAFEvaluate"]),
        // Fuzzing the policy loader, checker and compiler: libFuzzer with -DQAF_LIBFUZZER (README), else a replayer.
        .executableTarget(
            name: "qaf-fuzz", dependencies: ["QAFCore", "QAFLoad", "QAFCompile", "QAFEvaluate"]),
        .testTarget(
            name: "QAFTests",
            dependencies: [
                "QAFCore", "QAFLoad", "QAFCheck", "QAFCompile", "QAFEvaluate", "QAFReport", "QAFTesting", "QAFBatch",
                "QAFGather", "QAFCorpus", "QAFValidate", "QAFImpact", .product(name: "Yams", package: "Yams"),
            ]),
    ]
)
