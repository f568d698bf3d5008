"""The health data benchmark, DuckDB's side and the report: reads bench/results/health-samverkan.json (written by
`crates/health-engine/examples/bench_health.rs`), runs the same four query shapes with DuckDB (the Python package)
on the same Parquet files, checks that DuckDB counts exactly what Samverkan counts (the exact counts stay in the
benchmark's folder, never in the results), and writes bench/results/health.json, bench/results/health.md and
docs/img/health.svg. `bench/run health` runs it after the Rust side.

DuckDB runs each shape as one SQL query with the meaning Samverkan's engine gives it (docs/health-data.md): an event
counts when it lies in an observation period, age is the year of the event minus the year of birth, a rule's
records must start within its window and the same observation period. Samverkan's times include disclosure control
(noise for the total and every cell of four breakdowns); DuckDB's are bare counts. The fourth shape is Samverkan's
answer with its four breakdowns against DuckDB's year x age band x sex cross table of the same persons.

duckcdm (OHDSI's Circe on DuckDB) runs the same four shapes written as ATLAS cohort definitions
(bench/health/*.json): the SQL ATLAS would run, generated, translated and executed statement by statement, so its
time is what a user of OHDSI's tools waits for the same count (it also writes the cohort table).
"""
import json
import os
import statistics
import sys
import time

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
E11 = 2000001008  # ICD-10 E11, type 2 diabetes (data/health/vocabulary.toml)
METFORMIN = 2000100004  # ATC A10BA02

EVENTS = """
WITH c AS (SELECT descendant_concept_id AS id FROM concept_ancestor WHERE ancestor_concept_id = {concept}),
e AS (SELECT x.person_id, x.{date} AS d FROM {table} x JOIN c ON x.{concept_col} = c.id),
q AS (SELECT e.person_id, e.d, op.observation_period_start_date AS s, op.observation_period_end_date AS f
      FROM e JOIN observation_period op ON op.person_id = e.person_id
      AND e.d BETWEEN op.observation_period_start_date AND op.observation_period_end_date)
"""

T2D_EVENTS = EVENTS.format(concept=E11, date="condition_start_date", table="condition_occurrence",
                           concept_col="condition_concept_id")

SHAPES = {
    "one concept": T2D_EVENTS + "SELECT COUNT(DISTINCT person_id) FROM q",
    "concept, age and sex": T2D_EVENTS + """
        SELECT COUNT(DISTINCT q.person_id) FROM q JOIN person p ON p.person_id = q.person_id
        WHERE year(q.d) - p.year_of_birth BETWEEN 40 AND 64 AND p.gender_concept_id = 8532""",
    "index and a rule in a window": EVENTS.format(concept=METFORMIN, date="drug_exposure_start_date",
                                                   table="drug_exposure", concept_col="drug_concept_id") + f"""
        , r AS (SELECT x.person_id, x.condition_start_date AS d FROM condition_occurrence x
                JOIN concept_ancestor a ON a.descendant_concept_id = x.condition_concept_id AND a.ancestor_concept_id = {E11})
        SELECT COUNT(DISTINCT q.person_id) FROM q WHERE EXISTS (
          SELECT 1 FROM r WHERE r.person_id = q.person_id
          AND r.d BETWEEN greatest(q.d - INTERVAL 365 DAY, q.s) AND least(q.d, q.f))""",
    "first event, broken down": f"""
        WITH c AS (SELECT descendant_concept_id AS id FROM concept_ancestor WHERE ancestor_concept_id = {E11}),
        first AS (SELECT x.person_id, min(x.condition_start_date) AS d FROM condition_occurrence x
                  JOIN c ON x.condition_concept_id = c.id GROUP BY x.person_id),
        q AS (SELECT first.* FROM first JOIN observation_period op ON op.person_id = first.person_id
              AND first.d BETWEEN op.observation_period_start_date AND op.observation_period_end_date),
        cells AS (SELECT year(q.d) AS y,
                    CASE WHEN year(q.d) - p.year_of_birth < 18 THEN '0-17'
                         WHEN year(q.d) - p.year_of_birth < 40 THEN '18-39'
                         WHEN year(q.d) - p.year_of_birth < 65 THEN '40-64'
                         WHEN year(q.d) - p.year_of_birth < 80 THEN '65-79' ELSE '80+' END AS band,
                    p.gender_concept_id AS sex, count(*) AS n
                  FROM q JOIN person p ON p.person_id = q.person_id GROUP BY ALL)
        SELECT sum(n) FROM cells""",
}


CIRCE = {
    "one concept": "one-concept.json",
    "concept, age and sex": "concept-age-sex.json",
    "index and a rule in a window": "index-rule-window.json",
    "first event, broken down": "first-event.json",
}


