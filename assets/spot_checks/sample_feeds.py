"""Constructs sample quarterly feeds for 2017 from the parsed annual notice. CONSTRUCTED, NOT OFFICIAL.

The Ministry does not publish its quarterly spot-check results; these samples exist so that the
pipeline, its checks and the reconciliation with the notice can be exercised on realistic data.
The rules, applied to every unit of 附件1 (hotline) and 附件2 (online page), once per quarter:

- Hotline: a unit the notice marks "(N次)" is unreachable in the first N quarters (Q1..QN) and
  reachable in the others; a unit the notice lists as merged is 'merged' in every quarter; every
  other unit is reachable in every quarter. So the count of failed quarters equals the notice's N.
- Portal: every unit has the status the notice gives it, in every quarter. A unit the notice lists
  under two statuses (双鸭山) takes the first one listed, since a feed checks a unit once a quarter.
- checked_on: the 15th (hotline) and the 20th (portal) of the quarter's middle month.
- Summary: per province and for 全国, hotline units checked and reachable (merged counts as
  reachable), reachable_pct rounded half up to 2 decimals.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from assets.bulletin.notice import ParsedNotice
from assets.spot_checks.feed import NATIONAL

SAMPLE_NOTE = "constructed sample (scripts/generate_sample_feeds.py), not official"
QUARTERS_PER_YEAR = 4
_REACHABLE = {"reachable", "merged"}


def _hotline_result(notice_result: str, failed_checks: int, quarter: int) -> str:
    if failed_checks:
        return "unreachable" if quarter <= failed_checks else "reachable"
    return "merged" if notice_result == "merged" else "reachable"


def reachable_pct(reachable: int, checked: int) -> float:
    """units_reachable / units_checked x 100, rounded half up to 2 decimals."""
    return float((Decimal(reachable) * 100 / Decimal(checked)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def sample_detail(notice: ParsedNotice, quarter: int) -> pd.DataFrame:
    year = notice.headline.report_year
    label = f"{year}Q{quarter}"
    middle_month = 3 * quarter - 1
    rows = [
        {
            "quarter": label,
            "province": check.province,
            "level": check.level,
            "unit": check.unit,
            "channel": "hotline",
            "checked_on": dt.date(year, middle_month, 15).isoformat(),
            "result": _hotline_result(check.result, check.failed_checks, quarter),
            "note": SAMPLE_NOTE,
        }
        for check in notice.hotline_checks
    ]
    seen: set[tuple[str, str, str]] = set()
    for status in notice.portal_statuses:
        key = (status.province, status.level, status.unit)
        if key in seen:
            continue  # listed under a second status: the first one listed stands
        seen.add(key)
        rows.append(
            {
                "quarter": label,
                "province": status.province,
                "level": status.level,
                "unit": status.unit,
                "channel": "portal",
                "checked_on": dt.date(year, middle_month, 20).isoformat(),
                "result": status.status,
                "note": SAMPLE_NOTE,
            }
        )
    return pd.DataFrame(rows)


def sample_summary(detail: pd.DataFrame) -> pd.DataFrame:
    hotline = detail[detail.channel == "hotline"]
    rows = []
    for province, units in hotline.groupby("province", sort=False):
        rows.append((province, len(units), int(units.result.isin(_REACHABLE).sum())))
    rows.append((NATIONAL, sum(r[1] for r in rows), sum(r[2] for r in rows)))
    quarter = detail.quarter.iloc[0]
    return pd.DataFrame(
        [
            {
                "quarter": quarter,
                "province": province,
                "units_checked": checked,
                "units_reachable": reachable,
                "reachable_pct": reachable_pct(reachable, checked),
            }
            for province, checked, reachable in rows
        ]
    )


def sample_feeds(notice: ParsedNotice) -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    """{quarter label: (detail, summary)} for the four quarters of the notice's year."""
    feeds = {}
    for quarter in range(1, QUARTERS_PER_YEAR + 1):
        detail = sample_detail(notice, quarter)
        feeds[detail.quarter.iloc[0]] = (detail, sample_summary(detail))
    return feeds
