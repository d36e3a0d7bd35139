"""The text forms of every concept in ontology/, and a fast phrase matcher over them.

The lexicon is read from the SKOS vocabularies (skos:prefLabel, skos:altLabel, skos:hiddenLabel;
for organisations, pg:legalName and pg:caseSensitiveLabel; for processing actions, the verb forms
of pg:verbForm) and turned into plain Python objects, so that the extractors never touch rdflib.
Matching is dictionary lookup of token n-grams, longest match first, after a light plural folding
("addresses" -> "address").
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from .resources import data_files
from .text import fold, split_camel, tokenize
from .vocab import PG, PREFIXES

# Short scheme names used by the extractors -> the scheme's local name in pg:.
SCHEMES = {
    "personal-data": "PersonalDataScheme",
    "purpose": "PurposeScheme",
    "legal-basis": "LegalBasisScheme",
    "safeguard": "SafeguardScheme",
    "right": "RightScheme",
    "law": "LawScheme",
    "location": "LocationScheme",
    "measure": "MeasureScheme",
    "processing": "ProcessingScheme",
    "recipient-category": "RecipientCategoryScheme",
    "cookie-category": "CookieCategoryScheme",
    "audience": "AudienceScheme",
    "choice": "UserChoiceScheme",
    "source": "DataSourceScheme",
    "necessity": "NecessityScheme",
    "decision": "DecisionMakingScheme",
    "organisation": "OrganisationScheme",
}
_CAMEL = re.compile(r"[a-z][A-Z]")
_END = ""  # trie key for "a phrase ends here" (tokens are never empty)
_fold = lru_cache(maxsize=200_000)(fold)  # policy vocabulary repeats a lot
_SCHEME_BY_IRI = {PG[local]: short for short, local in SCHEMES.items()}


def curie(iri: str) -> str | None:
    """The CURIE of an IRI under PREFIXES (longest namespace wins), or None."""
    best: tuple[int, str] | None = None
    for prefix, namespace in PREFIXES.items():
        ns = str(namespace)
        if iri.startswith(ns) and (best is None or len(ns) > best[0]):
            best = (len(ns), f"{prefix}:{iri[len(ns) :]}")
    return best[1] if best else None


@dataclass(frozen=True)
class Concept:
    curie: str
    label: str
    scheme: str  # short scheme name, a key of SCHEMES
    broader: tuple[str, ...] = ()
    notation: str | None = None


@dataclass(frozen=True)
class OrganisationEntry:
    key: str  # local name under pgo:, "stripe"
    name: str
    legal_name: str | None
    country: str | None  # loc: CURIE
    category: str | None  # CURIE of a service category
    provided_by: str | None  # key of the parent company, for products


@dataclass(frozen=True)
class Match:
    curie: str
    scheme: str
    start: int  # character offsets into the matched text
    end: int
    text: str


class Lexicon:
    def __init__(self, graph: Graph) -> None:
        self.concepts: dict[str, Concept] = {}
        self.organisations: dict[str, OrganisationEntry] = {}
        # folded token tuple -> [(curie, scheme)]; case-sensitive forms kept apart
        # Token tries: folded forms, and forms matched only as written. A node maps the next
        # token to a child node; _END holds the (curie, scheme) entries a phrase ends with.
        self._trie: dict = {}
        self._exact_trie: dict = {}
        self._cache: dict[str, list[Match]] = {}
        # word form -> processing action ("gathered" -> "collect"), for the clause reader
        self.verb_forms: dict[str, str] = {}
        self._load(graph)

    @classmethod
    def from_files(cls, paths: list[Path]) -> Lexicon:
        graph = Graph()
        for path in paths:
            graph.parse(path, format="turtle")
        return cls(graph)

    def _load(self, g: Graph) -> None:
        for subject, scheme_iri in g.subject_objects(SKOS.inScheme):
            scheme = _SCHEME_BY_IRI.get(scheme_iri)
            key = curie(str(subject)) if isinstance(subject, URIRef) else None
            if scheme is None or key is None:
                continue
            label = str(g.value(subject, SKOS.prefLabel) or key.split(":", 1)[1])
            broader = tuple(
                c for c in (curie(str(b)) for b in g.objects(subject, SKOS.broader)) if c
            )
            notation = g.value(subject, SKOS.notation)
            self.concepts[key] = Concept(
                key, label, scheme, broader, str(notation) if notation else None
            )
            if scheme == "processing" and notation:
                self.verb_forms.update(
                    dict.fromkeys(map(str, g.objects(subject, PG.verbForm)), str(notation))
                )
            forms = [label]
            forms += [str(o) for o in g.objects(subject, SKOS.altLabel)]
            forms += [str(o) for o in g.objects(subject, SKOS.hiddenLabel)]
            if scheme == "organisation":
                legal = g.value(subject, PG.legalName)
                forms += [str(legal)] if legal else []
                self._add_org(g, subject, key, label, legal)
            if scheme == "purpose":
                forms += [g for g in map(_gerund_form, forms) if g]
                forms += [f for form in forms for f in _determiner_forms(form)]
            for form in forms:
                self._add(form, key, scheme, exact=False)
            for form in g.objects(subject, PG.caseSensitiveLabel):
                self._add(str(form), key, scheme, exact=True)
        # A registry name that is also a common word ("Box", "Square") is matched only as
        # written: drop its folded form when a case-sensitive form was declared.
        for subject in g.subjects(PG.caseSensitiveLabel, None):
            key = curie(str(subject))
            for form in g.objects(subject, PG.caseSensitiveLabel):
                node = self._trie
                for token in (fold(t) for t, _, _ in tokenize(str(form))):
                    node = node.get(token, {})
                if _END in node:
                    node[_END] = [e for e in node[_END] if e[0] != key]

    def _add_org(self, g: Graph, subject: URIRef, key: str, label: str, legal) -> None:
        def local(node) -> str | None:
            c = curie(str(node)) if node is not None else None
            return c.split(":", 1)[1] if c and c.startswith("pgo:") else c

        self.organisations[key] = OrganisationEntry(
            key=key.split(":", 1)[1],
            name=label,
            legal_name=str(legal) if isinstance(legal, Literal) else None,
            country=curie(str(g.value(subject, PG.country)))
            if g.value(subject, PG.country)
            else None,
            category=curie(str(g.value(subject, PG.serviceCategory)))
            if g.value(subject, PG.serviceCategory)
            else None,
            provided_by=local(g.value(subject, PG.providedBy)),
        )

    def _add(self, form: str, key: str, scheme: str, *, exact: bool) -> None:
        tokens = [t for t, _, _ in tokenize(form)]
        if not tokens:
            return
        node = self._exact_trie if exact else self._trie
        for token in tokens if exact else map(fold, tokens):
            node = node.setdefault(token, {})
        entries = node.setdefault(_END, [])
        if (key, scheme) not in entries:
            entries.append((key, scheme))

    def match(self, text: str) -> list[Match]:
        """Every concept named in `text`: per scheme, longest match first, no overlaps.

        Text glued from table cells ("pusherTransportTLSMessagebird") is scanned a second time
        split at case changes, so names inside it are found too.
        """
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        found: list[Match] = []
        taken: dict[str, list[tuple[int, int]]] = defaultdict(list)  # scheme -> char spans
        self._scan(text, tokenize(text), found, taken)
        if _CAMEL.search(text):
            self._scan(text, split_camel(tokenize(text)), found, taken)
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[text] = found
        return found

    def _scan(
        self,
        text: str,
        tokens: list[tuple[str, int, int]],
        found: list[Match],
        taken: dict[str, list[tuple[int, int]]],
    ) -> None:
        raw = [t for t, _, _ in tokens]
        folded = [_fold(t) for t in raw]
        count = len(tokens)
        for i in range(count):
            # (phrase length, entries) for every phrase starting here, longest first
            ends = _walk(self._trie, folded, i) + _walk(self._exact_trie, raw, i)
            for n, hits in sorted(ends, key=lambda e: -e[0]):
                start, end = tokens[i][1], tokens[i + n - 1][2]
                for key, scheme in hits:
                    if any(s < end and start < e for s, e in taken[scheme]):
                        continue
                    taken[scheme].append((start, end))
                    found.append(Match(key, scheme, start, end, text[start:end]))

    def find(self, text: str, scheme: str) -> list[Match]:
        return [m for m in self.match(text) if m.scheme == scheme]

    def ancestors(self, key: str) -> set[str]:
        """All broader concepts of `key`, transitively (not including `key`)."""
        seen: set[str] = set()
        stack = list(self.concepts[key].broader) if key in self.concepts else []
        while stack:
            parent = stack.pop()
            if parent not in seen:
                seen.add(parent)
                stack.extend(self.concepts[parent].broader if parent in self.concepts else ())
        return seen

    def in_scheme(self, scheme: str) -> list[Concept]:
        return [c for c in self.concepts.values() if c.scheme == scheme]


def _walk(trie: dict, tokens: list[str], i: int) -> list[tuple[int, list[tuple[str, str]]]]:
    ends = []
    node = trie.get(tokens[i])
    j = i + 1
    while node is not None:
        if node.get(_END):
            ends.append((j - i, node[_END]))
        if j == len(tokens):
            break
        node = node.get(tokens[j])
        j += 1
    return ends


def ontology_files() -> list[Path]:
    return data_files("ontology", "*.ttl")


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon.from_files(ontology_files())


_VOWELS = set("aeiou")
_PARTICLES = {"with", "to", "for", "of", "in", "on", "up", "out", "about", "by"}


_DETERMINERS = ("the", "our", "your", "a", "an", "their", "its", "any")


def _determiner_forms(label: str) -> list[str]:
    """ "complete your transaction" -> "complete transaction", "complete a transaction", "complete
    the transaction" …: a purpose phrase names its object with any determiner after the verb,
    or none (lists of purposes leave it out). Phrases of three words or more."""
    words = label.split()
    if len(words) < 3 or words[1].lower() not in _DETERMINERS:
        return []
    verb, rest = words[0], " ".join(words[2:])
    return [f"{verb} {rest}"] + [f"{verb} {d} {rest}" for d in _DETERMINERS if d != words[1]]


def _gerund_form(label: str) -> str | None:
    """ "administer the site" -> "administering the site": a purpose phrase is written with
    either form of its verb. Only phrases of two words or more, whose first word is not one."""
    first, _, rest = label.partition(" ")
    if not rest or not first.isalpha() or first.endswith("ing") or len(first) < 3:
        return None
    if rest.lower() in _PARTICLES:
        return None  # "comply with" names its object only in the base form's own sentences
    word = first.lower()
    if word.endswith("ie"):
        stem = word[:-2] + "y"
    elif word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
        stem = word[:-1]
    elif (
        len(word) <= 4
        and word[-1] not in _VOWELS | set("wxy")
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    ):
        stem = word + word[-1]  # "run" -> "running", "set" -> "setting"
    else:
        stem = word
    return f"{stem}ing {rest}"
