#!/usr/bin/env python3
"""Validate Kalmte corpus files (JSON Lines) against corpus/GUIDELINES.md.

Usage: python3 corpus/validate.py FILE.jsonl [FILE.jsonl ...]

Each line is one row. Analysis rows carry ``text``; coach rows carry ``draft``.
The script checks the JSON, the required keys, the label vocabularies, unique ids
(across all files given), that every span and identifier ``text`` is an exact
substring of the message, and prints per-label counts. Exit status 1 on any error.
Standard library only.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

EMOTIONS = ("anger", "frustration", "distress", "disappointment", "neutral", "positive")
ABUSE = ("insult", "profanity", "threat")
PRESSURE = ("legal", "public")
PROBLEMS = (
    "late_delivery",
    "damaged_or_defective",
    "wrong_item",
    "return_refund",
    "promo_code",
    "payment_checkout",
    "invoice_billing",
    "out_of_stock",
    "website_error",
    "missed_callback",
    "cancellation",
    "staff_complaint",
    "product_question",
    "other",
)
FLAGS = ("needs_certainty", "venting", "suspects_intent")
REGISTERS = ("formal", "informal", "unknown")
IDENTIFIER_KINDS = ("order_number", "email", "postcode", "tracking_code")
RULES = tuple(f"R{n}" for n in range(1, 11))
POLICY_REGISTERS = ("formal", "informal")

ANALYSIS_KEYS = {
    "id",
    "text",
    "emotion",
    "abuse",
    "pressure",
    "problems",
    "flags",
    "register",
    "spans",
    "identifiers",
}
COACH_KEYS = {"id", "customer", "previous_agent", "draft", "policy", "violations"}
POLICY_KEYS = {"delivery_days", "free_shipping_from_eur", "return_days", "refund_days", "register"}
ID_RE = re.compile(r"^[a-z]+-\d{4,}$")


class RowErrors:
    """Collects the problems of one row."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.messages: list[str] = []

    def add(self, message: str) -> None:
        self.messages.append(f"{self.where}: {message}")


def _check_label_list(row: dict, key: str, vocabulary: tuple[str, ...], errors: RowErrors) -> list:
    value = row.get(key)
    if not isinstance(value, list):
        errors.add(f"'{key}' must be a list")
        return []
    for label in value:
        if label not in vocabulary:
            errors.add(f"unknown {key} label {label!r}")
    if len(set(map(str, value))) != len(value):
        errors.add(f"duplicate labels in '{key}'")
    return value


