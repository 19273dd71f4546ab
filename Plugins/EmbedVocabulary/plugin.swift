import Foundation
import PackagePlugin

/// Embeds `Vocabulary/standard.yaml` in the module that reads it, as a Swift string made at build time, so an
/// installed `qaf` carries the standard vocabulary inside the binary: nothing to find beside it, wherever it is moved.
@main
struct EmbedVocabulary: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let input = context.package.directoryURL.appending(path: "Vocabulary/standard.yaml")
        let output = context.pluginWorkDirectoryURL.appending(path: "StandardVocabularyText.swift")
        return [
            .buildCommand(
                displayName: "Embedding Vocabulary/standard.yaml",
                executable: try context.tool(named: "embed-text").url,
                arguments: [input.path, output.path, "standardVocabularyText"], inputFiles: [input],
                outputFiles: [output])
        ]
    }
}
