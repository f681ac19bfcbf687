"""Run every benchmark in this folder, one process each: `python -m bench` (or `make bench`)."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    status = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {script.name}", flush=True)
        status |= subprocess.call([sys.executable, script.name, *sys.argv[1:]], cwd=HERE)
    sys.exit(status)
