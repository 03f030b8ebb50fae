#!/usr/bin/env python3
"""Prints the conformance cases whose normalised results differ between servers (reads target/conformance/results.json)."""
import json, sys
path = sys.argv[1] if len(sys.argv) > 1 else "local/dynamodb/target/conformance/results.json"
only = sys.argv[2] if len(sys.argv) > 2 else ""
results = json.load(open(path))
for case, by_server in results.items():
    if only and only not in case:
        continue
    values = {json.dumps(v, sort_keys=True) for v in by_server.values()}
    if len(values) > 1:
        print("==", case)
        for server, value in by_server.items():
            print("  ", server, json.dumps(value, sort_keys=True)[:1500])
