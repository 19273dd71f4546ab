#!/usr/bin/env python3
"""Render an HTML paper in headless Chromium and report what a person would see, as JSON on standard output.

Talks the Chrome DevTools Protocol over --remote-debugging-pipe (file descriptors 3 and 4), so it needs only the
standard library and Pillow. Reports every network request the page made, every console message and uncaught
exception, the text a person sees (document.body.innerText), and the screenshot's pixel variety.

    python3 Scripts/browser-check.py paper.html --screenshot paper.png
"""
import argparse
import base64
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


PRINT_WIDTH = 680


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("browser-check: no chromium on PATH (Scripts/test.sh installs it)")


class Browser:
    def __init__(self, width, height):
        self.profile = tempfile.mkdtemp(prefix="qaf-chromium-")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        # Chromium reads commands on fd 3 and writes replies and events on fd 4. The pipe ends are first moved above
        # 4, so that placing one cannot overwrite the other.
        read_end, write_end = os.dup(to_chrome_r) + 100, None
        os.dup2(to_chrome_r, read_end)
        write_end = os.dup(from_chrome_w) + 100
        os.dup2(from_chrome_w, write_end)
        os.close(to_chrome_r)
        os.close(from_chrome_w)

        def fds():
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.process = subprocess.Popen(
            [
                chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", f"--window-size={width},{height}", f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            close_fds=False, preexec_fn=fds, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(read_end)
        os.close(write_end)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        return self.wait(lambda m: m.get("id") == self.next_id)

    def read(self, deadline):
        while b"\0" not in self.buffer:
            if time.time() > deadline:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self.from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def wait(self, match, seconds=60):
        deadline = time.time() + seconds
        while True:
            message = self.read(deadline)
            if "method" in message:
                self.events.append(message)
            if match(message):
                if "error" in message:
                    raise RuntimeError(f"chromium: {message['error']}")
                return message

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def variety(png):
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.resize((image.width // 4 or 1, image.height // 4 or 1))
    raw = small.tobytes()
    pixels = [raw[i:i + 3] for i in range(0, len(raw), 3)]
    colours = len(set(pixels))
    not_white = sum(1 for p in pixels if sum(p) < 720) / len(pixels)
    return {"width": image.width, "height": image.height, "colours": colours, "inked_fraction": round(not_white, 4)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("html")
    parser.add_argument("--screenshot")
    parser.add_argument("--width", type=int, default=1000)
    parser.add_argument("--height", type=int, default=1400)
    args = parser.parse_args()
    url = "file://" + os.path.abspath(args.html)

    browser = Browser(args.width, args.height)
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["result"]["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["result"]["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            browser.send(f"{domain}.enable", session=session)
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": args.width, "height": args.height, "deviceScaleFactor": 1, "mobile": False},
                     session=session)
        browser.send("Page.navigate", {"url": url}, session=session)
        # The load event may arrive before the reply to Page.navigate; it is then already among the events.
        if not any(e.get("method") == "Page.loadEventFired" for e in browser.events):
            browser.wait(lambda m: m.get("method") == "Page.loadEventFired")
        text = browser.send("Runtime.evaluate", {"expression": "document.body.innerText", "returnByValue": True},
                            session=session)["result"]["result"].get("value", "")
        shot = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)["result"]["data"]
        png = base64.b64decode(shot)
        if args.screenshot:
            with open(args.screenshot, "wb") as f:
                f.write(png)
        # Printed on A4 (210 mm less 15 mm margins each side, about 680 CSS pixels): nothing may be wider.
        browser.send("Emulation.setEmulatedMedia", {"media": "print"}, session=session)
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": PRINT_WIDTH, "height": args.height, "deviceScaleFactor": 1, "mobile": False},
                     session=session)
        scroll_width = browser.send("Runtime.evaluate",
                                    {"expression": "document.documentElement.scrollWidth", "returnByValue": True},
                                    session=session)["result"]["result"].get("value", 0)
        pdf = base64.b64decode(browser.send("Page.printToPDF", {"preferCSSPageSize": True},
                                            session=session)["result"]["data"])
        report = {
            "url": url,
            "requests": [e["params"]["request"]["url"] for e in browser.events
                         if e.get("method") == "Network.requestWillBeSent"],
            "console": [
                " ".join(str(a.get("value", a.get("description", ""))) for a in e["params"].get("args", []))
                for e in browser.events if e.get("method") == "Runtime.consoleAPICalled"
            ],
            "log": [e["params"]["entry"]["text"] for e in browser.events if e.get("method") == "Log.entryAdded"],
            "exceptions": [e["params"]["exceptionDetails"].get("text", "") for e in browser.events
                           if e.get("method") == "Runtime.exceptionThrown"],
            "text": text,
            "screenshot": variety(png),
            "print": {"width": PRINT_WIDTH, "scroll_width": scroll_width, "pdf": pdf[:5].decode("latin-1"),
                      "pdf_bytes": len(pdf)},
        }
    finally:
        browser.close()
    json.dump(report, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
