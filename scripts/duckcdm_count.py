"""Counts the persons in OHDSI Circe cohort definitions with duckcdm, OHDSI's Circe ported onto DuckDB: the
outside reference for the counts Samverkan's own engine computes.

    python scripts/duckcdm_count.py PARQUET_DIR COHORT.json [COHORT2.json ...]

PARQUET_DIR holds the OMOP CDM 5.4 tables as `<table>.parquet` (person, observation_period, condition_occurrence,
drug_exposure, procedure_occurrence, measurement, death, concept, concept_ancestor, visit_occurrence, location).
Prints one line per definition: its file name, a tab and the number of distinct persons in the cohort. Exact
counts, for tests only.

Each definition is turned into SQL by duckcdm's port of circe-be (the SQL ATLAS runs), rendered and translated to
DuckDB by its port of SqlRender, and run statement by statement on an in-memory DuckDB whose OMOP tables are views
of the Parquet files (duckcdm.omop: only the standard columns; a table without a file, such as visit_detail,
observation, cdm_source or provider, is an empty view with the standard columns). Needs `pip install duckcdm duckdb`.
"""

import os
import sys

import duckdb
from duckcdm.circe import build_cohort_query
from duckcdm.omop import create_parquet_views
from duckcdm.sqlrender import render, split_sql, translate

USAGE = "usage: python scripts/duckcdm_count.py PARQUET_DIR COHORT.json [COHORT2.json ...]"
SCHEMA = "main"
COHORT_TABLE = f"{SCHEMA}.cohort"


def connect(parquet_dir: str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the OMOP tables as views of the Parquet files and an empty cohort table."""
    if not os.path.isfile(os.path.join(parquet_dir, "person.parquet")):
        raise SystemExit(f"{parquet_dir}: no person.parquet")
    con = duckdb.connect()
    create_parquet_views(con, os.path.abspath(parquet_dir), SCHEMA, log=None)
    con.execute(
        f"CREATE OR REPLACE TABLE {COHORT_TABLE} (cohort_definition_id BIGINT, subject_id BIGINT, "
        "cohort_start_date DATE, cohort_end_date DATE)"
    )
    return con


def count(con: duckdb.DuckDBPyConnection, expression: str, cohort_id: int) -> int:
    """Generates the cohort as ATLAS would and returns its number of distinct persons."""
    sql = build_cohort_query(
        expression,
        cdm_schema=SCHEMA,
        vocabulary_schema=SCHEMA,
        result_schema=SCHEMA,
        target_table=COHORT_TABLE,
        cohort_id=cohort_id,
        generate_stats=False,
    )
    for statement in split_sql(translate(render(sql), "duckdb")):
        if statement.strip():
            con.execute(statement)
    row = con.execute(
        f"SELECT count(DISTINCT subject_id) FROM {COHORT_TABLE} WHERE cohort_definition_id = ?", [cohort_id]
    ).fetchone()
    return int(row[0])


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(USAGE, file=sys.stderr)
        return 2
    con = connect(argv[1])
    for cohort_id, path in enumerate(argv[2:], start=1):
        with open(path, encoding="utf-8") as f:
            expression = f.read()
        print(f"{os.path.basename(path)}\t{count(con, expression, cohort_id)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
