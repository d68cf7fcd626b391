"""API documentation rendered on the server from the OpenAPI schema: every route with its
parameters and its response model, and every model with its fields.

Swagger UI would load scripts from a CDN and needs inline script, which our CSP forbids;
a plain page is also easier to read with a screen reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from finder.ui.templating import render

router = APIRouter(include_in_schema=False)
METHODS = ("get", "post", "put", "patch", "delete")
REF = "#/components/schemas/"


@dataclass(frozen=True)
class Field:
    name: str
    where: str  # query or path for parameters, empty for model fields
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    parameters: tuple[Field, ...]
    responses: tuple[str, ...]
    model: str  # the model of a successful answer


@dataclass(frozen=True)
class Model:
    name: str
    fields: tuple[Field, ...]


def _type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_type(schema.get('items', {}))}"
    return str(schema.get("type") or schema.get("$ref", "").rsplit("/", 1)[-1] or "any")


def _refs(schema: Any) -> list[str]:
    if isinstance(schema, dict):
        own = [schema["$ref"].removeprefix(REF)] if "$ref" in schema else []
        return own + [r for value in schema.values() for r in _refs(value)]
    if isinstance(schema, list):
        return [r for value in schema for r in _refs(value)]
    return []


def _success_model(op: dict[str, Any]) -> str:
    content = op.get("responses", {}).get("200", {}).get("content", {})
    refs = _refs(content.get("application/json", {}).get("schema", {}))
    return refs[0] if refs else ""


def operations(spec: dict[str, Any]) -> list[Operation]:
    found = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if not op:
                continue
            params = tuple(
                Field(
                    p["name"],
                    p["in"],
                    _type(p.get("schema", {})),
                    p.get("required", False),
                    p.get("description") or p.get("schema", {}).get("description", ""),
                )
                for p in op.get("parameters", [])
            )
            found.append(
                Operation(
                    method.upper(),
                    path,
                    op.get("summary", ""),
                    params,
                    tuple(sorted(op.get("responses", {}))),
                    _success_model(op),
                )
            )
    return found


def models(spec: dict[str, Any], roots: list[str]) -> list[Model]:
    """The response models and every model they contain, in the order first met."""
    schemas = spec.get("components", {}).get("schemas", {})
    order: list[str] = []
    pending = list(roots)
    while pending:
        name = pending.pop(0)
        if name in order or name not in schemas:
            continue
        order.append(name)
        pending.extend(_refs(schemas[name].get("properties", {})))
    return [
        Model(
            name,
            tuple(
                Field(
                    field,
                    "",
                    _type(schema),
                    field in schemas[name].get("required", []),
                    schema.get("description", ""),
                )
                for field, schema in schemas[name].get("properties", {}).items()
            ),
        )
        for name in order
    ]


@router.get("/api/docs", response_class=HTMLResponse, name="api_docs")
def api_docs(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    found = operations(spec)
    context = {
        "operations": found,
        "models": models(spec, [op.model for op in found if op.model]),
        "title": spec["info"]["title"],
    }
    return render(request, "api-docs.html", context)
