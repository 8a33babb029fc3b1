"""The small rules every answer rests on — partial dates, batch keys, how typed names fold, what a record is —
pinned with values worked out by hand from the rule as README and the docstrings state it (not from the code).

These run in-process and fast: scripts/mutation.sh runs them against every mutant of dates.py, names.py,
queries.batch_key and records.py.
"""

from __future__ import annotations

from typing import ClassVar

import pytest

from sandboxcli import aggregates
from sandboxcli import records as m
from sandboxcli.dates import date_problem, upper_bound
from sandboxcli.names import is_latin, like_pattern, normalise_name, normalise_region, printable, word_text
from sandboxcli.queries import batch_key
from sandboxcli.vocabulary import programme_rank

# --- partial dates -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("date", "last_day"), [
    ("2021", "2021-12-31"),        # a year runs to 31 December
    ("2021-06", "2021-06-31"),     # a month: "-31" sorts after every real day of any month
    ("2021-02", "2021-02-31"),
    ("2021-06-04", "2021-06-04"),  # a day is its own bound
])
def test_upper_bound_is_the_last_day_a_partial_date_covers(date: str, last_day: str) -> None:
    assert upper_bound(date) == last_day


def test_every_day_of_a_month_sorts_within_its_upper_bound() -> None:
    assert "2021-06-30" <= upper_bound("2021-06") < "2021-07-01"
    assert "2021-12-31" <= upper_bound("2021") < "2022"


@pytest.mark.parametrize("text", ["2021", "2021-06", "2021-06-04", "2020-02-29", "0001-01-01"])
def test_real_dates_have_no_problem(text: str) -> None:
    assert date_problem(text) is None


@pytest.mark.parametrize(("text", "problem"), [
    ("21", "'21' is not a date"),
    ("2021-6", "'2021-6' is not a date"),
    ("2021-06-4", "'2021-06-4' is not a date"),
    ("2021/06", "'2021/06' is not a date"),
    ("x2021", "'x2021' is not a date"),
    ("2021-06-04x", "'2021-06-04x' is not a date"),
    ("2021-13", "'2021-13' is not a date (no such month)"),
    ("2021-00", "'2021-00' is not a date (no such month)"),
    ("2021-02-29", "'2021-02-29' is not a date (no such day)"),  # 2021 is not a leap year
    ("2021-04-31", "'2021-04-31' is not a date (no such day)"),
    ("2021-06-00", "'2021-06-00' is not a date (no such day)"),
    ("0000", "'0000' is not a date (no such day)"),              # there is no year 0
])
def test_impossible_dates_say_why(text: str, problem: str) -> None:
    assert str(date_problem(text)) == problem  # a Message: English as str(), worded by the CLI for its reader


# --- batch keys ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "key"), [
    ("2", "2"), ("batch 2", "2"), ("Batch-2", "2"), ("BATCH 2", "2"), ("#2", "2"), ("２", "2"), (" 2 ", "2"),
    ("第2批", "2"), ("第二批", "2"), ("二", "2"), ("首批", "1"), ("第一批", "1"), ("第三批", "3"), ("第九批", "9"),
    ("十", "10"), ("第十批", "10"), ("十一", "11"), ("第十二批", "12"), ("第十九批", "19"),
    ("二十", "20"), ("第三十批", "30"),
    ("pilot", "pilot"), ("2024-01-listing", "2024-01-listing"), ("12", "12"),
])
def test_batch_keys_as_users_type_them(typed: str, key: str) -> None:
    assert batch_key(typed) == key


def test_a_key_that_folds_to_nothing_is_kept_as_typed() -> None:
    assert batch_key("batch") == "batch"
    assert batch_key("#") == "#"


def test_chinese_numerals_up_to_ninety_nine_are_a_number() -> None:
    """三十一 is 31, as 十二 is 12, so a miss names the number the user meant (no batch is that high yet); what is
    no numeral (二二, a digit repeated) or beyond 九十九 (一百) stays as typed."""
    assert batch_key("三十一") == "31"
    assert batch_key("第三十一批") == "31"
    assert batch_key("九十九") == "99"
    assert batch_key("二二") == "二二"
    assert batch_key("第一百批") == "一百"


@pytest.mark.parametrize("typed", ["二三十", "第二三十批", "十二三", "第十二三批", "十十", "二十十", "零", "十零",
                                   "〇", "十a", "a十", "二十 一"])
def test_what_is_no_chinese_numeral_is_no_batch_number(typed: str) -> None:
    """Two digits before or after 十, a second 十, or a character that is no digit 一-九 is not a numeral: the key is
    kept as typed (so `show beijing 第二三十批` finds no batch) rather than read as 20, 12 or 10."""
    assert batch_key(typed) == typed.removeprefix("第").removesuffix("批")


