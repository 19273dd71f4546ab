"""Reads a SARIF log with two independent readers from PyPI and prints each result as one line:
level|rule|file|line|column|message. sarif-pydantic checks the log against the SARIF 2.1.0 object model;
sarif-tools (Microsoft's) reads the records a code-scanning service would show. Both must agree."""

import sys

from sarif.loader import load_sarif_file
from sarif_pydantic import Sarif

path = sys.argv[1]
log = Sarif.model_validate_json(open(path, encoding="utf-8").read())
assert log.version == "2.1.0", log.version
lines = []
for run in log.runs:
    assert run.tool.driver.name == "qaf"
    rules = {rule.id for rule in run.tool.driver.rules or []}
    for result in run.results or []:
        assert result.rule_id in rules, result.rule_id
        location = result.locations[0].physical_location
        lines.append(
            "|".join(
                [
                    result.level.value,
                    result.rule_id,
                    location.artifact_location.uri,
                    str(location.region.start_line),
                    str(location.region.start_column),
                    result.message.text,
                ]
            )
        )
records = load_sarif_file(path).get_records()
assert [(r["Location"], r["Line"], r["Code"], r["Description"]) for r in records] == [
    (l.split("|")[2], int(l.split("|")[3]), l.split("|")[1], l.split("|", 5)[5]) for l in lines
], records
print("\n".join(lines))
