"""Independent parts of the build, computed side by side on the machine's cores.

    results = run_all(task, ["search", "en", "sq"])   # [task("search"), task("en"), task("sq")]

Each language's pages and the search files depend only on the validated collection, so
they can be built at once. Worker processes are forked: they start with the collection
already in memory (nothing to send but a job's name, nothing to re-read), and only their
results travel back. The results are the same whichever way they were computed, in the
order of the jobs.

Forking a process that runs other threads can copy a lock another thread holds and hang
the child: `mkdocs serve` builds beside its web server's threads, so there, on a single
core, and where fork does not exist (Windows; macOS, where it is unsafe), the jobs run
one after another in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

_task: Callable | None = None  # in a worker process only: what each job runs


def cores() -> int:
    """The cores this process may use (a container's or CI runner's share, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return sys.platform == "linux" and threading.active_count() == 1


def run_all(task: Callable, jobs: Sequence, workers: int | None = None) -> list:
    """[task(job) for job in jobs], on up to `workers` processes (default: every core).
    Give the longest jobs first: each free worker takes the next."""
    count = min(len(jobs), workers or cores())
    if count < 2 or not can_fork():
        return [task(job) for job in jobs]
    # Forked, the task reaches the workers as it is (a closure over the collection): only
    # the jobs' names and the results are pickled.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(count, mp_context=context, initializer=_receive, initargs=(task,)) as pool:
        return list(pool.map(_run, jobs))


def _receive(task: Callable) -> None:
    global _task
    _task = task


def _run(job):
    return _task(job)
