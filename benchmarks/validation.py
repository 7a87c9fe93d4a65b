"""How long validation takes: python -m benchmarks.validation [N ...]

Prints the median of five runs for each collection size (default 100, 1000, 5000).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import write_collection
from scripts.validate import validate

REPO = Path(__file__).resolve().parent.parent
RUNS = 5


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [100, 1000, 5000]
    print(f"{'entries':>8} {'median s':>9} {'ms/entry':>9} {'min s':>7} {'max s':>7}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = write_collection(Path(tmp), size, REPO / "practices" / "taxonomy.yml")
            times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                report = validate(root)
                times.append(time.perf_counter() - start)
            if report.errors or len(report.practices) != size:
                print(f"synthetic entries are invalid: {report.errors[:3]}", file=sys.stderr)
                return 1
            median = statistics.median(times)
            print(f"{size:>8} {median:>9.3f} {median / size * 1000:>9.2f} {min(times):>7.3f} {max(times):>7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
