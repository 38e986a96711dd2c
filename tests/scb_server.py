"""A stand-in for SCB's PxWebApi 2.0 on 127.0.0.1, answering in the documented JSON-stat 2.0
format from a table of figures, so `quote kpi fetch` is tested over real HTTP without the
network."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

CONTENTS = {"TAB5737": "000004VU", "TAB6596": "00000808"}


def json_stat(table: str, months: list[str], figures: dict[str, str]) -> dict[str, Any]:
    """A dataset as PxWebApi 2.0 answers it (``null`` where SCB has no figure yet)."""
    code = CONTENTS[table]
    return {
        "version": "2.0", "class": "dataset", "label": f"KPI ({table})", "source": "SCB",
        "id": ["ContentsCode", "Tid"], "size": [1, len(months)],
        "dimension": {
            "ContentsCode": {"label": "tabellinnehåll",
                             "category": {"index": {code: 0}, "label": {code: "KPI"}}},
            "Tid": {"label": "månad",
                    "category": {"index": {m: i for i, m in enumerate(months)},
                                 "label": {m: m for m in months}}},
        },
        "value": [json.loads(figures[m]) if m in figures else None for m in months],
        "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
    }


@dataclass
class FakeScb:
    """Figures by table and SCB month code (``2025M09``), as JSON number text."""

    figures: dict[str, dict[str, str]]
    url: str = ""
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


@contextmanager
def fake_scb(figures: dict[str, dict[str, str]]) -> Iterator[FakeScb]:
    state = FakeScb(figures)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length))
            table = self.path.split("/tables/")[1].split("/")[0]
            state.requests.append((self.path, body))
            months = next(s["valueCodes"] for s in body["selection"]
                          if s["variableCode"] == "Tid")
            answer = json.dumps(json_stat(table, months, state.figures.get(table, {}))).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/api/v2"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
