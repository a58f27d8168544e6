"""Opens each HTML report in headless Chromium through Selenium and checks that no two text labels of a
risk chart overlap, measuring the boxes the browser drew. Prints "N charts, M labels, no overlap" and
exits 0, or names each chart and pair of labels that collide and exits 1."""
import pathlib
import sys

from browser import chromium, finish

driver = chromium(timeout=120)
problems = []
charts = labels = 0
try:
    for page in sys.argv[1:]:
        driver.get(pathlib.Path(page).resolve().as_uri())
        found = driver.execute_script("""
            const out = [];
            for (const svg of document.querySelectorAll('svg.risk-chart')) {
              const boxes = [];
              for (const t of svg.querySelectorAll('text')) {
                const r = t.getBoundingClientRect();
                if (r.width > 0 && r.height > 0) boxes.push({x: r.left, y: r.top, w: r.width, h: r.height, text: t.textContent});
              }
              out.push({id: svg.id, boxes: boxes});
            }
            return out;""")
        for chart in found:
            charts += 1
            boxes = chart["boxes"]
            labels += len(boxes)
            for i, a in enumerate(boxes):
                for b in boxes[i + 1:]:
                    # Overlap by more than half a pixel each way counts.
                    if (a["x"] + a["w"] - 0.5 > b["x"] and b["x"] + b["w"] - 0.5 > a["x"]
                            and a["y"] + a["h"] - 0.5 > b["y"] and b["y"] + b["h"] - 0.5 > a["y"]):
                        problems.append(f"{page} {chart['id']}: '{a['text']}' overlaps '{b['text']}'")
finally:
    driver.quit()
finish(problems, f"{charts} charts, {labels} labels, no overlap")