def duckcdm_time(folder: str, shape: str, runs: int):
    """Median milliseconds and the count of duckcdm's Circe SQL for a shape, or None without duckcdm."""
    try:
        from duckcdm.circe import build_cohort_query
        from duckcdm.omop import create_parquet_views
        from duckcdm.sqlrender import render, split_sql, translate
    except ImportError:
        return None
    with open(os.path.join(HERE, "health", CIRCE[shape])) as f:
        expression = f.read()
    con = duckdb.connect()
    con.execute("SET threads = 2")
    create_parquet_views(con, os.path.abspath(folder), "main", log=None)
    con.execute("CREATE TABLE main.cohort (cohort_definition_id BIGINT, subject_id BIGINT, "
                "cohort_start_date DATE, cohort_end_date DATE)")
    times, n = [], 0
    for run in range(runs):
        t = time.perf_counter()
        sql = build_cohort_query(expression, cdm_schema="main", vocabulary_schema="main", result_schema="main",
                                 target_table="main.cohort", cohort_id=run + 1, generate_stats=False)
        for statement in split_sql(translate(render(sql), "duckdb")):
            if statement.strip():
                con.execute(statement)
        n = con.execute("SELECT count(DISTINCT subject_id) FROM main.cohort WHERE cohort_definition_id = ?",
                        [run + 1]).fetchone()[0]
        times.append((time.perf_counter() - t) * 1000)
    con.close()
    return statistics.median(times), int(n)


def connect(folder: str):
    con = duckdb.connect()
    con.execute("SET threads = 2")
    for name in ["person", "observation_period", "condition_occurrence", "drug_exposure", "concept_ancestor"]:
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{os.path.join(folder, name + '.parquet')}')")
    return con


def main() -> int:
    src = os.path.join(HERE, "results", "health-samverkan.json")
    with open(src) as f:
        ours = json.load(f)
    runs = ours["runs"]
    rows = []
    for size in ours["sizes"]:
        folder = size["dir"]
        with open(os.path.join(os.path.dirname(folder), f"exact-{size['persons']}.json")) as f:
            exact = {e["shape"]: e["exact"] for e in json.load(f)}
        con = connect(folder)
        for shape in size["shapes"]:
            sql = SHAPES[shape["shape"]]
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                n = con.execute(sql).fetchone()[0]
                times.append((time.perf_counter() - t) * 1000)
            agree = int(n or 0) == exact[shape["shape"]]
            if not agree:
                print(f"{shape['shape']} at {size['persons']}: DuckDB and Samverkan count differently", file=sys.stderr)
            circe = duckcdm_time(folder, shape["shape"], max(3, runs // 2))
            if circe is not None and circe[1] != exact[shape["shape"]]:
                agree = False
                print(f"{shape['shape']} at {size['persons']}: duckcdm and Samverkan count differently", file=sys.stderr)
            rows.append({
                "persons": size["persons"], "shape": shape["shape"], "samverkan_ms": shape["median_ms"],
                "duckdb_ms": statistics.median(times), "duckcdm_ms": circe[0] if circe else None,
                "counts_agree": agree,
            })
        con.close()
    report = {"runs": runs, "sizes": [{k: v for k, v in s.items() if k not in ("shapes", "dir")} for s in ours["sizes"]],
              "shapes": rows}
    with open(os.path.join(HERE, "results", "health.json"), "w") as f:
        json.dump(report, f, indent=2)
    lines = ["| persons | events | generate | on disk | open | peak memory |", "|---:|---:|---:|---:|---:|---:|"]
    for s in report["sizes"]:
        events = f"{s['events']:,}" if s["events"] is not None else "–"
        generated = f"{s['generate_s']:.1f} s" if s["generate_s"] is not None else "– (reused)"
        lines.append(f"| {s['persons']:,} | {events} | {generated} | {s['size_mib']:.0f} MiB | "
                     f"{s['open_s']:.2f} s | {s['peak_rss_mib']:.0f} MiB |")
    lines += ["", "| persons | shape | Samverkan (median) | DuckDB (median) | ratio | duckcdm, Circe SQL (median) | "
              "same count |", "|---:|---|---:|---:|---:|---:|---|"]
    for r in rows:
        circe = f"{r['duckcdm_ms']:.0f} ms" if r["duckcdm_ms"] is not None else "–"
        lines.append(f"| {r['persons']:,} | {r['shape']} | {r['samverkan_ms']:.0f} ms | {r['duckdb_ms']:.0f} ms | "
                     f"{r['samverkan_ms'] / r['duckdb_ms']:.2f} | {circe} | {'yes' if r['counts_agree'] else 'NO'} |")
    with open(os.path.join(HERE, "results", "health.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(8, 4.2))
    colors = ["tab:blue", "tab:orange", "tab:green", "tab:red"]
    for color, shape in zip(colors, SHAPES):
        pts = [r for r in rows if r["shape"] == shape]
        xs = [r["persons"] for r in pts]
        ax.plot(xs, [r["samverkan_ms"] for r in pts], marker="o", color=color, label=f"{shape}: Samverkan")
        ax.plot(xs, [r["duckdb_ms"] for r in pts], marker=".", linestyle="--", color=color, label=f"{shape}: DuckDB")
    ax.axhline(200, color="grey", linestyle=":", label="200 ms goal (one concept, 2 million persons)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("persons")
    ax.set_ylabel("median time (ms)")
    ax.set_title("Cohort counts on the synthetic population (2 cores)")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(os.path.join(ROOT, "docs", "img", "health.svg"))
    return 0 if all(r["counts_agree"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
