"""Signals and thread limits around forked worker processes (private).

A worker forked while this process has a Python handler for SIGTERM (``framing
analyze`` turns SIGTERM into KeyboardInterrupt) runs that handler until it installs
its own. A stop sent in that window, as when the first chunk of a corpus is bad and
the pool is ended right after it started, is either turned into a KeyboardInterrupt
traceback printed by the worker, or lost (CPython forgets signals that arrive
between ``fork()`` and its after-fork reset), and then ``Pool.terminate()`` waits
for that worker forever.

The fix: hold SIGTERM and SIGINT while forking (:func:`signals_held`); the forked
worker inherits the held mask, installs its own handlers and only then lets the
signals in (:func:`worker_signals`), so a stop sent at any moment ends it.
"""
from __future__ import annotations

import contextlib
import signal

_HELD = {signal.SIGTERM, signal.SIGINT}


@contextlib.contextmanager
def signals_held():
    """Hold SIGTERM and SIGINT in this thread while the block runs (forks workers).

    Signals that arrive meanwhile are delivered when the block ends, not lost.
    Outside the main thread or on a platform without ``pthread_sigmask`` it does
    nothing.
    """
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    except (AttributeError, ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def worker_signals() -> None:
    """In a forked worker: interrupts are the parent's to handle (SIGINT ignored), a
    stop (SIGTERM) ends the worker at once; then let the held signals in."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
    except (AttributeError, ValueError, OSError):
        pass


@contextlib.contextmanager
def one_blas_thread():
    """Limit the BLAS library (OpenBLAS, MKL...) of this process to one thread while the
    block runs; processes forked meanwhile inherit the limit.

    The matrix products of a run (bootstrap sums per chunk and per outlet) are small:
    several BLAS threads per process cost more than they gain, and their waiting
    threads take CPU from the other worker processes. Does nothing without
    ``threadpoolctl`` (installed with scikit-learn).
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - scikit-learn brings it
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield

