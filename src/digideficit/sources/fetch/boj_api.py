"""A client for the Bank of Japan Time-Series Statistics API (`getMetadata`, `getDataCode`).

The API always answers HTTP 200 and signals errors in its JSON envelope (`STATUS`,
`MESSAGEID`, `MESSAGE`); see shared/research/BOJ-API.md. Every failure becomes one
`FetchError` whose message says what to do; every successful answer is handed, as received,
to `on_answer` so that the command can keep it as a snapshot.
"""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

OFFICIAL_URL = "https://www.stat-search.boj.or.jp"
USER_AGENT = (
    "digideficit/0.1 (the report 'Japan's digital trade deficit'; monthly balance-of-payments "
    "refresh by a maintainer)"
)
MAX_CODES = 250  # per getDataCode request, as the manual sets
ENVELOPE = ("STATUS", "MESSAGEID", "MESSAGE", "RESULTSET")
UNKNOWN_CODE = "M181013E"
NO_DATA = "M181030I"
BUSY = 503  # database access error: worth another try after a wait


class FetchError(RuntimeError):
    """The fetch cannot go on; the message names the cause and what a maintainer can do."""


class UnknownCodeError(FetchError):
    """The API does not know a code (`M181013E`); `codes` are those of the request."""

    def __init__(self, message: str, codes: list[str]):
        super().__init__(message)
        self.codes = codes


@dataclass(frozen=True)
class Answer:
    """One answer as received, for the snapshot."""

    url: str
    retrieved: datetime
    body: bytes
    payload: dict


@dataclass
class Client:
    base_url: str = OFFICIAL_URL
    pause: float = 1.0  # seconds between requests: the BOJ asks users to avoid bursts
    retries: int = 3  # further tries after a STATUS 503
    retry_wait: float = 10.0  # seconds before the first retry, doubled at each one
    timeout: float = 60.0
    on_answer: Callable[[Answer], None] = lambda answer: None
    _last_request: float | None = field(default=None, repr=False)

    def metadata(self, db: str) -> list[dict]:
        """The catalogue of database `db`: one object per series."""
        return self._get("getMetadata", {"db": db, "lang": "en", "format": "json"})["RESULTSET"]

    def data(self, db: str, codes: list[str]) -> list[dict]:
        """Values of `codes` (the API takes codes of one frequency per request), asked for in
        batches of at most 250 codes, each batch followed through its pages (`NEXTPOSITION`)."""
        series: list[dict] = []
        for first in range(0, len(codes), MAX_CODES):
            batch = codes[first : first + MAX_CODES]
            position, seen = None, set()
            while True:
                query = {"db": db, "code": ",".join(batch), "lang": "en", "format": "json"}
                if position is not None:
                    query["startPosition"] = position
                payload = self._get("getDataCode", query, batch)
                series += payload["RESULTSET"]
                position = payload.get("NEXTPOSITION")
                if position in (None, ""):
                    break
                if position in seen:
                    raise FetchError(
                        f"{db}: the API sent NEXTPOSITION {position} twice — paging would not "
                        "end; try again later"
                    )
                seen.add(position)
        return series

    def _get(self, endpoint: str, query: dict, codes: list[str] | None = None) -> dict:
        # commas left as written: a maintainer can read the codes in the URL and the snapshot
        encoded = urllib.parse.urlencode(query, safe=",")
        url = f"{self.base_url.rstrip('/')}/api/v1/{endpoint}?{encoded}"
        for attempt in range(self.retries + 1):
            answer = self._request(url)
            status = answer.payload["STATUS"]
            if status == BUSY and attempt < self.retries:
                time.sleep(self.retry_wait * 2**attempt)
                continue
            check(answer.payload, url, codes or [], tries=attempt + 1)
            self.on_answer(answer)
            return answer.payload
        raise AssertionError("unreachable: the last try returns or raises")

    def _request(self, url: str) -> Answer:
        if self._last_request is not None:
            time.sleep(max(0.0, self.pause - (time.monotonic() - self._last_request)))
        self._last_request = time.monotonic()
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as err:
            raise FetchError(
                f"{url} answered HTTP {err.code} {err.reason}: the API answers 200 even for "
                "errors, so this is not the BOJ API — check BOJ_API_URL"
            ) from err
        except urllib.error.URLError as err:
            raise FetchError(unreachable(url, err.reason)) from err
        except TimeoutError as err:
            raise FetchError(unreachable(url, err)) from err
        except (ConnectionError, http.client.HTTPException) as err:
            raise FetchError(
                f"{url}: the connection broke off before the answer was complete ({err}); "
                "try again later"
            ) from err
        return Answer(url, datetime.now(UTC), body, parse(body, url))


def unreachable(url: str, reason) -> str:
    if isinstance(reason, TimeoutError):
        return (
            f"{url}: no answer in time ({reason}). The BOJ may be busy (data are refreshed "
            "about 08:50 JST); try again later"
        )
    if isinstance(reason, ConnectionRefusedError):
        return (
            f"{url}: connection refused. Is BOJ_API_URL right (default {OFFICIAL_URL}), and "
            "does this machine have network access?"
        )
    return f"{url}: cannot reach the API ({reason}). Check BOJ_API_URL and the network"


def parse(body: bytes, url: str) -> dict:
    """The JSON envelope, or a `FetchError` for an answer that is malformed or cut short."""
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise FetchError(
            f"{url}: the answer is not complete JSON ({err}; {len(body)} bytes received) — "
            "truncated or malformed. Try again later; nothing was written"
        ) from err
    missing = [key for key in ENVELOPE if not isinstance(payload, dict) or key not in payload]
    if missing:
        raise FetchError(
            f"{url}: the answer lacks {', '.join(missing)} — not the documented format. "
            "Check BOJ_API_URL"
        )
    try:
        payload["STATUS"] = int(payload["STATUS"])
    except (TypeError, ValueError) as err:
        raise FetchError(f"{url}: STATUS {payload['STATUS']!r} is not a number") from err
    return payload


def check(payload: dict, url: str, codes: list[str], tries: int) -> None:
    """Raises for every answer that is not data: the API's error statuses and messages."""
    status, message_id = payload["STATUS"], payload["MESSAGEID"]
    said = f"STATUS {status}, {message_id}: {payload['MESSAGE']}"
    if message_id == UNKNOWN_CODE:
        raise UnknownCodeError(f"{url}: {said}", codes)
    if status == 400:
        raise FetchError(f"{url}: the API refused the request ({said}); check the parameters")
    if status == BUSY:
        raise FetchError(
            f"{url}: the BOJ database is not available ({said}) after {tries} tries; "
            "try again later"
        )
    if status != 200:
        raise FetchError(f"{url}: the API failed ({said}); try again later")
    if message_id == NO_DATA or not payload["RESULTSET"]:
        raise FetchError(
            f"{url}: the API has no data for this request ({said}); check the codes and "
            "frequencies in data/boj_series.csv"
        )
    if not isinstance(payload["RESULTSET"], list):
        raise FetchError(f"{url}: RESULTSET is not a list — not the documented format")
