"""What the few reads written out as SQL share (the dashboard's and people to meet's, where
building the querysets cost more than running them): tables named from their models, rules
kept in querysets applied as their SQL, and model instances built from the columns read."""

from __future__ import annotations

from collections.abc import Callable
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


def column_reader(model: type[Model], name: str) -> Callable[[Any], Any]:
    """:func:`column_converter`, or the value as read where the ORM changes nothing."""
    return column_converter(model, name) or _as_read


def _as_read(value: Any) -> Any:
    return value
