#!/usr/bin/env python3
"""Browser test of a site written by `tlayer site`, in headless Chromium.

Drives Chromium through the DevTools protocol over a pipe (--remote-debugging-pipe: JSON
messages ending in NUL on file descriptors 3 and 4), so it needs only the Python standard
library and no network. Usage:

    site-browser-test.py --chromium /usr/bin/chromium --layers-site DIR --escape-site DIR
                         [--screenshots OUT_DIR] [--all-pages]

--layers-site is `tlayer site` over schema/tl/layer001-003.tl; --escape-site is a site whose
docs hold markup (see site-browser-test.sh). Checks, failing with exit 1:

  1. the index loads; typing "sentMessageLink" into the search box (key events) lists
     messages.sentMessageLink first; Enter follows it; the page shows its TL line and a history
     in which it is new in layer 3;
  2. typing "userProfilePhoto" and clicking the result shows both versions (layers 1 and 2) and
     the field diff (+photo_id:long);
  3. the escape site's page shows the markup as text and none of it runs;
  4. no console error, uncaught exception or failed load on any page visited (with --all-pages,
     every HTML file of both sites);
  5. every href and src of every HTML file points at a file of the site (and an id on it).
"""

import argparse
import base64
import fcntl
import html.parser
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

FAILURES = []


def check(ok, what):
    print(("ok     " if ok else "FAILED ") + what, flush=True)
    if not ok:
        FAILURES.append(what)
    return ok


