"""Knowing that a change form came back exactly as it was shown.

A moderator who opens a live page's pending changes and presses Approve
sends every field back as the form showed it. Rebuilding the form to find
that out means writing the draft onto the live rows in a savepoint,
checking every row and rolling it all back: some thirty queries to learn
there is nothing to save. Instead, when the form is shown, the fields a
browser will send are read off the page as drawn and digested, with the
state of the page and its draft, into a signed token in the form. A POST
whose fields and state give the same digest changed nothing. Anything
else (an edit, a file, a draft saved meanwhile, a token that is missing,
old or forged) takes the full path, so a miss costs queries, never work.
"""

from __future__ import annotations

import hashlib
import json
from html.parser import HTMLParser
from typing import Any

from django.core import signing
from django.http import HttpResponse, QueryDict
from django.utils.crypto import constant_time_compare
from django.utils.datastructures import MultiValueDict

FIELD = "_unchanged"
SALT = "portal.admin.unchanged"
# A form left open longer simply takes the full path.
MAX_AGE_SECONDS = 24 * 60 * 60

type Fields = list[tuple[str, str]]


def sign_form(response: HttpResponse, *, form_id: str, state: str) -> None:
    """Put the token for the form `form_id`, as `response` draws it, into it."""
    html = response.content.decode(response.charset or "utf-8")
    opened = html.find(f'id="{form_id}"')
    closed = html.find("</form>", opened)
    if opened < 0 or closed < 0:
        return
    fields, checkboxes = fields_as_sent(html, form_id)
    payload = {"checkboxes": sorted(checkboxes), "digest": _digest(fields, checkboxes, state)}
    token = signing.dumps(payload, salt=SALT, compress=True)
    hidden = f'<input type="hidden" name="{FIELD}" value="{token}">'
    response.content = html[:closed] + hidden + html[closed:]


def sent_back_unchanged(data: QueryDict, files: MultiValueDict[str, Any], *, state: str) -> bool:
    """Are these posted fields the form as it was shown, over the same state?"""
    token = data.get(FIELD, "")
    if not token or files:
        return False
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return False
    posted = [(name, value) for name, values in data.lists() for value in values]
    digest = _digest(posted, set(payload["checkboxes"]), state)
    return constant_time_compare(digest, payload["digest"])


def _digest(fields: Fields, checkboxes: set[str], state: str) -> str:
    canonical = json.dumps([state, _canonical(fields, checkboxes)])
    return hashlib.sha256(canonical.encode()).hexdigest()


def _canonical(fields: Fields, checkboxes: set[str]) -> Fields:
    """The fields as the form reads them: what it ignores left out, a
    checkbox as ticked or not, line ends alike, order aside."""
    kept = []
    for name, value in fields:
        if _not_the_forms(name):
            continue
        if name in checkboxes:
            if not _ticked(value):
                continue
            value = "on"
        value = value.replace("\r\n", "\n")
        # A field sent empty and one not sent read the same.
        if value:
            kept.append((name, value))
    return sorted(kept)


def _not_the_forms(name: str) -> bool:
    # Buttons and the workflow's own boxes start with "_"; the empty row
    # an inline keeps for "Add another" is never read; the hidden initial
    # values only tell Django what changed, which the digest tells anyway.
    return (
        name.startswith("_")
        or name == "csrfmiddlewaretoken"
        or "__prefix__" in name
        or name.startswith("initial-")
    )


def _ticked(value: str) -> bool:
    """As Django's CheckboxInput reads a posted value."""
    return {"true": True, "false": False}.get(value.lower(), bool(value))


def fields_as_sent(html: str, form_id: str) -> tuple[Fields, set[str]]:
    """The (name, value) pairs a browser sends for the form `form_id` in
    `html` as it stands, and the names of its checkboxes."""
    parser = _FormControls(form_id)
    parser.feed(html)
    parser.close()
    return parser.fields, parser.checkboxes


_NOT_SENT = frozenset({"submit", "button", "image", "reset", "file"})


class _FormControls(HTMLParser):
    """The form's controls, read as the HTML standard builds a form's data
    set: enabled and named controls only, checked boxes, selected options
    (a single select's first option when none is), a textarea's text
    without the newline that follows its opening tag."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields: Fields = []
        self.checkboxes: set[str] = set()
        self._textarea: tuple[str, list[str]] | None = None
        self._select: dict[str, Any] | None = None
        self._option: dict[str, Any] | None = None

    def _ours(self, attrs: dict[str, str | None]) -> bool:
        owner = attrs.get("form")
        return owner == self.form_id if owner is not None else self.in_form

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attrs_list)
        if tag == "form":
            self.in_form = attrs.get("id") == self.form_id
            return
        if tag == "option" and self._select is not None:
            self._end_option()
            self._option = {
                "value": attrs.get("value"),
                "text": [],
                "selected": "selected" in attrs,
                "disabled": "disabled" in attrs,
            }
            return
        name = attrs.get("name")
        if not name or "disabled" in attrs or not self._ours(attrs):
            return
        if tag == "input":
            self._input(name, attrs)
        elif tag == "textarea":
            self._textarea = (name, [])
        elif tag == "select":
            self._select = {"name": name, "multiple": "multiple" in attrs, "options": []}

    def _input(self, name: str, attrs: dict[str, str | None]) -> None:
        kind = (attrs.get("type") or "text").lower()
        if kind in _NOT_SENT:
            return
        if kind == "checkbox":
            self.checkboxes.add(name)
        if kind in ("checkbox", "radio"):
            if "checked" in attrs:
                self.fields.append((name, attrs.get("value") or "on"))
            return
        self.fields.append((name, attrs.get("value") or ""))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)
        elif self._option is not None:
            self._option["text"].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_form = False
        elif tag == "textarea" and self._textarea is not None:
            name, chunks = self._textarea
            text = "".join(chunks)
            self.fields.append((name, text.removeprefix("\n")))
            self._textarea = None
        elif tag == "option":
            self._end_option()
        elif tag == "select" and self._select is not None:
            self._end_option()
            self._end_select(self._select)
            self._select = None

    def _end_option(self) -> None:
        if self._option is None or self._select is None:
            return
        option, self._option = self._option, None
        value = option["value"]
        if value is None:
            value = " ".join("".join(option["text"]).split())
        self._select["options"].append((value, option["selected"], option["disabled"]))

    def _end_select(self, select: dict[str, Any]) -> None:
        enabled = [
            (value, selected) for value, selected, disabled in select["options"] if not disabled
        ]
        chosen = [value for value, selected in enabled if selected]
        if not select["multiple"]:
            chosen = chosen[-1:] or [value for value, _ in enabled[:1]]
        self.fields.extend((select["name"], value) for value in chosen)
