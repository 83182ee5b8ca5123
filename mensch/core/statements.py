"""What the few reads written out as SQL share (the dashboard's and people to meet's, where
building the querysets cost more than running them): tables named from their models, rules
kept in querysets applied as their SQL, and model instances built from the columns read."""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any

from django.db import connection
from django.db.models import DEFERRED, Model, QuerySet


def table(model: type[Model]) -> str:
    """The model's table, quoted for this database."""
    return connection.ops.quote_name(model._meta.db_table)


def instance[M: Model](model: type[M], **values: Any) -> M:
    """A model instance from these column values, the other fields deferred (read on use,
    never silently empty)."""
    fields = model._meta.concrete_fields
    row = [values.get(field.attname, DEFERRED) for field in fields]
    return model.from_db(connection.alias, list(values), row)


def where(queryset: QuerySet[Any]) -> tuple[str, list[Any]]:
    """A queryset's filter as SQL over its tables' own names, with its parameters: how a
    statement written out applies a rule kept elsewhere (who is visible, what still cools).
    If that rule changes shape, the statement fails loudly rather than silently."""
    query = queryset.query
    sql, params = query.get_compiler(connection=connection).compile(query.where)
    return sql, list(params)


def where_once(build: Callable[[], QuerySet[Any]]) -> tuple[str, list[Any]]:
    """:func:`where` of a rule that reads nothing that changes (no member, no clock, no
    setting: who is visible), built and compiled once per process and database rather
    than once a request (1 to 1.5 ms each)."""
    sql, params = _compiled(build, None, None, connection.alias, connection.vendor)
    return sql, list(params)


def where_for(
    build: Callable[[int], QuerySet[Any]], member_id: int, *, also: Hashable = None
) -> tuple[str, list[Any]]:
    """:func:`where` of ``build(member_id)``, a rule whose only changing part is a member's
    id (which endorsements of a member anyone may read): compiled once per process and
    database for two stand-in ids, and the member's id bound where the stand-ins were. A
    rule that reads anything else that differs between the two (a clock, a setting) fails
    loudly, as would one whose SQL depends on the id.

    ``also`` is what else the rule reads that changes seldom, such as the day's cool-down
    window (``introductions.cooldown.still_cooling()``): the rule is compiled again when it
    changes."""
    sql, params = _compiled(build, _STAND_INS, also, connection.alias, connection.vendor)
    return sql, [member_id if value is _MEMBER else value for value in params]


# ``build`` of both is the cache's key: a module's function, never a lambda made per call.
# Two ids no member has, within any integer column's range.
_STAND_INS = (2_000_000_011, 2_000_000_017)
_MEMBER = object()  # where the member's id goes in a compiled rule's parameters


@functools.lru_cache(maxsize=256)  # ``also`` changes: a day's window
def _compiled(
    build: Callable[..., QuerySet[Any]],
    stand_ins: tuple[int, int] | None,
    also: Hashable,
    alias: str,
    vendor: str,
) -> tuple[str, tuple[Any, ...]]:
    del also, alias, vendor  # the cache's key: the SQL differs by database
    if stand_ins is None:
        sql, params = where(build())
        return sql, tuple(params)
    first, second = stand_ins
    sql, params = where(build(first))
    other_sql, other_params = where(build(second))
    bound = tuple(_MEMBER if value == first else value for value in params)
    expected = [second if value is _MEMBER else value for value in bound]
    if other_sql != sql or other_params != expected or _MEMBER not in bound:
        raise ValueError(f"{build.__qualname__}: not a rule of a member's id alone.")
    return sql, bound


def column_converter(model: type[Model], name: str) -> Callable[[Any], Any] | None:
    """What the ORM does to ``model``'s column ``name`` read raw (dates and decimals on
    SQLite, aware datetimes, JSON): its converters, as ``SQLCompiler.get_converters`` finds
    them, in one function; ``None`` when the value is used as read."""
    field = model._meta.get_field(name)
    column = field.get_col(model._meta.db_table)  # type: ignore[union-attr]
    found = [*connection.ops.get_db_converters(column), *column.get_db_converters(connection)]
    if not found:
        return None

    def convert(value: Any) -> Any:
        for one in found:
            value = one(value, column, connection)
        return value

    return convert


type PartConverters = dict[int, list[tuple[int, Callable[[Any], Any]]]]


def part_converters(columns: Mapping[int, list[tuple[int, type[Model], str]]]) -> PartConverters:
    """For a statement whose rows name their part in the first column (a ``UNION ALL`` of
    several tables): per part, (position, converter) of each column ``(position, model,
    field name)`` the ORM would convert (:func:`column_converter`)."""
    found: PartConverters = {}
    for part, wanted in columns.items():
        found[part] = []
        for position, model, name in wanted:
            convert = column_converter(model, name)
            if convert is not None:
                found[part].append((position, convert))
    return found


def converted_parts(rows: Iterable[Sequence[Any]], converters: PartConverters) -> list[list[Any]]:
    """``rows`` of such a statement, each a list, its columns converted as the ORM would."""
    converted = []
    for row in rows:
        values = list(row)
        for position, convert in converters[values[0]]:
            values[position] = convert(values[position])
        converted.append(values)
    return converted


def column_reader(model: type[Model], name: str) -> Callable[[Any], Any]:
    """:func:`column_converter`, or the value as read where the ORM changes nothing."""
    return column_converter(model, name) or _as_read


def _as_read(value: Any) -> Any:
    return value
