"""Headless Chromium through Selenium and Debian's chromium-driver, as the page checks in this folder use
it, and the way they end: print each problem and exit 1, or print what passed and exit 0."""
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def chromium(width=1280, height=900, timeout=60):
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(timeout)
    driver.set_window_size(width, height)
    return driver


def finish(problems, passed):
    for problem in problems:
        print(problem)
    if not problems:
        print(passed)
    sys.exit(1 if problems else 0)
