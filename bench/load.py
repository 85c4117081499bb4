"""Bounded load test: 50 simulated members recording inputs, deciding and browsing through the
API for two minutes, against gunicorn on a fresh database, loopback only; stops by itself.

    .venv/bin/python bench/load.py --database sqlite        # or: --database postgres
    .venv/bin/python bench/load.py --database postgres --users 50 --minutes 2

Reports requests, errors, p50/p95 per request kind, and lost writes: the inputs the server
acknowledged (201) that the database does not hold. Needs the `load` extra (locust):
`make load` installs it. The PostgreSQL run uses the database `heard_load` (dropped and
recreated) on DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432).
"""

from __future__ import annotations

import argparse
import csv
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
VAR = ROOT / "var" / "load"
PORT = 8765


def run(cmd: list[str], env: dict, **kwargs) -> str:
    return subprocess.run(
        cmd, env=env, check=True, capture_output=True, text=True, cwd=ROOT, **kwargs
    ).stdout


def prepare(database: str) -> dict:
    VAR.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, HEARD_API_RATE="1000000/m", HEARD_ALLOWED_HOSTS="127.0.0.1")
    env.pop("HEARD_DEBUG", None)
    if database == "sqlite":
        path = VAR / "load.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        server = os.environ.get("LOAD_PG", "postgres://postgres@127.0.0.1:5432")
        pg = ["-h", "127.0.0.1", "-U", "postgres"]
        subprocess.run(["dropdb", *pg, "--if-exists", "heard_load"], check=True)
        subprocess.run(["createdb", *pg, "heard_load"], check=True)
        env["DATABASE_URL"] = f"{server}/heard_load"
    print(f"[{database}] migrating and loading the small demo …", flush=True)
    run([str(BIN / "heard"), "migrate", "--noinput", "-v0"], env)
    run([str(BIN / "heard"), "demo", "--size", "small"], env)
    token = run(
        [
            str(BIN / "heard"),
            "token",
            "create",
            "--user",
            "editor@acme.example",
            "--workspace",
            "acme",
            "--scope",
            "write",
            "--name",
            "load test",
        ],
        env,
    ).strip()
    engagements = (
        run(
            [
                str(BIN / "heard"),
                "shell",
                "--no-imports",
                "-c",
                "from heard.engagements.models import Engagement;"
                "print(','.join(str(p) for p in Engagement.objects.filter(workspace__slug='acme')"
                ".values_list('pk', flat=True)[:20]))",
            ],
            env,
        )
        .strip()
        .splitlines()[-1]
    )
    env.update(LOAD_TOKEN=token, LOAD_ENGAGEMENTS=engagements)
    return env


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def wait_until_serving(timeout: float = 120) -> None:
    """Until a worker answers: any answer will do (the load test runs no task worker, so
    /health says 503)."""
    deadline = time.time() + timeout
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health", timeout=30)
            return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, TimeoutError):
            if time.time() > deadline:
                raise SystemExit("gunicorn does not answer") from None
            time.sleep(1)


def count_marked(env: dict, marker: str) -> int:
    out = run(
        [
            str(BIN / "heard"),
            "shell",
            "--no-imports",
            "-c",
            f"from heard.feedback.models import Input;"
            f"print(Input.objects.filter(text__startswith={marker!r}).count())",
        ],
        env,
    )
    return int(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=2)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    args = parser.parse_args()
    if not (BIN / "locust").exists():
        raise SystemExit("Install the load extra first: make load (or pip install -e '.[load]')")
    env = prepare(args.database)
    marker = f"load-{secrets.token_hex(4)}"
    acks = VAR / f"acks-{args.database}.txt"
    env.update(LOAD_MARKER=marker, LOAD_ACK_FILE=str(acks))
    log = open(VAR / "gunicorn.log", "w")  # noqa: SIM115 (the server writes it until stopped)
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "heard.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(args.workers),
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        wait_for_port(PORT)
        wait_until_serving()
        stats = VAR / f"stats-{args.database}"
        seconds = int(args.minutes * 60)
        print(f"[{args.database}] {args.users} users for {seconds} s …", flush=True)
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "-u",
                str(args.users),
                "-r",
                str(max(1, args.users // 10)),
                "-t",
                f"{seconds}s",
                "--host",
                f"http://127.0.0.1:{PORT}",
                "--csv",
                str(stats),
                "--only-summary",
                "--stop-timeout",
                "10",
                "--loglevel",
                "WARNING",
            ],
            env=env,
            cwd=ROOT,
            check=False,
            timeout=seconds + 120,
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    lines = acks.read_text().splitlines() if acks.exists() else []
    acknowledged = len([line for line in lines if line.strip()])
    stored = count_marked(env, marker)
    print(
        f"\n[{args.database}] results ({args.users} users, {args.minutes:g} min, "
        f"{args.workers} gunicorn workers × 4 threads)"
    )
    print(f"{'request':40} {'count':>7} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'req/s':>7}")
    errors = 0
    with open(f"{stats}_stats.csv") as handle:
        for row in csv.DictReader(handle):
            errors += int(row["Failure Count"]) if row["Name"] != "Aggregated" else 0
            print(
                f"{row['Name'][:40]:40} {row['Request Count']:>7} {row['Failure Count']:>6} "
                f"{row['50%']:>7} {row['95%']:>7} {float(row['Requests/s']):>7.1f}"
            )
    print(f"errors: {errors}")
    print(f"inputs acknowledged: {acknowledged}, stored: {stored}, lost: {acknowledged - stored}")
    if (VAR / "gunicorn.log").stat().st_size:
        print(f"server log: {VAR / 'gunicorn.log'}")
    sys.exit(1 if errors or acknowledged != stored else 0)


if __name__ == "__main__":
    main()
