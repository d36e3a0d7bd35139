"""Split a policy into sections (by heading) and sentences, list items and table rows.

Works on plain text and Markdown alike (read.py turns HTML into Markdown-like text). Every
`Sentence` carries exact offsets, so `text[s.start:s.end] == s.text`, and list items carry the
sentence that introduced their list ("We collect:") as `lead`.

Two passes over the lines: the first decides what each line is (heading, list item, table row,
text), the second groups lines into blocks and splits paragraphs into sentences.

    lines.py        the first pass: what each line is
    sentences.py    sentence spans inside a paragraph
    __init__.py     the second pass: blocks, sections, lists and their leads
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import PipelineError
from ..model import PolicyDoc, Section, Sentence
from ..pipeline import component
from .lines import BARE, Line, classify_lines, ends_sentence, item_like
from .sentences import split_sentences

if TYPE_CHECKING:
    from ..lexicon import Lexicon


def segment(text: str) -> tuple[list[Section], list[Sentence]]:
    """Sections and sentences of a policy text; offsets index `text` exactly."""
    lines = classify_lines(text)
    return _Builder(text, lines).run()


class _Builder:
    def __init__(self, text: str, lines: list[Line]) -> None:
        self.text = text
        self.lines = lines
        self.sections: list[Section] = []
        self.sentences: list[Sentence] = []
        # (style, lead) for each open list, outermost first
        self.lists: list[tuple[str, Sentence | None]] = []
        self.previous_block: list[Sentence] = []
        self.table_head: Sentence | None = None

    def run(self) -> tuple[list[Section], list[Sentence]]:
        headings = [line for line in self.lines if line.kind == "heading"]
        bounds = [h.start for h in headings[1:]] + [len(self.text)] if headings else []
        first = headings[0].start if headings else len(self.text)
        section = Section("", 1, 0, first)
        if self.text[:first].strip():
            self.sections.append(section)
        by_line = {}
        for h, end in zip(headings, bounds, strict=True):
            heading = self.text[h.body_start : h.body_end]
            by_line[h.start] = Section(heading, h.level, h.start, end, h.body_start)
            self.sections.append(by_line[h.start])
        i, n = 0, len(self.lines)
        while i < n:
            line = self.lines[i]
            if line.kind == "heading":
                section = by_line[line.start]
                self.lists.clear()
                self.previous_block = []
                self.table_head = None
                i += 1
            elif line.kind in ("blank", "skip"):
                self.table_head = None if line.kind == "blank" else self.table_head
                i += 1
            elif line.kind == "row":
                self.row(line, section)
                i += 1
            elif line.kind == "item":
                j = self.item_end(i)
                self.item(line, self.lines[j - 1], section)
                i = j
            else:
                j = i + 1
                while j < n and self.lines[j].kind == "text":
                    j += 1
                self.paragraph(line, self.lines[j - 1], section)
                i = j
        return self.sections, self.sentences

    def add(self, a: int, b: int, section: Section, **flags: Any) -> Sentence:
        sentence = Sentence(self.text[a:b], a, b, len(self.sentences), section, **flags)
        self.sentences.append(sentence)
        return sentence

    def row(self, line: Line, section: Section) -> None:
        self.lists.clear()
        sentence = self.add(
            line.body_start, line.body_end, section, is_table_row=True, lead=self.table_head
        )
        self.table_head = self.table_head or sentence
        self.previous_block = [sentence]

    def item_end(self, i: int) -> int:
        """Index just past the item's last line: hard-wrapped continuation lines belong to it."""
        item = self.lines[i]
        j = i + 1
        while j < len(self.lines) and self.lines[j].kind == "text":
            nxt = self.lines[j]
            prev = self.lines[j - 1]
            prev_text = self.text[prev.start : prev.end].rstrip()
            nxt_text = self.text[nxt.start : nxt.end].lstrip()
            wrapped = not ends_sentence(prev_text) and len(prev_text.split()) > 8
            if not (nxt.indent > item.indent or nxt_text[:1].islower() or wrapped):
                break
            j += 1
        return j

    def item(self, first: Line, last: Line, section: Section) -> None:
        style = first.style
        styles = [s for s, _ in self.lists]
        if style in styles:
            del self.lists[styles.index(style) + 1 :]
            lead = self.lists[-1][1]
        else:
            lead = self.lead()
            self.lists.append((style, lead))
        end = last.end if last is not first else first.body_end
        # A paragraph made an item by its shape is an item in its first sentence only: "To
        # contact you. If you wish to stop receiving them, change your settings."
        self.block(first.body_start, end, section, lead, first_only=style == BARE)

    def lead(self) -> Sentence | None:
        """The sentence introducing a new list: the last one ending with ':' in the block just
        before, else that block's last sentence."""
        for sentence in reversed(self.previous_block):
            if sentence.text.rstrip("\"'”’)").endswith(":"):
                return sentence
        return self.previous_block[-1] if self.previous_block else None

    def paragraph(self, first: Line, last: Line, section: Section) -> None:
        # an indented paragraph under a list item continues the item's list
        if not (first.indent and self.lists):
            self.lists.clear()
        self.table_head = None
        self.block(first.start, last.end, section, None, is_list_item=False)

    def block(
        self,
        start: int,
        end: int,
        section: Section,
        lead: Sentence | None,
        is_list_item: bool = True,
        first_only: bool = False,
    ) -> None:
        """Sentences of one paragraph or list item. Lines after a line ending with ':' form an
        unmarked list ("rights are:\nthe right to access;\nthe right to erasure.")."""
        text = self.text
        block: list[Sentence] = []
        colon: Sentence | None = None
        item_end = -1  # end of the line of the current unmarked item
        for a, b in split_sentences(text, start, end):
            if colon is not None and a >= item_end and text[item_end - 1] == ".":
                colon = None  # "the right to erasure." ended the list
            if colon is not None and a >= item_end:
                line_end = text.find("\n", a, end)
                line_end = end if line_end == -1 else line_end
                if text[a - 1 : a] == "\n" and item_like(text[a:line_end]):
                    item_end = line_end
                else:
                    colon = None
            if colon is not None:
                block.append(self.add(a, b, section, is_list_item=True, lead=colon))
            elif first_only and block:
                block.append(self.add(a, b, section, is_list_item=False, lead=None))
            else:
                block.append(self.add(a, b, section, is_list_item=is_list_item, lead=lead))
            if text[b - 1] == ":" and text[b : b + 1] in ("\n", ""):
                colon, item_end = block[-1], b
        if block:
            self.previous_block = block


@component("segment.v1", assigns=["doc.sections", "doc.sentences"])
def make_segmenter(lexicon: Lexicon, **config: Any):
    """The segmenter takes no settings; the lexicon is unused (segmentation is lexical)."""
    if config:
        raise PipelineError(f"segment.v1 takes no settings, got {sorted(config)}")

    def run(doc: PolicyDoc) -> None:
        doc.sections, doc.sentences = segment(doc.document.text)

    return run


__all__ = ["make_segmenter", "segment", "split_sentences"]
