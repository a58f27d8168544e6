"""Opens a listed submission in the workbench's form in headless Chromium and saves it without a change.
When KEPT is given, the page must show one list kept whole (a long roster) with that many entries.
Usage: edit-in-browser.py BASE_URL NAME [KEPT]. Prints "saved NAME" and exits 0, or the problems."""
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser import chromium, finish

base, name = sys.argv[1].rstrip("/"), sys.argv[2]
kept = int(sys.argv[3]) if len(sys.argv) > 3 else None
driver = chromium(timeout=60)
wait = WebDriverWait(driver, 60)
problems = []
try:
    driver.get(f"{base}/edit/{name}")
    wait.until(lambda d: d.find_element(By.ID, "author").get_attribute("data-ready") == "true")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#decision section.year"))
    if kept is not None:
        shown = driver.execute_script("return [...document.querySelectorAll('.kept p')].map((p) => p.textContent);")
        if shown != [f"{kept} entries, kept as they are: too many to edit here; edit them in the XML"]:
            problems.append(f"the long list is not kept whole: {shown}")
        inputs = driver.execute_script("return document.querySelectorAll('#form input, #form select').length;")
        if inputs > 2000:
            problems.append(f"{inputs} fields drawn")
    driver.find_element(By.ID, "save").click()
    wait.until(lambda d: d.find_element(By.ID, "status").text.startswith("saved"))
except Exception as error:
    problems.append(f"{type(error).__name__}: {error}".splitlines()[0])
    problems.append("status: " + driver.execute_script("const s = document.getElementById('status'); return s ? s.textContent : '';"))
finally:
    driver.quit()
finish(problems, f"saved {name}")
