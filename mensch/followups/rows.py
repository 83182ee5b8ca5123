"""The follow-up list's tasks written in Python: the bytes the ``task`` partial of
``followups/list.html`` writes (some thirty nodes a task), for the page's loops; the partial
stays for the answer to a task's action, and tests hold the two to the same bytes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.template.defaultfilters import capfirst
from django.template.defaultfilters import date as date_format
from django.utils.encoding import force_str
from django.utils.safestring import SafeString, mark_safe

from mensch.core.markup import as_written
from mensch.followups.models import FollowUp
from mensch.followups.selectors import TaskRow

# ``get_owed_by_display`` and ``get_kind_display``, without their choices' dict built
# again for each task.
_OWED_BY: dict[str, str] = dict(FollowUp.OwedBy.choices)
_KINDS: dict[str, str] = dict(FollowUp.Kind.choices)


def task_item(
    row: TaskRow, *, today: date, csrf_input: str, dates: dict[date, str] | None = None
) -> str:
    """One task as ``{% partial task %}`` writes it; ``csrf_input``: what
    ``{% csrf_token %}`` writes on the page; ``dates``: due dates already written (tasks
    share them, and the ``date`` filter costs more than the rest of a task)."""
    task = row.task
    if task.status != "open":
        state = " task-closed"
    elif task.due_on < today:
        state = " task-overdue"
    else:
        state = ""
    pk = as_written(task.pk)
    if task.kind == "promise":
        tag = force_str(_OWED_BY.get(task.owed_by, task.owed_by), strings_only=True)
    else:
        tag = force_str(_KINDS.get(task.kind, task.kind), strings_only=True)
    contact = task.contact
    contact_part = (
        f' · <a href="{as_written(row.links.contact if row.links else "")}">'
        f"{as_written(contact.name)}</a>"
        if contact
        else ""
    )
    if task.status == "open":
        due = dates.get(task.due_on) if dates is not None else None
        if due is None:
            due = as_written(date_format(task.due_on, "D j M"))
            if dates is not None:
                dates[task.due_on] = due
        when = f"due {due}"
    else:
        when = as_written(task.status)
    items = (
        '<ul class="due-items">'
        + "".join(f"<li>{as_written(capfirst(item))}</li>" for item in row.due_items)
        + "</ul>"
        if row.due_items
        else ""
    )
    actions = ""
    if task.status == "open":
        links = row.links
        done = as_written(links.done) if links else ""
        snooze = as_written(links.snooze) if links else ""
        dismiss = as_written(links.dismiss) if links else ""
        write = (
            f'<a class="button button-small" href="{as_written(row.write.url)}">'
            f"{as_written(row.write.label)}</a>"
            if row.write
            else ""
        )
        target = f'hx-target="#task-{pk}" hx-swap="outerHTML"'
        actions = (
            '\n  <div class="task-actions">\n'
            f"    {write}\n"
            f'    <form method="post" action="{done}" class="inline-form" hx-post="{done}" '
            f'{target}>{csrf_input}<button type="submit" class="button button-small">Done'
            "</button></form>\n"
            f'    <form method="post" action="{snooze}" class="inline-form" hx-post="{snooze}" '
            f'{target}>{csrf_input}<input type="hidden" name="days" value="3"><button '
            'type="submit" class="button button-small button-secondary">Snooze 3 days'
            "</button></form>\n"
            f'    <form method="post" action="{dismiss}" class="inline-form" '
            f'hx-post="{dismiss}" {target}>{csrf_input}<button type="submit" '
            'class="link-button">Dismiss</button></form>\n'
            "  </div>\n  "
        )
    return (
        f'\n\n<li class="task{state}" id="task-{pk}">\n'
        '  <div class="task-text">\n'
        f'    <span class="tag">{as_written(tag)}</span>\n'
        f"    {as_written(task.title)}{contact_part}\n"
        f'    <span class="muted">· {when}</span>\n'
        f"    {items}\n"
        "  </div>\n"
        f"  {actions}\n"
        "</li>\n\n"
    )


def task_items(rows: Iterable[TaskRow], *, today: date, csrf_input: str) -> SafeString:
    """The tasks of one list, as its ``{% for %}…{% partial task %}`` loop writes them."""
    dates: dict[date, str] = {}
    return mark_safe(  # noqa: S308 - every value went through as_written
        "".join(task_item(row, today=today, csrf_input=csrf_input, dates=dates) for row in rows)
    )
