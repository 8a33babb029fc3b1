"""Search and events filters on the bundled database, with every expected result worked out by hand from
data/sources/ (the file and batch are named beside each). Projects are named by (programme, region, batch key,
position in the notice, counted from 1), which is how the YAML lists them, rather than by database ids.

Date filters are the classic off-by-one: `--until 2020-12` must include 31 December, `--since 2021` must include
2 January; these tests sit on batches and events dated on such edges.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import sandboxcli
from sandboxcli.cli.wording import worded
from sandboxcli.errors import UsageError
from sandboxcli.i18n import translator

from .conftest import REAL_DB

PBOC, CSRC, APP = "pboc-regulatory-pilot", "csrc-capital-market-pilot", "pboc-application-pilot"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[sandboxcli.api.Sandbox]:
    with sandboxcli.open(REAL_DB) as opened:
        yield opened


def found(sandbox: sandboxcli.api.Sandbox, *args: object, **kwargs: object) -> list[tuple[str, str, str, int]]:
    return [(p.programme, p.region, p.batch_key, p.position) for p in sandbox.search(*args, **kwargs).results]


def batch(programme: str, region: str, key: str, positions: range) -> list[tuple[str, str, str, int]]:
    return [(programme, region, key, n) for n in positions]


# pboc-regulatory-pilot/beijing.yaml batch 3 (2020-12-25, one project known) and shanghai.yaml batch 2 (2020-12-31,
# five projects): the only batches announced in December 2020.
DECEMBER_2020 = batch(PBOC, "beijing", "3", range(1, 2)) + batch(PBOC, "shanghai", "2", range(1, 6))


def test_until_a_month_includes_its_last_day(sandbox) -> None:
    assert found(sandbox, since="2020-12", until="2020-12") == DECEMBER_2020


def test_until_a_year_includes_the_31st_of_december(sandbox) -> None:
    assert found(sandbox, since="2020-12-31", until="2020") == batch(PBOC, "shanghai", "2", range(1, 6))


def test_until_a_day_excludes_the_next(sandbox) -> None:
    assert found(sandbox, since="2020-12", until="2020-12-30") == batch(PBOC, "beijing", "3", range(1, 2))


def test_since_a_year_includes_its_first_days(sandbox) -> None:
    # shenzhen.yaml batch 2 (2021-01-12), suzhou.yaml and xiongan.yaml batches 2 (both 2021-01-22): same date, so
    # by region name, Suzhou before Xiong'an.
    assert found(sandbox, since="2021", until="2021-01") == (
        batch(PBOC, "shenzhen", "2", range(1, 5)) + batch(PBOC, "suzhou", "2", range(1, 5))
        + batch(PBOC, "xiongan", "2", range(1, 3)))


def test_a_one_day_range_is_that_day(sandbox) -> None:
    # guangzhou.yaml batch 2, announced 2021-06-04 with four projects.
    assert found(sandbox, since="2021-06-04", until="2021-06-04") == batch(PBOC, "guangzhou", "2", range(1, 5))


def test_since_within_the_until_month_is_not_an_error(sandbox) -> None:
    assert found(sandbox, since="2021-06-30", until="2021-06") == []  # no batch was announced that day


def test_since_after_until_is_a_usage_error(sandbox) -> None:
    with pytest.raises(UsageError) as error:
        sandbox.search(since="2021-07-01", until="2021-06")
    assert error.value.message == "since='2021-07-01' is after until='2021-06'"
    # The command line says it with its flags, by the error's reason and values (cli/wording.py).
    assert worded(error.value, translator("en")) == ("--since 2021-07-01 is after --until 2021-06", None)
    assert worded(error.value, translator("zh"))[0] == "--since 2021-07-01 晚于 --until 2021-06"


def test_a_status_is_the_projects_own_or_an_event_of_that_kind(sandbox) -> None:
    # status: completed-testing in beijing.yaml batch 1 (projects 1 and 4), batch 2 (project 2) and shenzhen.yaml
    # batch 1 (project 1); ordered by batch date.
    done = [(PBOC, "beijing", "1", 1), (PBOC, "beijing", "1", 4), (PBOC, "beijing", "2", 2),
            (PBOC, "shenzhen", "1", 1)]
    assert found(sandbox, statuses="completed-testing") == done
    assert found(sandbox, statuses="completed") == done


def test_different_filters_must_all_match(sandbox) -> None:
    assert found(sandbox, statuses="completed-testing", cities="shenzhen") == [(PBOC, "shenzhen", "1", 1)]
    assert found(sandbox, statuses="completed-testing", since="2020-06") == [(PBOC, "beijing", "2", 2),
                                                                           (PBOC, "shenzhen", "1", 1)]
    assert found(sandbox, statuses="completed-testing", technologies="api") == [(PBOC, "beijing", "1", 4)]


def test_categories(sandbox) -> None:
    # guangzhou.yaml: batch 1's two known projects have no category; batch 2 has three services and project 4, the
    # only technology product.
    assert found(sandbox, categories="technology-product", cities="guangzhou") == [(PBOC, "guangzhou", "2", 4)]
    assert found(sandbox, categories="service,product", cities="广州") == batch(PBOC, "guangzhou", "2", range(1, 5))


def test_several_applicants_mean_either(sandbox) -> None:
    # guangzhou.yaml batch 2 (2021-06-04): SequoiaDB is in project 2, China Guangfa Bank in project 3, CMB in
    # project 4; CGB is also in shanghai.yaml batch 3 project 3 (2021-03-04).
    assert found(sandbox, applicants=["sequoiadb", "cgb"]) == [(PBOC, "shanghai", "3", 3), (PBOC, "guangzhou", "2", 2),
                                                             (PBOC, "guangzhou", "2", 3)]
    assert found(sandbox, applicants="cmb", cities="guangzhou") == [(PBOC, "guangzhou", "2", 4)]


def test_a_programme_filter_keeps_the_programme(sandbox) -> None:
    # Shanghai's application pilot (2019-10) has three known projects; its PBOC sandbox batches 1-3 have 8, 5, 3.
    assert found(sandbox, cities="shanghai", programmes="application") == batch(APP, "shanghai", "pilot", range(1, 4))
    assert len(found(sandbox, cities="shanghai", programmes="pboc")) == 8 + 5 + 3


def test_words_all_have_to_match(sandbox) -> None:
    # shanghai.yaml batch 1 project 7: "Rongtongbao" bill-circulation support platform, by CIB Fintech.
    assert found(sandbox, "rongtongbao") == [(PBOC, "shanghai", "1", 7)]
    assert found(sandbox, "Rongtongbao bill") == [(PBOC, "shanghai", "1", 7)]
    assert found(sandbox, "rongtongbao zhengrongtong") == []


def test_nothing_to_search_for(sandbox) -> None:
    with pytest.raises(UsageError) as empty:
        sandbox.search()
    assert empty.value.message == "nothing to search for"
    assert empty.value.suggestion == 'give words to look for or a filter such as technologies=["blockchain"]'
    with pytest.raises(UsageError) as marks:
        sandbox.search("-- ** ::")
    assert marks.value.message == "nothing to search for: the words have no letters or digits"
    with pytest.raises(UsageError) as nul:  # a NUL character alone is nothing typed, not a word without letters
        sandbox.search("\x00")
    assert nul.value.message == "nothing to search for"
    # The command line suggests a flag instead of the keyword argument (cli/wording.py), keeping the message.
    for error in (empty.value, marks.value):
        assert worded(error, translator("en")) == (
            error.message, "give words to look for or a filter such as --tech blockchain")


def test_at_most_64_words(sandbox) -> None:
    assert found(sandbox, " ".join(["rongtongbao"] * 64)) == [(PBOC, "shanghai", "1", 7)]
    with pytest.raises(UsageError) as error:
        sandbox.search(" ".join(["rongtongbao"] * 65))
    assert error.value.message == "too many words to search for (65; at most 64)"
    assert error.value.suggestion == "use a few distinctive words"


def test_a_nul_character_is_dropped_from_the_words(sandbox) -> None:
    assert found(sandbox, "rong\x00tongbao") == [(PBOC, "shanghai", "1", 7)]


def test_a_projects_flags_are_true_or_false(sandbox) -> None:
    # pboc-application-pilot/guangdong.yaml, batch "pilot": 基于ARM架构的金融云 sets name_en_translated: true and no
    # other flag. The flags are stored as 0/1; the record (and so the JSON) says true or false.
    (arm,) = [p for p in sandbox.search(programmes="application", cities="guangdong").results
              if p.name_zh == "基于ARM架构的金融云"]
    flags = (arm.name_en_translated, arm.name_is_description, arm.name_incomplete, arm.category_derived,
             arm.placement_inferred)
    assert [type(flag) for flag in flags] == [bool] * 5
    assert flags == (True, False, False, False, False)


# --- events ---------------------------------------------------------------------------------------------------------


def happened(sandbox: sandboxcli.api.Sandbox, *args: object, **kwargs: object) -> list[tuple[str | None, str, str]]:
    return [(e.date, e.region, e.kind) for e in sandbox.events(*args, **kwargs).results]


def test_events_until_a_month_include_its_last_days(sandbox) -> None:
    # 2021-09-28: completed testing for beijing.yaml batch 1 projects 1 and 4 and batch 2 project 2, and for
    # shenzhen.yaml batch 1 project 1, plus a Shenzhen batch milestone. Before them: hangzhou.yaml's 2021-09-10.
    got = happened(sandbox, since="2021-09-28", until="2021-09")
    assert got[:3] == [("2021-09-28", "beijing", "completed-testing")] * 3
    assert sorted(got[3:]) == [("2021-09-28", "shenzhen", "completed-testing"), ("2021-09-28", "shenzhen", "milestone")]
    assert happened(sandbox, since="2021-09-11", until="2021-09-27") == []


def test_events_in_a_year_include_year_only_dates_and_the_31st(sandbox) -> None:
    assert happened(sandbox, since="2024", until="2024") == [
        ("2024", "jiangsu", "milestone"),             # pboc jiangsu.yaml digital-finance-theme, dated to the year
        ("2024-01", "hebei", "milestone"),            # hebei.yaml 2024-01-listing
        ("2024-03-11", "zhejiang", "milestone"),      # csrc zhejiang.yaml pilot
        ("2024-05-30", "hebei", "planned-start"),
        ("2024-07-15", "shenzhen", "planned-start"),
        ("2024-07-30", "hainan", "planned-start"),
        ("2024-11-29", "zhejiang", "planned-start"),
        ("2024-12-10", "sichuan", "planned-start"),
        ("2024-12-31", "zhejiang", "planned-start"),  # zhejiang.yaml 2024-ruifeng-statement
    ]


def test_events_by_kind_region_and_programme(sandbox) -> None:
    assert [d for d, _, _ in happened(sandbox, ["completed-testing", "exited"])] == ["2021-09-28"] * 4
    assert happened(sandbox, "planned-start", cities="hebei") == [("2024-05-30", "hebei", "planned-start"),
                                                                 ("2025-12-25", "hebei", "planned-start")]
    # The CSRC pilot's events up to the end of 2021 (csrc-capital-market-pilot/*.yaml); same date: by region.
    assert happened(sandbox, programmes="csrc", until="2021") == [
        ("2020-10-21", "beijing", "milestone"), ("2021-03-04", "beijing", "call-for-applications"),
        ("2021-11", "beijing", "milestone"), ("2021-11-15", "shenzhen", "call-for-applications"),
        ("2021-11-19", "beijing", "milestone"), ("2021-12-23", "nanjing", "milestone"),
        ("2021-12-30", "beijing", "service-launched"), ("2021-12-30", "shanghai", "milestone")]


def test_an_event_names_its_batch(sandbox) -> None:
    # The four completions of 2021-09-28 are project events of beijing.yaml batches 1, 1 and 2 and shenzhen.yaml
    # batch 1; hebei.yaml's 2024-01 milestone belongs to its batch "2024-01-listing", which has no number.
    done = sorted((e.region, e.batch_key, e.batch_number) for e in sandbox.events("completed-testing").results)
    assert done == [("beijing", "1", 1), ("beijing", "1", 1), ("beijing", "2", 2), ("shenzhen", "1", 1)]
    (listing,) = sandbox.events(cities="hebei", since="2024-01", until="2024-01").results
    assert (listing.batch_key, listing.batch_number) == ("2024-01-listing", None)


def test_undated_events_come_last(sandbox) -> None:
    # liaoning.yaml batch 2 has one undated event; hebei.yaml has a dated one before an undated one (2025-listing).
    assert happened(sandbox, cities="liaoning") == [(None, "liaoning", "milestone")]
    assert [d for d, _, _ in happened(sandbox, cities="hebei")][-1] is None


def test_latin_words_match_where_a_word_starts(sandbox) -> None:
    # shanghai.yaml batch 1: project 4 "AI-based smart supply-chain financing service" and project 6 "Xinmeng
    # Chain"; the blockchain projects do not count ("chain" is inside a word there).
    assert found(sandbox, "chain", cities="shanghai", programmes="pboc") == [(PBOC, "shanghai", "1", 4),
                                                                           (PBOC, "shanghai", "1", 6)]
    assert found(sandbox, "xinmeng", cities="shanghai") == [(PBOC, "shanghai", "1", 6)]
    assert found(sandbox, "inmeng", cities="shanghai") == []


def test_chinese_matches_anywhere_even_in_short_words(sandbox) -> None:
    # guangzhou.yaml: only batch 2 project 4 uses the blockchain (区块链); no Chinese name there mentions it.
    assert found(sandbox, "区块链", cities="guangzhou") == [(PBOC, "guangzhou", "2", 4)]
    assert found(sandbox, "块链", cities="guangzhou") == [(PBOC, "guangzhou", "2", 4)]
    # batch 1 project 2 is 基于大数据和复杂网络的普惠小微融资服务: two characters from its middle find it.
    assert found(sandbox, "复杂", cities="guangzhou") == [(PBOC, "guangzhou", "1", 2)]


def test_wildcards_are_plain_text(sandbox) -> None:
    # "_" is a word character, so it is searched for as itself: no name in Guangzhou has "g_" (as a LIKE wildcard
    # it would find Guangzhou, Guangfa ...).
    assert found(sandbox, "g_", cities="guangzhou") == []
    assert found(sandbox, "guangfa", cities="guangzhou") == [(PBOC, "guangzhou", "2", 3)]  # China Guangfa Bank
    # "%" alone is punctuation, which names nothing: only the city filter is left.
    assert len(found(sandbox, "%", cities="guangzhou")) == 2 + 4


def test_which_filters_are_given() -> None:
    from sandboxcli.search import SearchQuery

    assert not SearchQuery().filters_given()
    assert not SearchQuery(text="bank", applicants=("bank",)).filters_given()  # words, and names not yet resolved
    for given in ({"technologies": ("api",)}, {"entities": ()}, {"categories": ("financial-service",)},
                  {"regions": ("gansu",)}, {"programmes": (PBOC,)}, {"statuses": ("exited",)}, {"since": "2021"},
                  {"until": "2021"}):
        assert SearchQuery(**given).filters_given(), given


def test_an_applicant_filter_that_resolved_to_nobody_finds_nothing() -> None:
    from sandboxcli.db import connect
    from sandboxcli.search import SearchQuery, search

    conn = connect(REAL_DB)
    try:
        assert search(conn, SearchQuery(entities=())) == []
        assert [p.position for p in search(conn, SearchQuery(entities=("cmb",), regions=("guangzhou",)))] == [4]
    finally:
        conn.close()


def test_fts_phrases_quote_quotes() -> None:
    from sandboxcli.search import fts_phrase

    assert fts_phrase('say "hi"') == '"say ""hi"""'
    assert fts_phrase("AND") == '"AND"'
