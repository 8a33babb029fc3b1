"""Options several commands share, defined once, and the shell-completion callbacks they use."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import N_, Translator


def complete_region(incomplete: str) -> list[str]:
    """Shell completion: region slugs and names (English or Chinese) from the database."""
    from ..completion import regions

    return regions(incomplete)


def complete_technology(incomplete: str) -> list[str]:
    """Shell completion: technology slugs from the database."""
    from ..completion import technologies

    return technologies(incomplete)


def complete_category(incomplete: str) -> list[str]:
    from ..vocabulary import CATEGORIES

    return [c for c in CATEGORIES if c.startswith(incomplete.lower())]


def complete_programme(incomplete: str) -> list[str]:
    from ..vocabulary import PROGRAMME_SHORT

    return [p for p in PROGRAMME_SHORT if p.startswith(incomplete.lower())]


def complete_format(incomplete: str) -> list[str]:
    from ..render import FORMATS

    return [f for f in FORMATS if f.startswith(incomplete.lower())]


def lifecycle_help(column: int, message: str, t: Translator) -> str:
    """`message` with the words a lifecycle filter takes (column 1: statuses, 2: event kinds), each group with
    what it means and the stored values it reads as: the vocabulary of vocabulary.LIFECYCLE_WORDS, listed where
    people look, in `t`'s language."""
    from ..vocabulary import LIFECYCLE_WORDS

    groups = [(names, statuses if column == 1 else kinds, meaning)
              for names, statuses, kinds, meaning in LIFECYCLE_WORDS]
    words = t._("; ").join(t._("{words} ({meaning}) → {values}").format(
        words=t.listing(names), meaning=t._(meaning), values=t.listing(values))
        for names, values, meaning in groups if values)
    return t._(message).format(words=words)


FormatOpt = Annotated[str | None, typer.Option(
    "--format", "-f", metavar=N_("FORMAT"), help=N_("table (default), json, ndjson or csv."), show_default=False,
    autocompletion=complete_format)]
JsonOpt = Annotated[bool, typer.Option("--json", help=N_("Same as --format json."))]
ProgrammeOpt = Annotated[str | None, typer.Option(
    "--programme", "-p", metavar=N_("PROGRAMME"), help=N_("pboc (the regulatory sandbox), csrc or application."),
    show_default=False, autocompletion=complete_programme)]
CityOpt = Annotated[str | None, typer.Option(
    "--city", metavar=N_("CITY"), help=N_("Only this city or province."), show_default=False,
    autocompletion=complete_region)]
CitiesOpt = Annotated[list[str] | None, typer.Option(
    "--city", metavar=N_("CITY"), help=N_("City or province; repeat or comma-separate for any of several."),
    show_default=False, autocompletion=complete_region)]
ProgrammesOpt = Annotated[list[str] | None, typer.Option(
    "--programme", "-p", metavar=N_("PROGRAMME"), help=N_("pboc, csrc or application; repeat for any of several."),
    show_default=False, autocompletion=complete_programme)]
SinceOpt = Annotated[str | None, typer.Option("--since", metavar=N_("DATE"), help=N_("On or after (2021, 2021-06)."),
                                              show_default=False)]
UntilOpt = Annotated[str | None, typer.Option("--until", metavar=N_("DATE"), help=N_("On or before (2021, 2021-06)."),
                                              show_default=False)]
LayoutOpt = Annotated[str | None, typer.Option(
    "--layout", metavar=N_("LAYOUT"), show_default=False,
    help=N_("table or records (one block per result); default: what fits the terminal."))]


def _choose_language(ctx: typer.Context, value: str | None) -> str | None:
    """`--lang`: checked, and the invocation's Translator put in the Click context (main() already chose it from
    argv; this serves in-process use, e.g. tests with CliRunner)."""
    if value is None:
        return None
    from ..errors import UsageError
    from ..i18n import Message, normalise, translator

    language = normalise(value)
    if language is None:
        raise UsageError(Message(N_("unknown language {name!r}"), name=value), N_("choose en or zh"))
    ctx.obj = translator(language)
    return language


LangOpt = Annotated[str | None, typer.Option(
    "--lang", metavar="en|zh", help=N_("Language of tables, messages and help (default: the locale)."),
    show_default=False, is_eager=True, callback=_choose_language)]