def check_analysis_row(row: dict, errors: RowErrors) -> None:
    missing = ANALYSIS_KEYS - row.keys()
    if missing:
        errors.add(f"missing keys {sorted(missing)}")
        return
    unknown = row.keys() - ANALYSIS_KEYS - {"note"}
    if unknown:
        errors.add(f"unknown keys {sorted(unknown)}")
    text = row["text"]
    if not isinstance(text, str) or not text.strip():
        errors.add("'text' must be a non-empty string")
        return
    if text != text.strip():
        errors.add("'text' has leading or trailing whitespace")
    if row["emotion"] not in EMOTIONS:
        errors.add(f"unknown emotion {row['emotion']!r}")
    if row["register"] not in REGISTERS:
        errors.add(f"unknown register {row['register']!r}")
    abuse = _check_label_list(row, "abuse", ABUSE, errors)
    pressure = _check_label_list(row, "pressure", PRESSURE, errors)
    problems = _check_label_list(row, "problems", PROBLEMS, errors)
    _check_label_list(row, "flags", FLAGS, errors)
    if not problems and row["emotion"] != "positive":
        errors.add("'problems' is empty but the row is not pure thanks/praise")

    spans = row["spans"]
    if not isinstance(spans, list):
        errors.add("'spans' must be a list")
        spans = []
    covered: set[tuple[str, str]] = set()
    for span in spans:
        if not isinstance(span, dict) or set(span.keys()) != {"key", "kind", "text"}:
            errors.add(f"span must be {{key, kind, text}}: {span!r}")
            continue
        key, kind, span_text = span["key"], span["kind"], span["text"]
        labels = {"abuse": abuse, "pressure": pressure}.get(key)
        if labels is None:
            errors.add(f"span key must be 'abuse' or 'pressure': {key!r}")
            continue
        if kind not in labels:
            errors.add(f"span {key}/{kind} has no matching label in '{key}'")
        if not isinstance(span_text, str) or not span_text or span_text not in text:
            errors.add(f"span text {span_text!r} is not a substring of the text")
        covered.add((key, kind))
    for key, labels in (("abuse", abuse), ("pressure", pressure)):
        for kind in labels:
            if (key, kind) not in covered:
                errors.add(f"{key} label {kind!r} has no span")

    identifiers = row["identifiers"]
    if not isinstance(identifiers, list):
        errors.add("'identifiers' must be a list")
        identifiers = []
    for ident in identifiers:
        if not isinstance(ident, dict) or set(ident.keys()) != {"kind", "text"}:
            errors.add(f"identifier must be {{kind, text}}: {ident!r}")
            continue
        if ident["kind"] not in IDENTIFIER_KINDS:
            errors.add(f"unknown identifier kind {ident['kind']!r}")
        if not isinstance(ident["text"], str) or not ident["text"] or ident["text"] not in text:
            errors.add(f"identifier text {ident['text']!r} is not a substring of the text")
    if "note" in row and not isinstance(row["note"], str):
        errors.add("'note' must be a string")


def check_coach_row(row: dict, errors: RowErrors) -> None:
    missing = COACH_KEYS - row.keys()
    if missing:
        errors.add(f"missing keys {sorted(missing)}")
        return
    unknown = row.keys() - COACH_KEYS - {"note"}
    if unknown:
        errors.add(f"unknown keys {sorted(unknown)}")
    for key in ("customer", "draft"):
        if not isinstance(row[key], str) or not row[key].strip():
            errors.add(f"'{key}' must be a non-empty string")
    previous = row["previous_agent"]
    if previous is not None and (not isinstance(previous, str) or not previous.strip()):
        errors.add("'previous_agent' must be null or a non-empty string")
    _check_label_list(row, "violations", RULES, errors)
    policy = row["policy"]
    if not isinstance(policy, dict):
        errors.add("'policy' must be an object")
        return
    if set(policy.keys()) != POLICY_KEYS:
        errors.add(f"policy keys must be {sorted(POLICY_KEYS)}")
        return
    days = policy["delivery_days"]
    if (
        not isinstance(days, list)
        or len(days) != 2
        or not all(isinstance(d, int) and d >= 0 for d in days)
        or days[0] > days[1]
    ):
        errors.add(f"policy delivery_days must be [min, max] with min <= max: {days!r}")
    free = policy["free_shipping_from_eur"]
    if free is not None and (not isinstance(free, (int, float)) or free < 0):
        errors.add("policy free_shipping_from_eur must be a non-negative number or null")
    for key in ("return_days", "refund_days"):
        if not isinstance(policy[key], int) or policy[key] <= 0:
            errors.add(f"policy {key} must be a positive integer")
    if policy["register"] not in POLICY_REGISTERS:
        errors.add(f"policy register must be formal or informal: {policy['register']!r}")
    if "note" in row and not isinstance(row["note"], str):
        errors.add("'note' must be a string")


def _print_counter(title: str, counter: Counter, order: tuple[str, ...]) -> None:
    counts = ", ".join(f"{label} {counter.get(label, 0)}" for label in order)
    print(f"  {title}: {counts}")


