"""`sandbox sql` (and `Sandbox.sql`) runs only known-safe functions, keeps every column of a result, and bounds
what a result may cost: a value's length, the bytes of a whole result, the cells a table draws."""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import sandboxcli
from sandboxcli.errors import UsageError

from .conftest import REAL_DB

JOIN = "SELECT p.id, b.id, b.region FROM projects p JOIN batches b ON b.id = p.batch_id WHERE p.id = 49"


@pytest.fixture(scope="module")
def with_fts3(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real database plus an FTS3 table: there the two-argument fts3_tokenizer() used to crash the process."""
    path = tmp_path_factory.mktemp("fts3") / "fts3.db"
    shutil.copy(REAL_DB, path)
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIRTUAL TABLE notes3 USING fts3(body)")
    conn.execute("INSERT INTO notes3 VALUES ('hello')")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(("sql", "name"), [
    ("select hex(fts3_tokenizer('simple'))", "fts3_tokenizer"),
    ("select fts3_tokenizer('simple', x'0100000000000000')", "fts3_tokenizer"),
    ("select load_extension('/tmp/nothing')", "load_extension"),
    ("select matchinfo(notes3) from notes3 where notes3 match 'hello'", "matchinfo"),
    ("select count(*) from project_list where length(FTS3_TOKENIZER('simple')) > 0", "fts3_tokenizer"),
])
def test_a_function_off_the_list_is_refused_by_name(with_fts3: Path, sql: str, name: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "sandboxcli", "sql", sql], capture_output=True, text=True,
                          env={**os.environ, "SANDBOX_DB": str(with_fts3)}, timeout=60, check=False)
    assert (proc.returncode, proc.stdout) == (2, ""), proc.stderr
    assert proc.stderr.startswith(f"error: the function {name}() is not allowed in `sandbox sql`")
    with sandboxcli.open(with_fts3) as sandbox, pytest.raises(UsageError, match="is not allowed"):
        sandbox.sql(sql)


@pytest.mark.parametrize("sql", [
    "select upper(name_en), length(name_zh), substr(key, 1, 2) from regions, batches limit 1",
    "select json_extract('{\"a\": 1}', '$.a'), date('2021-06-04', '+1 day'), round(pi(), 2)",
    "select region, count(*), group_concat(key), row_number() over (order by region) from batches group by region",
    "select highlight(project_search_fts, 0, '[', ']') from project_search_fts where project_search_fts match 'pos'",
    "select bm25(project_search_fts), snippet(project_search_fts, 1, '[', ']', '…', 5) from project_search_fts "
    "where project_search_fts match 'blockchain' limit 1",
])
def test_ordinary_functions_still_work(real, sql: str) -> None:
    result = real("sql", sql, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["count"] >= 1


def test_duplicate_column_names_keep_every_value_in_every_format(real) -> None:
    """Project 49 is in Guangzhou's second PBOC batch (data/sources/pboc-regulatory-pilot/guangzhou.yaml), which is
    batch 19 in the order the builder numbers them; the old output showed 19 for both ids."""
    batch = real("sql", "select batch_id from projects where id = 49", "--format", "csv").stdout.split()[1]
    doc = json.loads(real("sql", JOIN, "--json").stdout)
    assert doc["columns"] == ["id", "id_2", "region"]
    assert doc["results"] == [{"id": 49, "id_2": int(batch), "region": "guangzhou"}]
    ndjson = real("sql", JOIN, "--format", "ndjson").stdout
    assert json.loads(ndjson) == {"id": 49, "id_2": int(batch), "region": "guangzhou"}
    rows = list(csv.reader(io.StringIO(real("sql", JOIN, "--format", "csv").stdout)))
    assert rows == [["id", "id_2", "region"], ["49", batch, "guangzhou"]]
    table = real("sql", JOIN, "--format", "table").stdout.splitlines()
    assert table[0].split() == ["id", "id_2", "region"] and table[2].split() == ["49", batch, "guangzhou"]


def test_a_renamed_column_never_takes_a_name_the_query_uses(real) -> None:
    doc = json.loads(real("sql", "select 1 as a, 2 as a, 3 as a_2", "--json").stdout)
    assert doc["columns"] == ["a", "a_3", "a_2"] and doc["results"] == [{"a": 1, "a_3": 2, "a_2": 3}]


def test_a_value_longer_than_the_limit_is_refused(real) -> None:
    result = real("sql", "select zeroblob(20000000)")
    assert result.exit_code == 2 and "a value in the result is longer than 10 MB" in result.stderr


def test_a_result_larger_than_the_limit_stops_before_memory_grows() -> None:
    """100 blobs of 9 MB used to be fetched whole (4.9 GB with 50 MB blobs); now the 6th row stops it."""
    sql = "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r LIMIT 100) SELECT zeroblob(9000000) FROM r"
    proc = subprocess.run([sys.executable, "-m", "sandboxcli", "sql", sql], capture_output=True, text=True,
                          env={**os.environ, "SANDBOX_DB": str(REAL_DB)}, timeout=120, check=False)
    assert proc.returncode == 2 and "the result is larger than 50 MB" in proc.stderr
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far, this one included
    assert peak_kib < 400_000, f"peak {peak_kib} KiB"


def test_a_table_draws_a_bounded_number_of_cells(real) -> None:
    columns = ", ".join(f"i AS c{n}" for n in range(2000))
    sql = f"WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r LIMIT 1000) SELECT {columns} FROM r"
    table = real("sql", sql, env={"COLUMNS": "80"})
    assert table.exit_code == 0, table.stderr
    assert table.stdout.rstrip().endswith("1000 rows; the first 10 shown: use --format csv for all")
    assert len(real("sql", sql, "--format", "csv").stdout.splitlines()) == 1001


@pytest.mark.parametrize(("call", "message"), [
    (lambda s: s.sql("select 1", timeout=10**400), "timeout="),
    (lambda s: s.sql("select :n", {"n": 2**70}), "too large"),
    (lambda s: s.sql("select :t", {"t": "\ud800"}), "lone surrogate"),
])
def test_the_api_raises_its_own_errors(call, message: str) -> None:
    with sandboxcli.open() as sandbox, pytest.raises(UsageError, match=message):
        call(sandbox)
