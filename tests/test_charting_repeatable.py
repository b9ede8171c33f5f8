"""plotext's point de-duplication keeps order, so a chart is the same picture on every run."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
import plotext as plt
from creatorctl.charting import repeatable_plotext
if sys.argv[1] == "fixed":
    repeatable_plotext()
months = ["25.12"] + [f"26.{m:02d}" for m in range(1, 12)]
brand = [0, 10210, 0, 9490, 2050, 5430, 10570, 0, 3120, 6560, 7230, 0]
selling = [12819.26, 15494, 15399.42, 16304.84, 14296.34, 13249.37, 9692.83, 7768.64, 6963.28,
           7248.04, 8888.34, 8430.35]
tasks = [0, 0, 100, 0, 100, 0, 500, 0, 100, 0, 100, 300]
plt.plotsize(78, 16)
plt.stacked_bar(months, [brand, selling, tasks], labels=["brand", "sell", "tasks"], width=0.6)
plt.ylim(0, 34823)
print(plt.build())
"""


def _pictures(mode: str) -> set[str]:
    return {
        subprocess.run(
            [sys.executable, "-c", SCRIPT, mode],
            env={"PYTHONHASHSEED": str(seed), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (1, 2, 3, 4)
    }


def test_the_same_chart_whatever_the_hash_seed() -> None:
    assert len(_pictures("plain")) > 1  # what the fix is for: plotext alone varies
    (picture,) = _pictures("fixed")
    assert "█" in picture
