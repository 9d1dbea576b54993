import subprocess
import sys
from dataclasses import replace

import pytest

from kalmte.analysis import Pipeline, PipelineError
from kalmte.analysis.pipeline import RULES_ONLY, component


@component("test.shout.v1", requires=("tokens",), assigns=("register",))
def _shout(analysis):
    return replace(analysis, register="formal")


def test_it_runs_registered_components_in_order():
    pipe = Pipeline(("nl.normalize.v1", "test.shout.v1"))
    assert pipe("hoi").register == "formal"


def test_it_refuses_an_unknown_component():
    with pytest.raises(PipelineError, match="unknown component"):
        Pipeline(("nl.normalize.v1", "nl.does_not_exist.v1"))


def test_it_refuses_a_component_whose_requirements_come_later():
    with pytest.raises(PipelineError, match="requires"):
        Pipeline(("test.shout.v1", "nl.normalize.v1"))


def test_it_refuses_to_register_a_name_twice():
    with pytest.raises(PipelineError, match="twice"):
        component("test.shout.v1")(lambda a: a)


def test_it_works_with_rules_only():
    result = Pipeline(RULES_ONLY)("jullie zijn oplichters, waar blijft mijn pakket?")
    assert result.abuse_kinds == ["insult"]
    assert "late_delivery" in result.problem_labels


def test_it_never_imports_django():
    code = (
        "import sys\n"
        "from kalmte.analysis import analyze\n"
        "from kalmte.analysis.cli import main\n"
        "analyze('kutbedrijf, waar blijft mijn pakket?', context=['hallo'])\n"
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if m.startswith('django'))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_it_builds_the_pipeline_once_when_threads_race_on_first_use():
    code = (
        "import json\n"
        "from concurrent.futures import ThreadPoolExecutor\n"
        "from kalmte.analysis import analyze, pipeline\n"
        "texts = ['kutbedrijf, waar blijft mijn pakket?', 'Bedankt, alles is goed aangekomen!'] * 8\n"
        "with ThreadPoolExecutor(8) as pool:\n"
        "    results = list(pool.map(lambda t: json.dumps(analyze(t).to_dict()), texts))\n"
        "assert len(set(results[0::2])) == 1 and len(set(results[1::2])) == 1\n"
        "assert pipeline._default is pipeline.get_pipeline()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
