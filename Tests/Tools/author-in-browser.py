"""Writes a PY2021 submission in the workbench's authoring page from an empty form, in headless Chromium:
types every field, adds sections and measures with the page's own buttons and measure picker, watches the
determination turn from not approved (FR004) to approved when the band's rate goes from 25% to 35%,
checks that the finding sits next to the loss-sharing section and the chart is drawn, and saves.
Usage: author-in-browser.py BASE_URL FILE_NAME. Prints "authored FILE_NAME" and exits 0, or the problems."""
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser import chromium, finish

base, name = sys.argv[1].rstrip("/"), sys.argv[2]
driver = chromium(timeout=60)
wait = WebDriverWait(driver, 30)
problems = []


step = ["start"]


def field(path):
    step[0] = path
    return wait.until(lambda d: d.find_element(By.ID, "f-" + path))


def put(path, value):
    node = field(path)
    if node.tag_name == "select":
        Select(node).select_by_value(value)
    else:
        node.clear()
        node.send_keys(value)


def add(path):
    step[0] = "add " + path
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'button[data-add="{path}"]')).click()


def year_state(year):
    """The determination the panel shows for the year, once the last edit has been decided."""
    return driver.execute_script(
        "const s = document.querySelector(`#decision section[data-year='${arguments[0]}']`);"
        "return s ? s.className.replace('year ', '') : null;", year)


