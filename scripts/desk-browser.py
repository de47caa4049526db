#!/usr/bin/env python3
"""The editors' desk in a real browser: Debian's Chromium, driven by Selenium (chromium-driver).

On a copy of the demo wire with an editor and a hostile agency (its Atom headline is
`<img src=x onerror=alert(1)> …`, text to Atom): sign in; see every report with the agency's
original; override a headline inline and find it in /wire.atom and on the public page; preview a
style change and see the right list; apply it and see the wire change; the hostile headline shows
as text (no element injected, no script run). A screenshot of each page goes to OUT (default
.build/desk-screenshots).

Usage: scripts/desk-browser.py [--binary .build/debug/mediawire] [--out DIR]
Needs: chromium, chromium-driver, and selenium (from PyPI; a venv .venv-desk is made if missing).
"""
import argparse, os, re, shutil, signal, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ensure_selenium():
    try:
        import selenium  # noqa: F401
        return
    except ImportError:
        pass
    venv = os.path.join(ROOT, ".venv-desk")
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "selenium==4.*"], check=True)
    os.execv(python, [python] + sys.argv)


ensure_selenium()
from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

PASSWORD = "correct horse battery"
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode("utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "mediawire"))
    ap.add_argument("--out", default=os.path.join(ROOT, ".build", "desk-screenshots"))
    a = ap.parse_args()
    for tool in ("/usr/bin/chromium", "/usr/bin/chromedriver"):
        if not os.path.exists(tool):
            sys.exit(f"{tool} missing: apt-get install chromium chromium-driver")
    os.makedirs(a.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="mediawire-desk-")
    shutil.copytree(os.path.join(ROOT, "feeds"), os.path.join(work, "feeds"))
    config = os.path.join(work, "feeds", "demo.yaml")
    with open(os.path.join(work, "feeds", "demo", "marked.atom"), "w") as f:
        f.write("""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Marked</title><id>urn:marked</id>
<updated>2026-11-25T10:00:00Z</updated><entry><id>urn:marked:1</id><updated>2026-11-25T10:00:00Z</updated>
<title type="text">&lt;img src=x onerror=alert(1)&gt; Floods in the north</title>
<link href="https://marked.example/1"/><summary>Water rose.</summary></entry></feed>
""")
    with open(config, "a") as f:
        f.write("  - id: marked\n    name: Marked\n    url: demo/marked.atom\n")
    subprocess.run([a.binary, "editors", "add", "--config", config, "alice"], input=PASSWORD + "\n", text=True, check=True,
                   capture_output=True)
    log = open(os.path.join(work, "serve.log"), "w+")
    service = subprocess.Popen([a.binary, "serve", "--config", config, "--listen", "127.0.0.1:0"], stderr=log)
    driver = None
    try:
        port = None
        for _ in range(200):
            log.seek(0)
            m = re.search(r"listening on port (\d+)", log.read())
            if m:
                port = int(m.group(1))
                break
            time.sleep(0.1)
        if not port:
            sys.exit("the service did not start")
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            if fetch(base + "/wire.atom").count("<entry>") == 13:
                break
            time.sleep(0.2)

        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1400"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)

        def settled(predicate, seconds=15):
            """Waits until a click's navigation has produced the page `predicate` accepts."""
            deadline = time.time() + seconds
            while time.time() < deadline:
                try:
                    if predicate():
                        return True
                except Exception:
                    pass
                time.sleep(0.1)
            return False

        def shot(name):
            driver.save_screenshot(os.path.join(a.out, name + ".png"))

        driver.get(base + "/desk")
        check(driver.current_url.endswith("/desk/signin"), "a stranger is sent to the sign-in form")
        shot("1-signin")
        driver.find_element(By.NAME, "name").send_keys("alice")
        driver.find_element(By.NAME, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "form[action='/desk/signin'] button").click()
        check(settled(lambda: driver.current_url.endswith("/desk") and driver.find_elements(By.CSS_SELECTOR, "li.report-row")),
              "signed in, the wire")
        rows = driver.find_elements(By.CSS_SELECTOR, "li.report-row")
        check(len(rows) == 13, f"every report listed ({len(rows)})")
        originals = driver.find_elements(By.CSS_SELECTOR, "li.report-row p.original")
        check(len(originals) == 13, f"each with the agency's original ({len(originals)})")
        shot("2-wire")

        # The hostile agency: text, no element, no script.
        page = driver.page_source
        check("&lt;img src=x onerror=alert(1)&gt; Floods in the north" in page, "the hostile headline shows as text")
        check(not driver.find_elements(By.CSS_SELECTOR, "main img"), "no element injected")
        try:
            driver.switch_to.alert
            check(False, "no script ran")
        except NoAlertPresentException:
            check(True, "no script ran")

        # Override the first headline in place.
        first = rows[0]
        report_id = first.get_attribute("id")[1:]
        field = first.find_element(By.NAME, "headline")
        field.clear()
        field.send_keys("Editors rewrote this headline")
        first.find_element(By.CSS_SELECTOR, "form[action$='/headline'] button").click()
        check(settled(lambda: driver.find_elements(By.LINK_TEXT, "Editors rewrote this headline")), "the desk shows the editor's headline")
        shot("3-override")
        check("<title type=\"text\">Editors rewrote this headline</title>" in fetch(base + "/wire.atom"), "the feed shows it")
        check("<h1>Editors rewrote this headline</h1>" in fetch(base + f"/reports/{report_id}"), "the public page shows it")
        driver.get(base + f"/desk/reports/{report_id}")
        check("alice set" in driver.page_source, "the report's history shows the override")
        shot("4-report")

        # Preview a style change, then apply it.
        driver.get(base + "/desk/style")
        area = driver.find_element(By.NAME, "style")
        text = area.get_attribute("value")
        area.clear()
        area.send_keys(text.replace("  - case: sentence", "  - case: title"))
        driver.find_element(By.CSS_SELECTOR, "button[value='preview']").click()
        settled(lambda: "would change" in driver.page_source)
        preview = driver.page_source
        check("Russian Exports to Europe Fall 12 Per Cent, Says Ministry" in preview, "the preview lists the new headlines")
        check("would change" in preview, "with the count")
        check("Fall 12 Per Cent" not in fetch(base + "/wire.atom"), "a preview changes nothing")
        shot("5-preview")
        driver.find_element(By.CSS_SELECTOR, "button[value='apply']").click()
        settled(lambda: "would change" not in driver.page_source)
        check("Russian Exports to Europe Fall 12 Per Cent, Says Ministry" in fetch(base + "/wire.atom"), "applied: the wire changes")
        check("Editors rewrote this headline" in fetch(base + "/wire.atom"), "the editor's headline stands over the new style")

        driver.get(base + "/desk/sources")
        check(len(driver.find_elements(By.CSS_SELECTOR, "table.sources tbody tr")) == 7, "every source on the sources page")
        shot("6-sources")
    finally:
        if driver:
            driver.quit()
        service.send_signal(signal.SIGTERM)
        service.wait(timeout=15)
        shutil.rmtree(work, ignore_errors=True)
    print(f"desk-browser: {'ok' if not failures else str(len(failures)) + ' FAILED'}; screenshots in {a.out}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
