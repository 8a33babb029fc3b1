"""A notice in each form regulators and the press publish becomes the same rows: name, applicants, category."""

from __future__ import annotations

import pytest

from sandboxcli.dbbuild.notice_parse import NoticeError, parse_notice, split_applicants

FS, TP = "financial-service", "technology-product"


def rows(text: str) -> list[tuple[str, tuple[str, ...], str | None]]:
    return [(r.name, r.applicants, r.category) for r in parse_notice(text).rows]


def test_numbered_lines_with_brackets_and_labels() -> None:
    """Both numbered forms of the issue: applicants in trailing brackets (nested ones kept) or after 申请机构："""
    text = ("1. 基于区块链的供应链金融服务（渤海银行石家庄分行）\n"
            "2、“磐石”智能风控产品 申请机构：度小满（重庆）科技有限公司、中国光大银行股份有限公司重庆分行\n")
    assert rows(text) == [
        ("基于区块链的供应链金融服务", ("渤海银行石家庄分行",), None),
        ("“磐石”智能风控产品", ("度小满（重庆）科技有限公司", "中国光大银行股份有限公司重庆分行"), None),
    ]
    assert parse_notice(text).form == "numbered"


def test_half_width_punctuation_and_other_separators() -> None:
    """(1) / 3) numbering, half-width brackets and colon, and , ; ， ； between applicants are all read."""
    text = ('(1) "Panshi" risk control (Du Xiaoman (Chongqing) Technology, China Everbright Bank)\n'
            "3) 手机POS创新应用 申请单位:中国银联；小米数科;京东数科，某某公司\n")
    assert rows(text) == [
        ('"Panshi" risk control', ("Du Xiaoman (Chongqing) Technology", "China Everbright Bank"), None),
        ("手机POS创新应用", ("中国银联", "小米数科", "京东数科", "某某公司"), None),
    ]


def test_sections_and_lines_below_give_category_and_applicants() -> None:
    """Section lines set the category below them; 申请机构：/类型： lines of their own belong to the row above."""
    text = ("北京金融科技创新监管试点应用公示（第九批）\n"
            "一、金融服务类创新应用（2个）\n"
            "1.基于知识图谱的风控服务\n"
            "申请机构：中国银行股份有限公司北京市分行；北京银行\n"
            "2. AIBank Inside产品\n"
            "申请单位：百信银行\n"
            "类型：科技产品\n"
            "（二）科技产品\n"
            "3. 某某平台（金融服务）（甲公司）\n")
    notice = parse_notice(text)
    assert notice.title == "北京金融科技创新监管试点应用公示（第九批）"
    assert rows(text) == [
        ("基于知识图谱的风控服务", ("中国银行股份有限公司北京市分行", "北京银行"), FS),
        ("AIBank Inside产品", ("百信银行",), TP),
        ("某某平台", ("甲公司",), FS),
    ]


def test_tab_table_with_a_wrapped_cell() -> None:
    """A browser paste: tab-separated cells; a line without a number continues the row above, cell by cell."""
    text = ("序号\t创新应用名称\t申请机构\t类型\n"
            "1\t基于5G切片技术的敏捷银行服务\t中国农业银行股份有限公司河北雄安分行、中兴通讯股份有限公司\t金融服务\n"
            "2\t交易反欺诈系统\t中互金数据科技有限公司\t科技产品\n"
            "\t\t中国民生银行股份有限公司\t\n")
    assert rows(text) == [
        ("基于5G切片技术的敏捷银行服务", ("中国农业银行股份有限公司河北雄安分行", "中兴通讯股份有限公司"), FS),
        ("交易反欺诈系统", ("中互金数据科技有限公司", "中国民生银行股份有限公司"), TP),
    ]
    assert parse_notice(text).form == "table"


def test_space_table_with_spaces_in_a_name() -> None:
    """Single spaces between cells: the number and category are recognised, a name's own spaces stay in it."""
    text = ("序号 项目名称 申请单位 应用类型\n"
            "1 AIBank Inside产品 中信百信银行股份有限公司 金融服务\n"
            "2 手机POS创新应用 中国银联股份有限公司 小米数字科技有限公司 科技产品\n"
            "3 手机POS创新应用二 中国银联 小米数科 京东数科 科技产品\n")
    assert rows(text) == [
        ("AIBank Inside产品", ("中信百信银行股份有限公司",), FS),
        ("手机POS创新应用", ("中国银联股份有限公司", "小米数字科技有限公司"), TP),
        ("手机POS创新应用二", ("中国银联", "小米数科", "京东数科"), TP),
    ]


