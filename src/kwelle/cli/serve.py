"""The live preview, stopped whole: ``nox -s serve`` runs sphinx-autobuild through this.

    python -m kwelle.cli.serve [sphinx-autobuild arguments...]

sphinx-autobuild runs in a process group of its own with the Sphinx builds it starts.
Ctrl-C or SIGTERM here stops that whole group (SIGTERM, then SIGKILL after a grace
period: its server waits for open browser connections, which a live-reloading page never
closes), so that no server is left holding the port and no build goes on writing.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys

#: seconds the preview has to stop before it is killed (the noxfile gives this process more)
GRACE = 3.0


def serve(arguments: list[str]) -> int:
    child = subprocess.Popen([sys.executable, "-m", "sphinx_autobuild", *arguments], start_new_session=True)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        return child.wait()
    except KeyboardInterrupt:
        return stop_group(child)


def stop_group(child: subprocess.Popen) -> int:
    """Stop the child's whole process group; the exit code a signal-stopped server gives."""
    for signum in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl-C, or nox's SIGTERM, changes nothing now
        signal.signal(signum, signal.SIG_IGN)
    try:
        os.killpg(child.pid, signal.SIGTERM)
        child.wait(timeout=GRACE)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
    except ProcessLookupError:
        pass
    with contextlib.suppress(ProcessLookupError):  # builds it started may outlive it in the group
        os.killpg(child.pid, signal.SIGKILL)
    return 130


def main(argv: list[str] | None = None) -> int:
    return serve(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    raise SystemExit(main())
