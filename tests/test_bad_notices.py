"""Quirks and bad input: encodings, cut-off files, non-numeric cells and conflicting notices."""

import pytest

from assets.bulletin.notice import parse_notice
from assets.bulletin.tables import build_tables
from assets.errors import BulletinConflictError, BulletinParseError
from tests.support.landing import replace_line
from warehouse.registry import NOTICE, tables_written_by


def _frames(tables):
    return {name: getattr(tables, name) for name in tables_written_by(NOTICE)}


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: text.encode("gb18030"), id="gb18030"),
        pytest.param(lambda text: "\ufeff".encode() + text.encode("utf-8"), id="utf8-bom"),
        pytest.param(lambda text: text.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
    ],
)
def test_reencoded_notice_gives_identical_tables(notice_text, tables, encode):
    reparsed = build_tables([parse_notice(encode(notice_text), "2017-annual-notice.txt")])
    for name, frame in _frames(tables).items():
        other = _frames(reparsed)[name]
        if name == "bulletin":  # the checksum is of the bytes, which differ
            frame, other = frame.drop(columns="source_sha256"), other.drop(columns="source_sha256")
        assert frame.equals(other), name


def test_empty_file_is_refused_by_name():
    with pytest.raises(BulletinParseError, match=r"^empty\.txt, whole file: expected the text of a notice, found 'an empty file'"):
        parse_notice(b"", "empty.txt")


def test_binary_file_is_refused():
    with pytest.raises(BulletinParseError, match=r"^blob\.txt, whole file: expected a text file"):
        parse_notice(b"\x89PNG\r\n\x1a\n\x00\x00", "blob.txt")


def test_file_cut_off_inside_attachment_3(notice_text):
    # Cut inside the completion table, after line 700 (河南's row number 6 of 办结表).
    cut = "\n".join(notice_text.split("\n")[:700])
    with pytest.raises(BulletinParseError, match=r"cut\.txt, line 700: expected 附件3, completion table: records of 5 cells"):
        parse_notice(cut.encode(), "cut.txt")


def test_file_cut_before_the_completion_table(notice_text):
    cut = "\n".join(notice_text.split("\n")[:633])  # up to the 注 under the acceptance table
    with pytest.raises(BulletinParseError, match=r"cut\.txt, .*expected 附件3: a table titled '…办结情况表'"):
        parse_notice(cut.encode(), "cut.txt")


def test_non_numeric_count_names_line_and_row(notice_text):
    bad = replace_line(notice_text, 529, "42", "四十二")  # 贵州's late count in 受理表
    with pytest.raises(
        BulletinParseError, match=r"^bad\.txt, line 529: expected 附件3, acceptance table, row 贵州: an integer count.*found '四十二'"
    ):
        parse_notice(bad.encode(), "bad.txt")


def test_malformed_percentage(notice_text):
    bad = replace_line(notice_text, 530, "97.36%", "97,36")
    with pytest.raises(BulletinParseError, match=r"line 530: .*row 贵州: a percentage such as '98.50%'"):
        parse_notice(bad.encode(), "bad.txt")


def test_missing_headline_sentence(notice_text):
    bad = replace_line(notice_text, 11, notice_text.split("\n")[10], "  一段无关的文字。")
    with pytest.raises(BulletinParseError, match=r"bad\.txt, end of file: expected section 一's sentence"):
        parse_notice(bad.encode(), "bad.txt")


def test_row_with_too_many_cells(notice_text):
    # An extra unwrapped cell in 河北's row of 附件1 (lines 66-71) cannot be fitted to three columns.
    bad = replace_line(notice_text, 70, "\xa0", "\xa0\n多余")
    with pytest.raises(BulletinParseError, match=r"line 66: expected 附件1, row 河北: 3 list cells after the status cells, found '4 cells"):
        parse_notice(bad.encode(), "bad.txt")


def test_same_notice_twice_is_loaded_once(notice_bytes, notice_text):
    copies = [
        parse_notice(notice_bytes, "a.txt"),
        parse_notice(notice_bytes, "b.txt"),  # identical bytes
        parse_notice(notice_text.encode("gb18030"), "c.txt"),  # same facts, other encoding
    ]
    tables = build_tables(copies)
    assert len(tables.bulletin) == 1 and tables.bulletin.source_file.tolist() == ["a.txt"]
    assert len(tables.handling_by_province) == 64
    assert len(tables.skipped_duplicates) == 2


def test_two_different_notices_for_one_year_conflict(notice_bytes, notice_text):
    edited = replace_line(notice_text, 529, "42", "43")
    with pytest.raises(
        BulletinConflictError, match=r"a\.txt \(环办应急函\[2018\]500号\) and b\.txt .* two different notices for report year 2017"
    ):
        build_tables([parse_notice(notice_bytes, "a.txt"), parse_notice(edited.encode(), "b.txt")])


def test_html_source_is_refused_clearly(notice_text):
    page = "<html><body>\n<table>\n<tr><td>北京</td></tr>\n</table>\n" + notice_text
    with pytest.raises(BulletinParseError, match=r"^page\.txt, line 1: expected the page's text .*not its HTML source, found '<html'"):
        parse_notice(page.encode(), "page.txt")
