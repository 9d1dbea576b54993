"""Run every benchmarks/bench_*.py and collect its JSON in bench-results/.

Each benchmark is a script that prints one JSON document on its last line of stdout.
`python benchmarks/run.py [NAME ...]` runs all of them, or the named ones (e.g. `analysis`).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "bench-results"


def main(names: list[str]) -> int:
    OUT.mkdir(exist_ok=True)
    scripts = sorted(HERE.glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in names]
    failed = 0
    summary = {}
    for script in scripts:
        name = script.stem.removeprefix("bench_")
        print(f"== {name}", flush=True)
        proc = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, check=False
        )
        if proc.returncode != 0:
            failed += 1
            print(proc.stdout[-2000:], proc.stderr[-4000:], sep="\n")
            continue
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        (OUT / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
        summary[name] = result
        print(json.dumps(result, indent=2))
    (OUT / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(f"wrote {OUT}/ ({len(summary)} benchmarks, {failed} failed)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
