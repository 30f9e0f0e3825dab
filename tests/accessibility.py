"""axe-core in the browser tests: every page a test visits is checked, after it loads and after every
htmx swap, and the test fails on any serious or critical violation (the ``page`` fixture of
tests/conftest.py uses ``AxeWatch``).

The vendored ``axe.min.js`` (static/vendor/axe-core; no template loads it) goes into every document
as a Playwright init script, which the portal's Content-Security-Policy does not apply to. A watcher
beside it runs one check at a time and hands each check's findings to Python as soon as it ends
(a page cannot be asked anything once it is leaving: Chromium holds it while the next one loads).
So that a test cannot click away from a page before its check ended, the watcher shows a 1-pixel,
click-through marker while a check is due or running, and Playwright waits for it to go before every
action and assertion (``add_locator_handler``); ``goto``, ``reload`` and the history moves wait too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

AXE = Path(__file__).resolve().parent.parent / "static" / "vendor" / "axe-core" / "axe.min.js"
REPORTED = ("serious", "critical")
MARKER = "otbasy-axe-pending"

# Runs in every document of the tab, after axe.min.js. A check waits for the page to sit still
# (a fading modal would have half-faded colours), then asks axe about the whole document.
WATCHER = """
(() => {
  if (window.top !== window || window.__otbasyAxe) return;
  const MARKER = __MARKER__, REPORTED = __REPORTED__;
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  // Animations that end (a spinner turns for ever), and for a second at most.
  const ending = () => document.getAnimations().filter((animation) =>
    animation.playState === "running" && animation.effect && animation.effect.getComputedTiming().endTime !== Infinity);
  const still = async () => {
    await pause(30);
    for (let round = 0; round < 10 && ending().length; round++) {
      await Promise.race([Promise.allSettled(ending().map((animation) => animation.finished)), pause(100)]);
    }
  };
  let pending = 0;
  const busy = () => {
    pending += 1;
    if (document.getElementById(MARKER)) return;
    const marker = document.createElement("div");
    marker.id = MARKER;
    marker.setAttribute("aria-hidden", "true");
    // Through the CSSOM: the CSP refuses style attributes, not this.
    Object.assign(marker.style, { position: "fixed", left: "0", top: "0", width: "1px", height: "1px", pointerEvents: "none" });
    document.documentElement.appendChild(marker);
  };
  const idle = () => {
    pending -= 1;
    if (pending === 0) document.getElementById(MARKER)?.remove();
  };
  const check = async () => {
    await still();
    const results = await axe.run(document, { resultTypes: ["violations"] });
    const findings = [];
    for (const violation of results.violations) {
      if (!REPORTED.includes(violation.impact)) continue;
      for (const node of violation.nodes) {
        findings.push({
          url: location.pathname + location.search, rule: violation.id, impact: violation.impact,
          help: violation.help, target: node.target.join(" "), summary: node.failureSummary || "",
        });
      }
    }
    await window.__otbasyAxeReport(findings, "");
  };
  let queue = Promise.resolve();
  const schedule = () => {
    busy();
    queue = queue.then(check).catch(() => check())
      .catch((error) => window.__otbasyAxeReport([], location.pathname + ": " + error)).finally(idle);
    return queue;
  };
  // After the htmx requests in flight have swapped and settled (each swap schedules a check).
  const settled = async () => {
    for (let round = 0; round < 250 && document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling"); round++) {
      await pause(20);
    }
    await queue;
  };
  window.__otbasyAxe = { schedule, settled };
  document.addEventListener("DOMContentLoaded", () => {
    busy();
    addEventListener("load", () => { schedule(); idle(); }, { once: true });
  });
  document.addEventListener("htmx:afterSettle", schedule);
  document.addEventListener("htmx:historyRestore", schedule);
})();
""".replace("__MARKER__", json.dumps(MARKER)).replace("__REPORTED__", json.dumps(REPORTED))


@dataclass(frozen=True)
class Finding:
    url: str
    rule: str
    impact: str
    help: str
    target: str
    summary: str

    @property
    def heading(self) -> str:
        return f"{self.impact} {self.rule} on {self.url}: {self.help}"

    @property
    def detail(self) -> str:
        summary = " ".join(
            self.summary.removeprefix("Fix any of the following:").removeprefix("Fix all of the following:").split()
        )
        return f"    {self.target}: {summary}"


def report(findings: list[Finding]) -> list[str]:
    """One heading per rule and page, the elements under it."""
    lines: list[str] = []
    headings: dict[str, list[str]] = {}
    for finding in findings:
        headings.setdefault(finding.heading, []).append(finding.detail)
    for heading, details in headings.items():
        lines += [heading, *details]
    return lines


class AxeWatch:
    """Checks every document that ``page`` shows; ``finish()`` at the end of the test."""

    def __init__(self, page) -> None:
        self.page = page
        self.findings: list[Finding] = []
        self.errors: list[str] = []
        self.checks = 0
        page.context.add_init_script(path=str(AXE))
        page.context.add_init_script(script=WATCHER)
        page.expose_function("__otbasyAxeReport", self._report)
        page.add_locator_handler(page.locator(f"#{MARKER}"), lambda: None)
        for name in ("goto", "reload", "go_back", "go_forward"):
            self._settle_before(name)

    def _report(self, findings: list[dict], error: str) -> None:
        self.checks += 1
        if error:
            self.errors.append(error)
        for found in findings:
            finding = Finding(**found)
            if finding not in self.findings:
                self.findings.append(finding)

    def _settle_before(self, name: str) -> None:
        navigate = getattr(self.page, name)

        def settled_first(*args, **kwargs):
            self.settle()
            return navigate(*args, **kwargs)

        setattr(self.page, name, settled_first)

    def settle(self) -> None:
        """Waits for the htmx requests in flight and the checks of the page on screen to end."""
        self.page.evaluate("() => window.__otbasyAxe && window.__otbasyAxe.settled()")

    def finish(self) -> list[str]:
        """A line for each problem found on any page (none: every page passed)."""
        self.settle()
        if self.checks == 0:
            self.errors.append(f"{self.page.url}: no page was checked")
        return report(self.findings) + [f"axe could not check {error}" for error in self.errors]
