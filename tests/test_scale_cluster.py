"""docs/scale.md's example: a Ray head and a second node started on this machine (`ray start --head`,
`ray start --address ...`, one CPU and a resource of their own each), and `communique ingest
--workers 2 --ray-address ...` across both into a shared PostgreSQL. Both nodes are stopped after.

Without Ray this is skipped, except under CI (the variable CI set), where it fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

TEXT = ("{day:02d}.04.2026\nЗаседание совета по цифровой торговле № {n}\n"
        "Вчера в Самарканде состоялось заседание совета по цифровой торговле под председательством "
        "министра Карима Обидова. Обсуждались электронные подписи и таможенные данные, пункт {n}.\n")


def _ray_bin() -> str:
    try:
        import ray  # noqa: F401
    except ImportError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Ray is not installed ({exc}); CI is set: the scale tests must run")
        pytest.skip("Ray is not installed (pip install -e '.[scale]')")
    found = Path(sys.executable).with_name("ray")
    return str(found) if found.exists() else shutil.which("ray") or "ray"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(log: Path, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if "Ray runtime started" in log.read_text(errors="replace"):
            return
        if process.poll() is not None:
            break
        time.sleep(0.5)
    raise AssertionError(f"ray start did not come up:\n{log.read_text(errors='replace')[-3000:]}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()  # `ray start --block` stops the node's processes on SIGTERM
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_ingest_across_a_head_and_a_second_node(pg_url, tmp_path):
    ray = _ray_bin()
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(8):
        (folder / f"r{n}.txt").write_text(TEXT.format(day=n + 1, n=n), encoding="utf-8")
    temp = Path(tempfile.mkdtemp(prefix="rt", dir="/tmp"))  # short: Ray's socket paths have a length limit
    env = {**os.environ, "RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0",
           "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}  # the workers import this tree's code
    env.pop("RAY_ADDRESS", None)
    port = _free_port()
    address = f"127.0.0.1:{port}"
    started: list[subprocess.Popen] = []
    try:
        head_log = tmp_path / "head.log"
        with head_log.open("w") as out:
            started.append(subprocess.Popen(
                [ray, "start", "--head", "--block", f"--port={port}", "--num-cpus=1", '--resources={"first": 1}',
                 f"--temp-dir={temp}", "--include-dashboard=false", "--disable-usage-stats"],
                stdout=out, stderr=subprocess.STDOUT, env=env, cwd=tmp_path))
        _wait_for(head_log, started[0])
        node_log = tmp_path / "node.log"
        with node_log.open("w") as out:
            started.append(subprocess.Popen(
                [ray, "start", f"--address={address}", "--block", "--num-cpus=1", '--resources={"second": 1}'],
                stdout=out, stderr=subprocess.STDOUT, env=env, cwd=tmp_path))
        _wait_for(node_log, started[1])
        check = ("import ray\nray.init(address=%r, log_to_driver=False)\n"
                 "print(sorted(k for n in ray.nodes() if n['Alive'] for k in n['Resources'] if k in ('first', 'second')))")
        nodes = subprocess.run([sys.executable, "-c", check % address], capture_output=True, text=True, env=env,
                               timeout=120, cwd=tmp_path)
        assert nodes.stdout.strip().splitlines()[-1] == "['first', 'second']", nodes.stderr[-2000:]

        # One CPU on each node and a worker needs one: the two workers run one on each node.
        run = subprocess.run([sys.executable, "-m", "communique", "ingest", str(folder), "--db", pg_url,
                              "--workers", "2", "--ray-address", address, "--json"],
                             capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
        assert run.returncode == 0, run.stderr[-3000:]
        summary = json.loads(run.stdout)
        assert summary["new"] == 8 and summary["failed"] == 0

        from communique.store import Store

        store = Store.open(pg_url)
        try:
            assert store.count("documents") == 8
            assert all(r.events for r in store.iter_records())
        finally:
            store.close()
    finally:
        for process in reversed(started):
            _stop(process)
        with contextlib.suppress(OSError):
            shutil.rmtree(temp)
