"""Property tests: whatever users type as a city, batch, applicant or search string, the CLI never raises and
only exits with a documented code (0 ok, 1 not found, 2 usage)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sandboxcli.cli import app
from sandboxcli.names import normalise_region

DOCUMENTED = {0, 1, 2}
FTS_SYNTAX = st.sampled_from(['"', "'", "*", "-", ":", "(", ")", "^", "+", "NEAR", "AND", "OR", "NOT", "{", "}",
                              "\\", "%", "_", "区块链", "供应链", "银行", "CMB", " ", "\t", "\x00", "\x1b[31m"])
TEXT = st.one_of(
    st.text(max_size=60),
    st.lists(FTS_SYNTAX, max_size=12).map("".join),
    st.text(alphabet=st.characters(categories=("Cc", "Zs", "Lo", "Po", "Ps", "Pe")), max_size=40),
    st.just("x" * 10_000),
    st.just("区块链" * 3_000),
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
runner = CliRunner()


def _run(db, *args: str):
    result = runner.invoke(app, list(args), env={"SANDBOX_DB": str(db)})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in DOCUMENTED, (args, result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    return result


@SETTINGS
@given(city=TEXT)
def test_any_city_name(fixture_db, city: str) -> None:
    result = _run(fixture_db, "show", "--", city)
    if result.exit_code == 1:
        assert len(result.stderr.strip().splitlines()) == 1


@SETTINGS
@given(city=TEXT, batch=TEXT)
def test_any_city_and_batch(fixture_db, city: str, batch: str) -> None:
    _run(fixture_db, "show", "--json", "--", city, batch)


@SETTINGS
@given(text=TEXT)
def test_any_search_text(fixture_db, text: str) -> None:
    result = _run(fixture_db, "search", "--json", "--", text)
    if result.exit_code == 0:
        assert json.loads(result.stdout)["command"] == "search"


@SETTINGS
@given(name=TEXT)
def test_any_applicant(fixture_db, name: str) -> None:
    _run(fixture_db, "search", "--json", "--applicant", name)


@SETTINGS
@given(tech=TEXT, since=TEXT)
def test_any_tech_and_date(fixture_db, tech: str, since: str) -> None:
    _run(fixture_db, "search", "--tech", tech, "--since", since)


REGIONS = [("guangzhou", "Guangzhou", "广州"), ("xiongan", "Xiong'an", "雄安"), ("shenzhen", "Shenzhen", "深圳")]


@SETTINGS
@given(region=st.sampled_from(REGIONS), data=st.data())
def test_decorated_city_names_still_resolve(fixture_db, region: tuple[str, str, str], data: st.DataObject) -> None:
    """Case, spaces, apostrophes, hyphens and a 市 / 新区 / "New Area" suffix never stop a city from resolving."""
    slug, english, chinese = region
    name = data.draw(st.sampled_from([english, chinese, slug]))
    if name.isascii():
        name = "".join(c.upper() if data.draw(st.booleans()) else c for c in name)
        cut = data.draw(st.integers(0, len(name)))
        name = name[:cut] + data.draw(st.sampled_from(["", " ", "-", "'", "’"])) + name[cut:]
        name += data.draw(st.sampled_from(["", " New Area", " city"]))
    else:
        name += data.draw(st.sampled_from(["", "市", "新区"]))
    result = _run(fixture_db, "search", "--json", "--city", name)
    assert result.exit_code == 0, name
    assert json.loads(result.stdout)["query"]["regions"] == [slug]


@given(st.text(max_size=30))
def test_region_keys_never_keep_noise(text: str) -> None:
    """A normalised key has no spaces, apostrophes or hyphens and no upper case, whatever was typed."""
    key = normalise_region(text)
    assert not any(c in key for c in " '’-") and key == key.casefold()


@SETTINGS
@given(query=TEXT)
def test_any_sql_statement(fixture_db, query: str) -> None:
    """Arbitrary text as SQL is answered or refused with exit 0 or 2, never a crash, never a write."""
    before = fixture_db.read_bytes()
    _run(fixture_db, "sql", "--json", "--", query)
    assert fixture_db.read_bytes() == before


@SETTINGS
@given(name=TEXT)
def test_any_applicant_profile(fixture_db, name: str) -> None:
    _run(fixture_db, "applicant", "--json", "--", name)
