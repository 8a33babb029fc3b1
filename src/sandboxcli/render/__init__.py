"""Output: `formats` (JSON, NDJSON, CSV; standard library only) and `table` (Rich; imported only for tables)."""
