#!/usr/bin/env python3
"""Baseline: what teams script today. Deep-merge values files with PyYAML
(libyaml's C loader when present) and print JSON.

usage: pyyaml_merge.py FILE...
"""
import json
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def merge(base, over):
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merge(base[key], value)
        else:
            base[key] = value
    return base


def main():
    result = {}
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as fh:
            for doc in yaml.load_all(fh, Loader=Loader):
                if doc:
                    merge(result, doc)
    json.dump(result, sys.stdout, default=str)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
