"""An article's text as HTML with every evidence span marked, offsets kept on each mark.

Each distinct (field, start, end) of the events' evidence becomes one ``<mark>`` with
``data-field``, ``data-start`` and ``data-end`` (character offsets into the original text),
``data-events`` (the keys of the events it is evidence for) and a ``title`` naming the field
and its value. Marks nest when one span lies inside another; a span that crosses another's
end is cut there, each piece keeping the whole span's offsets and adding its own in
``data-part-start`` / ``data-part-end``. The text between and inside the marks is the
article's text exactly (a carriage return written as a character reference, which HTML
would otherwise turn into a line feed).
"""
from __future__ import annotations

import dataclasses
import heapq
import html

# the colour group of each evidence field (the page's legend and CSS use these names)
FIELD_GROUPS = {"event_type": "trigger", "sub_event_type": "trigger", "actor1": "actor1", "actor2": "actor2",
                "location": "place", "event_date": "date", "fatalities": "figures", "injured": "figures",
                "abducted": "figures", "arrested": "figures"}
GROUPS = ["trigger", "actor1", "actor2", "place", "date", "figures"]


@dataclasses.dataclass
class Span:
    """One evidence span of an article, and what the page says of it."""

    field: str
    start: int
    end: int
    events: list[str] = dataclasses.field(default_factory=list)  # keys of the events it is evidence for
    titles: list[str] = dataclasses.field(default_factory=list)  # "field: value", one per distinct value

    @property
    def group(self) -> str:
        """The colour group of the span's field."""
        return FIELD_GROUPS.get(self.field, "other")


def text_html(text: str) -> str:
    """Article text as HTML text: escaped, a carriage return kept as a character reference."""
    return html.escape(text, quote=False).replace("\r", "&#13;")


def _open_tag(span: Span, start: int, end: int) -> str:
    """The opening tag of a mark for ``span`` covering [start, end)."""
    attrs = {"class": f"ev g-{span.group}", "data-field": span.field, "data-start": span.start,
             "data-end": span.end, "data-events": " ".join(span.events), "title": " | ".join(span.titles)}
    if (start, end) != (span.start, span.end):
        attrs.update({"data-part-start": start, "data-part-end": end})
    return "<mark " + " ".join(f'{k}="{html.escape(str(v))}"' for k, v in attrs.items()) + ">"


def highlight(text: str, spans: list[Span]) -> str:
    """The text as HTML with a mark for every span (see the module's doc); spans must lie inside the text."""
    order = {f: i for i, f in enumerate(FIELD_GROUPS)}
    # (start, -end, field order, n): outer spans open first, ties in field order
    queue = [(s.start, -s.end, order.get(s.field, len(order)), n, s) for n, s in enumerate(spans)]
    heapq.heapify(queue)
    out, stack, pos = [], [], 0  # stack: (end, span) of the open marks

    def close_to(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1][0] <= limit:
            end, _ = stack.pop()
            out.append(text_html(text[pos:end]) + "</mark>")
            pos = end

    while queue:
        start, neg_end, rank, n, span = heapq.heappop(queue)
        end = -neg_end
        close_to(start)
        if stack and end > stack[-1][0]:  # crosses the end of the mark it starts in: cut there
            cut = stack[-1][0]
            heapq.heappush(queue, (cut, -end, rank, n, span))
            end = cut
        if start >= end:
            continue
        out.append(text_html(text[pos:start]) + _open_tag(span, start, end))
        pos = start
        stack.append((end, span))
    close_to(len(text))
    out.append(text_html(text[pos:]))
    return "".join(out)