def report_analysis(rows: list[dict]) -> None:
    emotion = Counter(r["emotion"] for r in rows)
    register = Counter(r["register"] for r in rows)
    abuse = Counter(k for r in rows for k in r["abuse"])
    pressure = Counter(k for r in rows for k in r["pressure"])
    problems = Counter(k for r in rows for k in r["problems"])
    flags = Counter(k for r in rows for k in r["flags"])
    idents = Counter(i["kind"] for r in rows for i in r["identifiers"])
    words = sorted(len(r["text"].split()) for r in rows)
    print(f"analysis rows: {len(rows)}")
    _print_counter("emotion", emotion, EMOTIONS)
    _print_counter("abuse", abuse, ABUSE)
    _print_counter("pressure", pressure, PRESSURE)
    _print_counter("problems", problems, PROBLEMS)
    _print_counter("flags", flags, FLAGS)
    _print_counter("register", register, REGISTERS)
    _print_counter("identifiers", idents, IDENTIFIER_KINDS)
    no_abuse = sum(1 for r in rows if not r["abuse"])
    hard = sum(1 for r in rows if not r["abuse"] and "hard negative" in r.get("note", "").lower())
    flemish = sum(1 for r in rows if "flemish" in r.get("note", "").lower())
    print(f"  rows without abuse:      {no_abuse}")
    print(f"  hard negatives (noted):  {hard}")
    print(f"  Flemish (noted):         {flemish}")
    if words:
        print(
            f"  words per text: min {words[0]}, median {words[len(words) // 2]}, "
            f"max {words[-1]}; <=10 words: {sum(w <= 10 for w in words)}, "
            f">=100 words: {sum(w >= 100 for w in words)}"
        )


def report_coach(rows: list[dict]) -> None:
    violations = Counter(v for r in rows for v in r["violations"])
    good = sum(1 for r in rows if not r["violations"])
    register = Counter(r["policy"]["register"] for r in rows)
    with_previous = sum(1 for r in rows if r["previous_agent"])
    print(f"coach rows: {len(rows)}")
    print(f"  good drafts (no violation): {good} ({good / len(rows):.0%})")
    _print_counter("violations", violations, RULES)
    _print_counter("policy register", register, POLICY_REGISTERS)
    print(f"  rows with previous_agent:   {with_previous}")


def validate(paths: list[Path]) -> int:
    errors: list[str] = []
    seen_ids: dict[str, str] = {}
    for path in paths:
        analysis_rows: list[dict] = []
        coach_rows: list[dict] = []
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(f"{path}: cannot read: {exc}")
            continue
        for number, line in enumerate(lines, start=1):
            where = f"{path}:{number}"
            if not line.strip():
                errors.append(f"{where}: empty line")
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{where}: invalid JSON: {exc}")
                continue
            if not isinstance(row, dict):
                errors.append(f"{where}: a row must be a JSON object")
                continue
            row_errors = RowErrors(f"{where} ({row.get('id', '?')})")
            row_id = row.get("id")
            if not isinstance(row_id, str) or not ID_RE.match(row_id):
                row_errors.add(f"bad id {row_id!r} (expected like tr-0001)")
            elif row_id in seen_ids:
                row_errors.add(f"duplicate id, first seen at {seen_ids[row_id]}")
            else:
                seen_ids[row_id] = where
            if "text" in row:
                check_analysis_row(row, row_errors)
                target = analysis_rows
            elif "draft" in row:
                check_coach_row(row, row_errors)
                target = coach_rows
            else:
                row_errors.add("neither an analysis row ('text') nor a coach row ('draft')")
                target = None
            errors.extend(row_errors.messages)
            if target is not None and not row_errors.messages:
                target.append(row)
        print(f"== {path}")
        if analysis_rows:
            report_analysis(analysis_rows)
        if coach_rows:
            report_coach(coach_rows)
    for message in errors:
        print(f"ERROR {message}", file=sys.stderr)
    print(f"{len(errors)} error(s)")
    return 1 if errors else 0


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    return validate([Path(arg) for arg in argv])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
