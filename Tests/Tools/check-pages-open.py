"""Opens each page in headless Chromium through Selenium and measures how long it takes to load and lay
out. Prints "N pages opened, slowest S s" and exits 0, or names the pages that took longer than the
bound given with --within SECONDS (default 30) and exits 1. A sanity bound, not a benchmark."""
import pathlib
import sys
import time

from browser import chromium, finish

arguments = sys.argv[1:]
within = 30.0
if arguments[:1] == ["--within"]:
    within = float(arguments[1])
    arguments = arguments[2:]
driver = chromium()
driver.set_page_load_timeout(within * 4)
slow = []
slowest = 0.0
try:
    for page in arguments:
        start = time.monotonic()
        driver.get(pathlib.Path(page).resolve().as_uri())
        driver.execute_script("return document.body.getBoundingClientRect().height")
        took = time.monotonic() - start
        slowest = max(slowest, took)
        if took > within:
            slow.append(f"{page}: {took:.1f} s")
finally:
    driver.quit()
finish(slow, f"{len(arguments)} pages opened, slowest {slowest:.2f} s")
