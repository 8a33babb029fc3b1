"""Click's usage errors in the reader's language, recognised by their type, never by their English text.

Click raises a class for most kinds of mistake and keeps what a message needs in its attributes: NoSuchOption
(option_name, possibilities), MissingParameter (param, param_type), BadParameter (param, whose type says which
conversion failed). For the rest it has no type or leaves out the facts: an unknown command, extra arguments and a
missing command are plain UsageErrors with English text, an option given without its value (or a flag given one)
is a BadOptionUsage that does not say which, and a number that is not one is a BadParameter without the value.
The command classes (cli/help.py) turn those into the structured errors below while the command and its context
are at hand (`refined`); `message` then words every error by its type.

Where there is neither a type nor the facts (a BadArgumentUsage, a BadParameter without a parameter, a UsageError
from elsewhere), the message is Click's own, unchanged: English, but never wrong.
"""

from __future__ import annotations

import re
from typing import Any

import typer

from ..i18n import Translator
from .clicktypes import (
    BadOptionUsage,
    FloatParamType,
    FloatRange,
    IntParamType,
    IntRange,
    MissingParameter,
    NoSuchOption,
    UsageError,
)


def escaped(text: str) -> str:
    """A value from the command line with its control characters written as escapes (`\\x1b`), as Click shows it."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", lambda match: f"\\x{ord(match[0]):02x}", text)


class NoSuchCommand(UsageError):
    """A command name that is no command, and the commands close to it (best first)."""

    def __init__(self, name: str, possibilities: list[str], ctx: Any = None) -> None:
        close = f" Did you mean {', '.join(map(repr, possibilities))}?" if possibilities else ""
        super().__init__(f"No such command {name!r}.{close}", ctx)  # Typer's words, for Typer's own error output
        self.name = name
        self.possibilities = possibilities


class UnexpectedArguments(UsageError):
    """Arguments left over after a command took all it takes."""

    def __init__(self, arguments: list[str], ctx: Any = None) -> None:
        super().__init__(f"Got unexpected extra argument(s) ({' '.join(escaped(a) for a in arguments)})", ctx)
        self.arguments = arguments


class MissingCommand(UsageError):
    """Root options and no command (`sandbox --`)."""

    def __init__(self, ctx: Any = None) -> None:
        super().__init__("Missing command.", ctx)


class OptionValues(BadOptionUsage):
    """An option given without the values it takes (`takes` of them), or a flag (`takes` 0) given a value."""

    def __init__(self, option_name: str, takes: int, message: str, ctx: Any = None) -> None:
        super().__init__(option_name, message, ctx)
        self.takes = takes


class InvalidNumber(typer.BadParameter):
    """A number parameter given text that is not a number (`whole`: an integer was asked for), or a number outside
    its range (`bounds`, as Click writes it: `1<=x<=1000`). `shown` is the value as the message quotes it: the text
    as typed (`'abc'`) when it is no number, the number read from it (`0` from `00`) when it is out of range."""

    def __init__(self, param: Any, shown: str, whole: bool, bounds: str | None, message: str, ctx: Any = None) -> None:
        super().__init__(message, ctx=ctx, param=param)
        self.shown = shown
        self.whole = whole
        self.bounds = bounds


def refined(error: UsageError, command: Any, ctx: Any, args: list[str]) -> UsageError:
    """A usage error Click raised while parsing `args` for `command`, with the facts its message needs: an
    OptionValues or an InvalidNumber when it is one of those, else the error itself."""
    if type(error) is BadOptionUsage:
        option = next((p for p in command.get_params(ctx) if p.param_type_name == "option"
                       and error.option_name in (*p.opts, *p.secondary_opts)), None)
        if option is not None:
            takes = 0 if option.is_flag or option.count else option.nargs
            return OptionValues(error.option_name, takes, error.message, ctx)
        return error
    param = getattr(error, "param", None)
    if isinstance(error, MissingParameter) or param is None or not isinstance(param.type, (IntParamType,
                                                                                         FloatParamType)):
        return error
    text = _given(command, ctx, args, param)
    if not isinstance(text, str):
        return error
    whole = isinstance(param.type, IntParamType)
    try:
        number = int(text) if whole else float(text)
    except ValueError:
        return InvalidNumber(param, repr(text), whole, None, error.message, ctx)
    kind = param.type
    if isinstance(kind, (IntRange, FloatRange)) and _outside(kind, number):
        return InvalidNumber(param, str(number), whole, describe_range(kind), error.message, ctx)
    return error  # the number is fine: the error came from elsewhere (a callback)


def _given(command: Any, ctx: Any, args: list[str], param: Any) -> object:
    """What the command line gave `param` (Click's error leaves the value out): the arguments parsed again, which
    Click's parser does without side effects, and which succeeded the first time (only the conversion failed)."""
    try:
        values, _rest, _order = command.make_parser(ctx).parse_args(args=list(args))
    except UsageError:
        return None
    return values.get(param.name)


def describe_range(kind: IntRange | FloatRange) -> str:
    """A number range as Click writes it in help and errors (`1<=x<=1000`, `x>0`)."""
    low = "<" if kind.min_open else "<="
    high = "<" if kind.max_open else "<="
    if kind.min is None:
        return f"x{high}{kind.max}"
    if kind.max is None:
        return f"x{'>' if kind.min_open else '>='}{kind.min}"
    return f"{kind.min}{low}x{high}{kind.max}"


def _outside(kind: IntRange | FloatRange, number: float) -> bool:
    """Whether `number` is outside the range (Click's rule, open and closed ends)."""
    low = kind.min is not None and (number <= kind.min if kind.min_open else number < kind.min)
    high = kind.max is not None and (number >= kind.max if kind.max_open else number > kind.max)
    return bool(low or high)


def _hint(error: Any) -> str | None:
    """The parameter an error is about as Click names it (`'--top'`, `'-p' / '--programme'`), or None."""
    hint = error.param_hint
    if hint is None and error.param is not None:
        hint = error.param.get_error_hint(error.ctx)
    if hint is None:
        return None
    return hint if isinstance(hint, str) else " / ".join(repr(x) for x in hint)


def message(error: Any, t: Translator) -> str:
    """A usage error in `t`'s language, worded by its type and attributes (Click's text when it has neither, see
    the module's docstring)."""
    if isinstance(error, NoSuchCommand):
        if error.possibilities:
            return t._("No such command {name!r}. Did you mean {close}?").format(
                name=error.name, close=t.listing([repr(p) for p in error.possibilities]))
        return t._("No such command {name!r}").format(name=error.name)
    if isinstance(error, NoSuchOption):
        name = escaped(error.option_name)
        if error.possibilities:
            return t._("No such option: {name}. Did you mean {close}?").format(
                name=name, close=t.listing(sorted(error.possibilities)))
        return t._("No such option: {name}").format(name=name)
    if isinstance(error, OptionValues):
        if error.takes == 0:
            return t._("Option {name!r} does not take a value").format(name=error.option_name)
        if error.takes == 1:
            return t._("Option {name!r} requires an argument").format(name=error.option_name)
        return t._("Option {name!r} requires {n} arguments").format(name=error.option_name, n=error.takes)
    if isinstance(error, UnexpectedArguments):
        return t._("Got unexpected extra arguments ({args})").format(args=" ".join(map(escaped, error.arguments)))
    if isinstance(error, MissingCommand):
        return t._("Missing command")
    if isinstance(error, InvalidNumber):
        hint = _hint(error)
        if error.bounds is not None:
            return t._("Invalid value for {name}: {value} is not in the range {range}").format(
                name=hint, value=error.shown, range=error.bounds)
        if error.whole:
            return t._("Invalid value for {name}: {value} is not a whole number").format(name=hint, value=error.shown)
        return t._("Invalid value for {name}: {value} is not a number").format(name=hint, value=error.shown)
    if isinstance(error, MissingParameter):
        param = error.param
        kind = error.param_type or (param.param_type_name if param is not None else None)
        if (kind == "argument" and param is not None and error.param_hint is None and not error.message
                and not param.type.get_missing_message(param=param, ctx=error.ctx)):
            return t._("Missing argument {name!r}").format(name=param.human_readable_name)
        return str(error.format_message())
    if isinstance(error, typer.BadParameter) and _hint(error) is not None:
        return t._("Invalid value for {name}: {detail}").format(name=_hint(error), detail=error.message)
    return str(error.format_message())