# --- names ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "key"), [
    ("Xiong'an New Area", "xiongan"), ("xiong-an", "xiongan"), ("XIONG AN", "xiongan"), ("雄安新区", "雄安"),
    ("雄安", "雄安"), ("Beijing City", "beijing"), ("北京市", "北京"), ("河北省", "河北"), ("Hebei Province", "hebei"),
    ("广西壮族自治区", "广西"), ("Pudong New District", "pudong"), ("「广州」", "广州"),
    ("  guang_zhou. ", "guangzhou"), ("Ｂｅｉｊｉｎｇ", "beijing"), ("xiong·an", "xiongan"),
    ("市", "市"), ("新区", "新区"), ("city", "city"),  # a suffix alone is the whole name, not noise
])
def test_region_names_fold_to_one_key(typed: str, key: str) -> None:
    assert normalise_region(typed) == key


@pytest.mark.parametrize(("typed", "key"), [
    ("  Blockchain. ", "blockchain"), ("China  Merchants\tBank", "china merchants bank"), ("ＣＭＢ", "cmb"),
    ("“招商银行”", "招商银行"), ("(AI)", "ai"), ("Bank of China", "bank of china"), ("", ""),
])
def test_typed_choices_fold_case_width_spaces_and_surrounding_marks(typed: str, key: str) -> None:
    assert normalise_name(typed) == key


@pytest.mark.parametrize(("text", "latin"), [
    ("CMB", True), ("ant", True), ("5G", True), ("招商银行", False), ("CMB 招商", False), ("--", False), ("", False),
    ("㐀x", False),  # U+3400, the first CJK extension-A character, is Chinese
    ("x鿿", False),  # U+9FFF, the last of the unified block, too
])
def test_latin_script_is_letters_or_digits_without_chinese(text: str, latin: bool) -> None:
    assert is_latin(text) is latin


def test_like_patterns_escape_wildcards_and_the_escape_character() -> None:
    assert like_pattern("abc") == "%abc%"
    assert like_pattern("50%") == "%50\\%%"
    assert like_pattern("a_b") == "%a\\_b%"
    assert like_pattern("a\\b") == "%a\\\\b%"


@pytest.mark.parametrize(("text", "folded"), [
    ("Ant Financial", " ant financial "), ("AIBank Inside产品", " aibank inside产品 "),
    ("“Zhengrongtong” (政融通)", " zhengrongtong 政融通 "), ("supply-chain", " supply chain "), ("", "  "),
    ("ＡＢＣ", " abc "),
])
def test_word_text_puts_one_space_between_words_and_one_at_each_end(text: str, folded: str) -> None:
    assert word_text(text) == folded


def test_control_characters_are_shown_as_escapes() -> None:
    assert printable("a\x1b[31mb") == "a\\x1b[31mb"
    assert printable("第二批\r") == "第二批\\r"
    assert printable("plain 文字") == "plain 文字"


def test_programmes_sort_in_the_documented_order_and_unknown_ones_last() -> None:
    order = ["pboc-application-pilot", "other", "pboc-regulatory-pilot", "csrc-capital-market-pilot"]
    assert sorted(order, key=programme_rank) == ["pboc-regulatory-pilot", "csrc-capital-market-pilot",
                                                 "pboc-application-pilot", "other"]
    assert programme_rank("other") == 3


# --- records -------------------------------------------------------------------------------------------------------


def test_records_take_fields_by_position_or_keyword_with_defaults() -> None:
    ranked = aggregates.Ranked("blockchain", "Blockchain", 4)
    assert (ranked.key, ranked.label, ranked.count, ranked.label_zh) == ("blockchain", "Blockchain", 4, None)
    assert aggregates.Ranked("a", "A", 1, "甲").label_zh == "甲"
    assert aggregates.Ranked(key="a", count=1, label="A") == aggregates.Ranked("a", "A", 1, None)
    assert aggregates.Ranked.fields == ("key", "label", "count", "label_zh")
    assert aggregates.Ranked.defaults == {"label_zh": None}


def test_subclass_records_have_their_parents_fields_first() -> None:
    assert m.ProjectDetail.fields[: len(m.Project.fields)] == m.Project.fields
    assert {"batch_label", "regulator", "sources", "events"} <= set(m.ProjectDetail.fields[len(m.Project.fields):])
    assert "fields" not in m.Project.fields and "defaults" not in m.Project.fields


def test_a_list_default_is_not_shared_between_records() -> None:
    class Listing(m.Record):
        name: str
        items: list[int] = []  # noqa: RUF012 - copied per instance by Record
        note: str | None = None

    one, two = Listing("a"), Listing("b")
    one.items.append(1)
    assert two.items == [] and Listing.defaults == {"items": [], "note": None}
    assert (one.name, one.items, one.note) == ("a", [1], None)


