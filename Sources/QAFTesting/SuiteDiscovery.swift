import Foundation
import QAFCore

/// Finds fixture suites and the policies they test.
public enum SuiteDiscovery {
    /// Suite files under the paths (files as given, folders searched for `*.tests.yaml`, recursively);
    /// with no paths, `Policies/tests`.
    public static func suites(in paths: [String]) -> [String] {
        let roots = paths.isEmpty ? ["Policies/tests"] : paths
        return roots.flatMap { root -> [String] in
            guard FileText.isDirectory(root) else { return [root] }
            return FileText.walk([root], extensions: ["yaml", "yml"]).files.filter {
                $0.hasSuffix(".tests.yaml") || $0.hasSuffix(".tests.yml")
            }
        }
    }

    /// Where to look for a suite's policy when none is named: the suite's folder and the folder above it.
    public static func policyFolders(for suite: String) -> [String] {
        let folder = (suite as NSString).deletingLastPathComponent
        let parent = (folder as NSString).deletingLastPathComponent
        return [folder.isEmpty ? "." : folder, parent.isEmpty ? "." : parent]
    }
}
