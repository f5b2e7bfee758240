"""Screenshots of the room's live page (docs/serve.md) in Debian's headless chromium, at projector and
phone sizes, before and after a resolution made with the CLI.

Run: `.venv/bin/python bench/room_screenshots.py DRAFT OUTDIR` on a copy of a draft (its journal is
written beside it). `drafter serve` listens on 127.0.0.1:8791 while it runs.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from drafter.negotiation.session import Stance  # noqa: E402
from drafter.workspace import open_session  # noqa: E402
from tests.serve.browser import chromium, run_cli, served  # noqa: E402

PORT = 8791
SIZES = {"projector": (1920, 1080), "laptop": (1280, 800), "phone": (390, 844)}


async def shoot(draft: Path, out: Path) -> None:
    with open_session(draft, actor="alice") as alice:
        groups = [e for e in alice.elements() if e.is_group and len(e.choices) >= 3]
        element = groups[0] if groups else alice.elements()[0]
        alice.record_position(element.id, "EU", Stance.SUPPORTS, choice=1, meeting="informal consultations")
        alice.record_position(element.id, "AOSIS", Stance.OPPOSES, choice=1, note="not ambitious enough")
        alice.record_position(element.id, "LMDC", Stance.ACCEPTS, choice=1)
        alice.set_setting("cursor", element.id)
    async with served(draft, port=PORT) as url, chromium() as browser:
        pages = {}
        for name, (width, height) in SIZES.items():
            page = await browser.new_page()
            await page.set_viewport_size({"width": width, "height": height})
            await page.goto(url)
            await page.wait_for_selector(".live.on")
            await asyncio.sleep(1.0)  # the smooth scroll to the element settles
            await page.screenshot(path=str(out / f"room-{name}.png"))
            pages[name] = page
        choice = "--choose=1" if element.is_group else "--keep"
        code, err = await run_cli("resolve", str(draft), element.id, choice, "--actor", "bob")
        assert code == 0, err
        with open_session(draft, actor="alice") as alice:
            alice.set_setting("cursor", alice.elements()[min(3, len(alice.elements()) - 1)].id)
        await asyncio.sleep(2.0)
        for name, page in pages.items():
            await page.screenshot(path=str(out / f"room-{name}-after.png"))


def main() -> None:
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    directory = Path(tempfile.mkdtemp(prefix="drafter-room-shots-"))
    try:
        draft = directory / source.name
        shutil.copy(source, draft)
        asyncio.run(shoot(draft, out))
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
