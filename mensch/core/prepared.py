"""One-row reads that every signed-in page makes, written out once instead of built each time.

The session and the member are read before any page's own content. Building their
querysets, compiling them and turning the row into an instance through the ORM's iterator
costs several times what the database takes to answer (about 0.35 ms of Python for each
of the two reads, on a page whose whole floor is 2.4 ms). A :class:`PreparedRead` writes
the statement once per database from the model's own names, and then only prepares the
parameters (with the same fields the ORM's lookups use), runs it and builds the instance
with ``from_db`` after the same converters the ORM applies: the instance is the one
``model.objects.filter(…).first()`` returns, every field loaded.

"Prepared" for a :class:`PreparedRead` means compiled once in this process. On PostgreSQL
the connection also prepares on the server every statement it has run a few times
(``DB_PREPARE_THRESHOLD`` in the settings), so that PostgreSQL stops planning it again;
:func:`planned_each_time` keeps that from the few statements whose best plan depends on the
values they are given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, IntegerField, Model
from django.db.models.expressions import Col

# The comparisons a condition may use, as the ORM writes them (exact, gt, gte, lt, lte).
OPERATORS = frozenset({"=", ">", ">=", "<", "<="})

_Converter = Callable[[Any, Any, BaseDatabaseWrapper], Any]


@dataclass(frozen=True)
class _Statement:
    sql: str
    attnames: list[str]
    # (position in the row, the column as the ORM names it, its converters)
    converters: list[tuple[int, Col, list[_Converter]]]


class PreparedRead[M: Model]:
    """The row of ``model`` where every condition holds, as a model instance, or None.

    ``PreparedRead(Session, ("session_key", "="), ("expire_date", ">"))(key, now)`` is
    ``Session.objects.filter(session_key=key, expire_date__gt=now).first()`` for a unique
    key: the columns compared are meant to pick one row (a primary or unique key), as in
    ``get()``; with several, the database's first is returned.
    """

    def __init__(self, model: type[M], *conditions: tuple[str, str]) -> None:
        if not conditions:
            raise ValueError("A prepared read needs at least one condition.")
        self.model = model
        self.conditions = conditions
        for name, operator in conditions:
            if operator not in OPERATORS:
                raise ValueError(f"{operator!r} is not one of {sorted(OPERATORS)}")
            if self._field(name).null:  # fails now, not on the first page (a typo too)
                raise ValueError(f"{name} may be NULL: compare keys, which may not.")
        self._statement = cache(self._write)

    def __repr__(self) -> str:
        return f"<PreparedRead {self.model.__name__} {self.conditions!r}>"

    def _field(self, name: str) -> Field[Any, Any]:
        if name == "pk":
            return self.model._meta.pk
        return self.model._meta.get_field(name)  # type: ignore[return-value]

    def _write(self, alias: str) -> _Statement:
        """The statement, once per database: names from the model, quoted for its vendor."""
        connection = connections[alias]
        quote = connection.ops.quote_name
        table = self.model._meta.db_table
        fields = self.model._meta.concrete_fields
        where = " AND ".join(
            f"{quote(table)}.{quote(str(self._field(name).column))} {operator} %s"
            for name, operator in self.conditions
        )
        columns = ", ".join(f"{quote(table)}.{quote(str(field.column))}" for field in fields)
        converters = []
        for position, field in enumerate(fields):
            # What SQLCompiler.get_converters finds for a plain column.
            column = field.get_col(table)
            found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if found:
                converters.append((position, column, found))
        return _Statement(
            sql=f"SELECT {columns} FROM {quote(table)} WHERE {where}",  # noqa: S608 -- the model's names
            attnames=[field.attname for field in fields],
            converters=converters,
        )

    def __call__(self, *values: Any) -> M | None:
        if len(values) != len(self.conditions):
            raise TypeError(f"{self!r} takes {len(self.conditions)} values, not {len(values)}")
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        params = []
        for (name, operator), value in zip(self.conditions, values, strict=True):
            if value is None:
                return None  # no key column holds NULL
            field = self._field(name)
            prepared = field.get_db_prep_value(value, connection, prepared=False)
            if operator == "=" and _out_of_range(field, prepared, connection):
                return None  # the ORM answers such a lookup without asking (no row)
            params.append(prepared)
        statement = self._statement(alias)
        with connection.cursor() as cursor:
            cursor.execute(statement.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        row = list(row)
        for position, column, converters in statement.converters:
            for converter in converters:
                row[position] = converter(row[position], column, connection)
        return self.model.from_db(alias, statement.attnames, row)


def _out_of_range(field: Field[Any, Any], value: Any, connection: BaseDatabaseWrapper) -> bool:
    """An integer no row of this column can hold (``IntegerFieldOverflow`` in the ORM)."""
    if not isinstance(field, IntegerField) or not isinstance(value, int):
        return False
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    return (low is not None and value < low) or (high is not None and value > high)


@contextmanager
def planned_each_time(using: str = "default") -> Iterator[None]:
    """Statements run inside are planned each time with the values they are given, never
    prepared on the server (PostgreSQL; elsewhere nothing changes).

    A prepared statement that has run a few times is given a generic plan, made without
    knowing the values; for a full-text match, whose rows go from a handful to thousands
    with the words searched, that plan is the wrong one for most searches.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    threshold = raw.prepare_threshold
    raw.prepare_threshold = None  # psycopg: send it unprepared, whatever it has seen
    try:
        yield
    finally:
        raw.prepare_threshold = threshold
