"""Keyset pagination (`?limit=&cursor=` → `{items, next_cursor}`) and `?sort=field|-field` over any query.

The cursor carries the last row's sort value and id, so a page never skips or repeats rows when others are
inserted meanwhile, and every page costs an index range scan rather than an OFFSET.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar

import orjson
from pydantic import BaseModel
from sqlalchemy import Select, and_, or_

from ams.errors import InvalidInput

T = TypeVar("T")
Query = TypeVar("Query", bound=Select[*tuple[Any, ...]])

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def _encode(value: Any, row_id: str) -> str:
    if isinstance(value, datetime):
        value = {"dt": value.isoformat()}
    return base64.urlsafe_b64encode(orjson.dumps([value, row_id])).decode().rstrip("=")


def _decode(cursor: str) -> tuple[Any, str]:
    try:
        value, row_id = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if isinstance(value, dict):
            value = datetime.fromisoformat(value["dt"])
        return value, str(row_id)
    except (ValueError, TypeError, KeyError) as exc:
        raise InvalidInput.on("cursor", "not a cursor this API returned") from exc


def parse_sort(sort: str | None, columns: Mapping[str, Any], default: str) -> tuple[str, Any, bool]:
    """(name, column, descending) from `field` or `-field`, refusing fields not in `columns`."""
    text = sort or default
    descending = text.startswith("-")
    name = text.lstrip("-")
    if name not in columns:
        raise InvalidInput.on("sort", f"cannot sort by {name!r}; choose one of {', '.join(sorted(columns))}")
    return name, columns[name], descending


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput.on("limit", f"must be between 1 and {MAX_LIMIT}")
    return limit


def paginate(
    query: Query, sort_column: Any, id_column: Any, *, descending: bool, cursor: str | None, limit: int
) -> Query:
    """Order `query` by (sort column, id), start after `cursor`, and fetch one row beyond the page."""
    if cursor:
        value, last_id = _decode(cursor)
        if descending:
            query = query.where(or_(sort_column < value, and_(sort_column == value, id_column < last_id)))
        else:
            query = query.where(or_(sort_column > value, and_(sort_column == value, id_column > last_id)))
    order = (sort_column.desc(), id_column.desc()) if descending else (sort_column.asc(), id_column.asc())
    return query.order_by(*order).limit(check_limit(limit) + 1)


def page_of(rows: Sequence[T], limit: int, sort_name: str) -> tuple[list[T], str | None]:
    """Cut the extra row fetched by `paginate` and make the cursor of the next page."""
    if len(rows) <= limit:
        return list(rows), None
    page = list(rows[:limit])
    last = page[-1]
    return page, _encode(getattr(last, sort_name), last.id)  # type: ignore[attr-defined]
