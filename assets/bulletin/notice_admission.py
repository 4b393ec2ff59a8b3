"""Which annual notices a run publishes: each notice file is a unit that is read and checked on its own.

A notice that cannot be read, or whose own rows fail an ERROR check (a rate over 100, a 全国 row that
is not the sum of the provinces), is refused; if an earlier version of the same file was published,
that version's rows are held as they were. Two different notices for one report year conflict: the
one already published stays and the new one is refused; when neither was published, both are.
Plain functions; assets/bulletin/assets.py writes what they decide.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from assets.bulletin.notice import ParsedNotice, parse_notice
from assets.bulletin.tables import BulletinTables, build_tables, same_notice
from assets.errors import InputError
from expectations.unit_checks import CheckFailure, refusal_reason
from warehouse.refusals import NOTICE_KIND, Refusal


@dataclass(frozen=True)
class PublishedNotice:
    source_file: str
    source_sha256: str
    bulletin_id: str
    report_year: int


@dataclass
class NoticeAdmission:
    tables: BulletinTables  # the admitted notices' rows
    held_bulletin_ids: list[str]  # published notices of refused files: their rows stay as published
    refusals: list[Refusal] = field(default_factory=list)


def notice_tables_frames(tables: BulletinTables) -> dict[str, pd.DataFrame]:
    return {name: frame for name, frame in tables.__dict__.items() if isinstance(frame, pd.DataFrame)}


def admit_notices(
    snapshots: list[dict],
    published: list[PublishedNotice],
    failures_of: Callable[[BulletinTables], list[CheckFailure]],
    landing_path: Callable[[str], str],
) -> NoticeAdmission:
    """`snapshots`: the notice files (file, sha256, content); `published`: the notices the warehouse
    holds; `failures_of(tables)`: the ERROR checks failing on one notice's tables; `landing_path(file)`:
    the file's path under the landing folder, as refused_input names it."""
    refusals: list[Refusal] = []

    def refuse(snapshot: dict, reason: str) -> None:
        refusals.append(Refusal(landing_path(snapshot["file"]), NOTICE_KIND, snapshot["sha256"], reason))

    # One notice at a time, not halved batches (expectations.unit_checks.admit_by_checks): a folder
    # holds a handful, and two notices of one year cannot be built into tables together.
    readable: list[tuple[dict, ParsedNotice]] = []
    for snapshot in snapshots:
        try:
            notice = parse_notice(snapshot["content"], snapshot["file"])
        except InputError as error:
            refuse(snapshot, str(error))
            continue
        failures = failures_of(build_tables([notice]))
        if failures:
            refuse(snapshot, refusal_reason(snapshot["file"], failures))
            continue
        readable.append((snapshot, notice))

    refused_files = {refusal.source_file for refusal in refusals}
    held = [notice for notice in published if landing_path(notice.source_file) in refused_files]
    held_years = {notice.report_year: notice for notice in held}
    unchanged = {(notice.source_file, notice.source_sha256) for notice in published}
    admitted: list[ParsedNotice] = []
    by_year: dict[int, list[tuple[dict, ParsedNotice]]] = {}
    for snapshot, notice in readable:
        year = notice.headline.report_year
        if year in held_years:
            kept = held_years[year]
            refuse(
                snapshot,
                f"{snapshot['file']}, report year {year}: expected one notice per report year, found {kept.bulletin_id} of "
                f"{kept.source_file} published for it (held as published while that file's new bytes are refused)",
            )
            continue
        by_year.setdefault(year, []).append((snapshot, notice))
    for year, candidates in sorted(by_year.items()):
        first_snapshot, first = candidates[0]
        if all(same_notice(first, other) for _, other in candidates[1:]):
            admitted.extend(notice for _, notice in candidates)
            continue
        published_ones = [(s, n) for s, n in candidates if (n.source_file, n.source_sha256) in unchanged]
        winners = published_ones[:1]
        winner_notice = winners[0][1] if winners else None
        for snapshot, notice in candidates:
            if winner_notice is not None and same_notice(winner_notice, notice):
                admitted.append(notice)
                continue
            others = ", ".join(f"{n.source_file} ({n.headline.bulletin_id})" for s, n in candidates if n is not notice)
            state = f"{winner_notice.source_file} is the one published" if winner_notice else "neither was published before"
            refuse(
                snapshot,
                f"{snapshot['file']} ({notice.headline.bulletin_id}), report year {year}: expected one notice per report year, "
                f"found a different notice for it in {others}; {state} (keep only the one to publish in the landing folder)",
            )
    return NoticeAdmission(build_tables(admitted), [notice.bulletin_id for notice in held], refusals)
