"""The build's parts side by side on several cores (scripts/site/workers.py): the same
content as one after another, really in other processes, and never forked beside threads.

Each check runs in a fresh interpreter: pytest's process may have server threads from
other tests running, and then the build rightly does not fork."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import REPO


def _python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=REPO, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_jobs_run_in_other_processes_and_come_back_in_order():
    out = _python(
        """
        import os, time
        from scripts.site.workers import run_all

        def job(n):
            time.sleep(0.2 if n == 0 else 0)  # the first job finishes last
            return n * n, os.getpid()

        results = run_all(job, [0, 1, 2, 3, 4], workers=2)
        print([r for r, _ in results], len({pid for _, pid in results}), os.getpid() in {p for _, p in results})
        """
    )
    assert out.split() == ["[0,", "1,", "4,", "9,", "16]", "2", "False"]


def test_beside_a_thread_or_on_one_core_the_jobs_run_here():
    out = _python(
        """
        import os, threading
        from scripts.site.workers import run_all

        jobs = [1, 2, 3]
        print(set(run_all(lambda n: os.getpid(), jobs, workers=1)) == {os.getpid()})
        stop = threading.Event()
        threading.Thread(target=stop.wait, daemon=True).start()
        print(set(run_all(lambda n: os.getpid(), jobs, workers=4)) == {os.getpid()})
        stop.set()
        """
    )
    assert out.split() == ["True", "True"]


def test_the_site_built_on_two_cores_is_the_site_built_on_one():
    out = _python(
        """
        import hashlib
        from pathlib import Path
        from scripts.site.build import build_site
        from scripts.site.collection import Settings

        settings = Settings(base_url="https://practice-atlas.example.org/", repo_url="https://github.com/x/atlas")
        for workers in (1, 2):
            content = build_site(Path("practices"), Path("CONTRIBUTING.md").read_text("utf-8"), settings, workers=workers)
            digest = hashlib.sha256()
            for page in content.pages:
                digest.update(repr((page.path, page.title, page.html, page.toc, page.meta)).encode())
            for path, text in content.files.items():
                digest.update(f"{path}\\0{text}".encode())
            digest.update(repr(sorted(content.language_parts.items())).encode())
            print(len(content.pages), digest.hexdigest())
        """
    )
    one, two = out.splitlines()
    assert one == two and int(one.split()[0]) > 4 * 90
