"""`drafter serve` as the chair starts it: this machine only unless `--host` opens it, then the room's
addresses and a QR code for phones; an access code made up when asked; a port in use is a clear error."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.serve.announce import CODE_ALPHABET, CODE_LENGTH, room_urls

QR_MODULES = "█▀▄"  # segno's compact terminal QR code draws two rows of modules per line with these


pytestmark = pytest.mark.usefixtures("no_journal_env")  # each process names its journal itself


def announced(draft: Path, *options: str) -> tuple[list[str], int]:
    """What `drafter serve` prints until it is live, then its exit code after Ctrl+C."""
    process = subprocess.Popen(
        [sys.executable, "-m", "drafter.commands.cli", "serve", str(draft), "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    lines = []
    try:
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("Ctrl+C stops the room"):
                break
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    assert lines and lines[-1].startswith("Ctrl+C"), err
    return lines, process.returncode


def test_by_default_the_room_is_this_machine_only_and_shows_no_qr_code(ocean: Path) -> None:
    lines, code = announced(ocean)
    assert code == 0
    assert lines[0] == "drafter serve: ocean.txt is live (read-only) at"
    [url] = [line.strip() for line in lines if "http://" in line]
    assert url.startswith("http://127.0.0.1:") and url.endswith("/")
    assert not any(mark in "".join(lines) for mark in QR_MODULES)


def test_host_opens_the_room_with_its_addresses_a_qr_code_and_a_made_up_access_code(ocean: Path) -> None:
    lines, code = announced(ocean, "--host", "0.0.0.0", "--access-code")
    assert code == 0
    [given] = [line.split(": ", 1)[1] for line in lines if line.strip().startswith("access code:")]
    assert len(given) == CODE_LENGTH and set(given) <= set(CODE_ALPHABET)
    urls = [line.strip() for line in lines if line.strip().startswith("http://")]
    assert urls and all(url.endswith(f"/?code={given}") for url in urls)
    if len(urls) > 1:  # the room's network first: the loopback address reaches only this machine
        assert "127.0.0.1" not in urls[0]
    qr = [line for line in lines if line and set(line.strip()) <= set(QR_MODULES + " ")]
    assert len(qr) >= 10  # a QR code of at least 21 modules, two rows per line


def test_the_addresses_for_every_interface_put_loopback_last() -> None:
    urls = room_urls("0.0.0.0", 8765, "tea4two")
    assert urls and all(url.endswith(":8765/?code=tea4two") for url in urls)
    loopback = [url for url in urls if "//127." in url or "[::1]" in url]
    assert urls[len(urls) - len(loopback) :] == loopback
    assert room_urls("::1", 8765, None) == ["http://[::1]:8765/"]


def test_a_port_in_use_is_a_clear_error(ocean: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "drafter.commands.cli", "serve", str(ocean), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert (
        f"drafter: cannot listen on 127.0.0.1:{port}:" in result.stderr and "Traceback" not in result.stderr
    )
