"""``reportedly serve`` end to end: the command starts a server that answers over HTTP."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from typing import Any

from typer.testing import CliRunner

from reportedly.cli import app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, **kw: Any) -> tuple[int, dict[str, str], Any]:
    req = urllib.request.Request(url, **kw)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, dict(resp.headers), json.loads(resp.read())
    except urllib.error.HTTPError as err:
        with err:
            return err.code, dict(err.headers), json.loads(err.read())


def test_serve_help_names_its_options() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--token", "--max-body", "REPORTEDLY_TOKEN"):
        assert option in result.output


def test_serve_answers_over_http_with_the_token_from_the_environment(web_db: str) -> None:
    port = _free_port()
    env = {**os.environ, "REPORTEDLY_TOKEN": "from-env"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "reportedly.cli", "serve", "--db", web_db, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, headers, data = _get(base + "/api")
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        assert status == 200
        assert data["writable"] is True
        assert data["counts"]["articles"] == 8
        assert "default-src 'self'" in headers["content-security-policy"]
        status, _, err = _get(
            base + "/api/articles",
            data=b'{"text": "Officials said the bridge was closed."}',
            headers={"content-type": "application/json"},
            method="POST",
        )
        assert status == 401
        assert err["error"]["code"] == "unauthorized"
    finally:
        proc.terminate()
        _, stderr = proc.communicate(timeout=30)
    assert b"read-only" not in stderr
    assert b"writes need the token" in stderr