@pytest.mark.parametrize(("args", "kwargs", "message"), [
    (("a", "A", 1, None, "extra"), {}, "Ranked takes 4 fields, got 5"),
    (("a", "A"), {}, "Ranked: missing field 'count'"),
    (("a", "A", 1), {"key": "b"}, "Ranked: unexpected or repeated field 'key'"),
    (("a", "A", 1), {"colour": "red"}, "Ranked: unexpected or repeated field 'colour'"),
])
def test_wrong_fields_are_a_type_error_naming_the_record(args: tuple, kwargs: dict, message: str) -> None:
    with pytest.raises(TypeError) as error:
        aggregates.Ranked(*args, **kwargs)
    assert str(error.value) == message


def test_records_compare_by_type_and_value_and_are_not_hashable() -> None:
    a = aggregates.Ranked("a", "A", 1)
    assert a == aggregates.Ranked("a", "A", 1)
    assert a != aggregates.Ranked("a", "A", 2)
    assert a != m.RegionRef("a", "A", "1")
    assert a != ("a", "A", 1, None)
    assert a != {"key": "a", "label": "A", "count": 1, "label_zh": None}

    class Same(m.Record):
        key: str
        label: str
        count: int
        label_zh: str | None = None

    assert a != Same("a", "A", 1)  # the same fields and values, another kind of thing
    with pytest.raises(TypeError):
        hash(a)


def test_as_dict_turns_nested_records_and_tuples_into_plain_values() -> None:
    source = m.SourceRef("s1", "https://example.org", None, "PBOC", "2021-06-04")
    event = m.Event("2021-09-28", "day", "completed-testing", None, 1, source)
    assert event.as_dict() == {
        "date": "2021-09-28", "date_precision": "day", "kind": "completed-testing", "note": None, "project_id": 1,
        "source": {"id": "s1", "url": "https://example.org", "title": None, "publisher": "PBOC",
                   "date": "2021-06-04", "is_copy": False, "original_id": None}}
    assert list(event.as_dict()) == list(m.Event.fields)
    assert m.plain((aggregates.Ranked("a", "A", 1), {"k": [aggregates.Ranked("b", "B", 2)]})) == [
        {"key": "a", "label": "A", "count": 1, "label_zh": None},
        {"k": [{"key": "b", "label": "B", "count": 2, "label_zh": None}]}]
    assert m.plain(3) == 3


def test_repr_names_the_record_and_every_field() -> None:
    assert repr(aggregates.Ranked("a", "A", 1)) == "Ranked(key='a', label='A', count=1, label_zh=None)"


def test_a_record_class_collects_fields_along_its_bases_once_and_skips_class_variables() -> None:
    class Base(m.Record):
        LIMIT: ClassVar[int] = 3
        a: int
        b: str = "b"

    class Child(Base):
        a: int  # annotated again: still one field, where the base put it
        c: list[int] = []  # noqa: RUF012 - copied per instance by Record

    assert Base.fields == ("a", "b") and Child.fields == ("a", "b", "c")
    assert Child.defaults == {"b": "b", "c": []}
    child = Child(1)
    assert (child.a, child.b, child.c, child.LIMIT) == (1, "b", [], 3)
    assert Child(1, "x", [2]).as_dict() == {"a": 1, "b": "x", "c": [2]}


def test_records_inside_a_csv_cell() -> None:
    """`as_cell()`: a record nested in another result's CSV cell — compact JSON unless its type says something
    shorter (a source its URL, a project its id, an applicant its name and branch, an event its date and kind)."""
    source = m.SourceRef("s1", "https://example.org/a", "T", "P", "2021-06-04")
    assert source.as_cell() == "https://example.org/a"
    branch = m.Applicant("cmb", "China Merchants Bank", "招商银行", "bank", "Guangzhou branch (广州分行)", None)
    assert branch.as_cell() == "China Merchants Bank (Guangzhou branch (广州分行))"
    assert m.Applicant("x", None, "甲银行", "bank", None, None).as_cell() == "甲银行"
    assert m.Applicant("x", None, None, None, None, None).as_cell() == "x"
    done = m.Event("2021-09-28", "day", "completed-testing", None, 4, source)
    assert done.as_cell() == "2021-09-28 completed-testing"
    assert m.Event(None, None, "milestone", None, None, source).as_cell() == "? milestone"
    assert aggregates.Ranked("blockchain", "Blockchain", 4).as_cell() == "Blockchain (4)"
    assert m.RegionRef("guangzhou", "Guangzhou", "广州市").as_cell() == (
        '{"region": "guangzhou", "name_en": "Guangzhou", "name_zh": "广州市"}')


@pytest.mark.parametrize(("announced", "known", "complete"), [
    (5, 5, True), (5, 6, True), (5, 4, False), (None, 3, False), (None, 0, False), (0, 0, True),
])
def test_a_batch_is_complete_when_every_announced_application_is_named(announced: int | None, known: int,
                                                                       complete: bool) -> None:
    assert m.batch_complete(announced, known) is complete
