#!/usr/bin/env python3
"""Triage helper for the DynamoDB conformance suite.

Prints every case whose normalised results differ between servers, from the results.json the suite writes:
    .ci/conformance-diff.py [results.json] [case-substring] [width]
Run the suite with -Dconformance.keepMessages=true to see the error messages too.
"""
import json
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "local/dynamodb/target/conformance/results.json"
only = sys.argv[2] if len(sys.argv) > 2 else ""
width = int(sys.argv[3]) if len(sys.argv) > 3 else 300


def short(result):
    if "error" in result:
        return "ERROR " + json.dumps(result["error"], sort_keys=True)[:width]
    return "OK    " + json.dumps(result.get("response"), sort_keys=True)[:width]


for case, by_server in json.load(open(path)).items():
    if only not in case:
        continue
    if len({json.dumps(value, sort_keys=True) for value in by_server.values()}) > 1:
        print(case)
        for server, value in by_server.items():
            print("   %-9s %s" % (server, short(value)))
