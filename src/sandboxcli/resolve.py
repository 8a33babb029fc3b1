"""Names users type → ids in the database, with "did you mean" suggestions on a miss.

Regions answer to English, pinyin and Chinese names with or without 市 / 新区, apostrophes or hyphens; technologies
to slugs and labels in both languages; institutions to any alias or part of a name.
"""

from __future__ import annotations

import difflib
import sqlite3

from .errors import NotFound, UsageError
from .models import PROGRAMMES
from .names import normalise_name, normalise_region

PROGRAMME_ALIASES = {
    "pboc": "pboc-regulatory-pilot",
    "sandbox": "pboc-regulatory-pilot",
    "regulatory": "pboc-regulatory-pilot",
    "regulatory-pilot": "pboc-regulatory-pilot",
    "金融科技创新监管试点": "pboc-regulatory-pilot",
    "金融科技创新监管工具": "pboc-regulatory-pilot",
    "csrc": "csrc-capital-market-pilot",
    "capital-market": "csrc-capital-market-pilot",
    "资本市场金融科技创新试点": "csrc-capital-market-pilot",
    "application": "pboc-application-pilot",
    "application-pilot": "pboc-application-pilot",
    "金融科技应用试点": "pboc-application-pilot",
}
CATEGORY_ALIASES = {
    "financial-service": "financial-service",
    "financial": "financial-service",
    "service": "financial-service",
    "fs": "financial-service",
    "金融服务": "financial-service",
    "technology-product": "technology-product",
    "technology": "technology-product",
    "tech": "technology-product",
    "product": "technology-product",
    "tp": "technology-product",
    "科技产品": "technology-product",
}


def _did_you_mean(word: str, choices: dict[str, str], hint: str) -> str:
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    names = list(dict.fromkeys(choices[c] for c in close))
    if names:
        return "did you mean " + " or ".join(repr(n) for n in names) + f"? ({hint})"
    return hint


def programme(text: str | None) -> str | None:
    """A programme id from its id, a short form (pboc, csrc, application) or its Chinese name."""
    if text is None:
        return None
    key = normalise_name(text).replace(" ", "-")
    if key in PROGRAMMES:
        return key
    if key in PROGRAMME_ALIASES:
        return PROGRAMME_ALIASES[key]
    choices = {p: p for p in PROGRAMMES} | dict(PROGRAMME_ALIASES)
    raise UsageError(f"unknown programme {text!r}",
                     _did_you_mean(key, choices, "choose pboc, csrc or application"))


def category(text: str | None) -> str | None:
    """financial-service / technology-product from either word, an abbreviation or the Chinese term."""
    if text is None:
        return None
    key = normalise_name(text).replace(" ", "-")
    if key in CATEGORY_ALIASES:
        return CATEGORY_ALIASES[key]
    raise UsageError(f"unknown category {text!r}",
                     _did_you_mean(key, dict(CATEGORY_ALIASES), "choose financial-service or technology-product"))


def region(conn: sqlite3.Connection, text: str) -> str:
    """A region slug for anything a user may type for a city or province."""
    key = normalise_region(text)
    row = conn.execute("SELECT region FROM region_aliases WHERE alias_key = ?", (key,)).fetchone()
    if row:
        return str(row[0])
    aliases = {r[0]: r[1] for r in conn.execute("SELECT alias_key, region FROM region_aliases")}
    shown = text if len(text) <= 40 else text[:37] + "..."
    raise NotFound(f"unknown city or region {shown!r}",
                   _did_you_mean(key, aliases, "`sandbox list-cities` shows them all"))


def technology(conn: sqlite3.Connection, text: str) -> str:
    """A technology slug from its slug, English or Chinese label or an alias (ai, iot, 区块链 ...)."""
    key = normalise_name(text)
    for candidate in (key, key.replace(" ", "-")):
        row = conn.execute("SELECT technology FROM technology_aliases WHERE alias_key = ?", (candidate,)).fetchone()
        if row:
            return str(row[0])
    aliases = {r[0]: r[1] for r in conn.execute("SELECT alias_key, technology FROM technology_aliases")}
    shown = text if len(text) <= 40 else text[:37] + "..."
    raise NotFound(f"unknown technology {shown!r}", _did_you_mean(key, aliases, "`sandbox technologies` lists them"))


def entities(conn: sqlite3.Connection, text: str) -> list[str]:
    """Institutions a user means by `text`: an exact name or alias if there is one, else every name containing it.

    "Bank of China" means BOC (an exact alias) rather than every bank "of China"; "Merchants" finds CMB by part of
    its name; "the Guangzhou branch of China Merchants Bank" finds CMB because it contains one of its names.
    """
    key = normalise_name(text)
    if not key:
        raise UsageError("empty institution name", "give a name, e.g. 招商银行 or CMB")
    exact = [r[0] for r in conn.execute(
        "SELECT DISTINCT entity_id FROM entity_aliases WHERE alias_key = ? ORDER BY entity_id", (key,))]
    if exact:
        return exact
    like = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    partial = [r[0] for r in conn.execute(
        "SELECT DISTINCT entity_id FROM entity_aliases WHERE alias_key LIKE ? ESCAPE '\\' ORDER BY entity_id",
        (like,))]
    if partial:
        return partial
    contained = [r[0] for r in conn.execute(
        "SELECT DISTINCT entity_id FROM entity_aliases WHERE length(alias_key) >= 3 AND instr(?, alias_key) > 0 "
        "ORDER BY entity_id", (key,))]
    if contained:
        return contained
    names = {r[0]: r[1] for r in conn.execute("SELECT alias_key, alias FROM entity_aliases")}
    shown = text if len(text) <= 40 else text[:37] + "..."
    hint = "try part of the name, in English or Chinese"
    raise NotFound(f"no institution matches {shown!r}", _did_you_mean(key, names, hint))
