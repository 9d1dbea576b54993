"""Emoji carry feeling that the normalised text drops; calm messages never vent."""

import pytest

from kalmte.analysis import analyze
from kalmte.analysis.components.emotion import emoji_counts


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("😡😡😡", "anger"),
        ("🤬🤬", "anger"),
        ("😭😭 mijn pakket is weg en het is voor morgen", "distress"),
        ("bedankt 😊", "positive"),
        ("eindelijk binnen 🎉❤️", "positive"),
    ],
)
def test_it_reads_the_feeling_of_emoji(text, label):
    assert analyze(text).emotion.label == label


def test_it_counts_a_run_of_one_emoji_at_most_twice():
    assert emoji_counts("😡😡😡😡😡😡") == {"anger": 2.0}
    assert emoji_counts("😡🤬 👍") == {"anger": 2.0, "positive": 1.0}
    assert emoji_counts("gewoon tekst :)") == {}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "...",
        "Goedemiddag, kunt u mij de afmetingen van de kast sturen?",
        "Super bedankt voor de snelle levering, alles is heel gebleven!",
    ],
)
def test_it_never_flags_venting_on_a_calm_or_empty_message(text):
    result = analyze(text)
    assert "venting" not in {f.label for f in result.flags}
    if not text.strip(" ."):
        assert result.flags == ()
