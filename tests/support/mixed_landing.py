"""A full copy of the shipped landing folder, then one broken input of every kind swapped in beside a good
new page and a good new export: the run that must publish the good ones and hold back only the broken.

Every input here is CONSTRUCTED from the shipped files by the edits named below (each edit checks that
the text it changes is there); nothing is official. Used by tests/test_refused_inputs.py and
scripts/reliability_report.py, so that the report and the test run the same case.
"""

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from tests.support.landing import LANDING
from warehouse.registry import NOTICE as NOTICE_STEP
from warehouse.registry import tables_written_by

NOTICE_TABLES = tables_written_by(NOTICE_STEP)
# Every input this module adds is named with this prefix.
NEW_PREFIX = "constructed-test-"

NOTICE = "bulletins/2017-annual-notice.txt"
ENGLISH_STORY = "bulletins/constructed-test-english-story.html"
UNDATED_PAGE = "bulletins/constructed-test-undated-2019-03.txt"
GOOD_NEW_PAGE = "bulletins/constructed-test-2029-03.txt"
BROKEN_PAGE = "bulletins/2020-04_monthly.txt"
BROKEN_FEED = "spot_checks/2017Q2.csv"
BROKEN_EXPORT = "complaints/constructed-guangdong-2017-06.csv"
CONFLICTING_EXPORT = "complaints/constructed-test-jiangsu-2017-05-resent.csv"
GOOD_NEW_EXPORT = "complaints/constructed-test-jiangsu-2017-05-second-desk.csv"
# The page the new ones are made from: 2019年3月 (生态环境部通报2019年3月全国12369环保举报办理情况).
SOURCE_PAGE = "bulletins/2019-03_monthly.txt"
# The export the conflicting and the new export are made from, and the complaint id they share.
SOURCE_EXPORT = "complaints/constructed-jiangsu-2017-05.csv"
CONFLICTING_ID = "JS201705000001"

_YEAR = re.compile(r"20[12]\d(?=年|-)")


@dataclass(frozen=True)
class MixedLanding:
    folder: Path
    refused: dict[str, str]  # path under the landing folder: what its reason must say
    published_new: tuple[str, ...]  # the good new inputs that must be published in the same run


def _edit(path: Path, old: str, new: str, encoding: str = "utf-8") -> None:
    text = path.read_text(encoding=encoding)
    assert old in text, f"{path.name} does not hold {old!r}"
    path.write_text(text.replace(old, new, 1), encoding=encoding)


def copy_shipped_landing(folder: Path) -> Path:
    shutil.copytree(LANDING, folder)
    return folder


def break_inputs(folder: Path) -> MixedLanding:
    """Swap the broken inputs and add the good new ones in `folder`, a copy of the shipped landing folder."""
    # A broken notice swapped in for the good one: 附件3 受理表 line 530, 贵州's on-time rate 97.36% made 197.36%.
    notice = folder / NOTICE
    lines = notice.read_text(encoding="utf-8").split("\n")
    assert lines[529] == "97.36%", lines[529]
    lines[529] = "197.36%"
    notice.write_text("\n".join(lines), encoding="utf-8")
    # An English news story saved as a page: no 12369 bulletin.
    (folder / ENGLISH_STORY).write_text(
        "<html><body><h1>Beijing reports more blue-sky days</h1><p>The city had 240 good days, officials said.</p></body></html>",
        encoding="utf-8",
    )
    # A published page saved again, cut off after its heading: no figure is left to read.
    broken_page = folder / BROKEN_PAGE
    broken_page.write_text(broken_page.read_text(encoding="utf-8").split("\n")[0] + "\n", encoding="utf-8")
    page = (folder / SOURCE_PAGE).read_text(encoding="utf-8")
    # A page that cannot be dated: the 2019-03 page with every year taken out of its text.
    (folder / UNDATED_PAGE).write_text(_YEAR.sub("", page).replace("年", ""), encoding="utf-8")
    # A good page the project has never seen: the same page with its years moved ten on (2029年3月).
    (folder / GOOD_NEW_PAGE).write_text(_YEAR.sub(lambda year: str(int(year.group()) + 10), page), encoding="utf-8")
    # A broken quarter: 2017Q2's first row names the province 北亰 (a misspelling of 北京).
    _edit(folder / BROKEN_FEED, "2017Q2,北京,provincial,北京", "2017Q2,北亰,provincial,北京")
    # A broken new version of a published export: a channel outside the vocabulary (传真, fax).
    _edit(folder / BROKEN_EXPORT, ",微信,", ",传真,", encoding="utf-8-sig")
    # An export resent with one record changed: complaint id JS201705000001 said 电话 (phone), now 微信.
    source = (folder / SOURCE_EXPORT).read_text(encoding="utf-8-sig").splitlines()
    header, first = source[0], next(line for line in source if line.startswith(CONFLICTING_ID + ","))
    assert ",电话," in first, first
    (folder / CONFLICTING_EXPORT).write_text(f"{header}\n{first.replace(',电话,', ',微信,', 1)}\n", encoding="utf-8")
    # A good new export: the May records of 江苏 sent again by another desk, under ids of its own.
    resent = [line.replace("JS201705", "JX201705", 1) for line in source[1:]]
    assert all(line.startswith("JX201705") for line in resent)
    (folder / GOOD_NEW_EXPORT).write_text("\n".join([header, *resent]) + "\n", encoding="utf-8")
    return MixedLanding(
        folder,
        refused={
            NOTICE: "check handling_by_province.rates_between_0_and_100 failed",
            ENGLISH_STORY: "expected a 12369 bulletin",
            UNDATED_PAGE: "found 'no period stated'",
            BROKEN_PAGE: "expected a 12369 bulletin",
            BROKEN_FEED: "check spot_check.known_regions_only failed",
            BROKEN_EXPORT: "column 举报渠道: expected one of",
            CONFLICTING_EXPORT: f"complaint id {CONFLICTING_ID}: expected one content per complaint id",
        },
        published_new=(GOOD_NEW_PAGE, GOOD_NEW_EXPORT),
    )


def take_out_broken_inputs(mixed: MixedLanding) -> None:
    """Remove the broken files, and put the shipped notice, feed and export back in their place."""
    for path in mixed.refused:
        (mixed.folder / path).unlink()
        if (LANDING / path).exists():
            shutil.copy(LANDING / path, mixed.folder / path)
