"""Execute the numbered notebooks (``make figures``): ``python -m framing._notebooks --execute-all``.

Each notebook runs with its own folder as working directory (so ``../figures/``
is the repository's ``figures/``) on the ``python3`` kernel, offline. With
``--execute-all`` every ``notebooks/[0-9]*.ipynb`` is executed and saved in
place with its outputs; the figures the notebooks write land in ``figures/``.
Private: used by the Makefile and the notebook tests.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

__all__ = ["execute_notebook", "notebook_paths", "main"]


def notebook_paths(folder: str | Path = "notebooks") -> list[Path]:
    """The numbered notebooks of ``folder`` (``01_*.ipynb``...), in order."""
    return sorted(p for p in Path(folder).glob("[0-9]*.ipynb") if p.is_file())


def execute_notebook(path: str | Path, *, cwd: str | Path | None = None, timeout: int = 300,
                     kernel: str = "python3", save: bool = False):
    """Run every cell of a notebook; return the executed notebook.

    Parameters
    ----------
    path : str or Path
    cwd : str or Path, optional
        Working directory of the kernel (default: the notebook's folder).
    timeout : int, default 300
        Seconds allowed per cell.
    kernel : str, default "python3"
    save : bool, default False
        Write the executed notebook (with outputs) back to ``path``.

    Raises
    ------
    nbclient.exceptions.CellExecutionError
        On the first cell that fails, with its traceback.
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel,
                            resources={"metadata": {"path": str(cwd or path.parent)}})
    client.execute()
    if save:
        nbformat.write(nb, path)
    return nb


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m framing._notebooks",
                                     description="Execute the numbered notebooks in place.")
    parser.add_argument("--execute-all", action="store_true",
                        help="execute every notebooks/[0-9]*.ipynb and save the outputs")
    parser.add_argument("--dir", default="notebooks", help="notebook folder (default notebooks)")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    parser.add_argument("notebooks", nargs="*", help="notebooks to execute (instead of --execute-all)")
    args = parser.parse_args(argv)
    paths = notebook_paths(args.dir) if args.execute_all else [Path(p) for p in args.notebooks]
    if not paths:
        parser.error("nothing to execute: pass --execute-all or notebook paths")
    status = 0
    for p in paths:
        t0 = time.perf_counter()
        try:
            execute_notebook(p, timeout=args.timeout, save=True)
        except Exception as exc:  # report every notebook, then fail
            print(f"FAILED {p}: {type(exc).__name__}: {str(exc)[-2000:]}", file=sys.stderr)
            status = 1
            continue
        print(f"executed {p} in {time.perf_counter() - t0:.1f} s")
    return status


if __name__ == "__main__":
    sys.exit(main())
