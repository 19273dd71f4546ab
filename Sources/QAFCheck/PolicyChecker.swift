import QAFCore
import QAFLoad

/// Checks a policy as written: unique ids, references to defined domains, severities, parameters, interventions,
/// routes and levels, and every expression typed against the evidence schema. All errors are collected.
public struct PolicyChecker {
    public let schema: EvidenceSchema

    public init(schema: EvidenceSchema = .standard) { self.schema = schema }

    public func check(_ p: PolicySyntax) -> Result<CheckedPolicy, Diagnostics> {
        var diagnostics = Diagnostics()
        func error(_ message: String, _ location: SourceLocation) {
            diagnostics.append(Diagnostic(message, at: location))
        }
        func unique(_ ids: [Located<String>], _ what: String) -> [String: Int] {
            var index: [String: Int] = [:]
            for (i, id) in ids.enumerated() {
                if index[id.value] != nil {
                    error("\(what) '\(id.value)' is defined twice", id.location)
                } else {
                    index[id.value] = i
                }
            }
            return index
        }
        func reference(_ id: Located<String>, in table: [String: Int], _ what: String) -> Int? {
            if let i = table[id.value] { return i }
            error(
                "undefined \(what) '\(id.value)'" + NearestName.hint(id.value, among: table.keys.sorted()), id.location)
            return nil
        }

        let severities = unique(p.severities, "severity")
        let domains = unique(p.domains.map(\.id), "domain")
        let interventions = unique(p.interventions.map(\.id), "intervention")
        let routes = unique(p.routes.map(\.id), "route")
        let criteriaIndex = unique(p.criteria.map(\.id), "criterion")
        _ = unique(p.triggers.map(\.id), "trigger")
        _ = unique(p.parameters.map(\.name), "parameter")
        if p.severities.isEmpty { error("'severities' must name at least one severity", p.id.location) }

        var scope = Scope()
        for parameter in p.parameters {
            if schema.scalars[parameter.name.value] != nil || schema.lists[parameter.name.value] != nil
                || schema.allPaths.contains(where: { $0.hasPrefix(parameter.name.value + ".") })
            {
                error(
                    "parameter '\(parameter.name.value)' has the name of an evidence field; choose another name",
                    parameter.name.location)
            }
            scope.parameters[parameter.name.value] = parameter.value.value
        }

        var thresholds: [CheckedPolicy.OwnedThreshold] = []
        func expression(_ span: SourceSpan, _ scope: Scope, owner: String) -> (TypedExpression, [String], [String])? {
            do {
                let syntax = try ExpressionParser.parse(span)
                var checker = ExpressionChecker(schema: schema, scope: scope, span: span)
                checker.criterionSeverities = Set(severities.keys)
                let typed = checker.condition(syntax)
                diagnostics.append(contentsOf: checker.diagnostics)
                thresholds += checker.thresholds.map { .init(owner: owner, threshold: $0) }
                var fields = checker.fieldsRead
                for index in checker.criteriaRead {
                    for field in criteriaFields[index] where !fields.contains(field) { fields.append(field) }
                }
                return typed.map { ($0, fields, checker.decisionInputs) }
            } catch {
                diagnostics.append(error)
                return nil
            }
        }
        func template(_ span: SourceSpan, _ scope: Scope) -> TypedTemplate? {
            do {
                let syntax = try ExpressionParser.parseTemplate(span)
                var checker = ExpressionChecker(schema: schema, scope: scope, span: span)
                var parts: [TypedTemplate.Part] = []
                for part in syntax.parts {
                    switch part {
                    case .text(let t): parts.append(.text(t))
                    case .placeholder(let e):
                        if let (typed, type) = checker.value(e) { parts.append(.value(typed, type)) }
                    }
                }
                diagnostics.append(contentsOf: checker.diagnostics)
                return TypedTemplate(parts: parts)
            } catch {
                diagnostics.append(error)
                return nil
            }
        }

        var criteria: [CheckedPolicy.Criterion] = []
        var criteriaFields = Array(repeating: [String](), count: p.criteria.count)
        for (position, c) in p.criteria.enumerated() {
            let domain = c.domain.flatMap { reference($0, in: domains, "domain") }
            let severity = c.indicates.flatMap { reference($0, in: severities, "severity") }
            let when = c.when.flatMap { expression($0, scope, owner: "criterion \(c.id.value)") }
            criteriaFields[position] = when?.1 ?? []
            let because = c.because.flatMap { template($0, scope) }
            checkSource(c.source, c.id, &diagnostics)
            guard let domain, let severity, let when, let because else { continue }
            criteria.append(
                CheckedPolicy.Criterion(
                    id: c.id.value, title: c.title, domain: domain, severity: severity, when: when.0,
                    whenText: c.when?.text ?? "",
                    because: because, source: c.source, note: c.note, fields: when.1, location: c.id.location))
        }

        var levelScope = scope
        levelScope.criteria = criteriaIndex
        levelScope.severities = severities
        if !p.levels.isEmpty {
            var ids: [LevelID: Int] = [:]
            for (i, level) in p.levels.enumerated() where ids[level.id.value] == nil {
                ids[level.id.value] = p.levels.count - 1 - i
            }
            levelScope.previousLevels = ids
        }
        var levels: [CheckedPolicy.Level] = []
        var levelIDs: [LevelID: Int] = [:]
        for (i, level) in p.levels.enumerated() {
            if levelIDs[level.id.value] != nil {
                error("level '\(level.id.value)' is defined twice", level.id.location)
            }
            levelIDs[level.id.value] = p.levels.count - 1 - i
            let isLast = i == p.levels.count - 1
            if level.otherwise, !isLast {
                error(
                    "only the last level may be 'otherwise: true'; levels are tried in order and the first that holds is the level",
                    level.location)
            }
            if isLast, !level.otherwise {
                error("the last level must be 'otherwise: true' (the level when no other holds)", level.location)
            }
            let when = level.when.flatMap { expression($0, levelScope, owner: "level \(level.id.value)") }
            let refs = level.interventions.compactMap { reference($0, in: interventions, "intervention") }
            levels.append(
                CheckedPolicy.Level(
                    id: level.id.value, name: level.name, label: level.label, when: when?.0, whenText: level.when?.text,
                    interventions: refs, review: level.review, source: level.source))
        }

        var triggerScope = levelScope
        if !p.levels.isEmpty { triggerScope.levels = levelIDs }
        var triggers: [CheckedPolicy.Trigger] = []
        for t in p.triggers {
            let route = t.route.flatMap { reference($0, in: routes, "route") }
            let when = t.when.flatMap { expression($0, triggerScope, owner: "trigger \(t.id.value)") }
            let because = t.because.flatMap { template($0, triggerScope) }
            let refs = t.interventions.compactMap { reference($0, in: interventions, "intervention") }
            checkSource(t.source, t.id, &diagnostics)
            guard let route, let when else { continue }
            triggers.append(
                CheckedPolicy.Trigger(
                    id: t.id.value, title: t.title, when: when.0, whenText: t.when?.text ?? "", route: route,
                    urgency: t.urgency,
                    interventions: refs, because: because, source: t.source, fields: when.1, inputs: when.2))
        }

        var requires: [String] = []
        for path in p.requires {
            if schema.scalars[path.value] != nil || schema.lists[path.value] != nil {
                requires.append(path.value)
            } else {
                error(
                    "'requires' names an unknown evidence field '\(path.value)'"
                        + NearestName.hint(path.value, among: schema.allPaths), path.location)
            }
        }

        if diagnostics.hasErrors { return .failure(diagnostics) }
        return .success(
            CheckedPolicy(
                file: p.file, id: p.id.value, authority: p.authority, title: p.title, version: p.version,
                source: p.source.value, notes: p.notes, severities: p.severities.map(\.value),
                domains: p.domains.map { .init(id: $0.id.value, name: $0.name) },
                parameters: p.parameters.map {
                    .init(name: $0.name.value, value: $0.value.value, means: $0.means, source: $0.source)
                },
                interventions: p.interventions.map { .init(id: $0.id.value, text: $0.text, source: $0.source) },
                routes: p.routes.map { .init(id: $0.id.value, name: $0.name, source: $0.source) },
                criteria: criteria, levels: levels, triggers: triggers, requires: requires, thresholds: thresholds))
    }

    /// A citation names a section; a path to a file on some machine is never a citation.
    private func checkSource(_ source: String, _ id: Located<String>, _ diagnostics: inout Diagnostics) {
        let tokens = source.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" })
        if tokens.contains(where: { $0.contains("/") && $0.hasSuffix(".txt") }) {
            diagnostics.append(
                Diagnostic("'\(id.value)' cites a path; cite the seed file by name and section", at: id.location))
        }
    }
}
