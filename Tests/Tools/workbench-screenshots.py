"""Takes the screenshots docs/workbench.md shows, from a running `opapm serve` over a copy of the samples, in
headless Chromium: the review queue, a submission open for editing with its live determination and loss-band
chart, and the approved-list preview. Usage: workbench-screenshots.py BASE_URL OUT_DIR EDIT_NAME."""
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser import chromium

base, out, name = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
driver = chromium(width=1280, height=1000)
try:
    driver.get(base + "/")
    driver.save_screenshot(f"{out}/workbench-review-queue.png")
    driver.get(f"{base}/edit/{name}")
    WebDriverWait(driver, 30).until(lambda d: d.find_element(By.ID, "author").get_attribute("data-ready") == "true")
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#decision section.year"))
    # The financial-risk section, its finding beside it and the chart, in view.
    driver.execute_script("document.getElementById('band-chart').scrollIntoView({block: 'end'});")
    time.sleep(0.5)
    driver.save_screenshot(f"{out}/workbench-authoring.png")
    driver.get(base + "/approved?year=2024")
    driver.save_screenshot(f"{out}/workbench-approved-list.png")
finally:
    driver.quit()
print("wrote workbench-review-queue.png, workbench-authoring.png, workbench-approved-list.png")
