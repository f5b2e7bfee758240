"""A real browser for the room's tests: Debian's chromium driven by Playwright (never downloaded), and
`drafter serve` started as a user starts it, in a process of its own."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WAIT_MS = 20_000  # how long a test waits for the page to show what must come (a bound, not a measure)


def need_chromium() -> None:
    """Skips (with the reason) where there is no chromium or no Playwright; CI must have both."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (Debian package chromium)")
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        missing.append("playwright (pip install -e '.[dev]')")
    if missing:
        reason = f"no browser for the room's tests: {', '.join(missing)} missing"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI must run them")
        pytest.skip(reason)


@asynccontextmanager
async def chromium() -> AsyncIterator[Any]:
    """A fresh headless chromium (its own profile directory, nothing fetched from outside)."""
    need_chromium()
    from playwright.async_api import async_playwright

    profile = tempfile.mkdtemp(prefix="drafter-chromium-")
    try:
        async with async_playwright() as playwright:
            context = await playwright.chromium.launch_persistent_context(
                profile, executable_path=str(CHROMIUM), args=FLAGS, headless=True
            )
            try:
                yield context
            finally:
                await context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@asynccontextmanager
async def served(draft: Path, *options: str, port: int = 0) -> AsyncIterator[str]:
    """`drafter serve DRAFT --port PORT` running until the block ends (then stopped as Ctrl+C would);
    port 0 (tests): the system picks a free one and the server prints the address it got."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "drafter.commands.cli",
        "serve",
        str(draft),
        "--port",
        str(port),
        *options,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    try:
        printed = []
        while not printed or "is live" not in printed[-1]:
            line = await asyncio.wait_for(process.stdout.readline(), 60)
            if not line:
                raise AssertionError(f"drafter serve ended: {(await process.stderr.read()).decode()}")
            printed.append(line.decode())
        url = (await process.stdout.readline()).decode().strip()
        assert url.startswith("http://127.0.0.1:") and (port == 0 or f":{port}/" in url), printed
        yield url
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGINT)
            await asyncio.wait_for(process.wait(), 30)
    assert process.returncode == 0, (await process.stderr.read()).decode()


async def run_cli(*args: str) -> tuple[int, str]:
    """A facilitator at another desk: a `drafter` command in a process of its own; (exit code, stderr)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "drafter.commands.cli",
        *args,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await process.communicate()
    assert process.returncode is not None
    return process.returncode, stderr.decode()
