"""Schemathesis hooks of `npm run test:fuzz` (loaded through SCHEMATHESIS_HOOKS).

Paged lists take an opaque `cursor`: the previous page's `nextCursor`, base64url of a JSON
array of sort values. The API answers any other with 400 `invalid_cursor`, which no JSON
Schema can describe. A client never makes one up, so neither does the fuzzer: a generated
cursor the API could not have issued is dropped; issued ones arrive through the `NextPage`
links of the stateful phase. Too short or too long ones (schema-invalid) are left to test.

A case must be judged by what it sends. Schemathesis 4.32.5's coverage phase builds header
values from letters and digits only, so for an optional header whose pattern needs another
character (`If-Match`: `*` or `"3"`) its first value is a negative one (`""`), which it still
puts into the cases it labels positive. Such a case is re-judged from the headers it sends (the
revalidation schemathesis applies to a hook's edits), so it counts as the negative case it is.
"""

import base64
import binascii
import json

import schemathesis
from schemathesis.core.parameters import ParameterLocation


def _issued(cursor: str) -> bool:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        return isinstance(json.loads(raw.decode("utf-8")), list)
    except (binascii.Error, ValueError):
        return False


def _drop_unissued_cursor(case) -> None:
    cursor = (case.query or {}).get("cursor")
    if isinstance(cursor, str) and 1 <= len(cursor) <= 1024 and not _issued(cursor):
        del case.query["cursor"]


def _judge_headers_as_sent(case) -> None:
    meta = case.meta
    if meta is not None and meta.generation.mode.is_positive and meta.is_negative_at(ParameterLocation.HEADER):
        meta.mark_dirty(ParameterLocation.HEADER)


@schemathesis.hook
def before_call(context, case, kwargs):
    _drop_unissued_cursor(case)
    _judge_headers_as_sent(case)