class Browser:
    """A headless Chromium and one page (tab), driven over the DevTools pipe."""

    def __init__(self, chromium, width=1200, height=900):
        self.profile = tempfile.mkdtemp(prefix="tlayer-site-chromium-")
        cmd_r, self.cmd_w = os.pipe()
        self.res_r, res_w = os.pipe()

        def child_fds():
            # Move both ends above 4 first, so neither is overwritten by the other's dup2.
            a = fcntl.fcntl(cmd_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(res_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            "--hide-scrollbars",
            "--force-color-profile=srgb",
            "--user-data-dir=" + self.profile,
            "--remote-debugging-pipe",
            "about:blank",
        ]
        self.log = open(os.path.join(self.profile, "chromium.log"), "wb")
        self.proc = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log, pass_fds=(3, 4), preexec_fn=child_fds
        )
        os.close(cmd_r)
        os.close(res_w)
        self.messages = queue.Queue()
        self.pending = []  # events read while waiting for something else
        self.next_id = 0
        self.errors = []
        threading.Thread(target=self._read, daemon=True).start()

        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(domain + ".enable", session=True)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session=True,
        )

    def _read(self):
        buf = b""
        while True:
            chunk = os.read(self.res_r, 1 << 16)
            if not chunk:
                self.messages.put(None)
                return
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                self.messages.put(json.loads(raw))

    def _next(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("Chromium did not answer in time")
        try:
            msg = self.messages.get(timeout=left)
        except queue.Empty:
            raise TimeoutError("Chromium did not answer in time")
        if msg is None:
            raise RuntimeError("Chromium closed the pipe (see %s)" % self.log.name)
        if "method" in msg:
            self._note(msg)
        return msg

    def _note(self, event):
        """Collects console errors, uncaught exceptions and failed loads."""
        m, p = event["method"], event.get("params", {})
        if m == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            self.errors.append("exception: " + d.get("exception", {}).get("description", d.get("text", "?")))
        elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            self.errors.append("console.%s: %s" % (p["type"], " ".join(str(a.get("value", a.get("description"))) for a in p.get("args", []))))
        elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            e = p["entry"]
            self.errors.append("log: %s %s" % (e.get("text"), e.get("url", "")))
        elif m == "Network.loadingFailed":
            self.errors.append("load failed: %s %s" % (p.get("errorText"), p.get("requestId")))

    def call(self, method, params=None, session=False, timeout=30):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = self.session
        os.write(self.cmd_w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._next(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            if "method" in reply:
                self.pending.append(reply)

    def wait_event(self, method, timeout=30):
        for i, e in enumerate(self.pending):
            if e["method"] == method:
                del self.pending[i]
                return e
        deadline = time.monotonic() + timeout
        while True:
            msg = self._next(deadline)
            if msg.get("method") == method:
                return msg
            if "method" in msg:
                self.pending.append(msg)

    def goto(self, url):
        self.pending = [e for e in self.pending if e["method"] != "Page.loadEventFired"]
        self.call("Page.navigate", {"url": url}, session=True)
        self.wait_event("Page.loadEventFired")

    def settle(self):
        """Lets scripts and events run: a round trip through the page's event loop."""
        self.eval("new Promise(r => setTimeout(r, 30))", await_promise=True)

    def eval(self, expr, await_promise=False):
        r = self.call(
            "Runtime.evaluate",
            {"expression": expr, "returnByValue": True, "awaitPromise": await_promise},
            session=True,
        )
        if "exceptionDetails" in r:
            raise RuntimeError("evaluate %r: %s" % (expr, r["exceptionDetails"]))
        return r["result"].get("value")

    def key(self, key, code, keycode, text=None):
        down = {"type": "keyDown" if text else "rawKeyDown", "key": key, "code": code, "windowsVirtualKeyCode": keycode}
        if text:
            down["text"] = text
        self.call("Input.dispatchKeyEvent", down, session=True)
        self.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": keycode}, session=True)

    def type_text(self, s):
        for ch in s:
            code = ("Key" + ch.upper()) if ch.isalpha() else ("Digit" + ch if ch.isdigit() else "")
            self.key(ch, code, ord(ch.upper()), text=ch)

    def click(self, selector):
        box = self.eval(
            "(() => { const r = document.querySelector(%s).getBoundingClientRect();"
            " return [r.x + r.width / 2, r.y + r.height / 2]; })()" % json.dumps(selector)
        )
        for t in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": t, "x": box[0], "y": box[1], "button": "left", "clickCount": 1}, session=True)

    def screenshot(self, path, full_page=True):
        params = {"format": "png"}
        if full_page:
            w, h = self.eval("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            params.update({"captureBeyondViewport": True, "clip": {"x": 0, "y": 0, "width": w, "height": min(h, 4000), "scale": 1}})
        data = self.call("Page.captureScreenshot", params, session=True)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        print("wrote  " + path, flush=True)

    def take_errors(self):
        # Drain what has arrived so late errors are counted too.
        while True:
            try:
                msg = self.messages.get_nowait()
            except queue.Empty:
                break
            if msg and "method" in msg:
                self._note(msg)
                self.pending.append(msg)
        errors, self.errors = self.errors, []
        return errors

    def close(self):
        try:
            self.call("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)


class Links(html.parser.HTMLParser):
    """The href and src values and the ids of one HTML file."""

    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in ("href", "src") and v is not None:
                self.links.append(v)
            if k == "id":
                self.ids.add(v)


def html_files(root):
    for dirpath, _, names in os.walk(root):
        for n in sorted(names):
            if n.endswith(".html"):
                yield os.path.join(dirpath, n)


def check_links(root):
    """Every relative href and src resolves to a file of the site, and a #fragment to an id."""
    parsed, broken, count = {}, [], 0

    def parse(path):
        if path not in parsed:
            p = Links()
            with open(path, encoding="utf-8") as f:
                p.feed(f.read())
            parsed[path] = p
        return parsed[path]

    files = list(html_files(root))
    for path in files:
        for link in parse(path).links:
            if link.startswith("data:"):
                continue
            u = urllib.parse.urlsplit(link)
            if u.scheme or u.netloc:
                broken.append("%s: external link %s" % (path, link))
                continue
            count += 1
            target = os.path.normpath(os.path.join(os.path.dirname(path), urllib.parse.unquote(u.path))) if u.path else path
            if not os.path.realpath(target).startswith(os.path.realpath(root)) or not os.path.isfile(target):
                broken.append("%s: %s" % (path, link))
            elif u.fragment and target.endswith(".html") and u.fragment not in parse(target).ids:
                broken.append("%s: %s (no such id)" % (path, link))
    summary = "none broken" if not broken else "%d broken:" % len(broken)
    check(not broken, "%s: %d links in %d HTML files, %s%s" % (root, count, len(files), summary, "".join("\n       " + b for b in broken[:20])))
    return files


def url(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chromium", required=True)
    ap.add_argument("--layers-site", required=True)
    ap.add_argument("--escape-site", required=True)
    ap.add_argument("--screenshots")
    ap.add_argument("--all-pages", action="store_true")
    a = ap.parse_args()

    layer_files = check_links(a.layers_site)
    escape_files = check_links(a.escape_site)

    b = Browser(a.chromium)
    try:
        # 1. Search from the index, follow the result with Enter.
        b.goto(url(os.path.join(a.layers_site, "index.html")))
        b.settle()
        check(b.eval("document.activeElement && document.activeElement.id") == "q", "the index focuses the search box")
        if a.screenshots:
            b.screenshot(os.path.join(a.screenshots, "index.png"), full_page=False)
        b.type_text("sentMessageLink")
        b.settle()
        results = b.eval("[...document.querySelectorAll('#results a .rname')].map(e => e.textContent)")
        check(bool(results) and results[0] == "messages.sentMessageLink", "typing lists messages.sentMessageLink first: %s" % results[:5])
        if a.screenshots:
            b.screenshot(os.path.join(a.screenshots, "index-search.png"), full_page=False)
        b.pending = [e for e in b.pending if e["method"] != "Page.loadEventFired"]
        b.key("Enter", "Enter", 13, text="\r")
        b.wait_event("Page.loadEventFired")
        b.settle()
        here = b.eval("location.pathname")
        check(here.endswith("/c/messages.sentMessageLink.html"), "Enter follows the result to %s" % here)
        tl = b.eval("document.querySelector('pre.tl').textContent")
        check(tl.startswith("messages.sentMessageLink#e9db4a3f id:int date:int pts:int seq:int links:Vector<contacts.Link>"), "the page shows the TL line: %s" % tl)
        history = b.eval("(document.querySelector('#history + ol.history') || {}).innerText || ''")
        check("Layer 3" in history and "New" in history, "the history says new in layer 3: %r" % history[:80])
        check(b.eval("document.querySelector('.badge.new') && document.querySelector('.badge.new').textContent") == "new in layer 3", "the badge says new in layer 3")
        if a.screenshots:
            b.screenshot(os.path.join(a.screenshots, "messages.sentMessageLink.png"))

        # 2. Search again from this page, follow a result with the mouse.
        b.click("#q")
        b.type_text("userProfilePhoto")
        b.settle()
        first = b.eval("document.querySelector('#results a .rname').textContent")
        check(first == "userProfilePhoto", "userProfilePhoto is the first result: %s" % first)
        b.pending = [e for e in b.pending if e["method"] != "Page.loadEventFired"]
        b.click("#results a")
        b.wait_event("Page.loadEventFired")
        b.settle()
        items = b.eval("[...document.querySelectorAll('ol.history > li')].map(li => li.innerText)")
        check(len(items) == 2, "userProfilePhoto has two history entries: %d" % len(items))
        if len(items) == 2:
            check("Layer 1" in items[0] and "#990d1493" in items[0], "its layer-1 version: %r" % items[0][:120])
            check("Layer 2" in items[1] and "#d559d8c8" in items[1], "its layer-2 version: %r" % items[1][:120])
        added = b.eval("[...document.querySelectorAll('table.diff tr.add')].map(tr => tr.innerText.replace(/\\s+/g, ' ').trim())")
        check(added == ["+ photo_id:long"], "the field diff adds photo_id:long: %s" % added)
        kept = b.eval("document.querySelectorAll('table.diff tr.same').length")
        check(kept == 2, "the field diff keeps photo_small and photo_big: %s" % kept)
        if a.screenshots:
            b.screenshot(os.path.join(a.screenshots, "userProfilePhoto.png"))

        # 3. Markup in docs stays text.
        b.goto(url(os.path.join(a.escape_site, "c", "evil.html")))
        b.settle()
        check(b.eval("window.PWNED === undefined"), "no markup from the schema ran")
        doc = b.eval("document.querySelector('p.doc').textContent")
        check("<script>window.PWNED=1</script>" in doc and "`" in doc and "*/" in doc, "the doc shows the markup as text: %r" % doc)
        check(b.eval("document.querySelectorAll('main script, main img, main b').length") == 0, "no element made from schema text")
        b.click("#q")
        b.type_text("evil")
        b.settle()
        check(b.eval("window.PWNED === undefined"), "searching shows no markup either")

        errors = b.take_errors()
        check(not errors, "no console errors on the pages visited%s" % "".join("\n       " + e for e in errors[:20]))

        # 4. Every page of both sites, if asked.
        if a.all_pages:
            bad = []
            for path in layer_files + escape_files:
                b.goto(url(path))
                ok = b.eval("typeof window.TL_INDEX === 'object' && document.getElementById('results') !== null")
                errors = b.take_errors()
                if not ok or errors:
                    bad.append("%s: %s" % (path, errors or "search index not loaded"))
            check(not bad, "%d pages load with their script and no console error%s" % (len(layer_files) + len(escape_files), "".join("\n       " + e for e in bad[:20])))
            check(b.eval("window.PWNED === undefined"), "no markup from the schema ran on any page")
    finally:
        b.close()

    if FAILURES:
        print("site browser test: %d check(s) failed" % len(FAILURES))
        return 1
    print("site browser test: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
