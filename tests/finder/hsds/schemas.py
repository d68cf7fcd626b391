"""The official HSDS 3.0 JSON schemas (tests/fixtures/hsds/schema), as validators.

The schemas refer to each other by file name ("phone.json"); a referencing registry resolves
those names to the copied files. Formats (uuid, uri, email, date-time) are checked too.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).resolve().parents[2] / "fixtures" / "hsds" / "schema"
OPENAPI = SCHEMAS.parent / "openapi.json"


@lru_cache(maxsize=1)
def registry() -> Registry:
    resources = [
        (
            path.name,
            Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012),
        )
        for path in SCHEMAS.glob("*.json")
    ]
    return Registry().with_resources(resources)


def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text())
    return Draft202012Validator(schema, registry=registry(), format_checker=FormatChecker())


def page_schema() -> dict[str, Any]:
    page: dict[str, Any] = json.loads(OPENAPI.read_text())["components"]["schemas"]["Page"]
    return page


def errors(name: str, record: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(name).iter_errors(record)
    ]


def page_errors(body: Any, item_schema: str) -> list[str]:
    found = [e.message for e in Draft202012Validator(page_schema()).iter_errors(body)]
    missing = set(page_schema()["properties"]) | {"contents"}
    found += [f"missing {key}" for key in sorted(missing - set(body))]
    for n, item in enumerate(body.get("contents", [])):
        found += [f"contents/{n}/{e}" for e in errors(item_schema, item)]
    return found
