"""Names users type → ids in the database, with "did you mean" suggestions on a miss.

Regions answer to English, pinyin and Chinese names with or without 市 / 新区, apostrophes or hyphens; technologies
to slugs and labels in both languages; institutions to any alias or part of a name.
"""

from __future__ import annotations

import re
import sqlite3

from .errors import NotFound, UsageError
from .i18n import _, listing
from .names import is_latin, normalise_name, normalise_region
from .vocabulary import EVENT_KINDS, PROGRAMMES, STATUSES

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
STATUS_ALIASES = {
    **{s: s for s in STATUSES},
    "testing": "in-testing",
    "测试中": "in-testing",
    "service": "in-service",
    "in-operation": "in-service",
    "运营": "in-service",
    "completed": "completed-testing",
    "complete": "completed-testing",
    "completed-test": "completed-testing",
    "完成测试": "completed-testing",
    "exit": "exited",
    "退出": "exited",
}


def _did_you_mean(word: str, choices: dict[str, str], hint: str) -> str:
    """Up to three suggestions: names the word starts (privacy → privacy-computing), then close spellings."""
    prefixed = sorted((c for c in choices if word and c.startswith(word)), key=len)[:3]
    import difflib  # only on a miss: a lookup that succeeds does not pay for it

    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    names = list(dict.fromkeys(choices[c] for c in [*prefixed, *close]))[:3]
    if names:
        return _("did you mean {names}? ({hint})").format(names=_(" or ").join(repr(n) for n in names), hint=hint)
    return hint


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


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
    raise UsageError(_("unknown programme {name!r}").format(name=_shown(text)),
                     _did_you_mean(key, choices, _("choose pboc, csrc or application")))


def category(text: str | None) -> str | None:
    """financial-service / technology-product from either word, an abbreviation or the Chinese term."""
    if text is None:
        return None
    key = normalise_name(text).replace(" ", "-")
    if key in CATEGORY_ALIASES:
        return CATEGORY_ALIASES[key]
    raise UsageError(_("unknown category {name!r}").format(name=_shown(text)),
                     _did_you_mean(key, dict(CATEGORY_ALIASES), _("choose financial-service or technology-product")))


def status(text: str) -> str:
    """A lifecycle status: in-testing, in-service, completed-testing (completed, 完成测试) or exited (退出)."""
    key = normalise_name(text).replace(" ", "-")
    if key in STATUS_ALIASES:
        return STATUS_ALIASES[key]
    raise UsageError(_("unknown status {name!r}").format(name=_shown(text)),
                     _did_you_mean(key, dict(STATUS_ALIASES),
                                   _("choose {choices}").format(choices=listing(STATUSES))))


def event_kind(text: str) -> str:
    """A lifecycle event kind (completed-testing, exited, service-launched ...); statuses' words work too."""
    key = normalise_name(text).replace(" ", "-")
    if key in EVENT_KINDS:
        return key
    if key in STATUS_ALIASES and STATUS_ALIASES[key] in EVENT_KINDS:
        return STATUS_ALIASES[key]
    aliases = {k: k for k in EVENT_KINDS} | {k: v for k, v in STATUS_ALIASES.items() if v in EVENT_KINDS}
    raise UsageError(_("unknown event kind {name!r}").format(name=_shown(text)),
                     _did_you_mean(key, aliases, _("choose {choices}").format(choices=listing(EVENT_KINDS))))


def choice(text: str, choices: tuple[str, ...], what: str) -> str:
    """One of a fixed list of words (an output format, a grouping), case and width folded."""
    key = normalise_name(text)
    if key in choices:
        return key
    raise UsageError(_("unknown {what} {name!r}").format(what=_(what), name=_shown(text)),
                     _did_you_mean(key, {c: c for c in choices},
                                   _("choose {choices}").format(choices=listing(choices))))


def region(conn: sqlite3.Connection, text: str) -> str:
    """A region slug for anything a user may type for a city or province."""
    key = normalise_region(text)
    row = conn.execute("SELECT region FROM region_aliases WHERE alias_key = ?", (key,)).fetchone()
    if row:
        return str(row[0])
    aliases = {r[0]: r[1] for r in conn.execute("SELECT alias_key, region FROM region_aliases")}
    raise NotFound(_("unknown city or region {name!r}").format(name=_shown(text)),
                   _did_you_mean(key, aliases, _("`sandbox list-cities` shows them all")))


def technology(conn: sqlite3.Connection, text: str) -> str:
    """A technology slug from its slug, English or Chinese label or an alias (ai, iot, 区块链 ...)."""
    key = normalise_name(text)
    for candidate in (key, key.replace(" ", "-")):
        row = conn.execute("SELECT technology FROM technology_aliases WHERE alias_key = ?", (candidate,)).fetchone()
        if row:
            return str(row[0])
    aliases = {r[0]: r[1] for r in conn.execute("SELECT alias_key, technology FROM technology_aliases")}
    raise NotFound(_("unknown technology {name!r}").format(name=_shown(text)),
                   _did_you_mean(key.replace(" ", "-"), aliases, _("`sandbox technologies` lists them")))


def with_family(conn: sqlite3.Connection, slugs: list[str]) -> tuple[str, ...]:
    """The slugs with the members of each family among them: privacy-computing brings its member technologies."""
    out = list(dict.fromkeys(slugs))
    marks = ",".join("?" * len(out))
    out += [r[0] for r in conn.execute(f"SELECT slug FROM technologies WHERE parent IN ({marks}) ORDER BY slug", out)
            if r[0] not in out]
    return tuple(out)


def _word_start(key: str) -> re.Pattern[str]:
    """A Latin-script query matches where a word starts: 'merch' finds 'merchants', 'ant' does not."""
    return re.compile(r"(?<![0-9a-z])" + re.escape(key))


def entities(conn: sqlite3.Connection, text: str) -> list[str]:
    """Institutions a user means by `text`: an exact name or alias if there is one, else every name in which it
    starts a word (Latin script) or appears (Chinese), else every name the text contains.

    "Bank of China" means BOC (an exact alias) rather than every bank "of China"; "Merchants" finds CMB; "Ant"
    finds no bank "of Merchants"; "the Guangzhou branch of China Merchants Bank" finds CMB because it contains one
    of its names.
    """
    key = normalise_name(text)
    if not key:
        raise UsageError(_("empty institution name"), _("give a name, e.g. 招商银行 or CMB"))
    if len(key) > 200:
        raise UsageError(_("institution name too long ({n} characters)").format(n=len(key)),
                         _("give a name or part of one"))
    aliases = conn.execute("SELECT alias_key, entity_id, alias FROM entity_aliases ORDER BY entity_id").fetchall()
    exact = [e for k, e, _ in aliases if k == key]
    if exact:
        return list(dict.fromkeys(exact))
    if is_latin(key):
        starts = _word_start(key)
        partial = [e for k, e, _ in aliases if starts.search(k)]
        contained = [e for k, e, _ in aliases
                     if len(k) >= 3 and re.search(r"(?<![0-9a-z])" + re.escape(k) + r"(?![0-9a-z])", key)]
    else:
        partial = [e for k, e, _ in aliases if key in k]
        contained = [e for k, e, _ in aliases if len(k) >= 2 and k in key]
    found = list(dict.fromkeys(partial or contained))
    if found:
        return sorted(found)
    names = {k: alias for k, _, alias in aliases}
    raise NotFound(_("no institution matches {name!r}").format(name=_shown(text)),
                   _did_you_mean(key, names, _("try part of the name, in English or Chinese")))
