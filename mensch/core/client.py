"""The client's address, one answer for the log-in lock-out (django-axes) and every throttle.

Behind a reverse proxy every request comes from the proxy, so ``REMOTE_ADDR`` alone would put
everyone in one lock-out. ``X-Forwarded-For`` is believed only when the direct peer is one of
``TRUSTED_PROXIES`` (addresses or networks): the header is read from the right, skipping
trusted proxies, and the first address that is not one is the client. A client cannot forge
its way past that: whatever it writes into the header stands to the left of what the trusted
proxy appended. Without trusted proxies the header is ignored.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in spec)


def _address(raw: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = raw.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 192.0.2.1:443
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address | None) -> bool:
    if address is None:
        return False
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    return any(address in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The address the request came from, as a string ("" when there is none)."""
    peer_raw = str(request.META.get("REMOTE_ADDR") or "")
    peer = _address(peer_raw)
    if not _trusted(peer):
        return str(peer) if peer is not None else peer_raw
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
    hops = [hop for hop in (part.strip() for part in forwarded.split(",")) if hop]
    client = peer
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # garbage from the client's side: keep the last good hop
        client = address
        if not _trusted(address):
            break
    return str(client)