def test_html_table_of_a_saved_page() -> None:
    """<br> inside a cell separates applicants, entities are decoded, scripts are not rows."""
    text = ("<html><head><title>第二批</title><script>var s='<tr><td>1</td><td>x</td><td>y</td></tr>'</script>"
            "</head><body><table><tr><th>序号</th><th>项目名称</th><th>申请机构</th><th>类型</th></tr>"
            "<tr><td>1</td><td>&ldquo;一路行&rdquo;理赔产品</td><td>中国人寿<br/>中国人寿北京分公司</td>"
            "<td>金融服务</td></tr></table></body></html>")
    assert rows(text) == [("“一路行”理赔产品", ("中国人寿", "中国人寿北京分公司"), FS)]
    assert parse_notice(text).form == "html-table"


def test_html_table_with_rowspan_and_paragraphs_in_cells() -> None:
    """A 类型 cell spanning rows gives every row its category; <p>s in a cell are separate applicants."""
    text = ("<table><tr><td>类型</td><td>序号</td><td>项目名称</td><td>申请机构</td></tr>"
            "<tr><td rowspan='2'>金融服务</td><td>1</td><td>甲服务</td><td><p>甲银行</p><p>乙公司</p></td></tr>"
            "<tr><td>2</td><td>乙服务</td><td>丙银行</td></tr>"
            "<tr><td>科技产品</td><td>3</td><td>丙产品</td><td>丁公司<br><br>戊公司</td></tr></table>")
    assert rows(text) == [("甲服务", ("甲银行", "乙公司"), FS), ("乙服务", ("丙银行",), FS),
                          ("丙产品", ("丁公司", "戊公司"), TP)]


def test_html_page_with_numbered_paragraphs() -> None:
    """A saved page without a table is read as its lines."""
    text = "<div><p>1. 基于区块链的数字函证平台（中国互联网金融协会、厦门银行）</p><p>2、智能银行（重庆银行）</p></div>"
    assert rows(text) == [("基于区块链的数字函证平台", ("中国互联网金融协会", "厦门银行"), None),
                          ("智能银行", ("重庆银行",), None)]


@pytest.mark.parametrize("text", ["近日，某地公示了新一批创新应用。", "", "<p>no list here</p>"])
def test_text_without_a_list(text: str) -> None:
    """Prose, an empty file or a page without a list is refused with the forms that are read."""
    with pytest.raises(NoticeError, match="no list of applications found"):
        parse_notice(text)


def test_split_applicants_keeps_bracketed_separators() -> None:
    """A separator inside brackets belongs to the name; a closing 。 is dropped."""
    assert split_applicants("甲（北京、上海）公司、乙银行, 丙；丁。") == ("甲（北京、上海）公司", "乙银行", "丙", "丁")


def test_byte_order_mark_and_no_break_spaces() -> None:
    """A Windows editor's byte-order mark and a page's &nbsp; do not hide the numbering or stick to names."""
    assert rows("\ufeff1.\xa0智能银行\xa0（重庆银行）\n") == [("智能银行", ("重庆银行",), None)]


def test_sentences_of_a_report() -> None:
    """甲申请的“名称”: applicants since the last comma or colon, 共同 with 与 between two, 等 marks a partial list,
    ‘’ inside a quoted name are its own “”, and 和 at the start of a name stays (和泰人寿)."""
    text = ("名单如下：平安银行申请的“平安好链供应链金融服务”，深圳微众信用科技、农业银行深圳分行共同申请的"
            "“基于大数据的智能风控产品”，度小满（重庆）科技有限公司等申请的“‘磐石’智能风控产品”，"
            "另有工商银行与华为联合申请的“甲服务”，和泰人寿申请的“乙服务”。")
    notice = parse_notice(text)
    assert (notice.form, notice.title) == ("prose", None)
    assert [(r.name, r.applicants, r.more_applicants) for r in notice.rows] == [
        ("平安好链供应链金融服务", ("平安银行",), False),
        ("基于大数据的智能风控产品", ("深圳微众信用科技", "农业银行深圳分行"), False),
        ("“磐石”智能风控产品", ("度小满（重庆）科技有限公司",), True),
        ("甲服务", ("工商银行", "华为"), False),
        ("乙服务", ("和泰人寿",), False),
    ]
