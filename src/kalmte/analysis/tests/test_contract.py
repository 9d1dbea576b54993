import dataclasses
import json

import pytest

from kalmte.analysis import (
    ABUSE_KINDS,
    EMOTIONS,
    FLAGS,
    IDENTIFIER_KINDS,
    PRESSURE_KINDS,
    PROBLEMS,
    REGISTERS,
    Analysis,
    analyze,
)

MESSAGES = [
    "waar blijft mijn pakket??",
    "Geachte heer/mevrouw, bestelling #100234 is beschadigd aangekomen. Ik wil mijn geld terug.",
    "jullie zijn een stelletje oplichters, ik stap naar de Geschillencommissie",
    "Bedankt voor de snelle levering, top!",
    "K@NKERLIJERS!!! waar is mijn bank",
    "",
]


@pytest.mark.parametrize("text", MESSAGES)
def test_it_returns_the_documented_dict(text):
    data = analyze(text).to_dict()
    assert set(data) == {
        "emotion",
        "abuse",
        "pressure",
        "problems",
        "flags",
        "register",
        "identifiers",
    }
    assert data["emotion"]["label"] in EMOTIONS
    assert 0.0 <= data["emotion"]["intensity"] <= 1.0
    assert set(data["emotion"]["scores"]) == set(EMOTIONS)
    for key, kinds in (("abuse", ABUSE_KINDS), ("pressure", PRESSURE_KINDS)):
        for f in data[key]:
            assert set(f) == {"kind", "start", "end", "text", "reason"}
            assert f["kind"] in kinds and f["reason"]
    for p in data["problems"]:
        assert {"label", "start", "end", "text", "reason"} <= set(p)
        assert p["label"] in PROBLEMS
    for f in data["flags"]:
        assert f["label"] in FLAGS and f["reason"]
    assert data["register"] in REGISTERS
    for i in data["identifiers"]:
        assert set(i) == {"kind", "start", "end", "text"} and i["kind"] in IDENTIFIER_KINDS
    json.dumps(data)


@pytest.mark.parametrize("text", MESSAGES)
def test_it_gives_spans_into_the_original_text(text):
    data = analyze(text).to_dict()
    spans = [*data["abuse"], *data["pressure"], *data["problems"], *data["identifiers"]]
    spans += [f for f in data["flags"] if "start" in f]
    for s in spans:
        assert text[s["start"] : s["end"]] == s["text"]


def test_it_is_immutable():
    result = analyze("waar blijft mijn pakket??")
    assert isinstance(result, Analysis)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.register = "formal"  # type: ignore[misc]


def test_it_offers_label_shortcuts():
    result = analyze(
        "Kutbedrijf, stelletje oplichters! Waar blijft mijn pakket? Ik stap naar de rechter."
    )
    assert result.abuse_kinds == ["insult", "profanity"]
    assert result.pressure_kinds == ["legal"]
    assert "late_delivery" in result.problem_labels
    assert "needs_certainty" in result.flag_labels


def test_it_reports_a_trend_when_context_is_given():
    calm = "Hallo, ik heb een vraag over mijn bestelling."
    angry = "DIT IS BELACHELIJK!!! Kutbedrijf, ik wacht nu al drie weken!!!"
    data = analyze(angry, context=[calm]).to_dict()
    assert data["trend"]["direction"] == "rising"
    assert data["trend"]["labels"][-1] == data["emotion"]["label"]
    assert len(data["trend"]["heat"]) == 2
    assert "trend" not in analyze(angry).to_dict()


def test_it_sees_a_customer_cooling_down():
    angry = "DIT IS BELACHELIJK!!! Kutbedrijf, ik wacht nu al drie weken!!!"
    data = analyze("Top, dank je wel, nu is alles opgelost!", context=[angry]).to_dict()
    assert data["trend"]["direction"] == "falling"


@pytest.mark.parametrize("bad", [b"bytes", None, 42])
def test_it_refuses_text_that_is_not_a_string(bad):
    with pytest.raises(TypeError):
        analyze(bad)  # type: ignore[arg-type]


def test_it_refuses_context_given_as_one_string():
    with pytest.raises(TypeError):
        analyze("hallo", context="eerder bericht")  # type: ignore[arg-type]


def test_it_refuses_huge_text_with_a_clear_error():
    with pytest.raises(ValueError, match="characters"):
        analyze("a" * 50_000)
