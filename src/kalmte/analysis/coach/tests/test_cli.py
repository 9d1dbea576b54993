"""``kalmte coach`` and ``kalmte eval-coach`` through the analysis CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kalmte.analysis.cli import main

POLICY = {
    "delivery_days": [1, 3],
    "free_shipping_from_eur": 50,
    "return_days": 30,
    "refund_days": 14,
    "register": "informal",
}


def test_it_prints_findings_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps(POLICY))
    argv = [
        "coach",
        "--json",
        "--customer",
        "waar blijft mijn pakket?? al 6 dagen besteld",
        "--draft",
        "Zoals ik al zei, het ligt aan PostNL. Groet, Fleur",
        "--policy",
        str(policy),
    ]
    assert main(argv) == 0
    findings = json.loads(capsys.readouterr().out)
    assert {"R1", "R2"} <= {f["rule"] for f in findings}
    assert all(
        set(f) == {"rule", "start", "end", "text", "explanation", "suggestion"} for f in findings
    )


def test_it_reports_a_broken_policy_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "policy.json"
    policy.write_text("{not json")
    argv = ["coach", "--customer", "hoi", "--draft", "hallo", "--policy", str(policy)]
    assert main(argv) == 2
    assert "is not JSON" in capsys.readouterr().err
    assert (
        main(
            [
                "coach",
                "--customer",
                "hoi",
                "--draft",
                "hallo",
                "--policy",
                str(tmp_path / "no.json"),
            ]
        )
        == 2
    )


def test_it_needs_a_draft(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coach", "--customer", "hoi"]) == 2


def test_eval_coach_prints_scores_and_a_summary_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        {
            "id": "t1",
            "customer": "waar blijft mijn pakket?? al 6 dagen besteld",
            "previous_agent": None,
            "draft": "Dat ligt aan PostNL. Groet, Fleur",
            "policy": POLICY,
            "violations": ["R2", "R4"],
        },
        {
            "id": "t2",
            "customer": "Hoeveel kost verzending naar België?",
            "previous_agent": None,
            "draft": "Dag! Verzending naar België kost € 6,95 en is gratis vanaf € 75. Je pakket is er binnen 2 tot 4 werkdagen. Groetjes, Lies",
            "policy": POLICY,
            "violations": [],
        },
    ]
    corpus = tmp_path / "coach.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    assert main(["eval-coach", str(corpus)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1].startswith("coach: 2 drafts, macro-F1")
    report = json.loads("\n".join(out[:-1]))
    assert set(report["rules"]) == {f"R{i}" for i in range(1, 11)}
    assert report["rules"]["R2"]["recall"] == 1.0
    assert main(["eval-coach", "--no-gate", str(corpus)]) == 0
    ungated = capsys.readouterr().out.strip().splitlines()
    assert ungated[-1].startswith("coach: 2 drafts, macro-F1")
    assert report["false_alarm_rate"] == 0.0


def test_eval_coach_names_the_bad_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "bad.jsonl"
    corpus.write_text('{"customer": "x", "draft": "y", "violations": ["R11"]}\n')
    assert main(["eval-coach", str(corpus)]) == 2
    assert "bad.jsonl:1: unknown rules" in capsys.readouterr().err


def test_the_coach_imports_no_django() -> None:
    code = (
        "import sys, kalmte.analysis.coach, kalmte.analysis.coach.cli, kalmte.analysis.coach.evaluate;"
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
