"""Hostile input a writer could type into any field, and how to read output the way a browser or
feed reader would. Every surface that shows what writers typed is tested with this one corpus."""

from html.parser import HTMLParser

# Each payload is one line (a summary allows no line breaks) and short enough for a title.
MARKUP = (
    "<script>alert(1)</script>",
    "Hi <b onclick=alert(1)>there</b>",
    '<img src="x" onerror="alert(1)">',
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "![pic](javascript:alert(1))",
    "![pic](data:image/png;base64,iVBORw0KGgo=)",
    "![pic](data:image/svg+xml;base64,PHN2Zz4=)",
    "<a href='https://example.com' onmouseover='x()'>a</a>",
    # Breaking out of a quoted attribute, an XML element or a CDATA section.
    '"><img src=x onerror=alert(1)>',
    "</title><script>alert(1)</script>",
    "]]><script>alert(1)</script>",
    # Already escaped: it must stay these characters, never be decoded into a tag.
    "&lt;script&gt;alert(1)&lt;/script&gt;",
)

SCRIPT_URL_SCHEMES = ("javascript:", "data:", "vbscript:")


def is_script_url(value: str | None) -> bool:
    """Whether a URL would run code or carry a document when followed."""
    return (value or "").strip().lower().startswith(SCRIPT_URL_SCHEMES)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def read_html(html: str) -> tuple[str, list[tuple[str, list]]]:
    """What a browser makes of ``html``: the characters it shows and every element, as
    (tag, attributes)."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return "".join(reader.text), reader.elements


def elements_in(html: str) -> list[tuple[str, list]]:
    """Every element in ``html`` as (tag, attributes), as a browser's parser would see it."""
    return read_html(html)[1]
