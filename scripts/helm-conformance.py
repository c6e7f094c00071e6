#!/usr/bin/env python3
"""Run the Helm values conformance cases against the strata CLI.

Each case is a folder under tests/data/helm-conformance/cases with a case.json
and the input files it names. In the case folder this runs

    strata render [--helm 3] [--chart-values F] -f A -f B ... --set X ...
        --set-string X ... --set-json X ... --set-file X ... --set-literal X ... -o json

and compares stdout, as data, with expected.json, or requires a non-zero exit
where the case has expected.error. With --helm 3, expected-helm3.json /
expected-helm3.error take precedence where a case has them.

Comparison: maps need the same keys, lists the same items in order, strings
equal strings, booleans only booleans, null only null. An integer in
expected.json must be matched exactly in value (1.0 matches 1; a float64
neighbour of a big integer does not); a number written with a fraction or an
exponent is a float64 and matches any number that rounds to the same float64.

Usage: scripts/helm-conformance.py [--helm 3|4] [--strata BIN] [--cases DIR] [FILTER]
  FILTER  only cases whose folder name contains it
Prints one FAIL line per mismatch and ends with
  helm conformance[ (helm 3)]: P/N cases match
Exits 0 only when every selected case matches (and at least one ran).
Standard library only.
"""

import argparse
import json
import os
import subprocess
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ["set", "set_string", "set_json", "set_file", "set_literal"]
TIMEOUT_SECONDS = 20


class Number:
    """A JSON number kept as written, so integers and floats compare as Helm's do."""

    def __init__(self, text):
        self.text = text
        self.is_float = any(c in text for c in ".eE")

    def exact(self):
        try:
            return Decimal(self.text)
        except InvalidOperation:
            return None

    def __repr__(self):
        return self.text


def load_json(text):
    # Numbers stay text; duplicate keys are an error (strata must not print them).
    def pairs(items):
        result = {}
        for key, value in items:
            if key in result:
                raise ValueError(f"duplicate key {key!r}")
            result[key] = value
        return result

    return json.loads(
        text,
        parse_int=Number,
        parse_float=Number,
        object_pairs_hook=pairs,
    )


def numbers_match(expected, actual):
    if expected.is_float:
        try:
            return float(expected.text) == float(actual.text)
        except (ValueError, OverflowError):
            return False
    want, got = expected.exact(), actual.exact()
    return want is not None and got is not None and want == got


def compare(expected, actual, path="$"):
    """None when equal, else a short reason naming the first difference."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"{path}: expected a map, got {describe(actual)}"
        missing = [k for k in expected if k not in actual]
        extra = [k for k in actual if k not in expected]
        if missing or extra:
            return f"{path}: keys differ (missing {missing}, unexpected {extra})"
        for key in expected:
            reason = compare(expected[key], actual[key], f"{path}.{key}")
            if reason:
                return reason
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return f"{path}: expected a list, got {describe(actual)}"
        if len(expected) != len(actual):
            return f"{path}: expected {len(expected)} items, got {len(actual)}"
        for index, (e, a) in enumerate(zip(expected, actual)):
            reason = compare(e, a, f"{path}[{index}]")
            if reason:
                return reason
        return None
    if isinstance(expected, Number):
        if not isinstance(actual, Number) or not numbers_match(expected, actual):
            return f"{path}: expected {expected!r}, got {describe(actual)}"
        return None
    if isinstance(expected, bool) or expected is None or isinstance(expected, str):
        # `type(...) is` so that True never equals a number and "1" never equals 1.
        if type(actual) is not type(expected) or actual != expected:
            return f"{path}: expected {json.dumps(expected)}, got {describe(actual)}"
        return None
    return f"{path}: unexpected value in expected.json: {expected!r}"


def describe(value):
    if isinstance(value, Number):
        return repr(value)
    if isinstance(value, dict):
        return "a map"
    if isinstance(value, list):
        return "a list"
    text = json.dumps(value)
    return text if len(text) < 60 else text[:57] + "..."


def command(strata, case, helm):
    words = [str(strata), "render"]
    if helm == "3":
        words += ["--helm", "3"]
    if case.get("chart_values"):
        words += ["--chart-values", case["chart_values"]]
    for name in case.get("values", []):
        words += ["-f", name]
    for kind in KINDS:
        flag = "--" + kind.replace("_", "-")
        for argument in case.get(kind, []):
            words += [flag, argument]
    return words + ["-o", "json"]


def expected_files(folder, helm):
    stems = ["expected-helm3", "expected"] if helm == "3" else ["expected"]
    for stem in stems:
        for suffix in (".json", ".error"):
            path = folder / (stem + suffix)
            if path.exists():
                return path
    return None


def run_case(strata, folder, helm):
    """None when the case matches, else the reason it does not."""
    case = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    expected = expected_files(folder, helm)
    if expected is None:
        return "no expected.json or expected.error"
    try:
        done = subprocess.run(
            command(strata, case, helm),
            cwd=folder,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired:
        return f"timed out after {TIMEOUT_SECONDS} s"
    stderr = done.stderr.decode("utf-8", "replace").strip().splitlines()
    first_error = stderr[0] if stderr else "(no stderr)"
    if expected.suffix == ".error":
        if done.returncode == 0:
            return f"expected an error ({expected.read_text(encoding='utf-8').strip()}), got exit 0"
        if done.returncode < 0:
            return f"killed by signal {-done.returncode}"
        return None
    if done.returncode != 0:
        return f"exit {done.returncode}: {first_error}"
    try:
        actual = load_json(done.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        return f"stdout is not one JSON document: {error}"
    return compare(load_json(expected.read_text(encoding="utf-8")), actual)


def find_strata(given):
    if given:
        return Path(given).resolve()
    if os.environ.get("STRATA_BIN"):
        return Path(os.environ["STRATA_BIN"]).resolve()
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    if not target.is_absolute():
        target = ROOT / target
    binary = target / "release" / "strata"
    if not binary.exists():
        print("building the release CLI (cargo build --release -p strata-cli)", file=sys.stderr)
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "strata-cli"], cwd=ROOT, check=True)
    return binary


def main():
    parser = argparse.ArgumentParser(description="Run the Helm values conformance cases against strata.")
    parser.add_argument("--helm", choices=["3", "4"], default="4")
    parser.add_argument("--strata", help="the strata binary (default: $STRATA_BIN, else target/release/strata)")
    parser.add_argument("--cases", default=str(ROOT / "tests/data/helm-conformance/cases"))
    parser.add_argument("filter", nargs="?", default="")
    args = parser.parse_args()

    cases_dir = Path(args.cases)
    folders = sorted(
        p for p in cases_dir.iterdir() if p.is_dir() and (p / "case.json").exists() and args.filter in p.name
    ) if cases_dir.is_dir() else []
    label = "helm conformance (helm 3)" if args.helm == "3" else "helm conformance"
    if not folders:
        print(f"{label}: no cases found in {cases_dir}" + (f" matching {args.filter!r}" if args.filter else ""))
        return 1

    strata = find_strata(args.strata)
    passed = 0
    for folder in folders:
        reason = run_case(strata, folder, args.helm)
        if reason is None:
            passed += 1
        else:
            print(f"FAIL {folder.name}: {reason}")
    print(f"{label}: {passed}/{len(folders)} cases match")
    return 0 if passed == len(folders) else 1


if __name__ == "__main__":
    sys.exit(main())
