"""Score the engine on a labelled JSONL file (see corpus/GUIDELINES.md for the row format).

Per key: precision/recall/F1 per label and macro-F1 (micro-F1 too for list keys, accuracy for
single-label keys); for ``abuse`` and ``pressure`` also the false-alarm rate on rows whose gold
list is empty. Identifiers are scored as (kind, text) pairs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kalmte.analysis.types import (
    ABUSE_KINDS,
    EMOTIONS,
    FLAGS,
    IDENTIFIER_KINDS,
    PRESSURE_KINDS,
    PROBLEMS,
    REGISTERS,
    Analysis,
)

LIST_KEYS = {"abuse": ABUSE_KINDS, "pressure": PRESSURE_KINDS, "problems": PROBLEMS, "flags": FLAGS}
LABEL_KEYS = {"emotion": EMOTIONS, "register": REGISTERS}
FALSE_ALARM_KEYS = ("abuse", "pressure")


class CorpusError(ValueError):
    """A labelled file that cannot be scored; the message names the line."""


def load_rows(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read: {exc}") from exc
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}:{number}: not valid JSON: {exc.msg}") from exc
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise CorpusError(f"{path}:{number}: a row must be an object with a string 'text'")
        for key, allowed in LIST_KEYS.items():
            if key in row and (
                not isinstance(row[key], list) or any(v not in allowed for v in row[key])
            ):
                raise CorpusError(f"{path}:{number}: '{key}' must be a list of {list(allowed)}")
        for key, allowed in LABEL_KEYS.items():
            if key in row and row[key] not in allowed:
                raise CorpusError(f"{path}:{number}: '{key}' must be one of {list(allowed)}")
        rows.append(row)
    if not rows:
        raise CorpusError(f"{path}: no rows")
    return rows


def predicted(analysis: Analysis) -> dict[str, Any]:
    return {
        "emotion": analysis.emotion_label,
        "register": analysis.register,
        "abuse": analysis.abuse_kinds,
        "pressure": analysis.pressure_kinds,
        "problems": analysis.problem_labels,
        "flags": analysis.flag_labels,
        "identifiers": sorted({(i.kind, i.text) for i in analysis.identifiers}),
    }


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": tp + fn}


def _score_sets(
    golds: list[set[Any]], preds: list[set[Any]], labels: Iterable[Any]
) -> dict[str, Any]:
    per_label = {}
    tp_all = fp_all = fn_all = 0
    for label in labels:
        tp = sum(1 for g, p in zip(golds, preds, strict=True) if label in g and label in p)
        fp = sum(1 for g, p in zip(golds, preds, strict=True) if label not in g and label in p)
        fn = sum(1 for g, p in zip(golds, preds, strict=True) if label in g and label not in p)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        if tp + fp + fn:
            per_label[str(label)] = _prf(tp, fp, fn)
    scored = [v for v in per_label.values() if v["support"]]
    macro = sum(v["f1"] for v in scored) / len(scored) if scored else 0.0
    return {
        "per_label": per_label,
        "macro_f1": round(macro, 4),
        "micro": _prf(tp_all, fp_all, fn_all),
    }


def evaluate(rows: list[dict[str, Any]], analyze: Callable[[str], Analysis]) -> dict[str, Any]:
    preds = [predicted(analyze(row["text"])) for row in rows]
    report: dict[str, Any] = {"rows": len(rows)}
    for key, labels in {**LIST_KEYS, **LABEL_KEYS}.items():
        idx = [i for i, row in enumerate(rows) if key in row]
        if not idx:
            continue
        if key in LABEL_KEYS:
            golds = [{rows[i][key]} for i in idx]
            got = [{preds[i][key]} for i in idx]
        else:
            golds = [set(rows[i][key]) for i in idx]
            got = [set(preds[i][key]) for i in idx]
        result = _score_sets(golds, got, labels)
        result["rows"] = len(idx)
        if key in LABEL_KEYS:
            result["accuracy"] = round(
                sum(g == p for g, p in zip(golds, got, strict=True)) / len(idx), 4
            )
        if key in FALSE_ALARM_KEYS:
            empty = [(g, p) for g, p in zip(golds, got, strict=True) if not g]
            alarms = sum(1 for _, p in empty if p)
            result["false_alarm"] = {
                "rows_without": len(empty),
                "alarms": alarms,
                "rate": round(alarms / len(empty), 4) if empty else 0.0,
            }
            result["any"] = _prf(*_binary_counts(golds, got))
        report[key] = result
    idx = [i for i, row in enumerate(rows) if "identifiers" in row]
    if idx:
        golds = [{(d.get("kind"), d.get("text")) for d in rows[i]["identifiers"]} for i in idx]
        got = [set(preds[i]["identifiers"]) for i in idx]
        pairs = sorted(set().union(*golds, *got), key=str)
        micro = _score_sets(golds, got, pairs)["micro"]
        per_kind = _score_sets(
            [{k for k, _ in g} for g in golds], [{k for k, _ in p} for p in got], IDENTIFIER_KINDS
        )
        report["identifiers"] = {
            "rows": len(idx),
            "micro": micro,
            "per_kind": per_kind["per_label"],
        }
    report["summary"] = summary_line(report)
    report["errors"] = _errors(rows, preds)
    return report


def _binary_counts(golds: list[set[Any]], preds: list[set[Any]]) -> tuple[int, int, int]:
    tp = sum(1 for g, p in zip(golds, preds, strict=True) if g and p)
    fp = sum(1 for g, p in zip(golds, preds, strict=True) if not g and p)
    fn = sum(1 for g, p in zip(golds, preds, strict=True) if g and not p)
    return tp, fp, fn


def _errors(rows: list[dict[str, Any]], preds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row, pred in zip(rows, preds, strict=True):
        diff = {}
        for key in (*LIST_KEYS, *LABEL_KEYS):
            if key not in row:
                continue
            gold = row[key] if key in LABEL_KEYS else sorted(row[key])
            got = pred[key] if key in LABEL_KEYS else sorted(pred[key])
            if gold != got:
                diff[key] = {"gold": gold, "got": got}
        if diff:
            out.append({"id": row.get("id"), "text": row["text"][:160], **diff})
    return out


def summary_line(report: dict[str, Any]) -> str:
    parts = [f"rows={report['rows']}"]
    if "emotion" in report:
        parts.append(
            f"emotion macro-F1={report['emotion']['macro_f1']:.3f} acc={report['emotion']['accuracy']:.3f}"
        )
    for key in FALSE_ALARM_KEYS:
        if key in report:
            r = report[key]
            parts.append(
                f"{key} F1={r['micro']['f1']:.3f} (any {r['any']['f1']:.3f}) false-alarms={r['false_alarm']['rate']:.1%}"
            )
    if "problems" in report:
        parts.append(
            f"problems micro-F1={report['problems']['micro']['f1']:.3f} macro-F1={report['problems']['macro_f1']:.3f}"
        )
    if "flags" in report:
        parts.append(f"flags macro-F1={report['flags']['macro_f1']:.3f}")
    if "register" in report:
        parts.append(f"register acc={report['register']['accuracy']:.3f}")
    if "identifiers" in report:
        parts.append(f"identifiers F1={report['identifiers']['micro']['f1']:.3f}")
    return " | ".join(parts)
