"""Opens each HTML page in headless Chromium through Selenium (Debian's chromium-driver) at a desktop and
a phone width and checks that nothing makes the page wider than the window: long unbroken names must
wrap. Prints "N page views fit" and exits 0, or names each page and width that overflows and exits 1."""
import pathlib
import sys

from browser import chromium, finish

driver = chromium()
problems = []
views = 0
try:
    for page in sys.argv[1:]:
        for width, height in ((1280, 900), (375, 812)):
            driver.set_window_size(width, height)
            driver.get(pathlib.Path(page).resolve().as_uri())
            inner, scroll = driver.execute_script(
                "return [document.documentElement.clientWidth, document.documentElement.scrollWidth]")
            views += 1
            if scroll > inner + 1:
                widest = driver.execute_script("""
                    let worst = null;
                    for (const e of document.querySelectorAll('body *')) {
                      const r = e.getBoundingClientRect();
                      if (r.right > document.documentElement.clientWidth + 1 && (!worst || r.right > worst.r)) worst = {r: r.right, t: e.tagName + '.' + e.className};
                    }
                    return worst ? worst.t : '?';""")
                problems.append(f"{page} at {width}px: {scroll}px wide in a {inner}px window ({widest})")
finally:
    driver.quit()
finish(problems, f"{views} page views fit")
