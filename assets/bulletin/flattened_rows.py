"""Rebuilds the rows of an HTML table that the scraper flattened to one cell per line.

Used by 附件1 and 附件2, whose rows start with a region name followed by a status word. The scraper
dropped some empty cells and wrapped some long cells over two lines; the rules below undo both and
record every reading that is a judgement call, so that a check can name it.
"""

import itertools
import re
from dataclasses import dataclass, field

from assets.bulletin.notice_text import Line, NoticeText, squeeze

# A long list cell wraps after an enumeration comma: "怀化(2次)、" + "永州(2次)、常德(1次)".
_CONTINUED = "、"
# "——" marks a column that does not apply (a municipality has no prefectures).
NOT_APPLICABLE = "——"


@dataclass(frozen=True)
class ParseNote:
    """A reading of the source that a person should confirm; published in table parse_note."""

    source_file: str
    line: int
    attachment: str
    province: str
    reading: str


@dataclass
class FlatRow:
    name_line: Line
    cells: list[Line]

    @property
    def province(self) -> str:
        return squeeze(self.name_line.cell)


@dataclass
class FittedCell:
    text: str
    line: int  # the line the cell starts on (0 for a dropped cell that was restored as empty)


@dataclass
class RowSplit:
    header: list[Line]
    rows: list[FlatRow] = field(default_factory=list)


def split_rows(
    notice: NoticeText, start: int, end: int, status_words: set[str], header_words: tuple[str, ...], attachment: str
) -> RowSplit:
    """Split lines[start:end] into a header and rows; a row starts at a line followed by a status word.

    A header cell is never a row name, even when the next header cell happens to be a status word
    (附件2's header reads 挂载 then 未挂载). Raises when a header word is missing or there is no row.

    Keying on the status word rather than on a list of region names keeps a region name that appears
    as a cell value (附件1: 天津's merged-hotline cell reads '天津') from starting a row, and lets an
    unknown region name through to the check that reports it by name.
    """
    lines = notice.lines[start:end]
    starts = [
        index
        for index in range(len(lines) - 1)
        if lines[index].cell
        and lines[index].cell not in header_words
        and lines[index].cell not in status_words
        and lines[index + 1].cell in status_words
    ]
    split = RowSplit(header=lines[: starts[0]] if starts else lines)
    for position, row_start in enumerate(starts):
        row_end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        # A truly empty line ends the table: what follows it (the footnotes 注1-注3) is not a cell.
        cells = list(itertools.takewhile(lambda line: not line.is_blank, lines[row_start + 1 : row_end]))
        if not cells:
            raise notice.error(lines[row_start], f"{attachment}, row {squeeze(lines[row_start].cell)}: cells after the region name")
        split.rows.append(FlatRow(lines[row_start], cells))
    header_text = "".join(line.cell for line in split.header)
    missing = [word for word in header_words if word not in header_text]
    if missing or not split.rows:
        raise notice.error(
            notice.lines[start],
            f"{attachment}: a header with {'/'.join(header_words)} followed by rows '<region>' '{'|'.join(sorted(status_words))}'",
            f"header missing {missing}" if missing else "no rows",
        )
    return split


def _join_wrapped_cells(notice: NoticeText, row: FlatRow, fitted: list[FittedCell], width: int, attachment: str) -> None:
    """Rule 1: while there are too many cells, a cell ending in '、' was wrapped; join it with the next, earliest first."""
    while len(fitted) > width:
        wrapped = next((i for i in range(len(fitted) - 1) if fitted[i].text.endswith(_CONTINUED)), None)
        if wrapped is None:
            raise notice.error(
                row.name_line,
                f"{attachment}, row {row.province}: {width} list cells after the status cells",
                f"{len(fitted)} cells: " + " | ".join(cell.text for cell in fitted),
            )
        fitted[wrapped] = FittedCell(fitted[wrapped].text + fitted[wrapped + 1].text, fitted[wrapped].line)
        del fitted[wrapped + 1]


def _note_dangling_continuations(
    notice: NoticeText, row: FlatRow, fitted: list[FittedCell], width: int, attachment: str, notes: list[ParseNote]
) -> None:
    """A '、' left at the end of a cell when the row already fits is a doubtful reading."""
    for cell in fitted:
        if cell.text.endswith(_CONTINUED):
            notes.append(
                ParseNote(
                    notice.source_file,
                    cell.line,
                    attachment,
                    row.province,
                    f"cell '{cell.text}' ends with '、' but the row already has its {width} cells; "
                    "read as a complete cell, and the next line as the next column",
                )
            )


def _restore_dropped_cells(
    notice: NoticeText, row: FlatRow, fitted: list[FittedCell], width: int, attachment: str, notes: list[ParseNote]
) -> None:
    """Rule 2: too few cells: the scraper dropped empty cells at the end of the row; restore them as
    empty, with a note unless the row is simply 'not applicable'."""
    if len(fitted) >= width:
        return
    missing = width - len(fitted)
    if not all(cell.text in ("", NOT_APPLICABLE) for cell in fitted):
        notes.append(
            ParseNote(
                notice.source_file,
                row.name_line.number,
                attachment,
                row.province,
                f"row has {len(fitted)} of {width} list cells; the last {missing} read as empty",
            )
        )
    fitted.extend(FittedCell("", 0) for _ in range(missing))


def fit_cells(
    notice: NoticeText,
    row: FlatRow,
    cells: list[Line],
    width: int,
    attachment: str,
    notes: list[ParseNote],
) -> list[FittedCell]:
    """Fit a row's list cells to `width` columns by the two rules of the flattened page.

    1. Too many cells: a cell ending in '、' was wrapped; join it with the next, earliest first.
    2. Too few cells: the scraper dropped empty cells at the end of the row; restore them as empty.
    A '、' left dangling at the end of a cell when the row already fits, and dropped cells in a row
    that is not simply 'not applicable', are doubtful readings and are recorded in `notes`.
    """
    fitted = [FittedCell(line.cell, line.number) for line in cells]
    _join_wrapped_cells(notice, row, fitted, width, attachment)
    _note_dangling_continuations(notice, row, fitted, width, attachment, notes)
    _restore_dropped_cells(notice, row, fitted, width, attachment, notes)
    return fitted


_UNIT = re.compile(r"^(?P<name>[^()]+?)\s*(?:注(?P<footnote>\d+))?\s*(?:\((?:(?P<failed>\d+)次|(?P<remark>[^)]*))\))?$")


@dataclass(frozen=True)
class UnitEntry:
    name: str
    failed_checks: int | None
    footnote: str | None
    remark: str | None


def parse_unit_list(notice: NoticeText, cell: FittedCell, what: str) -> list[UnitEntry]:
    """Read a list cell such as '黑河(2次)、佳木斯(1次)' or '济源  注3(4次)' or '黔南(政府网站)'."""
    if cell.text in ("", NOT_APPLICABLE):
        return []
    entries = []
    for item in cell.text.split(_CONTINUED):
        item = item.strip()
        if not item:
            continue  # the separator a wrapped cell leaves at its end
        match = _UNIT.match(item)
        if match is None:
            raise notice.error(
                notice.lines[cell.line - 1],
                f"{what}: a unit name, optionally with '注N' and '(N次)' or '(remark)'",
                item,
            )
        entries.append(
            UnitEntry(
                name=squeeze(match["name"]),
                failed_checks=int(match["failed"]) if match["failed"] else None,
                footnote=f"注{match['footnote']}" if match["footnote"] else None,
                remark=match["remark"],
            )
        )
    return entries
