"""The typed objects that flow through the pipeline: read -> segment -> extract -> build.

Nothing here knows about RDF. Concepts are CURIE strings from the ontology ("pd:EmailAddress",
"dpv:Marketing", "eu-gdpr:A6-1-a"); organisations are registry keys ("stripe") or slugs of the
name a policy used ("atomical-creative"). build.py turns both into IRIs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .text import slug


@dataclass(frozen=True)
class Document:
    """One policy file as read from disk: plain text plus what we know about its origin."""

    text: str
    source: str  # path or URL as given by the user
    sha256: str  # of the raw bytes
    media_type: str  # text/plain, text/markdown, text/html
    title: str | None = None
    company: str | None = None  # from a manifest, if the user gave one
    date: date | None = None  # from a manifest, if the user gave one


@dataclass(frozen=True)
class Section:
    heading: str  # "" for text before the first heading
    level: int  # 1 = top
    start: int  # character offsets into Document.text
    end: int
    heading_start: int = -1  # offset of the heading text, -1 when there is none


@dataclass(frozen=True)
class Sentence:
    """A sentence or list item. `lead` is the sentence that introduces a list ("We collect:")."""

    text: str
    start: int
    end: int
    index: int
    section: Section
    is_list_item: bool = False
    lead: Sentence | None = None
    is_table_row: bool = False


@dataclass(frozen=True)
class Evidence:
    """Where a fact was stated: character offsets of the sentence and its exact text."""

    start: int
    end: int
    quote: str
    section: str = ""

    @classmethod
    def of(cls, sentence: Sentence) -> Evidence:
        return cls(sentence.start, sentence.end, sentence.text, sentence.section.heading)


@dataclass(frozen=True)
class Organisation:
    """A named company or product. `key` is the registry key, or a slug for unknown entities."""

    key: str
    name: str  # the text form found
    known: bool  # True when the key comes from the ontology's registry


@dataclass(frozen=True)
class Recipient:
    """Who receives data: a named organisation or a category ("pg:ServiceProviders")."""

    role: str  # processor | third-party | affiliate | authority | recipient
    organisation: Organisation | None = None
    category: str | None = None  # CURIE of a recipient category


@dataclass(frozen=True)
class Retention:
    duration: str | None = None  # xsd:duration lexical form, "P2M"; None when only a condition
    condition: str | None = None  # "while your account is active"
    text: str = ""  # the phrase the duration came from, "two months"


# Actions a practice can state; each maps to a processing concept in the ontology.
ACTIONS = ("collect", "use", "share", "sell", "store", "transfer", "disclose", "retain")


@dataclass
class Practice:
    action: str  # one of ACTIONS
    evidence: Evidence
    negated: bool = False  # "we do not sell": a denial, never a positive practice
    hedged: bool = False  # "may share"
    data: list[str] = field(default_factory=list)
    purposes: list[str] = field(default_factory=list)
    # the words of a purpose no concept names (purposes then hold dpv:Purpose): "to ensure …"
    purpose_text: str | None = None
    recipients: list[Recipient] = field(default_factory=list)
    legal_bases: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)  # loc: CURIEs (storage, transfer)
    safeguards: list[str] = field(default_factory=list)  # transfer safeguards
    retention: Retention | None = None
    by_third_party: bool = False  # collected by a third party (cookies, SDKs), not the company
    # whose data, when the statement says ("from children under 13"): pg:AudienceScheme concepts
    data_subjects: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Mention:
    """A concept a policy states: a law, right, location, security measure, legal basis,
    audience, or a choice it offers people (opt-out link, browser settings, account settings)."""

    kind: str  # a key of build.MENTION_CLASS: law, right, location, source, necessity ...
    concept: str  # CURIE
    evidence: Evidence
    relation: str | None = None  # locations: establishment | storage | processing | transfer
    purposes: tuple[str, ...] = ()  # legitimate interests: the purposes pursued, named with them


@dataclass(frozen=True)
class Cookie:
    name: str
    evidence: Evidence
    provider: Organisation | None = None
    duration: str | None = None  # xsd:duration, or None for "session"/"indefinite"
    duration_text: str | None = None
    purpose: str | None = None  # free text as written
    category: str | None = None  # CURIE of a cookie category


@dataclass(frozen=True)
class Contact:
    role: str  # controller | dpo | privacy
    evidence: Evidence
    email: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class ChildrenStatement:
    evidence: Evidence
    minimum_age: int | None = None
    collects_knowingly: bool = False  # True only when the policy says it does collect from children


@dataclass(frozen=True)
class DoNotTrack:
    evidence: Evidence
    honoured: bool


@dataclass
class Facts:
    """Everything the extractors found in one policy."""

    practices: list[Practice] = field(default_factory=list)
    organisations: list[tuple[Organisation, Evidence]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    cookies: list[Cookie] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    children: list[ChildrenStatement] = field(default_factory=list)
    do_not_track: list[DoNotTrack] = field(default_factory=list)


@dataclass
class PolicyDoc:
    """The unit a pipeline works on, like spaCy's Doc: the document, its parts, the facts."""

    document: Document
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    company: str | None = None  # controller's name
    legal_name: str | None = None  # its legal entity if named: "Umso Software Inc."
    effective: date | None = None  # effective or last-updated date
    title: str | None = None
    facts: Facts = field(default_factory=Facts)

    def company_keys(self) -> set[str]:
        """Organisation keys that are the company itself: its name's and its legal name's."""
        return {slug(name) for name in (self.company, self.legal_name) if name}
