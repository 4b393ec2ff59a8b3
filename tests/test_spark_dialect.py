"""The complaint SQL as Spark runs it (warehouse/spark_sql.py): each rewrite it makes, and the constructs
sqlglot carries over, held to its output. No Spark needed: sqlglot is in the dev group."""

import pytest

sqlglot = pytest.importorskip("sqlglot", reason="sqlglot is in the dependency groups dev and spark")

from warehouse.spark_sql import RAW_RECORDS_VIEW, NotSpark, parameter_names, spark_statement  # noqa: E402

# Every statement the Spark engine runs (assets/complaints/spark_engine.py).
SPARK_STATEMENTS = [
    "complaints/insert_complaint_copy.sql",
    "complaints/complaint_rows.sql",
    "complaints/insert_complaint_quality.sql",
    "complaints/insert_open_complaint.sql",
    "complaints/insert_records_monthly.sql",
    "complaints/insert_repeat_target.sql",
    "complaints/insert_complaint_alert.sql",
    "complaints/insert_handling_from_records.sql",
    "complaints/insert_complaint_violation.sql",
    "complaints/insert_complaint_repeated_id.sql",
]


def test_the_engine_runs_every_statement_listed_here():
    from assets.complaints.spark_engine import SPARK_TABLES, VIOLATION_TABLES

    assert {f"complaints/insert_{table}.sql" for table in (*SPARK_TABLES, *VIOLATION_TABLES)} | {"complaints/complaint_rows.sql"} == set(
        SPARK_STATEMENTS
    )


@pytest.mark.parametrize("relative_path", SPARK_STATEMENTS)
def test_each_statement_is_a_select_spark_can_parse_without_duckdbs_constructs(relative_path):
    spark_sql = spark_statement(relative_path)
    parsed = sqlglot.parse_one(spark_sql, read="spark")
    assert isinstance(parsed, sqlglot.exp.Select | sqlglot.exp.Union), type(parsed)
    lowered = spark_sql.lower()
    for duckdb_only in ("read_parquet", "insert into", "by name", "order by all", "$", "epoch(", "list_filter", "unnest(", "string_agg"):
        assert duckdb_only not in lowered, (relative_path, duckdb_only)


def test_the_raw_files_become_the_view_spark_registers():
    copies = spark_statement("complaints/insert_complaint_copy.sql")
    assert f"FROM {RAW_RECORDS_VIEW}" in copies
    rows = spark_statement("complaints/complaint_rows.sql")
    assert f"FROM {RAW_RECORDS_VIEW} AS raw" in rows and "ANTI JOIN complaint_copy AS copies" in rows


def test_parameters_become_named_markers():
    alert = spark_statement("complaints/insert_complaint_alert.sql")
    assert parameter_names(alert) == {
        "first_reported_at",
        "last_reported_at",
        "weeks_from",
        "weeks_to",
        "alert_minimum",
        "alert_factor",
        "scoped",
    }
    assert parameter_names(spark_statement("complaints/insert_complaint_violation.sql")) == {"known_provinces"}
    # A colon inside a string literal is no marker.
    assert parameter_names("select 'a:b' as x, :year as y") == {"year"}


@pytest.mark.parametrize(
    ("relative_path", "spark_form"),
    [
        # DuckDB's epoch() of a wall-clock time: whole seconds since 1970 (the session runs in UTC).
        ("complaints/insert_handling_from_records.sql", "UNIX_TIMESTAMP(complaint.accepted_at) - UNIX_TIMESTAMP(complaint.reported_at)"),
        # Integer division for the exact half-up rounding shared by both engines.
        ("complaints/insert_complaint_quality.sql", "DIV (2 * COUNT(*))"),
        ("complaints/insert_records_monthly.sql", "ARRAY_JOIN(ARRAY_SORT(ARRAY_DISTINCT(COLLECT_LIST(province))), '、')"),
        ("complaints/insert_complaint_violation.sql", "NOT ARRAY_CONTAINS(:known_provinces, province)"),
        ("complaints/insert_complaint_violation.sql", "SIZE("),
        ("complaints/insert_complaint_alert.sql", "EXPLODE(SEQUENCE(first_week, last_week, INTERVAL '7' DAY)) AS week_moment"),
        ("complaints/insert_repeat_target.sql", "FIRST_VALUE(keyed.target) OVER"),
        (
            "complaints/insert_complaint_repeated_id.sql",
            "LISTAGG(complaint.source_file || ' row ' || complaint.source_row, '; ') WITHIN GROUP",
        ),
    ],
)
def test_shared_constructs_come_out_in_sparks_words(relative_path, spark_form):
    # Compared without white space: the pretty printer breaks long expressions over lines.
    assert "".join(spark_form.split()) in "".join(spark_statement(relative_path).split())


def test_order_by_all_is_dropped_from_tables_but_refused_where_a_limit_needs_it(tmp_path, monkeypatch):
    quality = spark_statement("complaints/insert_complaint_quality.sql")
    assert "ORDER BY" not in quality.split("FROM flagged", 1)[1]
    import warehouse.spark_sql as spark_sql

    monkeypatch.setattr(spark_sql, "sql_file", lambda _path: "select a from t order by all limit 5")
    with pytest.raises(NotSpark, match="order by all` with a limit"):
        spark_sql.spark_statement("checks/made_up.sql")
