"""Abuse protection without third-party services: rate limits, an arithmetic question, a honeypot.

The question is plain text, so the same challenge serves sighted readers and screen readers
(no image to describe); its answer lives only in the server-side session and is single-use.
"""

import secrets

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

CAPTCHA_SESSION_KEY = "services_captcha"


def new_captcha(request, form_name):
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    request.session[f"{CAPTCHA_SESSION_KEY}_{form_name}"] = a + b
    return _("%(a)s 加 %(b)s 等于多少？（请填写阿拉伯数字）") % {"a": a, "b": b}


def check_captcha(request, form_name, answer):
    """True when ``answer`` matches the question last shown; each question is answered once."""
    expected = request.session.pop(f"{CAPTCHA_SESSION_KEY}_{form_name}", None)
    answer = (answer or "").strip()
    return expected is not None and answer.isdigit() and int(answer) == expected


def client_ip(request):
    """The client's address. X-Forwarded-For is trusted only when the number of proxies is
    configured (AXES_IPWARE_PROXY_COUNT), otherwise anyone could dodge the limits by forging it."""
    if settings.AXES_IPWARE_PROXY_COUNT:
        from ipware import get_client_ip

        ip, _routable = get_client_ip(
            request,
            proxy_count=settings.AXES_IPWARE_PROXY_COUNT,
            request_header_order=settings.AXES_IPWARE_META_PRECEDENCE_ORDER,
        )
        return ip
    return request.META.get("REMOTE_ADDR")


def hit(kind, key):
    """Counts one request for (kind, key); returns True while within the limit."""
    limit, window = settings.SERVICES_RATE_LIMITS[kind]
    cache_key = f"services:rl:{kind}:{key}"
    cache.add(cache_key, 0, window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, window)
        count = 1
    return count <= limit


def over_limit(kind, key):
    limit, _window = settings.SERVICES_RATE_LIMITS[kind]
    return (cache.get(f"services:rl:{kind}:{key}") or 0) >= limit
