"""Remembered validations (expectations/check_memo.py): the same checks on the same frame give the
remembered outcome without GX; any change the checks can see gives a new key and a new validation."""

import duckdb
import pandas as pd

from expectations.check_memo import CheckMemo, outcome_key
from expectations.validation import load_check_definitions
from expectations.warehouse_checks import checks_by_table, evaluate_checks


def _frame(**changes) -> pd.DataFrame:
    rows = {"quarter": ["2017Q1", "2017Q2"], "source_file": ["2017Q1.csv", "2017Q2.csv"], "run_id": ["a", "b"]}
    return pd.DataFrame({**rows, **changes})


def test_a_column_no_check_reads_does_not_change_the_key():
    checks = [c for c in load_check_definitions() if c.table == "spot_check_feed"]
    read = {c for check in checks for c in check.row_id}
    assert "run_id" not in read
    assert outcome_key(checks, _frame(), {}) == outcome_key(checks, _frame(run_id=["c", "d"]), {})
    assert outcome_key(checks, _frame(), {}) != outcome_key(checks, _frame(quarter=["2017Q1", "2017Q3"]), {})


def test_the_memo_returns_the_outcome_and_a_changed_table_is_validated_again(tmp_path):
    con = duckdb.connect()
    con.execute("create table bulletin_parse_note (source_file varchar, line integer, note varchar)")
    con.execute("insert into bulletin_parse_note values ('a.txt', 1, null)")
    checks = checks_by_table()["bulletin_parse_note"]
    memo = CheckMemo(tmp_path / "memo")
    first = evaluate_checks(con, "bulletin_parse_note", checks, memo)
    assert [outcome.passed for _, outcome, _ in first] == [True]
    assert len(list((tmp_path / "memo").iterdir())) == 1
    again = evaluate_checks(con, "bulletin_parse_note", checks, memo)
    assert [outcome for _, outcome, _ in again] == [outcome for _, outcome, _ in first]
    assert len(list((tmp_path / "memo").iterdir())) == 1  # remembered, not validated again
    con.execute("update bulletin_parse_note set note = 'a month without its year'")
    changed = evaluate_checks(con, "bulletin_parse_note", checks, memo)
    assert [outcome.passed for _, outcome, _ in changed] == [False]
    assert len(list((tmp_path / "memo").iterdir())) == 2
