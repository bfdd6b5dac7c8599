"""The OpenAPI 3.1 description of the read-only API (``/api/openapi.json``).

Written by hand, next to the views it describes (``terms.api``); tests/terms/test_api.py
checks its structure and that every documented path answers as it says.
"""

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from glossary_site.public_address import absolute
from terms.api import MAX_PAGE_SIZE, PAGE_SIZE, cors

ERROR = {"$ref": "#/components/schemas/Error"}


def json_response(description: str, schema: dict, **extra) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": schema}},
        **extra,
    }


CORS_HEADERS = {
    "Access-Control-Allow-Origin": {
        "description": "Always `*`: any site may read the API from a browser.",
        "schema": {"type": "string", "const": "*"},
    }
}


def description() -> dict:
    """The document, with the site's own address as its server."""
    list_path = reverse("terms:api-list")
    detail_path = reverse("terms:api-detail", args=["SLUG"]).replace("SLUG", "{slug}")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{settings.SITE_NAME} API",
            "version": "1.0.0",
            "summary": "Read-only JSON of the glossary's published terms.",
            "description": (
                "Every published (live) term, with its sections as sanitized HTML. Drafts, "
                "scheduled and withdrawn terms are never listed. Every address in a response "
                "is absolute. Open to any origin (CORS) for GET, HEAD and OPTIONS; other "
                "methods answer 405."
            ),
        },
        "servers": [{"url": absolute("")}],
        "paths": {
            list_path: {
                "get": {
                    "operationId": "listTerms",
                    "summary": "Live terms, by slug, a page at a time",
                    "parameters": [
                        {
                            "name": "page",
                            "in": "query",
                            "description": "The page, from 1.",
                            "schema": {"type": "integer", "minimum": 1, "default": 1},
                        },
                        {
                            "name": "page_size",
                            "in": "query",
                            "description": (
                                f"Terms per page, 1 to {MAX_PAGE_SIZE} (a larger number gives "
                                f"{MAX_PAGE_SIZE}; one that is not a number, {PAGE_SIZE})."
                            ),
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": MAX_PAGE_SIZE,
                                "default": PAGE_SIZE,
                            },
                        },
                    ],
                    "responses": {
                        "200": json_response(
                            "A page of live terms.",
                            {"$ref": "#/components/schemas/TermPage"},
                            headers=CORS_HEADERS,
                        ),
                        "400": json_response("The page is not a whole number from 1.", ERROR),
                        "404": json_response("The page is past the last one.", ERROR),
                    },
                }
            },
            detail_path: {
                "get": {
                    "operationId": "getTerm",
                    "summary": "One live term",
                    "parameters": [
                        {
                            "name": "slug",
                            "in": "path",
                            "required": True,
                            "description": (
                                "The term's slug. Another name of the term (an alias, a "
                                "former slug) answers 301 to its canonical address."
                            ),
                            "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
                        }
                    ],
                    "responses": {
                        "200": json_response(
                            "The term.",
                            {"$ref": "#/components/schemas/Term"},
                            headers=CORS_HEADERS,
                        ),
                        "301": {
                            "description": "Another name of a live term: its canonical address.",
                            "headers": {
                                "Location": {
                                    "description": "The term's canonical API address.",
                                    "schema": {"type": "string"},
                                }
                            },
                        },
                        "404": json_response("No live term has this address.", ERROR),
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "string"}},
                    "additionalProperties": False,
                },
                "TermPage": {
                    "type": "object",
                    "required": ["count", "page", "pages", "next", "previous", "results"],
                    "additionalProperties": False,
                    "properties": {
                        "count": {"type": "integer", "minimum": 0},
                        "page": {"type": "integer", "minimum": 1},
                        "pages": {"type": "integer", "minimum": 1},
                        "next": {"type": ["string", "null"], "format": "uri"},
                        "previous": {"type": ["string", "null"], "format": "uri"},
                        "results": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Term"},
                        },
                    },
                },
                "Term": {
                    "type": "object",
                    "required": [
                        "title",
                        "slug",
                        "url",
                        "api_url",
                        "summary",
                        "category",
                        "tags",
                        "aliases",
                        "related",
                        "sections",
                        "updated",
                    ],
                    "additionalProperties": False,
                    "properties": {
                        "title": {"type": "string"},
                        "slug": {"type": "string"},
                        "url": {
                            "type": "string",
                            "format": "uri",
                            "description": "The term's page.",
                        },
                        "api_url": {"type": "string", "format": "uri"},
                        "summary": {"type": "string", "description": "One line, plain text."},
                        "category": {
                            "type": "object",
                            "required": ["name", "slug"],
                            "additionalProperties": False,
                            "properties": {
                                "name": {"type": "string"},
                                "slug": {"type": "string"},
                            },
                        },
                        "tags": {"type": "array", "items": {"type": "string"}},
                        "aliases": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "Other names of the term.",
                        },
                        "related": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "Slugs of live related terms, in the editors' order.",
                        },
                        "sections": {
                            "type": "object",
                            "required": ["definition", "why_it_matters", "in_practice"],
                            "additionalProperties": False,
                            "description": (
                                "Sanitized HTML; every link and image address is absolute."
                            ),
                            "properties": {
                                "definition": {"type": "string"},
                                "why_it_matters": {"type": "string"},
                                "in_practice": {"type": "string"},
                            },
                        },
                        "updated": {
                            "type": "string",
                            "format": "date-time",
                            "description": "When this version went live (UTC).",
                        },
                    },
                },
            }
        },
    }


@cors
@require_http_methods(["GET", "HEAD", "OPTIONS"])
def openapi_json(request):
    return JsonResponse(description(), json_dumps_params={"indent": 2})
