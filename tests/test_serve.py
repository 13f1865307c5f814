"""`praatplaat serve` as a user runs it: a subprocess on a copy of the content and a free port,
asked over raw HTTP (paths sent exactly as written) and driven in headless Debian chromium
(tests/a11y/serve_check.js). Every wait is bounded; every server is stopped at the end.
"""

from __future__ import annotations

import http.client
import json
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import fields, is_dataclass, replace
from pathlib import Path

import pytest

from conftest import A11Y, LAYOUTS, ROOT, browser_tools, stop_process

PRAATPLAAT = Path(sys.executable).parent / "praatplaat"
THEME = "themes/05-bedrijfsvoering.md"
START = 120.0  # seconds: a first build of every product on a loaded machine
WAIT = 30.0
SECRET = "not-for-the-browser-7f3a"


class Server:
    """A running `praatplaat serve --port 0`, its output collected by a reader thread."""

    def __init__(self, *args: str | Path) -> None:
        self.process = subprocess.Popen(
            [str(PRAATPLAAT), "serve", "--port", "0", "--layouts", str(LAYOUTS), *map(str, args)], cwd=ROOT,
            text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, bufsize=1,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.url = ""

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, predicate, what: str, timeout: float = WAIT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            if self.process.poll() is not None:
                time.sleep(0.1)
                break
            time.sleep(0.05)
        raise AssertionError(f"waited {timeout:.0f} s for {what}; serve said:\n{self.output}")

    def started(self) -> Server:
        line = self.wait_for(lambda: next((l for l in self.lines if l.startswith("serving http://")), None),
                             "the URL", START)
        self.url = line.split()[1]
        return self

    @property
    def address(self) -> tuple[str, int]:
        host, port = re.match(r"http://([^/]+):(\d+)/", self.url).groups()
        return host, int(port)

    def request(self, method: str, path: str, headers: dict | None = None, body: bytes | None = None):
        """(status, headers, body) for a request whose path is sent exactly as given."""
        connection = http.client.HTTPConnection(*self.address, timeout=WAIT)
        try:
            connection.putrequest(method, path, skip_host="Host" in (headers or {}), skip_accept_encoding=True)
            for name, value in (headers or {}).items():
                connection.putheader(name, value)
            if body is not None:
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def state(self) -> dict:
        status, _, body = self.request("GET", "/api/state")
        assert status == 200
        return json.loads(body)

    def stop(self, sig: int = signal.SIGINT) -> int:
        return stop_process(self.process, self.reader, sig, WAIT)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One server on a copy of the content, every product, for the tests that do not stop it."""
    folder = tmp_path_factory.mktemp("serve")
    content, out = folder / "content", folder / "out"
    shutil.copytree(ROOT / "content", content)
    server = Server("--content", content, "--out", out)
    try:
        yield server.started(), content, out
    finally:
        server.stop()


# --- the page --------------------------------------------------------------------------------


def test_page_shows_every_product_from_the_build_report(served):
    server, _, out = served
    status, headers, body = server.request("GET", "/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    page = body.decode("utf-8")
    report = json.loads((out / "build.json").read_text(encoding="utf-8"))
    from generator.products import registry

    assert list(report["products"]) == list(registry())
    for name, entry in report["products"].items():
        assert f'id="pane-{name}"' in page
        for file in entry["files"]:
            if file.endswith(".pdf"):
                assert f'href="/files/{file}"' in page, file
            if file.endswith(".html"):
                assert re.search(rf'<iframe [^>]*src="/files/{re.escape(file)}\?v=[0-9a-f]{{12}}"', page), file
            svgs = [f for f in entry["files"] if f.endswith(".svg")]
            if file.startswith("previews/") and not svgs or file.endswith(".svg") and len(svgs) > 2:
                assert re.search(rf'<img src="/files/{re.escape(file)}\?v=[0-9a-f]{{12}}"', page), file
    assert page.count("<svg") == 2  # poster and diagram inline, the six theme posters as images
    assert f'data-source="{THEME}:9"' in page
    assert 'id="problems"' in page and 'id="problems" class="overlay" role="alert" data-key' in page
    assert "<h2 id=\"h-pane-report\">Build report</h2>" in page


def test_files_of_the_output_folder_are_served_as_they_are(served):
    server, _, out = served
    status, headers, body = server.request("GET", "/files/poster-a0.svg")
    assert status == 200 and headers["content-type"].startswith("image/svg+xml")
    assert body == (out / "poster-a0.svg").read_bytes()
    status, headers, body = server.request("GET", "/files/previews/cards-questions-a4.png")
    assert status == 200 and body == (out / "previews" / "cards-questions-a4.png").read_bytes()
    assert server.request("GET", "/assets/serve.js")[0] == 200
    assert server.request("GET", "/files/nothing-here.pdf")[0] == 404


TRAVERSALS = [
    "/../../etc/passwd",
    "/files/../../etc/passwd",
    "/files/../../../../../../etc/passwd",
    "/files/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/files/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/files/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/files/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
    "/files/..%5c..%5c..%5cetc%5cpasswd",
    "/files//etc/passwd",
    "/files/%2fetc%2fpasswd",
    "/files/previews/../../secret.txt",
    "/files/previews/%2e%2e/%2e%2e/secret.txt",
    "/files/outside.txt",
    "/files/outside-folder/secret.txt",
    "/files/.praatplaat-state.json",
    "/files/./build.json",
    "/assets/../serve.py",
    "/assets/%2e%2e%2fserve.py",
    "/assets/..%2f..%2fpyproject.toml",
]


def test_paths_out_of_the_output_folder_are_refused(served):
    server, _, out = served
    secret = out.parent / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    (out / "outside.txt").symlink_to(secret)
    (out / "outside-folder").symlink_to(out.parent, target_is_directory=True)
    (out / "inside.txt").symlink_to(out / "build.json")
    try:
        for path in TRAVERSALS:
            status, _, body = server.request("GET", path)
            assert status in (400, 404), (path, status)
            assert SECRET.encode() not in body and b"root:" not in body and b"[project]" not in body, path
        # a symlink that stays inside the output folder is a file of it
        status, _, body = server.request("GET", "/files/inside.txt")
        assert status == 200 and body == (out / "build.json").read_bytes()
    finally:
        for name in ("outside.txt", "outside-folder", "inside.txt"):
            (out / name).unlink()


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE"])
def test_methods_other_than_get_are_refused(served, method):
    server, _, out = served
    before = (out / "build.json").read_bytes()
    for path in ("/", "/files/build.json", "/events", "/api/state", "/files/new.txt"):
        status, headers, _ = server.request(method, path, body=b"{}" if method in ("POST", "PUT", "PATCH") else None)
        assert status == 405, (method, path, status)
        assert headers.get("allow") == "GET"
    assert (out / "build.json").read_bytes() == before and not (out / "new.txt").exists()


def test_a_foreign_host_name_is_refused(served):
    server, _, _ = served
    assert server.request("GET", "/", {"Host": "attacker.example"})[0] == 400
    assert server.request("GET", "/", {"Host": f"localhost:{server.address[1]}"})[0] == 200


def test_events_say_rebuilt_and_the_state_follows_edits_errors_and_fixes(served):
    server, content, _ = served
    host, port = server.address
    stream = http.client.HTTPConnection(host, port, timeout=WAIT)
    stream.request("GET", "/events")
    events = stream.getresponse()
    assert events.status == 200 and events.getheader("content-type").startswith("text/event-stream")
    theme = content / THEME
    original = theme.read_text(encoding="utf-8")

    def next_version() -> int:
        for raw in events:
            line = raw.decode("utf-8").strip()
            if line.startswith("data: "):
                return json.loads(line[6:])["version"]
        raise AssertionError("the event stream ended")

    def poster_html(state: dict) -> str:
        return next(p["html"] for p in state["panes"] if p["id"] == "pane-poster")

    try:
        first = next_version()
        edit(theme, "13. In hoeverre kan de VNG", "13. Hoe ver kan de Tulpenboom")
        server.wait_for(lambda: next_version() > first and "Tulpenboom" in poster_html(server.state()),
                        "the new question in the poster pane")
        theme.write_text(original.replace("level: 5", "level: five"), encoding="utf-8")
        # (the overlay stays while a later save is being built, so wait for the build's verdict)
        state = server.wait_for(lambda: (s := server.state())["status"]["state"] == "error" and s, "the error")
        assert state["problems"]["count"] == 1
        assert f"{THEME}:4" in state["problems"]["html"] and "level must be a number" in state["problems"]["html"]
        assert "Tulpenboom" in poster_html(state)  # the last good poster stays
        theme.write_text(original, encoding="utf-8")
        state = server.wait_for(lambda: (s := server.state())["status"]["state"] == "ok" and s, "the fix")
        assert state["problems"] == {"key": state["problems"]["key"], "html": "", "count": 0}
        assert "Tulpenboom" not in poster_html(state)
        # a pane the page already has is not sent again
        keys = ",".join(p["key"] for p in state["panes"])
        _, _, body = server.request("GET", f"/api/state?have={keys}")
        assert all(p["html"] is None for p in json.loads(body)["panes"])
    finally:
        theme.write_text(original, encoding="utf-8")
        stream.close()


# --- in a real browser ------------------------------------------------------------------------


def test_the_page_in_chromium_follows_edits_shows_errors_and_sources(served):
    """The issue's acceptance: edit a question, see it in the poster's SVG without a reload
    (a marker on `window` survives) within a second of the save; break the content, see the
    overlay with file and line; fix it, see it go; axe-core finds no WCAG 2.1 AA violation."""
    server, content, _ = served
    node = browser_tools()
    run = subprocess.run([node, str(A11Y / "serve_check.js"), server.url, str(content)],
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stderr + "\n" + server.output
    report = json.loads(run.stdout)
    print("save-to-screen latencies (ms):", report["latencies"], "overlay:", report["brokenLatency"],
          "fixed:", report["fixedLatency"])
    assert report["axe"]["violations"] == [], json.dumps(report["axe"]["violations"], indent=1)
    assert report["axeOverlay"]["violations"] == [], json.dumps(report["axeOverlay"]["violations"], indent=1)
    assert report["axe"]["passes"] >= 15
    assert report["marker"] == report["markerAtEnd"] == "still the same page"
    assert report["tip"] == f"{THEME}:9" and report["pinned"] == f"Selected: {THEME}:9"
    assert report["viewAfter"] == report["viewBefore"] and report["viewBefore"]["zoom"] == "200 %"
    assert report["viewBefore"]["top"] > 0 and report["viewBefore"]["left"] > 0
    assert f"{THEME}:4: level must be a number" in report["overlay"]
    assert report["keptPoster"] and report["overlayHidden"] and report["restored"]
    # Every one of the four saves reached the poster on screen without a reload (the marker
    # above). How fast is measured, not asserted (no timed tests; the figures printed above are
    # recorded in docs/benchmarks.md): 0.2-0.6 s on an idle 2-core machine.
    assert len(report["latencies"]) == 4 and all(ms > 0 for ms in report["latencies"]), report["latencies"]


# --- starting and stopping --------------------------------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_ctrl_c_stops_cleanly_with_an_open_event_stream(tmp_path, content_copy, sig):
    server = Server("poster", "--no-previews", "--content", content_copy, "--out", tmp_path / "out")
    try:
        server.started()
        stream = http.client.HTTPConnection(*server.address, timeout=WAIT)
        stream.request("GET", "/events")
        assert stream.getresponse().status == 200
        code = server.stop(sig)
        stream.close()
    finally:
        server.stop()
    assert code in (0, 130), server.output
    assert "Traceback" not in server.output and "Error" not in server.output
    assert server.lines[-1] == "stopped"


def test_a_host_other_than_loopback_is_warned_about(tmp_path, content_copy):
    # 192.0.2.1 is a documentation address: never this machine's, so it cannot be bound
    server = Server("poster", "--content", content_copy, "--out", tmp_path / "out", "--host", "192.0.2.1")
    try:
        code = server.process.wait(timeout=START)
    finally:
        server.stop()
    assert code == 1
    assert server.lines[0].startswith("warning: serving on 192.0.2.1: anyone who can reach this machine")
    assert server.lines[-1].startswith("error: cannot listen on 192.0.2.1:0")
    assert "Traceback" not in server.output


def test_loopback_names():
    from generator.serve import is_loopback

    assert all(is_loopback(h) for h in ("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "192.168.1.10", "example.org", ""))


# --- pieces -----------------------------------------------------------------------------------


def test_safe_file_takes_only_plain_names_inside_the_folder(tmp_path):
    from generator.serve_app import safe_file

    out = tmp_path / "out"
    (out / "previews").mkdir(parents=True)
    (out / "a.pdf").write_bytes(b"%PDF")
    (out / "previews" / "p.png").write_bytes(b"png")
    (out / ".hidden").write_text("x")
    (tmp_path / "secret").write_text(SECRET)
    (out / "link").symlink_to(tmp_path / "secret")
    out = out.resolve()
    assert safe_file(out, "a.pdf") == out / "a.pdf"
    assert safe_file(out, "previews/p.png") == out / "previews" / "p.png"
    for name in ("", "previews", "../secret", "previews/../a.pdf", "./a.pdf", "/etc/passwd", "a.pdf/",
                 ".hidden", "link", "previews\\..\\a.pdf", "a.pdf\0", str(out / "a.pdf"), "nothing"):
        assert safe_file(out, name) is None, name


def test_inline_svgs_get_their_own_ids_and_font_names(tmp_path):
    from generator.serve_page import inline_svg

    svg = (b'<?xml version="1.0" encoding="utf-8" ?>\n<svg xmlns="http://www.w3.org/2000/svg"><defs>'
           b"<style>@font-face{font-family:'Sans-Bold';src:url(data:font/ttf;base64,AA==)}</style>"
           b'<linearGradient id="g1"/></defs><rect fill="url(#g1)"/>'
           b"<text><tspan font-family=\"'Sans-Bold', sans-serif\">Hi</tspan></text>"
           b'<a href="https://example.org/x" xlink:href="https://example.org/x"><rect/></a></svg>')
    a, b = str(inline_svg(svg, "poster")), str(inline_svg(svg, "diagram"))
    assert not a.startswith("<?xml") and a.startswith('<svg class="sheet-svg"')
    assert 'id="poster-g1"' in a and 'fill="url(#poster-g1)"' in a and 'id="diagram-g1"' in b
    assert "font-family:'poster-Sans-Bold'" in a and "font-family=\"'poster-Sans-Bold', sans-serif\"" in a
    assert "'Sans-Bold'" not in a and "'Sans-Bold'" not in b
    assert '<a aria-label="https://example.org/x" href="https://example.org/x"' in a
    assert inline_svg(svg, "poster") == a  # deterministic


# --- sources in the SVG -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def poster_doc():
    from generator.styles import load_style
    from generator.layout.poster import poster
    from generator.loader import load

    return poster(load(ROOT / "content"), load_style(LAYOUTS, "poster")).document


def test_poster_svg_says_where_each_question_theme_name_and_paragraph_comes_from(plaat, poster_doc):
    import xml.etree.ElementTree as ET

    from generator.render import render_svg

    svg = render_svg(poster_doc)
    root = ET.fromstring(svg)
    texts: dict[str, list[str]] = {}
    for element in root.iter():
        if element.get("data-source"):
            texts.setdefault(element.get("data-source"), []).append(" ".join("".join(element.itertext()).split()))
    squash = lambda s: re.sub(r"[\s\u00ad-]", "", s)  # lines broken and hyphenated by layout
    for theme in plaat.themes:
        for q in theme.questions:
            assert any(squash(q.text) == squash(t) for t in texts[str(q.source)]), q.source
        assert any(squash(theme.label.replace("|", "")) in squash(t) for t in texts[str(theme.source)]), theme.id
    for block in plaat.intro:
        assert str(block.source) in texts, block.source
    for challenge in plaat.challenges:
        assert any(squash(challenge.title) in squash(t) for t in texts[str(challenge.source)])
    assert render_svg(poster_doc) == svg


def test_diagram_svg_names_carry_their_theme_file(plaat):
    import xml.etree.ElementTree as ET

    from generator.styles import load_style
    from generator.layout.diagram import diagram_document
    from generator.render import render_svg

    doc, _ = diagram_document(plaat, load_style(LAYOUTS, "diagram"), None, None, False)
    root = ET.fromstring(render_svg(doc))
    sources = {e.get("data-tag"): e.get("data-source") for e in root.iter() if e.get("data-source")}
    for theme in plaat.themes:
        assert sources[f"name:{theme.id}"] == str(theme.source)


def _without_sources(value):
    """A copy of a scene value with every `source` emptied (roles kept as they are: one Role
    object is one structure element, shared by the groups that make it up)."""
    from generator import scene

    if isinstance(value, scene.Role):
        return value
    if isinstance(value, tuple):
        return tuple(_without_sources(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _without_sources(getattr(value, f.name)) for f in fields(value)}
        if "source" in changes:
            changes["source"] = ""
        return replace(value, **changes)
    return value


def test_sources_change_no_pdf_byte(poster_doc):
    from generator.render import render_pdf

    bare = _without_sources(poster_doc)
    assert bare != poster_doc  # the poster has sources to remove
    assert render_pdf(bare) == render_pdf(poster_doc)


def _asgi_get(app, path: str) -> tuple[int, bytes]:
    """One GET straight through the ASGI app (no server): its status and body."""
    import asyncio

    sent: list[dict] = []
    requests = [{"type": "http.request", "body": b"", "more_body": False}]

    async def receive():  # the request once, then a client that stays connected
        if requests:
            return requests.pop()
        await asyncio.sleep(3600)

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
             "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", b"127.0.0.1")], "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
    asyncio.run(asyncio.wait_for(app(scope, receive, send), 20))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def test_a_file_removed_between_the_check_and_the_read_is_not_found_not_an_error(tmp_path, monkeypatch):
    """A build switching generations removes old files at any moment: the request that loses
    the race gets 404, never a server error."""
    import generator.serve_app as serve_app

    out = tmp_path / "out"
    out.mkdir()
    (out / "a.pdf").write_bytes(b"%PDF-1.7 here")
    app = serve_app.create_app(out, builder=None, hub=None)
    assert _asgi_get(app, "/files/a.pdf") == (200, b"%PDF-1.7 here")
    checked = serve_app.safe_file

    def check_then_lose_the_race(folder, name):
        path = checked(folder, name)
        if path is not None:
            path.unlink()
        return path

    monkeypatch.setattr(serve_app, "safe_file", check_then_lose_the_race)
    assert _asgi_get(app, "/files/a.pdf") == (404, b"not found\n")
