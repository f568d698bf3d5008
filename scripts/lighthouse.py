"""The Lighthouse audit behind scripts/lighthouse (run that; it installs Lighthouse and finds the binary).

Starts the release binary on a temporary SQLite database on loopback and runs Lighthouse 12 (headless Chromium)
on the main public pages, in the desktop preset and in the default mobile one (emulated phone, simulated slow
4G and 4x CPU slowdown). Reports the four category scores per page and preset, and for every score below its
target (performance >= 95, accessibility 100, best practices >= 95, SEO >= 95) the audits that cost points.
Writes bench/results/lighthouse.json and lighthouse.md. Not a gate: exits 0 whatever the scores (1 only when
Lighthouse itself could not run).

The pages: the home page, the actor list, an actor, a campus, the atlas, the sign-in page, the strategy, a focus
area (halsodata), an indicator (1), the events, the search page (cell therapy), the match page, the follow-up,
the news, the meeting places and the accessibility statement; Swedish and English mixed.

Usage: scripts/lighthouse [--presets desktop,mobile] [--pages /sv/,/en/actors,...]"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.dont_write_bytecode = True  # no __pycache__ in scripts/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchkit  # noqa: E402

PAGES = ["/sv/", "/en/actors", "/sv/actors/vecura", "/en/campuses/flemingsberg", "/sv/atlas", "/en/login",
         "/sv/strategy", "/en/strategy/halsodata", "/en/indicators/1", "/sv/events", "/en/search?q=cell%20therapy",
         "/en/match", "/sv/follow-up", "/en/news", "/en/meeting-places", "/sv/accessibility"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95}


def failing_audits(lhr: dict, category: str) -> list[dict]:
    """The audits of a category that cost points: weighted audits with a score below 1, and for performance
    also the opportunities and diagnostics that Lighthouse flags (score below 0.9)."""
    out = []
    for ref in lhr["categories"][category]["auditRefs"]:
        audit = lhr["audits"].get(ref["id"], {})
        score = audit.get("score")
        mode = audit.get("scoreDisplayMode")
        if score is None or mode in ("notApplicable", "informative", "manual"):
            continue
        weighted = ref.get("weight", 0) > 0
        if (weighted and score < 1) or (category == "performance" and not weighted and score < 0.9):
            item = {"id": ref["id"], "title": audit.get("title"), "score": score,
                    "display_value": audit.get("displayValue"), "weight": ref.get("weight", 0)}
            details = audit.get("details") or {}
            items = details.get("items") if isinstance(details.get("items"), list) else []
            examples = []
            for it in items[:5]:
                node = (it.get("node") or it.get("source")) if isinstance(it, dict) else None
                reasons = [s.get("reason") for s in ((it.get("subItems") or {}).get("items") or [])
                           if isinstance(s, dict) and s.get("reason")] if isinstance(it, dict) else []
                if isinstance(node, dict) and node.get("type") == "node":
                    ex = {k: node.get(k) for k in ("selector", "snippet", "explanation") if node.get(k)}
                    if reasons:
                        ex["reasons"] = reasons
                    examples.append(ex)
                elif isinstance(it, dict) and it.get("url"):
                    examples.append({"url": it["url"]})
            if examples:
                item["examples"] = examples
            out.append(item)
    return sorted(out, key=lambda a: (-a["weight"], a["score"]))


def run_lighthouse(lighthouse: str, chromium: str, url: str, preset: str, out_path: str) -> dict:
    cmd = ["node", lighthouse, url, "--output=json", f"--output-path={out_path}",
           "--only-categories=" + ",".join(CATEGORIES), "--chrome-flags=--headless=new --no-sandbox",
           "--quiet", "--max-wait-for-load=60000"]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": chromium}
    for attempt in range(2):
        res = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        if res.returncode == 0 and os.path.exists(out_path):
            with open(out_path) as f:
                lhr = json.load(f)
            if not lhr.get("runtimeError"):
                return lhr
        print(f"lighthouse failed on {url} ({preset}), attempt {attempt + 1}: {res.stderr[-1500:]}",
              file=sys.stderr)
        time.sleep(2)
    raise RuntimeError(f"Lighthouse could not audit {url} ({preset})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--lighthouse", required=True, help="path of lighthouse's cli/index.js")
    ap.add_argument("--chromium", default=os.environ.get("SAMVERKAN_E2E_CHROMIUM", "/usr/bin/chromium"))
    ap.add_argument("--presets", default=os.environ.get("LIGHTHOUSE_PRESETS", "desktop,mobile"))
    ap.add_argument("--pages", default=",".join(PAGES))
    args = ap.parse_args()
    presets = [p for p in args.presets.split(",") if p]
    pages = [p for p in args.pages.split(",") if p]
    version = subprocess.run(["node", args.lighthouse, "--version"], capture_output=True, text=True).stdout.strip()
    rows = []
    with tempfile.TemporaryDirectory(prefix="samverkan-lighthouse-") as tmp:
        binary = benchkit.private_binary(args.binary, tmp)
        meta = benchkit.meta(binary)
        server = benchkit.Server(binary, tmp, f"sqlite://{tmp}/lighthouse.db")
        try:
            for path in ["/api/v1/graph", "/sv/atlas"]:  # compute the atlas snapshot before measuring
                with urllib.request.urlopen(server.base + path, timeout=120) as res:
                    res.read()
            for preset in presets:
                for page in pages:
                    print(f"==> Lighthouse {preset} {page}", file=sys.stderr, flush=True)
                    out = os.path.join(tmp, f"lhr-{preset}-{len(rows)}.json")
                    lhr = run_lighthouse(args.lighthouse, args.chromium, server.base + page, preset, out)
                    scores = {c: round(lhr["categories"][c]["score"] * 100) if lhr["categories"][c]["score"]
                              is not None else None for c in CATEGORIES}
                    misses = {c: failing_audits(lhr, c) for c in CATEGORIES
                              if scores[c] is None or scores[c] < TARGETS[c]}
                    metrics = {k: lhr["audits"][k].get("displayValue") for k in
                               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                                "cumulative-layout-shift", "speed-index") if k in lhr["audits"]}
                    warnings = lhr.get("runWarnings") or []
                    # A CLS above 0.1 (Google's "good" limit) is worth naming even when the score meets its target.
                    cls = lhr["audits"].get("cumulative-layout-shift", {}).get("numericValue") or 0
                    shifts = []
                    if cls > 0.1:
                        for it in (lhr["audits"].get("layout-shifts", {}).get("details") or {}).get("items") or []:
                            node = it.get("node") or {}
                            shifts.append({"score": round(it.get("score") or 0, 3),
                                           "element": node.get("snippet") or node.get("selector")})
                    rows.append({"page": page, "preset": preset, "scores": scores, "below_target": misses,
                                 "metrics": metrics, "layout_shifts": shifts[:5], "run_warnings": warnings})
                    print("    " + ", ".join(f"{c} {scores[c]}" for c in CATEGORIES), file=sys.stderr)
        finally:
            server.stop()

    below = [r for r in rows if r["below_target"]]
    result = {**meta, "lighthouse_version": version, "chromium": args.chromium, "targets": TARGETS,
              "pages": rows, "pages_below_target": len(below)}
    rerun = "scripts/lighthouse" + ("" if presets == ["desktop", "mobile"] else f" --presets {','.join(presets)}") + (
        "" if pages == PAGES else f" --pages {','.join(pages)}")
    md = benchkit.header_lines("Lighthouse", rerun, meta)
    md += [f"Lighthouse {version}, headless Chromium ({args.chromium}), release binary on a temporary SQLite "
           "database on loopback. Desktop: the desktop preset; mobile: Lighthouse's default (emulated phone, "
           "simulated slow 4G, 4x CPU slowdown). Targets: performance >= 95, accessibility 100, best practices "
           ">= 95, SEO >= 95 (a score below target is in bold).", ""]

    def cell(r, c):
        s = r["scores"][c]
        return f"**{s}**" if s is None or s < TARGETS[c] else str(s)

    md += benchkit.md_table(["page", "preset", *CATEGORIES, "LCP", "TBT", "CLS"],
                            [[r["page"], r["preset"], *(cell(r, c) for c in CATEGORIES),
                              r["metrics"].get("largest-contentful-paint"), r["metrics"].get("total-blocking-time"),
                              r["metrics"].get("cumulative-layout-shift")] for r in rows])
    md += [""]
    for r in rows:
        if r["layout_shifts"]:
            md.append(f"- Note: {r['page']} ({r['preset']}) has CLS {r['metrics'].get('cumulative-layout-shift')} "
                      "(above 0.1, Google's limit for 'good'); shifted: " + "; ".join(
                          f"`{x['element']}` ({x['score']})" for x in r["layout_shifts"][:3]))
    if any(r["layout_shifts"] for r in rows):
        md.append("")
    if not below:
        md.append("Every page meets every target.")
    else:
        md += ["## Below target", ""]
        for r in below:
            for c, audits in r["below_target"].items():
                md.append(f"- {r['page']} ({r['preset']}): {c} {r['scores'][c]} < {TARGETS[c]}")
                for a in audits[:8]:
                    dv = f" ({a['display_value']})" if a.get("display_value") else ""
                    ex = ""
                    if a.get("examples"):
                        e = a["examples"][0]
                        what = e.get("snippet") or e.get("selector") or e.get("url") or ""
                        ex = f" — e.g. `{what}`" + (f": {', '.join(e['reasons'])}" if e.get("reasons") else "")
                    md.append(f"  - `{a['id']}`: {a['title']}{dv}, score {a['score']}{ex}")
    md = [re.sub(r"http://127\.0\.0\.1:\d+", "", line) for line in md]
    benchkit.write_results("lighthouse", result, md)
    print("\n".join(md))
    if below:
        print("\nBelow target (not a gate): " + "; ".join(
            f"{r['page']} {r['preset']}: " + ", ".join(f"{c} {r['scores'][c]}" for c in r["below_target"])
            for r in below))
    return 0


if __name__ == "__main__":
    sys.exit(main())
