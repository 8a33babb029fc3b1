"""Names users type → ids: programmes, categories, statuses, event kinds, regions, technologies and institutions,
and the "did you mean" that follows a miss. Expected ids come from data/sources/{regions,technologies,entities}.yaml
and the alias tables README's command notes describe; suggestions follow the rule in resolve.did_you_mean's
docstring (names the word starts, shortest first, then close spellings; at most three, each once).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from sandboxcli import resolve
from sandboxcli.db import connect
from sandboxcli.errors import NotFound, UsageError
from sandboxcli.i18n import translator

from .conftest import REAL_DB


@pytest.fixture(scope="module")
def conn() -> Iterator[sqlite3.Connection]:
    opened = connect(REAL_DB)
    yield opened
    opened.close()


@pytest.mark.parametrize(("typed", "programme"), [
    ("pboc", "pboc-regulatory-pilot"), ("PBOC", "pboc-regulatory-pilot"), ("Sandbox", "pboc-regulatory-pilot"),
    ("regulatory pilot", "pboc-regulatory-pilot"), ("金融科技创新监管工具", "pboc-regulatory-pilot"),
    ("pboc regulatory pilot", "pboc-regulatory-pilot"), ("csrc", "csrc-capital-market-pilot"),
    ("Capital Market", "csrc-capital-market-pilot"), ("application", "pboc-application-pilot"),
    ("pboc-application-pilot", "pboc-application-pilot"), ("金融科技应用试点", "pboc-application-pilot"),
])
def test_programmes(typed: str, programme: str) -> None:
    assert resolve.programme(typed) == programme


def test_no_programme_is_none() -> None:
    assert resolve.programme(None) is None
    assert resolve.category(None) is None


def test_an_unknown_programme_suggests_what_it_starts() -> None:
    with pytest.raises(UsageError) as error:
        resolve.programme("csr")
    assert error.value.message == "unknown programme 'csr'"
    # "csr" starts both "csrc" and "csrc-capital-market-pilot": one programme, named once.
    assert error.value.suggestion == "did you mean 'csrc-capital-market-pilot'? (choose pboc, csrc or application)"


def test_a_long_unknown_name_is_cut_to_40_characters() -> None:
    with pytest.raises(UsageError) as long:
        resolve.programme("q" * 41)
    assert long.value.message == "unknown programme '" + "q" * 37 + "...'"
    with pytest.raises(UsageError) as just:
        resolve.programme("q" * 40)
    assert just.value.message == "unknown programme '" + "q" * 40 + "'"
    assert just.value.suggestion == "choose pboc, csrc or application"  # nothing close to suggest


@pytest.mark.parametrize(("typed", "category"), [
    ("financial-service", "financial-service"), ("Financial Service", "financial-service"), ("FS", "financial-service"),
    ("service", "financial-service"), ("金融服务", "financial-service"), ("product", "technology-product"),
    ("tech", "technology-product"), ("科技产品", "technology-product"), ("TP", "technology-product"),
])
def test_categories(typed: str, category: str) -> None:
    assert resolve.category(typed) == category


def test_an_unknown_category() -> None:
    with pytest.raises(UsageError) as error:
        resolve.category("servce")
    assert error.value.message == "unknown category 'servce'"
    assert error.value.suggestion == ("did you mean 'financial-service'? "
                                      "(choose financial-service or technology-product)")


def test_choices_fold_case_and_width() -> None:
    assert resolve.choice(" JSON ", ("json", "csv"), "format") == "json"
    assert resolve.choice("ｃｓｖ", ("json", "csv"), "format") == "csv"
    with pytest.raises(UsageError) as error:
        resolve.choice("jsn", ("json", "csv"), "format")
    assert error.value.message == "unknown format 'jsn'"
    assert error.value.suggestion == "did you mean 'json'? (choose json, csv)"


@pytest.mark.parametrize(("typed", "region"), [
    ("Xiong'an New Area", "xiongan"), ("雄安新区", "xiongan"), ("guangzhou", "guangzhou"), ("广州市", "guangzhou"),
    ("BEIJING", "beijing"), ("Guangxi", "guangxi"), ("广西壮族自治区", "guangxi"),
])
def test_regions(conn, typed: str, region: str) -> None:
    assert resolve.region(conn, typed) == region


def test_an_unknown_region_suggests_a_close_spelling(conn) -> None:
    with pytest.raises(NotFound) as error:
        resolve.region(conn, "Shanghia")
    assert error.value.message == "unknown city or region 'Shanghia'"
    suggestion = error.value.suggestion
    # The closest spelling first; other regions spelt alike may follow, three names at most.
    assert suggestion.startswith("did you mean 'shanghai'")
    assert suggestion.endswith("? (`sandbox list-cities` shows them all)")
    assert 1 <= suggestion.count("'") // 2 <= 3


def test_nothing_close_is_just_the_hint(conn) -> None:
    with pytest.raises(NotFound) as error:
        resolve.region(conn, "Atlantis")
    assert error.value.suggestion == "`sandbox list-cities` shows them all"


@pytest.mark.parametrize(("typed", "slug"), [
    ("blockchain", "blockchain"), ("Privacy Computing", "privacy-computing"), ("区块链", "blockchain"),
    ("MPC", "multi-party-computation"), ("tee", "trusted-execution-environment"), ("隐私计算", "privacy-computing"),
])
def test_technologies(conn, typed: str, slug: str) -> None:
    assert resolve.technology(conn, typed) == slug


def test_an_unknown_technology_suggests_the_name_it_starts(conn) -> None:
    with pytest.raises(NotFound) as error:
        resolve.technology(conn, "homomorphic")
    assert error.value.message == "unknown technology 'homomorphic'"
    assert error.value.suggestion == "did you mean 'homomorphic-encryption'? (`sandbox technologies` lists them)"


def test_a_family_brings_its_members_in_slug_order(conn) -> None:
    # technologies.yaml: four technologies have `parent: privacy-computing`.
    assert resolve.with_family(conn, ["privacy-computing"]) == (
        "privacy-computing", "federated-learning", "homomorphic-encryption", "multi-party-computation",
        "trusted-execution-environment")
    assert resolve.with_family(conn, ["multi-party-computation", "privacy-computing"]) == (
        "multi-party-computation", "privacy-computing", "federated-learning", "homomorphic-encryption",
        "trusted-execution-environment")
    assert resolve.with_family(conn, ["blockchain", "blockchain"]) == ("blockchain",)


# --- institutions (entities.yaml) -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "ids"), [
    ("Bank of China", ["boc"]),                     # an exact name wins over every bank "of China"
    ("bank of chin", ["abc", "boc", "icbc", "psbc"]),  # the start of a word in four names, sorted by id
    ("Merch", ["cmb"]),                             # China Merchants Bank
    ("招商", ["cmb"]),                               # Chinese matches anywhere: 招商银行
    ("工商银行", ["icbc"]),                           # an alias
    ("CMB Guangzhou branch", ["cmb"]),              # contains the three-letter alias CMB as a word
    ("the Guangzhou branch of China Merchants Bank", ["cmb"]),
    ("招商银行广州分行", ["cmb"]),                      # contains 招商银行
    ("招行广州分行", ["cmb"]),                         # contains the two-character alias 招行
])
def test_institutions(conn, typed: str, ids: list[str]) -> None:
    assert resolve.entities(conn, typed) == ids


def test_a_latin_name_never_matches_inside_a_word(conn) -> None:
    with pytest.raises(NotFound) as error:
        resolve.entities(conn, "erchants")
    assert error.value.message == "no institution matches 'erchants'"


@pytest.mark.parametrize(("typed", "message"), [
    ("", "empty institution name"), ("  “” ", "empty institution name"),
    ("x" * 201, "institution name too long (201 characters)"),
])
def test_institution_names_that_cannot_be_looked_up(conn, typed: str, message: str) -> None:
    with pytest.raises(UsageError) as error:
        resolve.entities(conn, typed)
    assert error.value.message == message


def test_200_characters_are_looked_up(conn) -> None:
    with pytest.raises(NotFound):
        resolve.entities(conn, "x" * 200)


def test_suggestions_are_prefixes_shortest_first_then_close_spellings_three_at_most() -> None:
    # "ab" starts abz, abcd, abcde and abcdef: the three shortest come first; of the close spellings (abz, xab,
    # abcd) only xab is new, and it would be a fourth name.
    with pytest.raises(UsageError) as error:
        resolve.choice("ab", ("abz", "abcd", "abcdef", "abcde", "xab"), "thing")
    assert error.value.message == "unknown thing 'ab'"
    assert error.value.suggestion == "did you mean 'abz', 'abcd' or 'abcde'? (choose abz, abcd, abcdef, abcde, xab)"


def test_a_close_spelling_alone_is_suggested() -> None:
    with pytest.raises(UsageError) as error:
        resolve.choice("xb", ("abz", "xab"), "thing")  # no prefix; xab is close (2 of 2 letters in order)
    assert error.value.suggestion == "did you mean 'xab'? (choose abz, xab)"




@pytest.mark.parametrize("typed", ["xcmb guangzhou branch", "cmbx guangzhou branch"])
def test_a_contained_name_must_be_a_whole_word(conn, typed: str) -> None:
    with pytest.raises(NotFound) as error:
        resolve.entities(conn, typed)  # "cmb" is there, but inside a word
    assert error.value.suggestion.endswith("try part of the name, in English or Chinese")


def test_institution_name_hints(conn) -> None:
    with pytest.raises(UsageError) as empty:
        resolve.entities(conn, " ")
    assert empty.value.suggestion == "give a name, e.g. 招商银行 or CMB"
    with pytest.raises(UsageError) as long:
        resolve.entities(conn, "x" * 201)
    assert long.value.suggestion == "give a name or part of one"


def test_a_slug_typed_with_spaces(conn) -> None:
    # "multi party computation" is neither a label (Secure multi-party computation) nor an alias: as a slug it is.
    assert resolve.technology(conn, "Multi Party Computation") == "multi-party-computation"
    with pytest.raises(NotFound) as start:
        resolve.technology(conn, "multi party")
    assert start.value.suggestion.startswith("did you mean 'multi-party-computation'")


def test_suggestions_come_from_every_alias(conn) -> None:
    # regions.yaml: Beijing's aliases include Peking; technologies.yaml: MPC is multi-party computation's.
    with pytest.raises(NotFound) as region:
        resolve.region(conn, "Peki")
    assert region.value.suggestion.startswith("did you mean 'beijing'")
    with pytest.raises(NotFound) as technology:
        resolve.technology(conn, "mp")
    assert "'multi-party-computation'" in technology.value.suggestion


@pytest.mark.parametrize(("word", "one_off"), [
    ("广洲", True), ("广州市", True), ("工商银", True), ("广洲州", True),      # one replaced, added or left out
    ("广州", False), ("深圳", False), ("工商", False), ("广", False), ("州广", False),
    ("深圳市", False),  # one longer, but no character left out of it gives 广州
])
def test_one_character_off(word: str, one_off: bool) -> None:
    """resolve._one_character_off's rule: one character replaced, or, for names of two characters or more, one
    left out or added; "工商" misses 工商银行 by two."""
    name = "工商银行" if word.startswith("工商") else "广州"
    assert resolve._one_character_off(word, name) is one_off
    assert resolve._one_character_off(name, word) is one_off


def test_chinese_suggestions_sharing_the_first_character_come_first(conn) -> None:
    # regions.yaml: one character off 山州 are 山东 and 山西 (sharing 山) and 广州, 杭州, 苏州, 贵州 (sharing 州);
    # three are shown, those sharing the first character first, then the others in regions.yaml's order.
    with pytest.raises(NotFound) as miss:
        resolve.region(conn, "山州")
    assert miss.value.suggestion.startswith("did you mean '山东', '山西' or '广州'?")


def test_a_suggestions_hint_is_worded_in_the_readers_language(conn) -> None:
    """The hint in brackets is worded too, whether it is plain text or has values of its own (the catalogue's
    是否想输入{names}？（{hint}）, `sandbox list-cities` 列出全部地区 and 请选择 {choices})."""
    zh = translator("zh")
    with pytest.raises(NotFound) as region:
        resolve.region(conn, "山州")
    assert region.value.worded(zh)[1] == "是否想输入“山东”、“山西”或“广州”？（`sandbox list-cities` 列出全部地区）"
    with pytest.raises(UsageError) as programme:
        resolve.programme("pbo")
    assert programme.value.worded(zh)[1] == (
        "是否想输入“pboc-regulatory-pilot”或“pboc-application-pilot”？（请选择 pboc、csrc 或 application）")


@pytest.mark.parametrize(("word", "stored"), [
    ("In Service", ("in-service",)), ("测试中", ("in-testing",)), ("exited", ("completed-testing", "exited")),
    ("withdrawn", ("exited",)),
])
def test_lifecycle_words_as_statuses(word: str, stored: tuple[str, ...]) -> None:
    # vocabulary.LIFECYCLE_WORDS: each word's group and the statuses it stands for.
    assert resolve.statuses(word) == stored


@pytest.mark.parametrize(("word", "stored"), [
    ("Service Launched", ("service-launched",)), ("上线", ("service-launched",)),
    ("graduated", ("completed-testing", "exited")), ("milestone", ("milestone",)),
])
def test_lifecycle_words_as_event_kinds(word: str, stored: tuple[str, ...]) -> None:
    assert resolve.event_kinds(word) == stored


def test_unknown_lifecycle_words() -> None:
    with pytest.raises(UsageError) as status:
        resolve.statuses("zzz")
    assert (status.value.message, status.value.suggestion) == (
        "unknown status 'zzz'", "choose in-testing, in-service, completed-testing, exited")
    with pytest.raises(UsageError) as kind:
        resolve.event_kinds("zzz")
    assert (kind.value.message, kind.value.suggestion) == (
        "unknown event kind 'zzz'",
        "choose call-for-applications, service-launched, completed-testing, exited, planned-start, milestone")
