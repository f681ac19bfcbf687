"""Run every benchmark in this folder, one process each, then print one table of the headline figures
with their baselines: `python -m bench` (or `make bench`). Extra arguments go to every benchmark."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    status = 0
    rows = []
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {script.name}", flush=True)
        proc = subprocess.Popen(
            [sys.executable, script.name, *sys.argv[1:]], cwd=HERE, stdout=subprocess.PIPE, text=True
        )
        for line in proc.stdout:
            if line.startswith("RESULT\t"):
                rows.append((script.stem.removeprefix("bench_"), *line.rstrip("\n").split("\t")[1:]))
            else:
                print(line, end="", flush=True)
        status |= proc.wait()
    print("\n| benchmark | figure | now | baseline | baseline / now |\n|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    sys.exit(status)
