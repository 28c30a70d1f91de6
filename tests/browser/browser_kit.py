"""Real-browser kit: Debian's chromium driven headless through python3-selenium and
/usr/bin/chromedriver (nothing downloads a browser), a page of another site that frames the
storefront, and screenshots plus page HTML saved under build/test-artifacts/ on failure."""
import contextlib
import http.server
import pathlib
import shutil
import socketserver
import tempfile
import threading
import time

from selenium import webdriver
from selenium.common.exceptions import (NoSuchElementException, StaleElementReferenceException,
                                        WebDriverException)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from support import paths

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT_SECONDS = 30


class Browser:
    """A headless chromium with a fresh profile. Use as a context manager."""

    def __init__(self, block_third_party_cookies=True, width=1280, height=900):
        self.profile = tempfile.mkdtemp(prefix="punchout-chromium-")
        opts = webdriver.ChromeOptions()
        opts.binary_location = CHROMIUM
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                     "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", f"--user-data-dir={self.profile}",
                     f"--window-size={width},{height}",
                     # Catalog images live on hosts the test machine cannot reach: fail fast
                     # instead of waiting for DNS. Loopback stays reachable.
                     "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost"):
            opts.add_argument(flag)
        if block_third_party_cookies:
            # What embedded browsers and privacy settings do; the storefront must not need them.
            opts.add_experimental_option("prefs", {
                "profile.block_third_party_cookies": True,
                "profile.cookie_controls_mode": 1,
            })
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
        self.driver.set_page_load_timeout(WAIT_SECONDS)
        self.driver.set_script_timeout(WAIT_SECONDS)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.quit()

    def quit(self):
        try:
            self.driver.quit()
        except WebDriverException:
            pass
        shutil.rmtree(self.profile, ignore_errors=True)

    # -- helpers ----------------------------------------------------------------------------
    def get(self, url):
        self.driver.get(url)

    def wait(self, condition, timeout=WAIT_SECONDS, message=""):
        # A page being replaced (a form post, a redirect) leaves stale elements behind.
        ignored = (StaleElementReferenceException, NoSuchElementException)

        def settled(driver):
            try:
                return condition(driver)
            except WebDriverException as e:
                if not replaced_under_us(e):
                    raise
                return False

        return WebDriverWait(self.driver, timeout, ignored_exceptions=ignored).until(
            settled, message)

    def find(self, css):
        return self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, css)),
                         message=f"no element {css}")

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def click(self, css):
        element = self.wait(EC.element_to_be_clickable((By.CSS_SELECTOR, css)),
                            message=f"cannot click {css}")
        element.click()
        return element

    def click_text(self, tag, text):
        xpath = f"//{tag}[normalize-space(.)={xpath_literal(text)}]"
        element = self.wait(EC.element_to_be_clickable((By.XPATH, xpath)),
                            message=f"no <{tag}> reading {text!r}")
        element.click()
        return element

    def type_into(self, css, text):
        element = self.find(css)
        element.clear()
        element.send_keys(str(text))
        return element

    def text(self):
        for attempt in range(3):
            try:
                return self.driver.find_element(By.TAG_NAME, "body").text
            except WebDriverException as e:  # StaleElementReferenceException is one too
                if attempt == 2 or not (isinstance(e, StaleElementReferenceException)
                                        or replaced_under_us(e)):
                    raise
                time.sleep(0.2)

    def wait_for_text(self, text, timeout=WAIT_SECONDS):
        self.wait(lambda d: text in d.find_element(By.TAG_NAME, "body").text, timeout,
                  f"page never showed {text!r}")

    def save_artifacts(self, name):
        """Screenshot and HTML of the current page (and of the top page when in a frame)."""
        folder = paths.ARTIFACTS_DIR / "browser"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        base = folder / f"{name}-{stamp}"
        try:
            (base.with_suffix(".html")).write_text(self.driver.page_source, encoding="utf-8")
            self.driver.switch_to.default_content()
            self.driver.save_screenshot(str(base.with_suffix(".png")))
            (folder / f"{name}-{stamp}-top.html").write_text(self.driver.page_source,
                                                             encoding="utf-8")
        except WebDriverException as e:  # the browser may be what failed
            (base.with_suffix(".txt")).write_text(f"could not save the page: {e}\n")
        return base

    @contextlib.contextmanager
    def artifacts_on_failure(self, name):
        try:
            yield self
        except BaseException:
            where = self.save_artifacts(name)
            print(f"browser artifacts: {where}.png / .html")
            raise


def replaced_under_us(error):
    """Chromedriver reports an element read while its document is being replaced as this
    inspector error rather than as a stale element (seen once in CI-like runs)."""
    return "does not belong to the document" in str(error)


def xpath_literal(text):
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    return "concat(" + ", \"'\", ".join(f"'{p}'" for p in text.split("'")) + ")"


class FramingSite:
    """A page on another site (http://localhost:PORT) that shows `src` in an iframe, like a
    procurement system embedding the supplier's catalog."""

    def __init__(self):
        site = self
        self.src = "about:blank"

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                page = (f"<!DOCTYPE html><html><head><title>Procurement</title></head><body>"
                        f"<h1>Procurement system</h1>"
                        f'<iframe id="catalog" name="catalog" src="{site.src}" '
                        f'width="1200" height="800"></iframe></body></html>').encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def origin(self):
        return f"http://localhost:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
