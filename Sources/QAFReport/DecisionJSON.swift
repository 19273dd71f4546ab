import QAFCompile
import QAFCore
import QAFEvaluate

/// The JSON form of a decision, shared by the JSON and JSON Lines reporters.
public enum DecisionJSON {
    public static func write(_ d: Decision, into w: inout JSONWriter) {
        let p = d.model
        w.object { w in
            w.object("policy") { w in
                w.string("id", p.id)
                w.string("version", p.version)
            }
            w.object("provider") { w in
                w.string("id", d.providerID)
                w.string("name", d.providerName)
            }
            if let origin = d.origin { w.string("evidence", origin.description) }
            w.string("as_of", Day.format(d.asOf))
            w.string("status", d.status.rawValue)
            level("level", d.levelValue, &w)
            level("could_reach", d.couldReachValue, &w)
            w.string("movement", d.movement.rawValue)
            w.string("previous_level", d.previousLevel)
            w.array("warnings") { w in for warning in d.warnings { w.item(warning) } }
            w.array("fired") { w in
                for f in d.fired {
                    let c = p.criteria[f.index]
                    w.object { w in
                        w.string("id", c.id)
                        w.string("title", c.title)
                        w.string("domain", p.domains[c.domain].id)
                        w.string("indicates", p.severities[c.severity])
                        w.string("because", f.because)
                        sources(d.sources(ofCriterion: f.index), &w)
                        w.string("source", c.source)
                    }
                }
            }
            w.array("unassessed") { w in
                for u in d.unassessed {
                    let c = p.criteria[u.index]
                    w.object { w in
                        w.string("id", c.id)
                        w.string("title", c.title)
                        w.string("indicates", p.severities[c.severity])
                        w.array("needs") { w in for n in u.needs { w.item(n) } }
                    }
                }
            }
            w.array("interventions") { w in
                for i in d.interventions {
                    w.object { w in
                        w.string("id", p.interventions[i].id)
                        w.string("text", p.interventions[i].text)
                        w.string("source", p.interventions[i].source)
                    }
                }
            }
            if let review = d.levelValue?.review {
                w.object("review") { w in
                    w.string("by", review.by)
                    w.string("every", review.every)
                }
            } else {
                w.null("review")
            }
            w.array("triggers") { w in
                for t in d.triggers {
                    let trigger = p.triggers[t.index]
                    w.object { w in
                        trigger_(trigger, p, &w)
                        w.string("because", t.because)
                        sources(d.sources(ofTrigger: t.index), &w)
                        w.string("source", trigger.source)
                    }
                }
            }
            w.array("possible_triggers") { w in
                for t in d.possibleTriggers {
                    let trigger = p.triggers[t.index]
                    w.object { w in
                        trigger_(trigger, p, &w)
                        w.array("needs") { w in for n in t.needs { w.item(n) } }
                    }
                }
            }
            w.array("missing_required") { w in for m in d.missingRequired { w.item(m) } }
            w.array("evidence_to_gather") { w in for m in d.evidenceToGather { w.item(m) } }
        }
    }

    /// `evidence_from`: where the evidence the reason quotes came from; only for evidence that carries provenance.
    private static func sources(_ sources: [String], _ w: inout JSONWriter) {
        guard !sources.isEmpty else { return }
        w.array("evidence_from") { w in for s in sources { w.item(s) } }
    }

    private static func trigger_(_ t: PolicyModel.Trigger, _ p: PolicyModel, _ w: inout JSONWriter) {
        w.string("id", t.id)
        w.string("title", t.title)
        w.object("route") { w in
            w.string("id", p.routes[t.route].id)
            w.string("name", p.routes[t.route].name)
        }
        w.string("urgency", t.urgency.rawValue)
    }

    private static func level(_ key: String, _ level: PolicyModel.Level?, _ w: inout JSONWriter) {
        guard let level else {
            w.null(key)
            return
        }
        w.object(key) { w in
            levelID(level.id, &w, key: "id")
            w.string("name", level.name)
            w.string("label", level.label)
        }
    }

    public static func levelID(_ id: LevelID, _ w: inout JSONWriter, key: String?) {
        switch id {
        case .number(let n): w.number(key, n)
        case .word(let s): w.string(key, s)
        }
    }
}
