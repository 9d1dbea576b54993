"""``kalmte coach`` and ``kalmte eval-coach``: thin commands over the reply coach.

kalmte coach [--json] --customer TEXT --draft TEXT [--previous-agent TEXT] [--policy FILE]
kalmte eval-coach [--errors] [--no-gate] FILE.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    command, rest = argv[0], list(argv[1:])
    if command == "coach":
        return _coach(rest)
    if command == "eval-coach":
        return _eval(rest)
    print(f"kalmte: unknown coach command {command!r}", file=sys.stderr)
    return 2


def _parse(parser: argparse.ArgumentParser, args: list[str]) -> argparse.Namespace | None:
    try:
        return parser.parse_args(args)
    except argparse.ArgumentError as exc:
        print(f"{parser.prog}: {exc}", file=sys.stderr)
    except SystemExit as exc:
        if exc.code not in (0, None):
            return None
        raise
    return None


def _coach(args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kalmte coach", exit_on_error=False)
    parser.add_argument("--json", action="store_true", help="print the findings as one JSON line")
    parser.add_argument(
        "--customer",
        action="append",
        required=True,
        metavar="TEXT",
        help="a customer message (repeat, oldest first; the last is answered)",
    )
    parser.add_argument("--draft", required=True, help="the agent's draft, or - for stdin")
    parser.add_argument(
        "--previous-agent",
        action="append",
        default=[],
        metavar="TEXT",
        help="an earlier agent message (repeat)",
    )
    parser.add_argument("--policy", type=Path, help="the shop's policy as a JSON file")
    ns = _parse(parser, args)
    if ns is None:
        return 2
    policy = {}
    if ns.policy:
        try:
            policy = json.loads(ns.policy.read_text("utf-8"))
        except OSError as exc:
            print(f"kalmte coach: cannot read {ns.policy}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        except json.JSONDecodeError as exc:
            print(f"kalmte coach: {ns.policy} is not JSON: {exc.msg}", file=sys.stderr)
            return 2
        if not isinstance(policy, dict):
            print(f"kalmte coach: {ns.policy} must hold a JSON object", file=sys.stderr)
            return 2
    from kalmte.analysis.coach import Conversation, coach

    draft = sys.stdin.read() if ns.draft == "-" else ns.draft
    try:
        findings = coach(draft, Conversation(ns.customer, ns.previous_agent), policy)
    except (TypeError, ValueError) as exc:
        print(f"kalmte coach: {exc}", file=sys.stderr)
        return 2
    if ns.json:
        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False))
    elif not findings:
        print("geen opmerkingen")
    else:
        for f in findings:
            print(f"{f.rule} [{f.start}:{f.end}] {f.text[:60]!r}: {f.explanation}")
    return 0


def _eval(args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kalmte eval-coach", exit_on_error=False)
    parser.add_argument("file", type=Path, help="a labelled coach JSONL file")
    parser.add_argument("--errors", action="store_true", help="also list the rows it got wrong")
    parser.add_argument(
        "--no-gate",
        action="store_true",
        help="score the phrase rules alone, without the learned gate",
    )
    ns = _parse(parser, args)
    if ns is None:
        return 2
    from kalmte.analysis.coach.evaluate import CorpusError, evaluate, load_rows

    try:
        rows = load_rows(ns.file)
    except CorpusError as exc:
        print(f"kalmte eval-coach: {exc}", file=sys.stderr)
        return 2
    report = evaluate(rows, gate=not ns.no_gate)
    summary = report.pop("summary")
    errors = report.pop("errors")
    if ns.errors:
        report["errors"] = errors
    print(json.dumps(report, ensure_ascii=False, indent=2))
    print(summary)
    return 0
