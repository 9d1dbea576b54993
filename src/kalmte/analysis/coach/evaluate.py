"""Score the coach against labelled drafts (corpus/GUIDELINES.md, "Coach rows")."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from kalmte.analysis.coach.core import coach
from kalmte.analysis.coach.types import RULES, Conversation, Finding


class CorpusError(ValueError):
    """A coach corpus file that cannot be read; the message says where."""


def load_rows(path: Path) -> list[dict[str, Any]]:
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except OSError as exc:
        raise CorpusError(f"{path}: {exc.strerror or exc}") from exc
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}:{n}: not JSON ({exc.msg})") from exc
        if not isinstance(row, dict):
            raise CorpusError(f"{path}:{n}: a row must be a JSON object")
        for key in ("customer", "draft", "violations"):
            if key not in row:
                raise CorpusError(f"{path}:{n}: missing {key!r}")
        if not isinstance(row["draft"], str) or not isinstance(row["customer"], str):
            raise CorpusError(f"{path}:{n}: customer and draft must be strings")
        bad = [v for v in row["violations"] if v not in RULES]
        if bad:
            raise CorpusError(f"{path}:{n}: unknown rules {bad}")
        rows.append(row)
    return rows


def coach_findings(row: Mapping[str, Any], *, gate: bool = True) -> list[Finding]:
    previous = row.get("previous_agent")
    conversation = Conversation(
        customer_messages=[row["customer"]], agent_messages=[previous] if previous else []
    )
    return coach(row["draft"], conversation, row.get("policy") or {}, gate=gate)


def coach_row(row: Mapping[str, Any], *, gate: bool = True) -> set[str]:
    return {f.rule for f in coach_findings(row, gate=gate)}


def evaluate(rows: Iterable[Mapping[str, Any]], *, gate: bool = True) -> dict[str, Any]:
    counts = {r: {"tp": 0, "fp": 0, "fn": 0} for r in RULES}
    clean = clean_alarms = 0
    errors = []
    total = 0
    for row in rows:
        total += 1
        gold = set(row["violations"])
        predicted = coach_row(row, gate=gate)
        for rule in RULES:
            if rule in predicted and rule in gold:
                counts[rule]["tp"] += 1
            elif rule in predicted:
                counts[rule]["fp"] += 1
            elif rule in gold:
                counts[rule]["fn"] += 1
        if not gold:
            clean += 1
            clean_alarms += bool(predicted)
        if predicted != gold:
            errors.append(
                {
                    "id": row.get("id"),
                    "missed": sorted(gold - predicted, key=lambda r: int(r[1:])),
                    "false": sorted(predicted - gold, key=lambda r: int(r[1:])),
                }
            )
    per_rule = {}
    for rule, c in counts.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        per_rule[rule] = {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f1, 3),
            "support": c["tp"] + c["fn"],
        }
    scored = [v["f1"] for v in per_rule.values() if v["support"]]
    macro = sum(scored) / len(scored) if scored else 0.0
    false_alarm = clean_alarms / clean if clean else 0.0
    return {
        "rows": total,
        "rules": per_rule,
        "macro_f1": round(macro, 3),
        "false_alarm_rate": round(false_alarm, 3),
        "clean_drafts": clean,
        "errors": errors,
        "summary": (
            f"coach: {total} drafts, macro-F1 {macro:.3f}, false alarms "
            f"{clean_alarms}/{clean} ({false_alarm:.1%}) on drafts with no violation"
        ),
    }
