"""The learned sentence reader: it adds R2 or R8 only where the phrase rules found nothing,
on one whole sentence of the draft, never on a calmly drawn boundary, and not at all without
its weights."""

from __future__ import annotations

from pathlib import Path

import pytest

from kalmte.analysis.coach import Conversation, coach, sentences
from kalmte.analysis.coach.evaluate import coach_findings, load_rows
from kalmte.analysis.coach.tests.policies import FORMAL

CORPUS = Path(__file__).resolve().parents[5] / "corpus/coach"
INSULT = Conversation(["Jullie zijn een stelletje oplichters en idioten, waar blijft mijn geld"])


def _added(draft: str, conversation: Conversation, policy: dict) -> list:
    phrase = {f.rule for f in coach(draft, conversation, policy, gate=False)}
    return [f for f in coach(draft, conversation, policy) if f.rule not in phrase]


def test_the_shipped_weights_cover_every_learned_rule() -> None:
    assert set(sentences.weights()) == set(sentences.LEARNED)
    assert set(sentences.THRESHOLDS) == set(sentences.LEARNED)


def test_it_adds_only_learned_rules_on_whole_sentences_the_phrase_rules_left_alone() -> None:
    added = []
    for row in load_rows(CORPUS / "train_wording.jsonl"):
        previous = row.get("previous_agent")
        conversation = Conversation([row["customer"]], [previous] if previous else [])
        for f in _added(row["draft"], conversation, row.get("policy") or {}):
            assert f.rule in sentences.LEARNED
            assert row["draft"][f.start : f.end] == f.text and f.text.strip() == f.text
            # a sentence: it starts where the draft or a sentence ends
            before = row["draft"][: f.start].rstrip()
            assert not before or before[-1] in ".!?\n,:;" or row["draft"][f.start - 1] == "\n"
            added.append(f.rule in row["violations"])
    # on the drafts it learned from it adds mostly what the labellers flagged
    assert len(added) >= 5 and sum(added) >= 0.8 * len(added)


def test_without_weights_it_adds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sentences, "_weights", {})
    for row in load_rows(CORPUS / "train_wording.jsonl")[:60]:
        phrase = {f.rule for f in coach_findings(row, gate=False)}
        assert {f.rule for f in coach_findings(row)} <= phrase


def test_a_calm_boundary_is_no_tone_and_no_counter_attack() -> None:
    for draft in (
        "Ik help u graag verder, maar dan wel zonder scheldwoorden. Uw terugbetaling van € 40 "
        "staat morgen op uw rekening. Met vriendelijke groet, Iris",
        "Uitschelden accepteren wij niet; ik help u graag als we normaal kunnen praten. Uw geld "
        "staat morgen op uw rekening. Met vriendelijke groet, Iris",
    ):
        assert not [f for f in _added(draft, INSULT, FORMAL) if f.rule == "R8"]


def test_hitting_back_in_words_no_phrase_lists_is_read() -> None:
    draft = (
        "Beste meneer, wie zo begint, hoeft op weinig begrip te rekenen. Uw geld staat morgen op "
        "uw rekening. Met vriendelijke groet, Iris"
    )
    assert "R8" not in {f.rule for f in coach(draft, INSULT, FORMAL, gate=False)}
    added = {f.rule: f.text for f in _added(draft, INSULT, FORMAL)}
    assert added.get("R8") == "Beste meneer, wie zo begint, hoeft op weinig begrip te rekenen."


def test_blame_in_words_no_phrase_lists_is_read_and_its_owning_twin_is_not() -> None:
    broken = Conversation(["Mijn pakket is beschadigd aangekomen, de vaas is in stukken."])
    blamed = (
        "Beste mevrouw, wat vervelend. Bij de vervoerder hebben ze er duidelijk niet goed op "
        "gelet. Ik stuur u vandaag een nieuwe vaas. Met vriendelijke groet, Joris"
    )
    owned = (
        "Beste mevrouw, wat vervelend. De vaas is onderweg gebroken; wij hadden hem steviger "
        "moeten inpakken. Ik stuur u vandaag een nieuwe vaas. Met vriendelijke groet, Joris"
    )
    assert "R2" not in {f.rule for f in coach(blamed, broken, FORMAL, gate=False)}
    assert [f.text for f in _added(blamed, broken, FORMAL) if f.rule == "R2"] == [
        "Bij de vervoerder hebben ze er duidelijk niet goed op gelet."
    ]
    assert coach(owned, broken, FORMAL) == []


def test_training_is_deterministic() -> None:
    pytest.importorskip("sklearn")
    from kalmte.analysis.coach import train_gate

    rows, found = train_gate._read([CORPUS / "train_wording.jsonl"])
    drafts = train_gate.sentence_dataset(rows, found, train_gate._customers(rows))
    assert len(drafts) == len(rows) and all(len(d.x) >= 1 for d in drafts)
    first, second = train_gate.fit_sentences(drafts), train_gate.fit_sentences(drafts)
    assert set(first) == set(sentences.LEARNED)
    for rule in sentences.LEARNED:
        assert first[rule][0].shape == (2 * 512,)
        assert (first[rule][0] == second[rule][0]).all() and first[rule][1] == second[rule][1]
