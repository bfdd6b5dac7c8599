"""The newsletter's offer in words: its defaults, and the placeholders its copy is written with.

Every text an editor writes about the newsletter (the boxes, the /newsletter/ page, the emails)
may say ``{name}``, ``{what}``, ``{when}``, ``{often}`` or ``{offer}`` instead of repeating the
offer, so changing the offer (say, Friday to Thursday) changes every place at once. Only these
names are replaced, in one pass, by plain text; whatever the values contain is never read as a
placeholder again, and pages and emails escape the result for their own context.
"""

import re

# The words each placeholder stands for, as the admin explains them.
PLACEHOLDERS = {
    "name": "the newsletter's name",
    "what": "what it brings",
    "when": "when it comes, e.g. “every Friday”",
    "often": "how often, e.g. “every week”",
    "offer": "the whole offer, e.g. “the 5 AI stories that matter — free, every Friday”",
}
# Only the category pitch knows which category it is on.
CATEGORY_PLACEHOLDER = "category"

PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")

# What a new site starts with (and what the migration gives the existing row).
DEFAULT_COPY = {
    "name": "The AI Brief",
    "what": "the 5 AI stories that matter",
    "frequency": "weekly",
    "day": "friday",
    "is_free": True,
    "headline": "Get {offer}",
    "line": (
        "What happened, why it matters and the terms behind each story, in plain English. "
        "No hype; leave in one click."
    ),
    "consent": (
        "{name}: one email {when}. We’ll email you a link to confirm first, and every email "
        "has a one-click unsubscribe link."
    ),
    "button_label": "Subscribe",
    "closing_headline": "Know the terms. Know the moves.",
    "closing_line": "Get {what} {when}, explained plainly. Free forever. No spam.",
    "category_pitch": "We cover {category} {often}.",
    "page_heading": "{name}: {what}, {when}",
    "page_lead": (
        "Each story comes with a short, plain-English explainer and links to the glossary "
        "terms behind it. We ask you to confirm your address, and every email has a one-click "
        "unsubscribe link."
    ),
    "confirm_subject": "Confirm your subscription to {name}",
    "confirm_intro": ("Someone (we hope it was you) asked for {name} at this address: {offer}."),
    "welcome_heading": "Welcome to {name}",
    "welcome_message": (
        "Your address is confirmed. You’ll get {what} {when}, and every email has a one-click "
        "unsubscribe link."
    ),
    "welcome_email_enabled": True,
    "welcome_subject": "Welcome to {name}",
    "welcome_body": (
        "Thanks for confirming your address. From now on you’ll get {what} {when}: what "
        "happened, why it matters and the terms behind each story, in plain English.\n\n"
        "Until the next one arrives, the glossary is there whenever a term puzzles you.\n\n"
        "If you ever want to stop, every email has a one-click unsubscribe link at the bottom."
    ),
}

# The texts readers see, each filled in with the offer's words.
TEXT_FIELDS = (
    "headline",
    "line",
    "consent",
    "button_label",
    "closing_headline",
    "closing_line",
    "page_heading",
    "page_lead",
    "confirm_subject",
    "confirm_intro",
    "welcome_heading",
    "welcome_message",
    "welcome_subject",
    "welcome_body",
)
# Texts that may run over several paragraphs (blank lines between them); the rest are one line.
MULTILINE_FIELDS = ("confirm_intro", "welcome_body")


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with each ``{placeholder}`` named in ``values`` replaced by its value, once;
    anything else in braces is left as it is."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def unknown_placeholders(text: str, allowed) -> list[str]:
    """The placeholders ``text`` uses that are not in ``allowed``, in order, each once."""
    seen = dict.fromkeys(name for name in PLACEHOLDER.findall(text) if name not in allowed)
    return list(seen)


def mentions_free(text: str) -> bool:
    """Whether ``text`` tells readers the newsletter is free."""
    return re.search(r"\bfree\b", text, flags=re.IGNORECASE) is not None


def values_for(*, name: str, what: str, when: str, often: str, is_free: bool) -> dict[str, str]:
    """What each placeholder stands for, given the offer."""
    offer = f"{what} — free, {when}" if is_free else f"{what}, {when}"
    return {"name": name, "what": what, "when": when, "often": often, "offer": offer}
