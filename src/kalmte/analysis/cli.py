"""``kalmte analyze|eval|coach|eval-coach``: thin commands over the analysis library.

kalmte analyze [--json] [--context TEXT ...] TEXT|-
kalmte eval [--errors] FILE.jsonl
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path
from typing import Any

COACH_COMMANDS = {"coach", "eval-coach"}


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: kalmte {analyze,eval,coach,eval-coach} ...", file=sys.stderr)
        return 2
    command, rest = argv[0], list(argv[1:])
    if command in COACH_COMMANDS:
        return _coach(argv)
    if command == "analyze":
        return _analyze(rest)
    if command == "eval":
        return _eval(rest)
    print(f"kalmte: unknown analysis command {command!r}", file=sys.stderr)
    return 2


def _coach(argv: list[str]) -> int:
    try:
        module = importlib.import_module("kalmte.analysis.coach.cli")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("kalmte.analysis.coach"):
            print(
                f"kalmte {argv[0]}: the reply coach is not installed (kalmte.analysis.coach is missing)",
                file=sys.stderr,
            )
            return 2
        raise
    return int(module.main(argv))


def _parser(prog: str) -> argparse.ArgumentParser:
    return argparse.ArgumentParser(prog=f"kalmte {prog}", exit_on_error=False)


def _parse(parser: argparse.ArgumentParser, args: list[str]) -> argparse.Namespace | None:
    try:
        return parser.parse_args(args)
    except argparse.ArgumentError as exc:
        print(f"{parser.prog}: {exc}", file=sys.stderr)
    except SystemExit as exc:  # --help, or a missing argument
        if exc.code not in (0, None):
            return None
        raise
    return None


def _analyze(args: list[str]) -> int:
    parser = _parser("analyze")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON line")
    parser.add_argument(
        "--context",
        action="append",
        default=[],
        metavar="TEXT",
        help="an earlier message of the conversation (repeat, oldest first)",
    )
    parser.add_argument("text", help="the customer message, or - to read it from stdin")
    ns = _parse(parser, args)
    if ns is None:
        return 2
    text = sys.stdin.read() if ns.text == "-" else ns.text
    if not text.strip():
        print("kalmte analyze: the text is empty", file=sys.stderr)
        return 2
    from kalmte.analysis import analyze

    try:
        result = analyze(text, ns.context or None)
    except (TypeError, ValueError) as exc:
        print(f"kalmte analyze: {exc}", file=sys.stderr)
        return 2
    data = result.to_dict()
    if ns.json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        print(_human(data))
    return 0


def _human(data: dict[str, Any]) -> str:
    e = data["emotion"]
    lines = [
        f"emotion:  {e['label']} (intensity {e['intensity']:.2f})",
        f"register: {data['register']}",
    ]
    for key in ("abuse", "pressure"):
        for f in data[key]:
            lines.append(
                f"{key}:    {f['kind']} [{f['start']}:{f['end']}] {f['text']!r} — {f['reason']}"
            )
    for p in data["problems"]:
        lines.append(
            f"problem:  {p['label']} [{p['start']}:{p['end']}] {p['text'][:60]!r} — {p['reason']}"
        )
    for f in data["flags"]:
        lines.append(f"flag:     {f['label']} — {f['reason']}")
    for i in data["identifiers"]:
        lines.append(f"id:       {i['kind']} {i['text']!r}")
    if data.get("trend"):
        t = data["trend"]
        lines.append(f"trend:    {t['direction']} ({' → '.join(t['labels'])})")
    return "\n".join(lines)


def _eval(args: list[str]) -> int:
    parser = _parser("eval")
    parser.add_argument("file", type=Path, help="a labelled JSONL file (corpus/GUIDELINES.md)")
    parser.add_argument(
        "--errors", action="store_true", help="also list the rows with a wrong prediction"
    )
    ns = _parse(parser, args)
    if ns is None:
        return 2
    from kalmte.analysis import analyze
    from kalmte.analysis.evaluate import CorpusError, evaluate, load_rows

    try:
        rows = load_rows(ns.file)
    except CorpusError as exc:
        print(f"kalmte eval: {exc}", file=sys.stderr)
        return 2
    report = evaluate(rows, analyze)
    summary = report.pop("summary")
    errors = report.pop("errors")
    if ns.errors:
        report["errors"] = errors
    print(json.dumps(report, ensure_ascii=False, indent=2))
    print(summary)
    return 0