try:
    driver.get(base + "/new")
    wait.until(lambda d: d.find_element(By.ID, "author").get_attribute("data-ready") == "true")
    driver.execute_script("window.draws = []; const f = document.getElementById('form'); new MutationObserver((m) => { for (const r of m) if (r.target === f) window.draws.push(new Error().stack); }).observe(f, {childList: true});")
    for path, value in [
        ("id", "SUB-WORKBENCH-2021"), ("process", "payer-initiated"), ("submitter.type", "payer"),
        ("submitter.name", "Great Lakes Health Insurance Company"), ("payer.name", "Great Lakes Health Insurance Company"),
        ("payer.type", "commercial"), ("payer.states.state[0]", "MI"), ("submissionDate", "2020-05-15"),
        ("performanceYears.year[0]", "2021"), ("contact.name", "Dana Whitfield"), ("contact.email", "apm@example.org"),
        ("attestation.name", "Marcus Olsen"), ("attestation.title", "Chief Medical Officer"), ("attestation.date", "2020-05-15"),
        ("attestation.authority", "Senior Vice President, Provider Contracting, under board resolution 2020-07."),
        ("arrangement.id", "GLHIC-WB-2021"), ("arrangement.name", "Workbench Total Cost of Care"),
        ("arrangement.description", "Two-sided arrangement with annual reconciliation against expected expenditures."),
        ("arrangement.startDate", "2021-01-01"), ("arrangement.endDate", "2021-12-31"), ("arrangement.kind", "total-cost-of-care"),
        ("arrangement.apmEntities.apmEntity[0].tin", "381234567"),
        ("arrangement.apmEntities.apmEntity[0].name", "Lakeshore Physician Partners"),
        ("arrangement.apmEntities.apmEntity[0].eligibleClinicianCount", "120"),
        ("arrangement.apmEntities.apmEntity[0].organizationClinicianCount", "120"),
        ("arrangement.cehrt.required", "true"), ("arrangement.cehrt.requiredPercent", "75"),
    ]:
        put(path, value)
    add("arrangement.cehrt.evidence")
    put("arrangement.cehrt.evidence[0]", "Participation agreement section 6.3 requires CEHRT use.")
    # Measures through the picker, which searches PY2021's catalogue and says each measure's type.
    for measure in ["001", "236", "134"]:
        search = wait.until(lambda d: d.find_element(By.ID, "measure-search"))
        search.clear()
        search.send_keys(measure)
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'#measure-results button[data-measure="{measure}"]')).click()
    shown = driver.find_element(By.ID, "f-arrangement.qualityMeasures.measure[1].id").get_attribute("value")
    if shown != "236":
        problems.append(f"the picker added {shown!r} as the second measure, not 236")
    if driver.find_element(By.ID, "f-arrangement.qualityMeasures.measure[1].outcome").get_attribute("value") != "true":
        problems.append("the picker did not mark 236 (intermediate outcome) as an outcome measure")
    for index in range(3):
        put(f"arrangement.qualityMeasures.measure[{index}].paymentDependent", "true")
    add("arrangement.financialRisk")
    put("arrangement.financialRisk.mechanisms.mechanism[0]", "shared-losses")
    put("arrangement.financialRisk.expectedExpenditures.basis", "benchmark")
    put("arrangement.financialRisk.expectedExpenditures.value", "10000000.00")
    add("arrangement.financialRisk.lossSharing")
    put("arrangement.financialRisk.lossSharing.band[0].fromPercent", "0")
    put("arrangement.financialRisk.lossSharing.band[0].toPercent", "20")
    put("arrangement.financialRisk.lossSharing.band[0].ratePercent", "25")
    add("arrangement.financialRisk.evidence")
    put("arrangement.financialRisk.evidence[0]", "Provider agreement, Exhibit C, sections C.2 to C.4.")

    # Not approved for FR004 alone: the determination of the last edit, not of one on the way.
    wait.until(lambda d: year_state(2021) == "not-approved" and d.execute_script(
        "const s = document.querySelector(`#decision section[data-year='2021']`);"
        "const rules = [...s.querySelectorAll('.finding.error')].map((f) => f.dataset.rule);"
        "return rules.length === 1 && rules[0] === 'FR004';"))
    near = driver.execute_script(
        "return !!document.querySelector(`[data-field='arrangement.financialRisk'] > .notes .finding[data-rule='FR004']`);")
    if not near:
        problems.append("FR004 is not shown next to the financial risk section")
    remedy = driver.execute_script("const r = document.querySelector('#decision .remedy[data-rule=\"FR004\"]'); return r ? r.textContent : '';")
    if "30%" not in remedy:
        problems.append(f"no 'what would pass' for FR004 in the panel: {remedy!r}")
    beside = driver.execute_script(
        "const r = document.querySelector(`[data-field='arrangement.financialRisk.lossSharing.band[0]'] > .notes .remedy`);"
        "return r ? r.textContent : '';")
    if "to 30%" not in beside:
        problems.append(f"the change that would pass is not shown beside the band: {beside!r}")
    if not driver.execute_script("return !!document.querySelector('#band-chart svg polyline.curve') && !!document.querySelector('#band-chart svg rect.window');"):
        problems.append("the loss-band chart has no liability curve or marginal-risk window")

    put("arrangement.financialRisk.lossSharing.band[0].ratePercent", "35")
    wait.until(lambda d: year_state(2021) == "approved")

    put_name = driver.find_element(By.ID, "file-name")
    put_name.send_keys(name)
    driver.find_element(By.ID, "save").click()
    wait.until(lambda d: "saved" in d.find_element(By.ID, "status").text)
    # Saving again from the same page is an edit of the version it saved; a stale one is refused.
    driver.find_element(By.ID, "save").click()
    wait.until(lambda d: d.find_element(By.ID, "status").text.startswith("saved"))
except Exception as error:  # a wait that timed out, or the page missing a field
    problems.append(f"at {step[0]}: {type(error).__name__}: {error}".splitlines()[0])
    problems.append("draws: " + str(driver.execute_script("return window.draws.length")))
    problems.append("status: " + driver.execute_script("const s = document.getElementById('status'); return s ? s.textContent : '';"))
    problems.append("decision: " + driver.execute_script("const s = document.getElementById('decision'); return s ? s.innerText.slice(0, 600) : '';"))
finally:
    logs = []
    try:
        logs = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    except Exception:
        pass
    driver.quit()
problems.extend("browser console: " + line for line in logs)
finish(problems, f"authored {name}")
