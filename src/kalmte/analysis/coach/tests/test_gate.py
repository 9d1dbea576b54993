"""The learned gate over the phrase rules: it only removes, never the exact checks, and on
labelled drafts it removes more false alarms than true findings. (The sentence reader, which
adds, is switched off here: test_sentences.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from kalmte.analysis.coach import Conversation, coach, gate, sentences
from kalmte.analysis.coach.evaluate import load_rows
from kalmte.analysis.coach.tests.policies import FORMAL, INFORMAL

CORPUS = Path(__file__).resolve().parents[5] / "corpus/coach"


@pytest.fixture(autouse=True)
def _no_sentence_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sentences, "_weights", {})


def _rows(*names: str) -> list[dict]:
    return [row for name in names for row in load_rows(CORPUS / name)]


def _conversation(row: dict) -> Conversation:
    previous = row.get("previous_agent")
    return Conversation([row["customer"]], [previous] if previous else [])


def test_the_shipped_weights_cover_every_gated_rule() -> None:
    assert set(gate.weights()) == set(gate.GATED)


def test_the_gate_keeps_the_exact_checks() -> None:
    earlier = "Beste meneer, uw pakket wordt binnen 2 tot 4 werkdagen bezorgd. Groet, Ilse"
    copy = "Beste meneer, je pakket wordt binnen 2 tot 4 werkdagen bezorgd. Groet, Ilse"
    found = {
        f.rule for f in coach(copy, Conversation(["Waar blijft mijn pakket?"], [earlier]), FORMAL)
    }
    assert {"R1", "R10"} <= found
    promise = "Hoi! Je krijgt je geld morgen terug. Groet, Noa"
    refund = Conversation(["Wanneer krijg ik mijn geld terug?"])
    policy_findings = [
        f for f in coach(promise, refund, INFORMAL) if "terugbetaling" in f.explanation
    ]
    assert policy_findings and policy_findings[0].rule == "R5"


def test_without_weights_the_gate_keeps_every_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gate, "_weights", {})
    for row in _rows("train_good.jsonl")[:40]:
        conversation = _conversation(row)
        policy = row.get("policy") or {}
        assert coach(row["draft"], conversation, policy) == coach(
            row["draft"], conversation, policy, gate=False
        )


def test_on_labelled_drafts_it_removes_more_false_alarms_than_true_findings() -> None:
    removed_true = removed_false = 0
    for row in _rows("train_good.jsonl", "train_calm.jsonl", "train_blame.jsonl"):
        conversation = _conversation(row)
        policy = row.get("policy") or {}
        before = {f.rule for f in coach(row["draft"], conversation, policy, gate=False)}
        after = {f.rule for f in coach(row["draft"], conversation, policy)}
        assert after <= before  # it only removes
        gold = set(row["violations"])
        removed_true += len((before - after) & gold)
        removed_false += len((before - after) - gold)
    assert removed_false > 2 * removed_true


def test_training_is_deterministic_and_fits_every_gated_rule() -> None:
    pytest.importorskip("sklearn")
    from kalmte.analysis.coach.train_gate import dataset, fit

    x, y, flagged, groups = dataset([CORPUS / "train_blame.jsonl"])
    assert x.shape == (len(y), 3 * 512 + 10) and len(groups) == len(y)
    assert flagged.shape == y.shape
    first, second = fit(x, y), fit(x, y)
    assert set(first) == set(gate.GATED)
    for rule in gate.GATED:
        assert (first[rule][0] == second[rule][0]).all()
        assert first[rule][1] == second[rule][1]
