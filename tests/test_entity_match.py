"""An applicant as a notice writes it is matched to the institution of entities.yaml, its branch split off; a name
that matches nothing is proposed as new, and one that matches two institutions is a question, never a guess.

Expected ids and branch labels are read off data/sources/entities.yaml and the batch files by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sandboxcli.dbbuild import source_rows as r
from sandboxcli.dbbuild.entity_match import EntityIndex, fold, match_applicant, proposed_id
from sandboxcli.dbbuild.validate import load_dataset

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def index() -> EntityIndex:
    return EntityIndex.build(load_dataset(ROOT / "data" / "sources"))


@pytest.mark.parametrize(("written", "entity", "branch", "flagged"), [
    ("宁波银行股份有限公司", "bank-of-ningbo", None, False),  # legal form (alias 宁波银行股份有限公司 anyway)
    ("重庆农村商业银行股份有限公司", "chongqing-rcb", None, False),  # legal form, then the alias 重庆农村商业银行
    # 中国 dropped, then the branch split off
    ("中国光大银行股份有限公司重庆分行", "china-everbright-bank", "Chongqing branch (重庆分行)", False),
    ("渤海银行石家庄分行", "china-bohai-bank", "Shijiazhuang branch (石家庄分行)", False),
    ("中国银行股份有限公司河北省分行", "boc", "Hebei branch (河北省分行)", False),  # place from regions.yaml
    ("中信银行股份有限公司信用卡中心", "citic-bank", "Credit card center (信用卡中心)", False),
    ("度小满（重庆）科技有限公司", "du-xiaoman-chongqing", None, False),  # a company of its own, not 度小满
    ("腾讯云计算（北京）有限责任公司", "tencent-cloud", None, True),  # place mark removed: reported
    ("中国人寿保险股份有限公司北京分公司", "china-life", "Beijing branch (北京分公司)", True),  # start of the name
    ("Wisdom BaaS", "wisdom-baas", None, False),  # an English alias, any case
])
def test_known_institutions(index: EntityIndex, written: str, entity: str, branch: str | None,
                            flagged: bool) -> None:
    """Each tier, and each kind of branch, on names as notices write them."""
    m = match_applicant(written, index)
    assert (m.entity, m.branch, m.new) == (entity, branch, None)
    assert bool(m.flags) is flagged


def test_branch_in_an_unknown_place_is_chinese_only_and_flagged(index: EntityIndex) -> None:
    """No English place is invented: the branch stays in Chinese and the report says so."""
    m = match_applicant("河北银行股份有限公司邢台分行", index)
    assert (m.entity, m.branch) == ("bank-of-hebei", "邢台分行")
    assert "no English name is known for the place" in m.flags[0]


def test_unknown_institution_is_proposed(index: EntityIndex) -> None:
    """The notice's name (legal form kept), no English name, a kind from the name, a stable id to rename."""
    m = match_applicant("某某保险股份有限公司北京分公司", index)
    assert m.new is not None and m.entity == m.new.id
    assert (m.new.name_zh, m.new.name_en, m.new.kind, m.branch) == \
        ("某某保险股份有限公司", None, "insurer", "Beijing branch (北京分公司)")
    assert m.new.id.startswith("new-") and m.new.id == proposed_id("某某保险股份有限公司", [])
    assert "new institution" in m.flags[0]
    assert proposed_id("Acme Data Co., Ltd.", ["acme-data-co-ltd"]) == "acme-data-co-ltd-2"


def test_ambiguous_name_is_a_question() -> None:
    """Two institutions answering to one name give no entity, only the candidates; --entity decides."""
    data = r.Dataset(entities=[r.Entity("bank-a", None, "甲银行", "bank", ("海西银行",)),
                               r.Entity("bank-b", None, "海西银行", "bank", ())])
    index = EntityIndex.build(data)
    m = match_applicant("海西银行股份有限公司", index)
    assert (m.entity, m.candidates) == (None, ("bank-a", "bank-b"))
    chosen = match_applicant("海西银行股份有限公司福州分行", index, {fold("海西银行股份有限公司福州分行"): "bank-b"})
    assert (chosen.entity, chosen.branch) == ("bank-b", "福州分行")


def test_fold_ignores_width_case_spaces_and_quotes() -> None:
    """Full- and half-width brackets, case, spaces and quotation marks do not stop a match."""
    assert fold("度小满（重庆）科技") == fold("度小满(重庆)科技")
    assert fold("Wisdom  BaaS") == fold("wisdombaas")
    assert fold("“磐石”产品") == fold('"磐石"产品')
