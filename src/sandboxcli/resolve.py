"""Names users type → ids in the database, with "did you mean" suggestions on a miss.

Regions answer to English, pinyin and Chinese names with or without 市 / 新区, apostrophes or hyphens; technologies
to slugs and labels in both languages; institutions to any alias or part of a name.
"""

from __future__ import annotations

import sqlite3

from .errors import NotFound, UsageError
from .i18n import N_, Choices, Message
from .names import has_whole_words, is_latin, normalise_name, normalise_region, starts_a_word
from .vocabulary import EVENT_KINDS, LIFECYCLE_WORDS, PROGRAMME_SHORT, PROGRAMMES, STATUSES

PROGRAMME_ALIASES = {
    **PROGRAMME_SHORT,
    "sandbox": "pboc-regulatory-pilot",
    "regulatory": "pboc-regulatory-pilot",
    "regulatory-pilot": "pboc-regulatory-pilot",
    "金融科技创新监管试点": "pboc-regulatory-pilot",
    "金融科技创新监管工具": "pboc-regulatory-pilot",
    "capital-market": "csrc-capital-market-pilot",
    "资本市场金融科技创新试点": "csrc-capital-market-pilot",
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


def _lifecycle_words(column: int, stored: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Word → the stored values it means, for statuses (column 1) or event kinds (column 2): every stored id means
    itself unless a group of LIFECYCLE_WORDS says more (exited: completed-testing or exited)."""
    words: dict[str, tuple[str, ...]] = {value: (value,) for value in stored}
    for names, statuses, kinds, _meaning in LIFECYCLE_WORDS:
        values = statuses if column == 1 else kinds
        if values:
            words.update((name, values) for name in names)
    return words


def _cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def _one_character_off(word: str, name: str) -> bool:
    """One character replaced (广洲 → 广州), or for longer names one left out or added (工商银 → 工商银行)."""
    if len(word) == len(name):
        return sum(a != b for a, b in zip(word, name, strict=True)) == 1
    longer, shorter = (word, name) if len(word) > len(name) else (name, word)
    return (len(longer) - len(shorter) == 1 and len(shorter) >= 2
            and any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer))))


def _close_in_chinese(word: str, choices: dict[str, str]) -> list[str]:
    """Names a Chinese word misses by one character, those sharing its first character first. difflib's ratio
    cannot find them: two characters with one wrong score 0.5, under any useful cutoff."""
    if not _cjk(word):
        return []
    close = [c for c in choices if _cjk(c) and _one_character_off(word, c)]
    return sorted(close, key=lambda c: c[0] != word[0])


def did_you_mean(word: str, choices: dict[str, str], hint: str | Message) -> str | Message:
    """Up to three suggestions: names the word starts (privacy → privacy-computing), then close spellings (in
    Chinese: one character off, and shown as the Chinese name, 广洲 → 广州, not as the slug guangzhou)."""
    prefixed = sorted((c for c in choices if word and c.startswith(word)), key=len)[:3]
    import difflib  # only on a miss: a lookup that succeeds does not pay for it

    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    in_chinese = _close_in_chinese(word, choices)
    shown = [choices[c] if not _cjk(word) or _cjk(choices[c]) else c for c in [*prefixed, *in_chinese, *close]]
    names = list(dict.fromkeys(shown))[:3]
    if names:
        quoted = [Message(N_("'{name}'"), name=n) for n in names]
        return Message(N_("did you mean {names}? ({hint})"), names=Choices(quoted, alternatives=True),
                       hint=Message(hint) if isinstance(hint, str) else hint)  # a hint marked with N_(): worded too
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
    raise UsageError(Message(N_("unknown programme {name!r}"), name=_shown(text)),
                     did_you_mean(key, choices, Message(N_("choose {choices}"),
                                                        choices=Choices(list(PROGRAMME_SHORT), alternatives=True))))


def category(text: str | None) -> str | None:
    """financial-service / technology-product from either word, an abbreviation or the Chinese term."""
    if text is None:
        return None
    key = normalise_name(text).replace(" ", "-")
    if key in CATEGORY_ALIASES:
        return CATEGORY_ALIASES[key]
    raise UsageError(Message(N_("unknown category {name!r}"), name=_shown(text)),
                     did_you_mean(key, dict(CATEGORY_ALIASES), N_("choose financial-service or technology-product")))


def statuses(text: str) -> tuple[str, ...]:
    """The lifecycle statuses a word means: stored ids (in-testing …) and the words people use in either language
    (exited, graduated, 出盒 → completed-testing or exited; 上线 → in-service); see vocabulary.LIFECYCLE_WORDS."""
    words = _lifecycle_words(1, STATUSES)
    key = normalise_name(text).replace(" ", "-")
    if key in words:
        return words[key]
    raise UsageError(Message(N_("unknown status {name!r}"), name=_shown(text)),
                     did_you_mean(key, {w: w for w in words},
                                   Message(N_("choose {choices}"), choices=Choices(STATUSES))))


def event_kinds(text: str) -> tuple[str, ...]:
    """The event kinds a word means: stored kinds (service-launched …) and the words of statuses (exited, 出盒 →
    completed-testing or exited; launched, 上线 → service-launched)."""
    words = _lifecycle_words(2, EVENT_KINDS)
    key = normalise_name(text).replace(" ", "-")
    if key in words:
        return words[key]
    raise UsageError(Message(N_("unknown event kind {name!r}"), name=_shown(text)),
                     did_you_mean(key, {w: w for w in words},
                                   Message(N_("choose {choices}"), choices=Choices(EVENT_KINDS))))


def choice(text: str, choices: tuple[str, ...], what: str) -> str:
    """One of a fixed list of words (an output format, a grouping), case and width folded."""
    key = normalise_name(text)
    if key in choices:
        return key
    raise UsageError(Message(N_("unknown {what} {name!r}"), what=Message(what), name=_shown(text)),
                     did_you_mean(key, {c: c for c in choices},
                                   Message(N_("choose {choices}"), choices=Choices(choices))))


def region(conn: sqlite3.Connection, text: str) -> str:
    """A region slug for anything a user may type for a city or province."""
    key = normalise_region(text)
    row = conn.execute("SELECT region FROM region_aliases WHERE alias_key = ?", (key,)).fetchone()
    if row:
        return str(row[0])
    aliases = {r[0]: r[1] for r in conn.execute("SELECT alias_key, region FROM region_aliases")}
    raise NotFound(Message(N_("unknown city or region {name!r}"), name=_shown(text)),
                   did_you_mean(key, aliases, N_("`sandbox list-cities` shows them all")))


def technology(conn: sqlite3.Connection, text: str) -> str:
    """A technology slug from its slug, English or Chinese label or an alias (ai, iot, 区块链 ...)."""
    key = normalise_name(text)
    for candidate in (key, key.replace(" ", "-")):
        row = conn.execute("SELECT technology FROM technology_aliases WHERE alias_key = ?", (candidate,)).fetchone()
        if row:
            return str(row[0])
    aliases = {r[0]: r[1] for r in conn.execute("SELECT alias_key, technology FROM technology_aliases")}
    raise NotFound(Message(N_("unknown technology {name!r}"), name=_shown(text)),
                   did_you_mean(key.replace(" ", "-"), aliases, N_("`sandbox technologies` lists them")))


def with_family(conn: sqlite3.Connection, slugs: list[str]) -> tuple[str, ...]:
    """The slugs with the members of each family among them: privacy-computing brings its member technologies."""
    out = list(dict.fromkeys(slugs))
    marks = ",".join("?" * len(out))
    out += [r[0] for r in conn.execute(f"SELECT slug FROM technologies WHERE parent IN ({marks}) ORDER BY slug", out)
            if r[0] not in out]
    return tuple(out)


def _partial(key: str, aliases: list[sqlite3.Row]) -> list[str]:
    """Institutions with a name in which the folded `key` starts a word (Latin script) or appears (Chinese)."""
    if is_latin(key):
        return [e for k, e, _ in aliases if starts_a_word(key, k)]
    return [e for k, e, _ in aliases if key in k]


def also_containing(conn: sqlite3.Connection, text: str, chosen: list[str]) -> list[str]:
    """Institutions whose names contain `text` that `entities` left out because `text` is exactly another's name:
    度小满 is Du Xiaoman, and 度小满(重庆)科技 also contains it. Said beside the answer, never added to it. A chosen
    group's members are part of its answer already (腾讯 takes in Tencent Cloud), so they are not named here."""
    key = normalise_name(text)
    aliases = conn.execute("SELECT alias_key, entity_id, alias FROM entity_aliases ORDER BY entity_id").fetchall()
    if not key or not any(k == key for k, _e, _a in aliases):
        return []  # no exact match: entities() took every partial match already
    marks = ",".join("?" * len(chosen)) or "NULL"
    inside = {r[0] for r in conn.execute(
        "WITH RECURSIVE up(id, above) AS (SELECT id, parent_id FROM entities UNION "
        f"SELECT up.id, e.parent_id FROM up JOIN entities e ON e.id = up.above) SELECT id FROM up "
        f"WHERE above IN ({marks})", chosen)}
    return sorted(set(_partial(key, aliases)) - set(chosen) - inside)


def entities(conn: sqlite3.Connection, text: str) -> list[str]:
    """Institutions a user means by `text`: an exact name or alias if there is one, else every name in which it
    starts a word (Latin script) or appears (Chinese), else every name the text contains.

    "Bank of China" means BOC (an exact alias) rather than every bank "of China"; "Merchants" finds CMB; "Ant"
    finds no bank "of Merchants"; "the Guangzhou branch of China Merchants Bank" finds CMB because it contains one
    of its names.
    """
    key = normalise_name(text)
    if not key:
        raise UsageError(N_("empty institution name"), N_("give a name, e.g. 招商银行 or CMB"))
    if len(key) > 200:
        raise UsageError(Message(N_("institution name too long ({n} characters)"), n=len(key)),
                         N_("give a name or part of one"))
    aliases = conn.execute("SELECT alias_key, entity_id, alias FROM entity_aliases ORDER BY entity_id").fetchall()
    exact = [e for k, e, _ in aliases if k == key]
    if exact:
        return list(dict.fromkeys(exact))
    partial = _partial(key, aliases)
    if is_latin(key):
        contained = [e for k, e, _ in aliases if len(k) >= 3 and has_whole_words(k, key)]
    else:
        contained = [e for k, e, _ in aliases if len(k) >= 2 and k in key]
    found = list(dict.fromkeys(partial or contained))
    if found:
        return sorted(found)
    names = {k: alias for k, _, alias in aliases}
    raise NotFound(Message(N_("no institution matches {name!r}"), name=_shown(text)),
                   did_you_mean(key, names, N_("try part of the name, in English or Chinese")))
