"""A project's simple fields are declared once (dbbuild/schema.py PROJECT_FIELDS) and everything else follows: the
YAML keys and their checking, the column, its description, the JSON key's value and the flat export. These tests pin
what the derivation must give (the lists written out by hand from data/README.md's format and the schema before the
declaration existed) and that a declaration and a record that disagree stop loudly, naming the field."""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

import pytest

from sandboxcli import records as m
from sandboxcli.api import Sandbox
from sandboxcli.dbbuild import batch_files, schema
from sandboxcli.dbbuild.__main__ import main as build_main
from sandboxcli.queries import projects_by_id

from .conftest import REAL_DB, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import metadata

GZ = "pboc-regulatory-pilot/guangzhou.yaml"


DATA_README = (ROOT / "data" / "README.md").read_text(encoding="utf-8")


def _documented_project_keys() -> dict[str, bool]:
    """data/README.md's example batch file, read separately: each key of a project, and whether its comment
    says it is optional."""
    start = DATA_README.index("  projects:", DATA_README.index("### A batch file"))
    block = DATA_README[start:DATA_README.index("```", start)]
    keys: dict[str, bool] = {}
    for line in block.splitlines()[1:]:
        if match := re.match(r"^(?:  - |    )(\w+):(.*)$", line):
            keys[match[1]] = "# optional" in match[2]
    return keys


def test_the_yaml_keys_are_those_data_readme_documents() -> None:
    """Every key the builder takes in a project is in data/README.md's example and no other; a key it calls
    optional is optional, and a declared field it does not call optional is required (may be null, not left out)."""
    documented = _documented_project_keys()
    assert set(documented) == batch_files.PROJECT_KEYS | batch_files.PROJECT_OPTIONAL
    assert {k for k, optional in documented.items() if optional} <= batch_files.PROJECT_OPTIONAL
    declared = {f.name for f in schema.PROJECT_FIELDS}
    assert {k for k, optional in documented.items() if not optional} & declared <= batch_files.PROJECT_KEYS


def test_data_readme_lists_every_column_of_projects() -> None:
    row = next(line for line in DATA_README.splitlines() if line.startswith("| `projects` |"))
    listed = re.findall(r"`(\w+)`", row.split("|")[2])
    conn = sqlite3.connect(REAL_DB)
    columns = [r[0] for r in conn.execute("SELECT name FROM pragma_table_info('projects')")]
    conn.close()
    assert sorted(listed) == sorted(columns)


