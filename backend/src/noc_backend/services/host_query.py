"""``GET /hosts`` filters and sorting as SQL: name glob, group (nested too), own var, enabled.

Every filter is one indexed or single-pass condition so a page over 10,000 hosts stays fast on
SQLite and PostgreSQL alike; ``var`` compares the JSON text of one key of the host's own vars.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from peewee import SQL, Database, NodeList, PostgresqlDatabase

from noc_backend.core.errors import Invalid
from noc_backend.models import Host, HostGroup
from noc_backend.services.grouptree import ALL, UNGROUPED, GroupTree

SORTS = {"name": Host.name, "address": Host.address, "created_at": Host.created_at}
SORT_PATTERN = r"^-?(name|address|created_at)$"


@dataclass(frozen=True)
class HostFilter:
    name: str | None = None
    group: str | None = None
    vars: list[str] = field(default_factory=list)
    enabled: bool | None = None


def glob_to_like(pattern: str) -> str:
    """A shell glob (``*``, ``?``) as a LIKE pattern with ``\\`` escaping ``%``, ``_``, ``\\``."""
    out = []
    for char in pattern:
        if char in "\\%_":
            out.append("\\" + char)
        elif char == "*":
            out.append("%")
        elif char == "?":
            out.append("_")
        else:
            out.append(char)
    return "".join(out)


def parse_var(text: str) -> tuple[str, list[str]]:
    """``key=value`` -> (key, the JSON texts the value may be stored as); 422 naming ``var``."""
    key, sep, value = text.partition("=")
    if not sep or not key.isidentifier():
        raise Invalid.on_field("var", f"expected key=value with an identifier key, got {text!r}")
    texts = [json.dumps(value), json.dumps(value, ensure_ascii=False)]
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = None
    else:
        if not isinstance(parsed, dict | list):
            texts.append(json.dumps(parsed))
    if value.lower() in ("true", "false") and parsed is None:
        texts.append(value.lower())
    return key, sorted(set(texts))


def _var_json(db: Database, key: str) -> Any:
    if isinstance(db, PostgresqlDatabase):
        return NodeList((SQL("(CAST("), Host.vars, SQL("AS jsonb) ->"), key, SQL(")::text")),
                        glue=" ")
    return NodeList((Host.vars, SQL("->"), f'$."{key}"'), glue=" ")


def group_members(query: Any, group: str, tree: GroupTree) -> Any:
    """``query`` narrowed to the hosts of ``group`` (nested groups included)."""
    if group == ALL:
        return query
    if group == UNGROUPED:
        return query.where(Host.id.not_in(HostGroup.select(HostGroup.host)))
    names = list(tree.descendants(group))
    return query.where(Host.id.in_(HostGroup.select(HostGroup.host)
                                   .where(HostGroup.name.in_(names))))


def apply_filter(query: Any, db: Database, spec: HostFilter, tree: GroupTree) -> Any:
    if spec.name:
        operator = "ILIKE" if isinstance(db, PostgresqlDatabase) else "LIKE"
        query = query.where(NodeList((Host.name, SQL(operator), glob_to_like(spec.name),
                                      SQL("ESCAPE '\\'"))))
    if spec.group is not None:
        if not tree.knows(spec.group):
            raise Invalid.on_field("group", f"no group named '{spec.group}'")
        query = group_members(query, spec.group, tree)
    for text in spec.vars:
        key, texts = parse_var(text)
        query = query.where(_var_json(db, key).in_(texts))
    if spec.enabled is not None:
        query = query.where(Host.enabled == spec.enabled)
    return query


def order_by(sort: str) -> list[Any]:
    column = SORTS[sort.lstrip("-")]
    if sort.startswith("-"):
        return [column.desc(), Host.id.desc()]
    return [column.asc(), Host.id.asc()]
