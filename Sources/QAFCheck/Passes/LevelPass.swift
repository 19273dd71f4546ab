import QAFCore
import QAFLoad

/// The policy's levels as an order: each id to its ordinal, 0 for the fallback and the most serious highest.
/// Both are nil for a trigger-led policy, which has no levels.
package struct LevelOrder: Sendable {
    /// For `level` in a trigger's condition; a repeated id takes its last ordinal.
    package var decided: [LevelID: Int]?
    /// For `previous.level` in level and trigger conditions; a repeated id keeps its first ordinal.
    package var previous: [LevelID: Int]?
}

/// Pass 3, levels: levels are tried in order and the first that holds is the level, so the last, and only the
/// last, is the fallback (`otherwise: true`).
package struct LevelPass {
    package static let name = "levels"

    package init() {}

    package func run(_ policy: PolicySyntax, into diagnostics: inout Diagnostics) -> LevelOrder {
        let levels = policy.levels
        guard !levels.isEmpty else { return LevelOrder(decided: nil, previous: nil) }
        var decided: [LevelID: Int] = [:]
        var previous: [LevelID: Int] = [:]
        for (position, level) in levels.enumerated() {
            let ordinal = levels.count - 1 - position
            decided[level.id.value] = ordinal
            if previous[level.id.value] == nil { previous[level.id.value] = ordinal }
            let isLast = position == levels.count - 1
            if level.otherwise, !isLast {
                diagnostics.append(
                    Diagnostic(
                        "only the last level may be 'otherwise: true'; levels are tried in order and the first that holds is the level",
                        at: level.location))
            }
            if isLast, !level.otherwise {
                diagnostics.append(
                    Diagnostic(
                        "the last level must be 'otherwise: true' (the level when no other holds)", at: level.location))
            }
        }
        return LevelOrder(decided: decided, previous: previous)
    }
}
