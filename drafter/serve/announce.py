"""What the chair reads in the terminal: the room's address for delegates, and its QR code for phones."""

from __future__ import annotations

import ipaddress
import secrets
import socket
from typing import TextIO
from urllib.parse import quote

import segno

# Access codes read aloud or typed on a phone: no 0/o, 1/l/i.
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 8
EVERYWHERE = ("0.0.0.0", "::", "")


def new_access_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def room_urls(host: str, port: int, code: str | None) -> list[str]:
    """The addresses delegates can open: the host given, or for every interface this machine's own."""
    hosts = _machine_addresses() if host in EVERYWHERE else [host]
    query = f"?code={quote(code)}" if code else ""
    return [f"http://{_bracketed(name)}:{port}/{query}" for name in hosts]


def _machine_addresses() -> list[str]:
    """The machine's own addresses (loopback last: it reaches only this machine)."""
    found: list[str] = []
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, proto=socket.IPPROTO_TCP)
    except OSError:
        infos = []
    for info in infos:
        address = str(info[4][0])
        if address not in found and not ipaddress.ip_address(address.split("%")[0]).is_link_local:
            found.append(address)
    found.sort(key=lambda a: ipaddress.ip_address(a.split("%")[0]).is_loopback)
    return found or ["127.0.0.1"]


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def announce(out: TextIO, title: str, urls: list[str], *, qr: bool, code: str | None) -> None:
    """Prints the addresses, and the first one as a QR code when the room can reach it."""
    print(f"drafter serve: {title} is live (read-only) at", file=out)
    for url in urls:
        print(f"  {url}", file=out)
    if code:
        print(f"  access code: {code}", file=out)
    if qr and urls:
        segno.make(urls[0], error="m").terminal(out=out, compact=True)
    print("Ctrl+C stops the room.", file=out, flush=True)
