"""Stopping the live preview stops everything it started: the server frees its port and no
process of its group is left."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOTS

pytest.importorskip("sphinx_autobuild", reason="the serve dependency group: pip install sphinx-autobuild")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_serve_stops_everything(tmp_path: Path, signum: int) -> None:
    srcdir = shutil.copytree(ROOTS / "test-safety", tmp_path / "src")
    port = free_port()
    preview = subprocess.Popen(
        [sys.executable, "-m", "kwelle.cli.serve", "--host", "127.0.0.1", "--port", str(port),
         "-d", str(tmp_path / "doctrees"), str(srcdir), str(tmp_path / "preview")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(600):
            if answers(port):
                break
            time.sleep(0.1)
        assert answers(port), "the preview never answered"
        server_group = next(
            os.getpgid(int(entry.name))
            for entry in Path("/proc").iterdir()
            if entry.name.isdigit() and _parent(int(entry.name)) == preview.pid
        )
        # a browser's live-reload connection stays open: the server's graceful stop would wait for it
        with socket.create_connection(("127.0.0.1", port)) as browser:
            browser.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            preview.send_signal(signum)
            assert preview.wait(timeout=15) == 130
        assert not answers(port)
        assert not group_alive(server_group)
    finally:
        preview.kill()


def _parent(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])
