"""The analysis package stays pure: no Django/DRF/Celery and no plotting library."""

import ast
import subprocess
import sys
from pathlib import Path

import studies.analysis as pkg

FORBIDDEN = ("django", "rest_framework", "celery", "matplotlib", "seaborn", "plotly")
PKG_DIR = Path(pkg.__file__).parent


def test_it_does_not_import_django_or_plotting_in_any_module():
    files = sorted(PKG_DIR.glob("*.py"))
    assert len(files) >= 7
    for path in files:
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"


def test_it_loads_no_django_or_matplotlib_at_runtime():
    code = (
        "import sys\n"
        "import studies.analysis.volume, studies.analysis.growth, studies.analysis.survival\n"
        "import studies.analysis.randomisation, studies.analysis.endpoints, studies.analysis.simulate\n"
        "import studies.analysis.pk, studies.analysis.exposure\n"
        "import studies.analysis.synergy, studies.analysis.flow, studies.analysis.fcs\n"
        "import studies.analysis.flow_demo\n"
        "from studies.analysis.survival import analyse_survival, SurvivalSubject\n"
        "analyse_survival([SurvivalSubject(g, g, t, True) for g in 'ab' for t in (1, 2, 3)])\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}]\n"
        "assert not bad, bad\n"
    )
    root = PKG_DIR.parent.parent
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True, env={"PYTHONPATH": str(root)})


def test_it_declares_an_analysis_version():
    assert isinstance(pkg.ANALYSIS_VERSION, str) and pkg.ANALYSIS_VERSION
