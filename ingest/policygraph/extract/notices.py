"""contacts.v1, children.v1 and do_not_track.v1: the notices most policies carry.

- contacts: e-mail addresses (role "dpo" near a data protection officer, "privacy" for privacy@
  or a privacy officer, else "controller") and, best effort, postal addresses near "contact us";
- children: the minimum age ("under 13", "under the age of 16") and whether the company says it
  knowingly collects from children;
- do not track: whether the company honours Do Not Track signals.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import ChildrenStatement, Contact, DoNotTrack, Evidence, PolicyDoc, Sentence
from ..pipeline import component

if TYPE_CHECKING:
    from ..lexicon import Lexicon

_I = re.IGNORECASE

# --- contacts -----------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"
)
_DPO = re.compile(r"(?i:\bdata protection officer\b)|\bDPO\b")
_PRIVACY = re.compile(r"\bprivacy (officer|team|office|department|lead|manager)\b", _I)
_ROLE_RANK = {"controller": 0, "privacy": 1, "dpo": 2}
_CONTACT_CUE = re.compile(
    r"\bcontact\b|\bwrite\b|\bwriting\b|\bmail\b|\baddress\b|\bdirect\b|\bsend\b|\breach\b"
    r"|\bpost\b|\blocated at\b|\boffices?\b|\bis the (?:data )?controller\b",
    _I,
)
_CONTACT_KEYS = (
    "contact",
    "writ",
    "mail",
    "address",
    "direct",
    "send",
    "reach",
    "post",
    "office",
    "located at",
    "controller",
)
_ADDRESS_CUE = re.compile(
    r"\b(?:(?:delivery|registered|mailing|postal|business|office|our) address(?: is| of)?"
    r"|by (?:mail|post)(?: (?:at|to))?|write to us at|registered office(?: is| at)?|located at"
    r"|send (?:it|them|your request|a letter) to)\s*:?\s*",
    _I,
)
_STREET = re.compile(
    r"(?:#\s?)?\d[\w/-]*,?\s+(?:(?:[A-Z][\w.'’-]*|\d+(?:st|nd|rd|th))\s+){1,4}"
    r"(?:Avenue|Ave|Street|St|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Parkway|Pkwy|Place"
    r"|Pl|Court|Ct|Square|Sq|Highway|Hwy|Plaza|Terrace|Row|Strasse|Straße|straat)\b\.?"
    # the number after the street, as in much of Europe: "Keizersgracht 1", "Hauptstraße 12a"
    r"|\b[A-Z][\w'’-]*(?:stra(?:ss|ß)e|straat|gracht|weg|gasse|platz|laan|vej|gatan|gade|allee"
    r"|kade|plein|ring|väg|vägen|veien)\s+\d+[a-z]?\b"
    r"|\b(?:Rue|Via|Viale|Calle|Avenida|Rua|Piazza|Corso|Carrer|Ulica)\s+(?:[\w'’.-]+\s+){1,4}"
    r"\d+[a-z]?\b"
)


def _role(text: str, email: str, context: str) -> str:
    if _DPO.search(text) or _DPO.search(context) or re.match(r"(dpo|gdpr)[@._-]", email, _I):
        return "dpo"
    if email.lower().startswith("privacy") or _PRIVACY.search(text):
        return "privacy"
    return "controller"


def _address(text: str) -> str | None:
    """The postal address in a sentence: after an address cue or from a street address on."""
    start = None
    m = _ADDRESS_CUE.search(text)
    if m and re.search(r"\d", text[m.end() : m.end() + 80]):
        start = m.end()
    else:
        street = _STREET.search(text)
        if street is None:
            return None
        start = street.start()
        # "to Umso Software Inc., #900-2025 Willingdon Avenue": keep the addressee.
        before = text[max(0, start - 60) : start]
        name = re.search(r"(?:\bto|\bat|:)\s+((?:[A-Z][\w&.'’-]*,?\s+){1,5})$", before)
        if name:
            start -= len(name.group(1))
    address = text[start:]
    address = re.split(
        r"\s+(?:or|and) (?:by|at|via|email|e-mail|call)\b|\s+\(|[;]"
        r"|,?\s+(?:is|are|acts as)\s+(?:the|our)\b",  # "…, the Netherlands, is the controller"
        address,
    )[0]
    address = " ".join(address.split()).strip(" .,")
    if not 8 <= len(address) <= 200 or not re.search(r"\d", address):
        return None
    return address


def _cued(text: str) -> bool:
    low = text.lower()
    return any(k in low for k in _CONTACT_KEYS) and bool(_CONTACT_CUE.search(text))


def find_contacts(sentences: list[Sentence]) -> list[Contact]:
    contacts: list[Contact] = []
    # one contact per address, or two when the address is also the DPO's: both roles are facts
    by_email: dict[tuple[str, bool], int] = {}
    invited: set[int] = set()  # contacts stated as a way to reach the company ("contact us at")
    addresses: set[str] = set()
    for sentence in sentences:
        text = sentence.text
        has_at = "@" in text
        cue = _cued(text)
        if not cue and sentence.is_list_item and sentence.lead is not None:
            cue = _cued(sentence.lead.text)  # "Acme is located at:" + "366 3rd Ave, S."
        if not has_at and not cue:
            continue
        context = f"{sentence.section.heading} {sentence.lead.text if sentence.lead else ''}"
        address = _address(text) if cue and re.search(r"\d", text) else None
        if address in addresses:
            address = None
        emails = [m.group().rstrip(".") for m in _EMAIL.finditer(text)] if has_at else []
        inviting = cue or "contact" in sentence.section.heading.lower()
        for email in emails:
            role = _role(text, email.lower(), context)
            key = (email.lower(), role == "dpo")
            contact = Contact(role, Evidence.of(sentence), email=key[0], address=address)
            if address:
                addresses.add(address)
            if key not in by_email:
                by_email[key] = len(contacts)
                contacts.append(contact)
                if inviting:
                    invited.add(len(contacts) - 1)
            else:
                i = by_email[key]
                old = contacts[i]
                rank, old_rank = _ROLE_RANK[role], _ROLE_RANK[old.role]
                better = (address and not old.address) or (inviting and i not in invited)
                if rank > old_rank or (better and rank == old_rank):
                    # a better role, the address stated with it, or where people are told to write
                    contacts[i] = contact
                    if inviting:
                        invited.add(i)
        if address and not emails:
            addresses.add(address)
            role = (
                "dpo" if _DPO.search(text) else "privacy" if _PRIVACY.search(text) else "controller"
            )
            contacts.append(Contact(role, Evidence.of(sentence), address=address))
    return contacts


# --- children -----------------------------------------------------------------------------

_CHILD = re.compile(r"\b(child(ren)?|minors?|kids?|coppa|teens?|teenagers?|under ?age)\b", _I)
_CHILD_KEYS = ("child", "minor", "kid", "coppa", "teen", "age", "year")
_AGE = re.compile(
    r"\b(?:under|below|younger than|less than|over|above|older than|at least|aged?|minimum age of)"
    r"\s+(?:the\s+)?(?:age\s+of\s+)?(\d{1,2})\b(?:\s*(?:\+|years?(?:\s+(?:of\s+age|old))?))?",
    _I,
)
_AGE_CONTEXT = re.compile(
    r"\bcollect|\bdirected\b|\bintended\b|\btarget|\bmust be\b|\bknowingly\b|\bsolicit"
    r"|\bnot (?:for|meant)\b|\bpermit|\ballow|\beligible|\bregister|\buse (?:of )?(?:our|the|this)",
    _I,
)
_DENIAL = re.compile(
    r"\b(?:do(?:es)?|will|shall)\s*(?:not|n[’']t)\s+(?:knowingly\s+|intentionally\s+)?"
    r"(?:collect|solicit|request|gather|process|market|sell)"
    r"|\bnot\s+knowingly\b|\bnever\s+(?:knowingly\s+)?collect"
    r"|\bnot\s+(?:directed|intended|targeted|designed|meant)\b",
    _I,
)
_COLLECTS = re.compile(
    r"\bwe\s+(?:may\s+)?(?:knowingly\s+)?collect\b[^.]{0,80}\b(?:from|about|of)\s+children\b"
    r"|\bwith (?:verifiable )?parental consent\b",
    _I,
)


def find_children(sentences: list[Sentence]) -> list[ChildrenStatement]:
    found: list[ChildrenStatement] = []
    for sentence in sentences:
        text = sentence.text
        low = text.lower()
        if not any(k in low for k in _CHILD_KEYS):
            continue
        heading = sentence.section.heading
        child = bool(_CHILD.search(text))
        ages = [int(m.group(1)) for m in _AGE.finditer(text)] if re.search(r"\d", text) else []
        ages = [a for a in ages if 5 <= a <= 21]
        # "California residents under 18 may request removal": an age, but not about children.
        if not child and not (ages and (_CHILD.search(heading) or _AGE_CONTEXT.search(text))):
            continue
        denial = bool(_DENIAL.search(text))
        collects = bool(_COLLECTS.search(text)) and not denial
        if not ages and not denial and not collects:
            continue
        found.append(
            ChildrenStatement(
                Evidence.of(sentence), minimum_age=max(ages) if ages else None,
                collects_knowingly=collects,
            )
        )  # fmt: skip
    return found


# --- do not track -------------------------------------------------------------------------

_DNT = re.compile(r"\bdo[\s-]+not[\s-]+track\b|\bDNT\b|\btracking preference signals?\b", _I)
_DNT_NO = re.compile(
    r"\b(?:do(?:es)?|will|can|could|are|is)\s*(?:not|n[’']t)\s+(?:currently\s+|yet\s+)?"
    r"(?:respond|honou?r|recogni[sz]e|support|process|act|alter|change|react|comply|respect"
    r"|use\s+(?:any\s+)?technology\s+that\s+recogni[sz]es|able\s+to\s+respond)"
    r"|\bno\s+(?:uniform|industry|common|universally\s+accepted|accepted|standard|consensus)"
    r"|\bnot\s+(?:yet\s+)?(?:been\s+)?(?:established|adopted|standardi[sz]ed|agreed)"
    r"|\bignore[sd]?\b|\bwithout\s+regard\b",
    _I,
)
_DNT_YES = re.compile(
    r"\b(?:respond|respects?|honou?rs?|recogni[sz]es?|supports?|complies|comply|processes)\b"
    r"[^.]{0,40}\b(?:do[\s-]+not[\s-]+track|DNT|signals?|requests?)"
    r"|\b(?:we|our \w+)\s+(?:will\s+|do\s+)?(?:respect|honou?r|respond to|comply with|recogni[sz]e)"
    r"\s+(?:it|them|this|these|that|such)\b",
    _I,
)


def find_do_not_track(sentences: list[Sentence]) -> list[DoNotTrack]:
    found: list[DoNotTrack] = []
    for sentence in sentences:
        text = sentence.text
        low = text.lower()
        if "track" not in low and "dnt" not in low and "signal" not in low:
            continue
        if not _DNT.search(text) and not (
            _DNT.search(sentence.section.heading) and re.search(r"\bsignals?\b", text, _I)
        ):
            continue
        if _DNT_NO.search(text):
            found.append(DoNotTrack(Evidence.of(sentence), honoured=False))
        elif _DNT_YES.search(text) and re.search(r"\b(we|our)\b", text, _I):
            found.append(DoNotTrack(Evidence.of(sentence), honoured=True))
    return found


# --- the components -----------------------------------------------------------------------


@component("contacts.v1", requires=["doc.sentences"], assigns=["fact.contacts"])
def make_contacts(lexicon: Lexicon, **config):
    def run(doc: PolicyDoc) -> None:
        doc.facts.contacts.extend(find_contacts(doc.sentences))

    return run


@component("children.v1", requires=["doc.sentences"], assigns=["fact.children"])
def make_children(lexicon: Lexicon, **config):
    def run(doc: PolicyDoc) -> None:
        doc.facts.children.extend(find_children(doc.sentences))

    return run


@component("do_not_track.v1", requires=["doc.sentences"], assigns=["fact.do_not_track"])
def make_do_not_track(lexicon: Lexicon, **config):
    def run(doc: PolicyDoc) -> None:
        doc.facts.do_not_track.extend(find_do_not_track(doc.sentences))

    return run
