import importlib.util
import io
import json

import pytest

from kalmte.cli import main


def test_it_analyzes_text_as_json(capsys):
    assert main(["analyze", "--json", "Kutbedrijf! Waar blijft bestelling #100234?"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["abuse"][0]["kind"] == "profanity"
    assert data["identifiers"][0]["text"] == "#100234"


def test_it_reads_the_message_from_stdin(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Ik stap naar de Geschillencommissie."))
    assert main(["analyze", "--json", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["pressure"][0]["kind"] == "legal"


def test_it_prints_a_readable_summary_with_the_trend(capsys):
    assert (
        main(["analyze", "--context", "Hallo, een vraagje.", "DIT IS BELACHELIJK!!! Oplichters!!!"])
        == 0
    )
    out = capsys.readouterr().out
    assert "emotion:  anger" in out
    assert "abuse:    insult" in out
    assert "trend:    rising" in out


def test_it_complains_about_a_missing_text(capsys):
    assert main(["analyze"]) == 2
    assert "text" in capsys.readouterr().err


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_it_refuses_an_empty_text(capsys, text):
    assert main(["analyze", text]) == 2
    assert "empty" in capsys.readouterr().err


def test_it_scores_a_labelled_file(tmp_path, capsys):
    rows = [
        {
            "text": "waar blijft mijn pakket??",
            "emotion": "frustration",
            "abuse": [],
            "pressure": [],
            "problems": ["late_delivery"],
            "flags": ["needs_certainty"],
            "register": "unknown",
        },
        {
            "text": "jullie zijn een stelletje oplichters",
            "emotion": "anger",
            "abuse": ["insult"],
            "pressure": [],
            "problems": ["other"],
            "flags": ["suspects_intent"],
            "register": "unknown",
        },
        {
            "text": "Mijn moeder heeft kanker, ik heb het bed nodig. Wanneer komt het?",
            "emotion": "distress",
            "abuse": [],
            "pressure": [],
            "problems": ["late_delivery"],
            "flags": ["needs_certainty"],
            "register": "unknown",
            "identifiers": [],
        },
    ]
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    assert main(["eval", str(path)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    summary = lines[-1]
    report = json.loads("\n".join(lines[:-1]))
    assert summary.startswith("rows=3 |") and "abuse F1=" in summary
    assert report["abuse"]["per_label"]["insult"]["recall"] == 1.0
    assert report["abuse"]["false_alarm"] == {"rows_without": 2, "alarms": 0, "rate": 0.0}
    assert set(report["emotion"]) >= {"per_label", "macro_f1", "accuracy"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "ok"}\nnot json\n', ":2: not valid JSON"),
        ('{"tekst": "ok"}\n', "string 'text'"),
        ('{"text": "ok", "abuse": ["rude"]}\n', "'abuse' must be a list"),
        ('{"text": "ok", "emotion": "furious"}\n', "'emotion' must be one of"),
        ("", "no rows"),
    ],
)
def test_it_rejects_a_bad_labelled_file_clearly(tmp_path, capsys, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content)
    assert main(["eval", str(path)]) == 2
    assert message in capsys.readouterr().err


def test_it_reports_a_missing_file(tmp_path, capsys):
    assert main(["eval", str(tmp_path / "nope.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.skipif(
    importlib.util.find_spec("kalmte.analysis.coach") is not None, reason="coach is installed"
)
def test_it_says_clearly_when_the_coach_is_missing(capsys):
    assert main(["coach", "draft"]) == 2
    assert "coach" in capsys.readouterr().err


def test_it_stops_quietly_when_the_reader_closes_the_pipe():
    import os
    import subprocess
    import sys

    # `kalmte analyze ... | head -1` where head has already gone: the first write fails
    read_end, write_end = os.pipe()
    os.close(read_end)
    script = "import sys; from kalmte.cli import main; sys.exit(main(sys.argv[1:]))"
    writer = subprocess.run(
        [sys.executable, "-c", script, "analyze", "Waar blijft mijn pakket?"],
        stdout=write_end,
        stderr=subprocess.PIPE,
        timeout=120,
    )
    os.close(write_end)
    assert b"Traceback" not in writer.stderr
    assert writer.returncode == 141