def test_each_kind_is_read_and_checked_at_its_line(fixture_sources: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A wrong value of each kind (choice, text, flag, date) and a misspelt key, in the fixture's second Guangzhou
    project (lines 45-53 before the edit; status is line 52), each reported at its own line."""
    path = fixture_sources / GZ
    text = path.read_text(encoding="utf-8")
    old = "    status: null\n    source: src-b\n"
    assert text.count(old) == 1, "fixture changed"
    path.write_text(text.replace(old, "    status: testing\n    statement_no: [a, b]\n    name_incomplete: maybe\n"
                                      "    planned_start: 2024-02-30\n    statment_no: x\n    source: src-b\n"),
                    encoding="utf-8")
    assert build_main(["--sources", str(fixture_sources), "--output", str(tmp_path / "x.db")]) == 1
    prefix = f"{fixture_sources.as_posix()}/{GZ}:"
    errors = [line.removeprefix(prefix) for line in capsys.readouterr().err.splitlines() if line.startswith(prefix)]
    assert sorted(errors) == sorted([
        "56: unknown key 'statment_no' in project (did you mean 'statement_no'?)",
        "52: 'status' is 'testing'; expected one of in-testing, in-service, completed-testing, exited "
        "(did you mean 'in-testing'?)",
        "53: 'statement_no' must be text, not list",
        "54: 'name_incomplete' must be true or false, not 'maybe'",
        "55: bad date '2024-02-30': no such day",
    ])


def test_a_declared_field_missing_from_the_record_stops_the_build(
        fixture_sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Declared (so stored) but not on records.Project (so never in the JSON): the build refuses, naming it."""
    extra = schema.Field("launch_city", "text", "City of the first launch")
    with pytest.raises(schema.FieldMismatch, match=r"project field .launch_city. is declared in dbbuild/schema\.py"):
        schema.check_record(m.Project.fields, (*schema.PROJECT_FIELDS, extra))
    monkeypatch.setattr(m.Project, "fields", tuple(f for f in m.Project.fields if f != "planned_start"))
    db = tmp_path / "x.db"
    assert build_main(["--sources", str(fixture_sources), "--output", str(db)]) == 1
    err = capsys.readouterr().err
    assert ("project field 'planned_start' is declared in dbbuild/schema.py (PROJECT_FIELDS) but records.Project "
            "has no field 'planned_start'") in err
    assert not db.exists()


def test_a_record_field_with_no_column_fails_naming_it(fixture_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On records.Project (a JSON key) but neither declared nor filled by code of its own: the first query that
    makes a project says which field and what to do."""
    monkeypatch.setattr(m.Project, "fields", (*m.Project.fields, "launch_city"))
    conn = sqlite3.connect(fixture_db)
    conn.row_factory = sqlite3.Row
    with pytest.raises(RuntimeError, match="records.Project field 'launch_city' is not a column of projects: "
                                           r"declare it in dbbuild/schema.py \(PROJECT_FIELDS\)"):
        projects_by_id(conn, [1])
    conn.close()


def test_a_choice_needs_its_choices() -> None:
    with pytest.raises(ValueError, match="'stage'"):
        schema.Field("stage", "choice", "Stage")
    with pytest.raises(ValueError, match="'note'"):
        schema.Field("note", "text", "Note", choices=("a",))


def test_metadata_json_holds_the_declared_descriptions() -> None:
    """data/metadata.json (what Datasette reads) is what scripts/metadata.py writes from the declaration."""
    current = metadata.METADATA.read_text(encoding="utf-8")
    assert metadata.render(current) == current, "run .venv/bin/python scripts/metadata.py and commit it"


def test_the_database_describes_a_declared_column_from_the_declaration(tmp_path: Path) -> None:
    """The builder takes a declared field's description from the declaration, even where the metadata file says
    something else (so a build before scripts/metadata.py is right too)."""
    stale = tmp_path / "metadata.json"
    stale.write_text((ROOT / "data" / "metadata.json").read_text(encoding="utf-8").replace(
        '"statement_no": "Number of the applicant', '"statement_no": "Old text: number of the applicant'),
        encoding="utf-8")
    described = {(d["table_name"], d["column_name"]): d["description"] for d in schema.descriptions(stale)}
    assert described[("projects", "statement_no")] == "Number of the applicant's 金融科技创新应用声明书"
    assert described[("projects", "source_id")] == "Main source"  # not declared: the file's own text


def test_flags_are_the_fields_the_record_declares_bool() -> None:
    """A declared flag is a `bool` on the record (so true/false in JSON and CSV, not 0/1), and only those are."""
    flags = m.booleans(m.Project)
    assert flags >= {"name_en_translated", "name_is_description", "name_incomplete", "category_derived",
                     "placement_inferred"}
    assert flags == {f.name for f in schema.PROJECT_FIELDS if f.kind == "flag"}


def test_the_flat_projects_table_follows_the_columns() -> None:
    """`sandbox export --table projects`: every declared field, in the declaration's order (the columns'), where
    the simple fields stood when the query named them (after position), around the columns it places itself;
    flags as true/false."""
    conn = sqlite3.connect(REAL_DB)
    conn.row_factory = sqlite3.Row
    rows = Sandbox(conn).export("projects")
    conn.close()
    declared = [f.name for f in schema.PROJECT_FIELDS]
    at = rows.columns.index("position") + 1
    assert rows.columns[at:at + len(declared)] == declared
    assert rows.columns[:at] + rows.columns[at + len(declared):] == [
        "id", "programme", "region", "region_name_en", "region_name_zh", "batch_key", "batch_number",
        "batch_announced", "position", "application", "applicants", "applicant_ids", "technologies", "source_url",
        "source_publisher"]
    assert {type(row[name]) for row in rows.results for name in ("name_en_translated", "placement_inferred")} == {
        bool}
