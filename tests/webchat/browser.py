"""Headless Chromium (Debian `chromium` + `chromium-driver`) driven by selenium, and widget page helpers."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def chromium(language: str = "en-US") -> webdriver.Chrome:
    """A fresh headless browser with its own profile (so its own localStorage)."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", f"--lang={language}", f"--user-data-dir={tempfile.mkdtemp(prefix='hc-')}",
                "--window-size=1200,900"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


class WidgetPage:
    def __init__(self, driver: webdriver.Chrome, base: str) -> None:
        self.driver = driver
        self.base = base

    def open(self) -> WidgetPage:
        self.driver.get(f"{self.base}/widget/demo.html")
        self.wait(lambda: self.find("#hc-launcher"))
        return self

    def find(self, css: str) -> WebElement:
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def all(self, css: str) -> list[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def wait(self, condition: Callable[[], Any], timeout: float = 15) -> Any:
        def probe(_driver: Any) -> Any:
            try:
                return condition()
            except Exception:  # element not there yet
                return False
        return WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(probe)

    def start_chat(self, name: str = "", email: str = "", phone: str = "") -> None:
        self.find("#hc-launcher").click()
        self.wait(lambda: self.find("#hc-prechat").is_displayed())
        for css, value in (("#hc-name", name), ("#hc-email", email), ("#hc-phone", phone)):
            if value:
                self.find(css).send_keys(value)
        self.find("#hc-start").click()
        self.wait(lambda: self.find("#hc-input").is_displayed())

    def type_and_send(self, text: str) -> None:
        box = self.find("#hc-input")
        box.send_keys(text)
        self.find("#hc-send").click()

    def bodies(self, who: str = "") -> list[str]:
        css = f"#hc-log .hc-msg{'.hc-' + who if who else ''} .hc-body"
        return [str(self.driver.execute_script("return arguments[0].textContent", e)) for e in self.all(css)]

    def sent_ids(self) -> list[int]:
        return [int(e.get_attribute("data-id") or 0) for e in self.all("#hc-log .hc-msg[data-id]")]
