"""The read-only API as another site uses it: described by OpenAPI 3.1 at /api/openapi.json
(and answering as described), absolute addresses in every section, an Allow header on
OPTIONS, and 400 for a page that is not a page number."""

import re
from datetime import datetime

import pytest
from django.urls import reverse

from tests.factories import CategoryFactory, TermFactory
from tests.hostile import MARKUP

pytestmark = pytest.mark.django_db

SITE = "https://glossary.example.com"
OPENAPI = "/api/openapi.json"
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


@pytest.fixture(autouse=True)
def public_site(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def glossary():
    category = CategoryFactory(name="Models", slug="models")
    weights = TermFactory(title="Weights", slug="weights", category=category)
    TermFactory(
        title="Open weight",
        slug="open-weight",
        category=category,
        aliases=["Open weights"],
        tags=["licensing"],
        related=[weights],
        definition=(
            "Released [[Weights]], see [the index](/terms/) and [a note](#note), "
            "[elsewhere](https://example.org/x) and ![a chart](/media/terms/images/chart.png)."
        ),
    )


def resolve(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        assert schema["$ref"].startswith("#/"), schema["$ref"]
        target = document
        for part in schema["$ref"][2:].split("/"):
            target = target[part]
        schema = target
    return schema


TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}


def schema_errors(document: dict, schema: dict, value, where: str = "$") -> list[str]:
    """What in ``value`` the JSON Schema (2020-12, the keywords this description uses)
    refuses."""
    schema = resolve(document, schema)
    errors = []
    kinds = schema.get("type")
    if kinds is not None:
        kinds = kinds if isinstance(kinds, list) else [kinds]
        matches = [k for k in kinds if isinstance(value, TYPES[k])]
        if not matches or (isinstance(value, bool) and "boolean" not in kinds):
            return [f"{where}: {value!r} is not {kinds}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: {value!r} is not {schema['const']!r}")
    if isinstance(value, int) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{where}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{where}: {value} > {schema['maximum']}")
    if isinstance(value, str):
        if schema.get("format") == "uri" and not value.startswith(("https://", "http://")):
            errors.append(f"{where}: {value!r} is not an absolute URI")
        if schema.get("format") == "date-time":
            try:
                datetime.fromisoformat(value)
            except ValueError:
                errors.append(f"{where}: {value!r} is not a date-time")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                errors.append(f"{where}: {name!r} is missing")
        properties = schema.get("properties", {})
        for name, item in value.items():
            if name in properties:
                errors += schema_errors(document, properties[name], item, f"{where}.{name}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: {name!r} is not described")
    if isinstance(value, list) and "items" in schema:
        for n, item in enumerate(value):
            errors += schema_errors(document, schema["items"], item, f"{where}[{n}]")
    return errors


def refs(node):
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


@pytest.fixture
def document(client):
    response = client.get(OPENAPI)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def test_the_description_is_well_formed_openapi_3_1(document):
    assert document["openapi"] == "3.1.0"
    assert document["info"]["title"] == "The AI Glossary API"
    assert document["info"]["version"]
    assert document["servers"] == [{"url": SITE}]
    assert set(document["paths"]) == {"/api/terms/", "/api/terms/{slug}/"}
    operation_ids = []
    for path, item in document["paths"].items():
        assert path.startswith("/")
        for method, operation in item.items():
            assert method in METHODS
            operation_ids.append(operation["operationId"])
            assert operation["responses"], (path, method)
            for status, response in operation["responses"].items():
                assert re.fullmatch(r"[1-5]\d\d", status)
                assert response["description"]
            declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert declared == set(re.findall(r"{(\w+)}", path))
            for parameter in operation.get("parameters", []):
                assert parameter["in"] in {"query", "path", "header", "cookie"}
                assert parameter.get("required") or parameter["in"] != "path"
    assert len(operation_ids) == len(set(operation_ids))
    for ref in refs(document):
        assert resolve(document, {"$ref": ref}), ref


def test_the_schema_check_can_fail(document):
    term = {"$ref": "#/components/schemas/Term"}

    assert schema_errors(document, term, {"title": 1}) != []
    assert "$: 'extra' is not described" in schema_errors(
        document,
        {"$ref": "#/components/schemas/Error"},
        {"error": "x", "extra": 1},
    )


def answer(document, client, path, method, status, url):
    """``url``'s response, checked against what the description says ``path`` answers."""
    response = client.get(url)
    assert response.status_code == int(status), (url, response.status_code)
    described = document["paths"][path][method]["responses"][status]
    if "content" in described:
        schema = described["content"]["application/json"]["schema"]
        assert response["Content-Type"] == "application/json"
        assert schema_errors(document, schema, response.json()) == []
    for header in described.get("headers", {}):
        assert response.has_header(header), header
    return response


def test_every_documented_path_answers_as_described(client, glossary, document):
    responses = document["paths"]["/api/terms/"]["get"]["responses"]
    assert set(responses) == {"200", "400", "404"}
    page = answer(document, client, "/api/terms/", "get", "200", "/api/terms/?page_size=1")
    assert page.json()["next"] == f"{SITE}/api/terms/?page=2&page_size=1"
    answer(document, client, "/api/terms/", "get", "400", "/api/terms/?page=x")
    answer(document, client, "/api/terms/", "get", "404", "/api/terms/?page=99")

    detail = "/api/terms/{slug}/"
    assert set(document["paths"][detail]["get"]["responses"]) == {"200", "301", "404"}
    answer(document, client, detail, "get", "200", "/api/terms/open-weight/")
    moved = answer(document, client, detail, "get", "301", "/api/terms/open-weights/")
    assert moved["Location"] == "/api/terms/open-weight/"
    answer(document, client, detail, "get", "404", "/api/terms/no-such-term/")


def test_sections_carry_only_absolute_addresses(client, glossary):
    definition = client.get("/api/terms/open-weight/").json()["sections"]["definition"]

    addresses = re.findall(r'\s(?:href|src)="([^"]*)"', definition)
    assert addresses
    assert all(address.startswith(("https://", "http://")) for address in addresses), addresses
    assert f'href="{SITE}/terms/weights/"' in definition  # a wiki link to a live term
    assert f'href="{SITE}/terms/"' in definition
    assert f'href="{SITE}/terms/open-weight/#note"' in definition
    assert 'href="https://example.org/x"' in definition
    assert f'src="{SITE}/media/terms/images/chart.png"' in definition
    # The term's own page keeps its links relative to the site.
    page = client.get("/terms/open-weight/").content.decode()
    assert 'href="/terms/weights/"' in page


@pytest.mark.parametrize("url", ["/api/terms/", "/api/terms/open-weight/", OPENAPI])
def test_options_says_which_methods_are_allowed(client, glossary, url):
    response = client.options(url)

    assert response.status_code == 204
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("page", ["x", "0", "-1", "1.5", "", " 2", "２", "1e3", *MARKUP[:4]])
def test_a_page_that_is_not_a_page_number_is_a_bad_request(client, glossary, page):
    response = client.get(reverse("terms:api-list"), {"page": page})

    assert response.status_code == 400
    assert response.json() == {"error": "The page must be a whole number from 1."}
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_page_past_the_end_is_not_found_and_a_huge_one_too(client, glossary):
    assert client.get("/api/terms/", {"page": "3"}).status_code == 404
    assert client.get("/api/terms/", {"page": "9" * 40}).status_code == 404
    assert client.get("/api/terms/", {"page": "1"}).status_code == 200
