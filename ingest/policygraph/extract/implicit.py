"""Practices a sentence states without a data verb of its own: sentences that add data, a
purpose or a legal basis to the practices just before them ("We collect Log Data. This Log Data
may include …"), and verbless statements (a labelled paragraph of data, a purpose label, "we may
send you offers", a CCPA category table). Each is a pattern of its own that `practices.py` tries
around its reading of action verbs (mostly where that finds nothing), so they live apart from it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import Evidence, Practice, Recipient, Sentence
from .clauses import PERSONAL_WORDS, Clause, is_definition, lower, verb_forms
from .common import (
    MERGER,
    PERSONAL_DATA,
    SOME_PURPOSE,
    curies,
    unique,
    unnamed_purpose,
    without_deal_data,
)
from .recipients import find_recipients
from .verbs import THIRD

if TYPE_CHECKING:
    from .practices import PracticeReader

# A legal basis stated for the processing of the sentence before.
_THIS_PROCESSING = re.compile(
    r"\b(?:legal|lawful)\s+(?:basis|bases|grounds?)\s+for\s+(?:this|that|such|these|those|the\s+above)"
    r"\s+(?:processing|use|uses|purposes?|activit(?:y|ies))\b",
    re.IGNORECASE,
)
# A sentence that goes on about the data just named: "This Log Data may include ...".
_ELABORATION = re.compile(
    r"^\W*(?P<subject>[^.;:]{1,60}?)\s+(?:may\s+|can\s+|might\s+|will\s+"
    r"|could\s+|would\s+)?(?:also\s+)?(?:include|includes|including|consists?\s+of|contains?"
    r"|comprises?|covers?)\b"
    r"|^\W*(?P<included>included\s+in\s+[^.;:]{1,60}?)\s+(?:are|is)\b",
    re.IGNORECASE,
)
# "We may occasionally send you …", "we will contact you …": no negation between we and the verb.
# "We will notify you" / "inform you" are about changes and requests, not a purpose of the data.
_CONTACTS_YOU = re.compile(
    r"\bwe\s+(?:(?P<hedge>may|might|could)\s+)?(?:(?:will|can|would|also|occasionally|periodically"
    r"|sometimes|regularly)\s+)*(?:(?:send|e-?mail|contact|update|call|text|message)\s+you\b"
    r"|keep\s+you\s+(?:informed|updated|up[- ]to[- ]date|posted)\b"
    r"|send\s+(?:(?:you|our|the)\s+)?(?:communications|messages|e-?mails|newsletters|offers))",
    re.IGNORECASE,
)
# "information … may be among / one of the (business) assets transferred"
_AMONG_ASSETS = re.compile(
    r"\b(?:among|one\s+of|part\s+of|included\s+in)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}assets\b"
    r"|\bamong\s+the\s+(?:items|things)\s+(?:sold|transferred)\b"
)
# A CCPA category table flattened to one cell per paragraph (see ImplicitReader.category_table)
_CATEGORY_TABLE = re.compile(
    r"\bcollected\s+the\s+following\s+categories\s+of\s+personal\s+information\b[^\n]*:", re.I
)
_CATEGORY_ROW = re.compile(
    r"^(?P<row>[A-L]\.[ \t]+[^\n]+\n+(?:(?!(?:YES|NO)\n)[^\n]+\n+){0,2}?)(?P<cell>YES|NO)$",
    re.MULTILINE,
)
_PURPOSE_OF_PROCESSING = re.compile(
    r"\bpurposes?\s+(?:for|of|in)\s+(?:the\s+|this\s+|such\s+)?(?:processing|collecting|using"
    r"|collection|use|information|data)\b"
    r"|\b(?:use|processing|collection)\s+of\s+(?:your\s+|the\s+)?(?:personal\s+|user\s+)?"
    r"(?:data|information)\b[^.;]{0,40}\b(?:is|are|may\s+(?:also\s+)?be)\s+(?:also\s+)?"
    r"(?:necessary|required|needed)\b",
    re.IGNORECASE,
)
# "The legal basis for collecting Personal Information is your consent", "Our lawful basis for
# processing your contact details is our legitimate interest in …": the basis of a practice
_BASIS_OF_PROCESSING = re.compile(
    r"\b(?:legal|lawful)\s+bas[ie]s\s+(?:for|of)\s+(?:the\s+|our\s+)?(?P<verb>processing|collecting"
    r"|collection|using|use|sharing|disclosing|disclosure|storing|storage|retaining|retention)\b"
    r"(?P<object>[^.;]{0,120}?)\s+(?:is|are|will\s+be|may\s+be)\b",
    re.IGNORECASE,
)
# the nouns of actions; their gerunds ("collecting") are verb forms (ontology/processing.ttl)
_ACTION_NOUNS = {
    "collection": "collect", "disclosure": "disclose", "storage": "store", "retention": "retain",
}  # fmt: skip
# "The Android Advertising ID is required to serve the ad in the app": data needed for a purpose
_DATA_NEEDED = re.compile(
    r"^\W*(?P<subject>(?:(?!\b(?:is|are|be|as|it|we|you)\b)[^,;:]){2,80}?)"
    r"\s+(?:is|are|(?:may|will|can|might)\s+be)\s+(?:also\s+)?"
    r"(?:required|needed|necessary|essential)\s+(?:to|for|in\s+order\s+to)\b",
    re.IGNORECASE,
)
# "… to disclose information that it believes is necessary\n\nto take precautions against
# liability;": a purpose in lower case, going on from the sentence before
_PURPOSE_GOES_ON = re.compile(r"(?:or\s+|and\s+)?(?:to|for|in\s+order\s+to)\s+[a-z]")
# "This enables us to …", "We do this to …", "This information is used to …"
_SERVES = re.compile(
    r"^\W*(?:(?:this|these|that|those|such|it|they|their|its)\b[^.;:]{0,40}?\s+(?:also\s+)?"
    r"(?:enables?|allows?|helps?|lets?|permits?|is\s+used|are\s+used|serves?"
    r"|(?:is|are)\s+(?:required|needed|necessary|essential)\s+(?:to|for|in\s+order))\b"
    r"|we\s+(?:do|use)\s+(?:this|that|so|these|them|it)\s+(?:to|for|in\s+order)\b"
    # "This is how we inform you about updates", "That way we can improve …", "This is so we can …"
    r"|(?:this|that)\s+is\s+(?:how|why|so\s+(?:that\s+)?)\s*we\b"
    r"|(?:this|that)\s+way,?\s+we\s+(?:can|will|may|are\s+able\s+to)\b"
    r"|the\s+reason\s+(?:for\s+(?:this|that)\s+)?is\s+(?:to|that|so)\b"
    # "… necessary for our legitimate business interests. Legitimate interests include …"
    r"|(?:(?:our|these|such|the)\s+)?(?:legitimate|business)\s+interests\s+(?:include|are)\b)",
    re.IGNORECASE,
)
# "third parties (may) have access to", "are given access to", "do not have access to"
_HAS_ACCESS = re.compile(
    r"\b(?P<hedge>may\s+|might\s+|could\s+|will\s+)?(?P<no>(?:do|does|will|shall)\s+not\s+)?"
    r"(?:also\s+)?(?:(?:have|has|gain|gains|get|gets|(?:be|are|is)\s+(?:given|granted))\s+"
    r"(?:limited\s+)?access\s+to\b"
    # "These service providers may access your personal information only to …"
    r"|(?:only\s+)?access(?:es)?(?=\s+(?:your|such|this|these|any|personal|user)\b))",
    re.IGNORECASE,
)
_NOBODY = re.compile(r"(?:^|\W)(?:no|none\s+of\s+(?:the|our))\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
# A list item that opens with a purpose: "To facilitate our Service;", "For analytics"
_PURPOSE_FRAGMENT = re.compile(r"^\W*(?:to|for|in\s+order\s+to|so\s+that)\s", re.IGNORECASE)
# What a purpose label is not: a pointer, an example, a condition or a clause of its own
_NOT_A_LABEL = re.compile(
    r"\b(?:please|click|visit|see|learn|more\s+information|example|instance|extent|exercise"
    r"|opt[- ]?out|unsubscribe)\b|,\s+(?:we|you|our|us|they|it|the|this|these|(?-i:[A-Z]))",
    re.IGNORECASE,
)
# "Essential Cookies – To provide our Services to you.": a kind of cookie and what it is for
_COOKIE_LABEL = re.compile(r"^\W*[A-Z][\w -]{0,40}?\bcookies?\s*(?:[:–—]|-\s)\s*", re.IGNORECASE)
# "These cookies allow us to …", "They are used to …": what the labelled cookies are for
_COOKIES_SERVE = re.compile(
    r"(?:(?:these|this|such|the)?\s*(?:cookies?|they|it)|these|this)\s+(?:(?:may|also|can)\s+)*"
    r"(?:allow|allows"
    r"|help|helps|enable|enables|let|lets|are\s+used|is\s+used)\s+(?:us\s+|you\s+)?to\s",
    re.IGNORECASE,
)
# "<data>, such as …, helps us (to) …": data as the subject of what they serve
_DATA_SERVES = re.compile(
    r"^\W*(?!(?:because|as|if|when|while|although|since|unless|this|that|it|these|those|such"
    r"|which|we|you|they)\b)(?P<subject>[^.;:!?]{3,200}?)\s+(?:(?:may|also|can|will|generally"
    r"|typically)\s+)*(?:helps?|allows?|enables?|lets?)\s+us\s+(?:to\s+)?(?=\w)",
    re.IGNORECASE,
)
# "… but not the names that would allow us to identify you", "your email does not allow us to":
# no data that serve
_NOT_A_DATA_SUBJECT = re.compile(
    r"\b(?:that|which|who)\s+(?:would|could|might)\s*$|\b(?:not|never|cannot)\s*$"
    r"|n[’']t\s*$",
    re.IGNORECASE,
)
# the words of an unnamed purpose, up to "and generally includes …" or punctuation
_FIRST_WORDS = re.compile(r"(?:(?!\s+and\s+generally\b)[^,.;:])*")
# "… becomes public information", "may be publicly available for others to view"
_MADE_PUBLIC = re.compile(
    r"\b(?:becomes?|(?:will|may|can|could|might)\s+(?:not\s+|never\s+)?(?:be|become)"
    r"|(?:is|are)\s+(?:not\s+|never\s+)?made)\s+(?:made\s+)?"
    r"(?:public(?:\s+information)?"
    r"\b(?!\s+(?:areas?|forums?|profiles?|spaces?|pages?))|publicly\s+(?:available|visible|"
    r"accessible|viewable)|visible\s+to\s+(?:the\s+public|anyone|everyone|other\s+users))"
    # "your profile picture is visible to the public"
    r"|\b(?:is|are|be)\s+(?:(?:also|then|only)\s+)?visible\s+to\s+(?:the\s+public|anyone"
    r"|everyone|other\s+users|all\s+users|your\s+(?:friends|followers|contacts|connections)"
    r"|other\s+members)\b"
    # "your first name and city are displayed publicly on our website"
    r"|\b(?:is|are|be)\s+(?:(?:also|then|always|not|never)\s+)?(?:publicly\s+)?(?:displayed"
    r"|shown|posted|published)\s+(?:publicly|to\s+the\s+public|to\s+(?:all|other)\s+users)\b"
    r"|\b(?:is|are|be)\s+(?:(?:also|then|always|not|never)\s+)?publicly\s+(?:displayed|shown"
    r"|posted|published)\b",
    re.IGNORECASE,
)
_PUBLIC = "pg:Public"
# shown to the people the person knows on the service, not to everyone
_TO_OTHER_USERS = re.compile(r"\b(?:users|friends|followers|contacts|connections|members)\b", re.I)
_OTHER_USERS = "pg:OtherUsers"
# "Behavioral Information is information regarding how you use our site, … including …"
_KIND_OF_DATA_IS = re.compile(
    r"^\W*[\w'’-]+(?:\s+[\w'’-]+){0,3}?\s+(?:information|data)\s+(?:is|are|includes?)\s",
    re.IGNORECASE,
)
# "Essential cookies allow you to log in …", "These technologies help us understand …": the
# trackers as subject of a sentence saying what they do for us or for you
_TRACKERS_SERVE = re.compile(
    r"^\W*(?:(?:for\s+(?:example|instance)|in\s+addition|additionally|also),?\s+)?"
    r"(?!(?:because|as|if|when|while|although|since|unless)\b)(?:[\w-]+\s+){0,3}?"
    r"(?:cookies|web\s+beacons|pixels|pixel\s+tags|tracking\s+technologies|technologies"
    r"|local\s+storage)\s+(?:(?:may|also|can|will|generally|typically)\s+)*"
    r"(?:(?:allow|enable|permit)s?\s+(?:[\w'’-]+\s+){0,4}?to\s+"
    r"|(?:help|let)s?\s+(?:(?:us|you|them|our\s+\w+)"
    r"(?:\s+and\s+(?:third[- ]parties|advertisers|(?:our\s+)?partners|others))?\s*)?"
    r"(?:to\s+)?)(?=\w)",
    re.IGNORECASE,
)
_PURPOSES_HEADING = re.compile(r"\bpurposes?\b|\bwhy\s+we\b", re.IGNORECASE)
# "such as", "including", "e.g.": a paragraph giving examples of a kind of data
_EXAMPLES = re.compile(
    r"\b(?:such as|including|e\.g\.|for example|for instance)\b|^[^.:;]{1,60}:\s", re.I
)
# Sentences that point elsewhere or tell the reader what to do name data in passing.
_POINTER = re.compile(
    r"\W*(?:please|click|see|visit|to learn|for more|learn more|however|note)\b", re.I
)
_TRACKERS = {"pg:CookieIdentifier", "pg:TrackingTechnologyData"}
# "Included in these log files are the date, the IP address …" lists, as "These … include" does
_DEMONSTRATIVE = re.compile(
    r"(?:this|these|such|that|those)\b|included\s+in\s+(?:this|these|such|that|those|the|our)\b",
    re.IGNORECASE,
)


def _first_words(text: str, at: int) -> str | None:
    """The unnamed purpose stated from `at` on (data_serves, purpose_stated)."""
    return _FIRST_WORDS.match(text, at).group().strip() or None


def _action_named(word: str) -> str:
    """ "collecting", "collection" -> collect; "processing", "use" -> use."""
    return verb_forms().get(word) or _ACTION_NOUNS.get(word, "use")


def _restated(sentence: Sentence, practices: list[Practice], **changes) -> list[Practice]:
    """The practices again, with the sentence that adds to them as evidence and what it adds
    (a retention period stays with the sentence that stated it)."""
    evidence = Evidence.of(sentence)
    if "purposes" in changes:
        # the purposes the sentence names replace any unnamed one
        changes.setdefault("purpose_text", None)
    return [replace(p, evidence=evidence, retention=None, **changes) for p in practices]


class ImplicitReader:
    """The readers `PracticeReader.read` calls for practices no data verb of the sentence states.
    They share its readings (cached per text), organisation spans, heading verbs and concepts."""

    def __init__(self, reader: PracticeReader) -> None:
        self.lexicon = reader.lexicon
        self.reading = reader.reading
        self.orgs_of = reader.orgs_of
        self.heading_verbs = reader.heading_verbs
        self.to_the_buyer = reader.to_the_buyer

    # --- sentences that add to the practices before them --------------------------------------
    def basis_of_before(self, sentence: Sentence, before: list[Practice]) -> None:
        """ "The usage data may be processed for analytics. The legal basis for this processing
        is our legitimate interests": the basis of the practices just before."""
        if not before or not _THIS_PROCESSING.search(sentence.text):
            return
        bases = curies(self.reading(sentence.text, self.orgs_of(sentence)).bases)
        for practice in before:
            if not practice.negated:
                practice.legal_bases = unique([*practice.legal_bases, *bases])

    def elaborates(self, sentence: Sentence, before: list[Practice], near: bool = True) -> bool:
        """ "This Log Data may include …", or "Usage Data may include …" after a practice on
        Usage Data: the sentence lists what those practices are about. Only practices `near`
        (of the sentence just before) are what "this" or "such" points to."""
        m = _ELABORATION.match(sentence.text)
        if not before or m is None:
            return False
        # "When required, this information may include": the subject after a leading clause
        subject_text = (m.group("subject") or m.group("included")).rpartition(",")[2].strip()
        if _DEMONSTRATIVE.match(subject_text):
            return near
        subject = {x.curie for x in self.lexicon.find(subject_text, "personal-data")}
        return bool(subject & {d for p in before for d in p.data})

    def elaboration(self, sentence: Sentence, before: list[Practice]) -> list[Practice]:
        """ "We collect Log Data. This Log Data may include your IP address, device name ...":
        the data a sentence without a verb of its own lists, under the practices it elaborates
        (`elaborates` decides which, for the sentence or for its list's lead)."""
        if not before:
            return []
        data = curies(self.reading(sentence.text, self.orgs_of(sentence)).data)
        return _restated(sentence, before, data=data) if data else []

    def defined_data(self, sentence: Sentence, before: list[Practice]) -> list[Practice]:
        """A definition that gives examples of the data the practices just before are about."""
        examples = _EXAMPLES.search(sentence.text)
        if not before or examples is None:
            return []
        head = sentence.text[: examples.start()]
        defined = {m.curie for m in self.lexicon.find(head, "personal-data")} - _TRACKERS
        if not defined & {d for p in before for d in p.data}:
            return []
        return self.elaboration(sentence, [p for p in before if not p.negated])

    def purpose_of_before(self, sentence: Sentence, before: list[Practice]) -> list[Practice]:
        """ "We record activity events. This enables us to see how our products are used": the
        purposes of the practices just before, stated in a sentence of their own."""
        goes_on = _PURPOSE_GOES_ON.match(sentence.text)
        if not before or not (goes_on or _SERVES.match(sentence.text)):
            return []
        r = self.reading(sentence.text, self.orgs_of(sentence))
        purposes, words = curies(r.purposes), None
        if not purposes and (words := unnamed_purpose(r, 0, len(r.text))):
            purposes = [SOME_PURPOSE]  # "The reason is to perform the tasks assigned to them"
        if not purposes and goes_on and not r.verbs:
            words = sentence.text.strip(" .;,")  # "to take precautions against liability;"
            purposes = [SOME_PURPOSE]
        if not purposes:
            return []
        positive = [p for p in before if not p.negated]
        return _restated(sentence, positive, purposes=purposes, purpose_text=words)

    def purpose_item(self, item: Sentence, lead: list[Practice]) -> list[Practice]:
        """ "We may employ third-party companies due to the following reasons:" + "To assist us
        in analyzing how our Service is used.": an item that only gives a purpose gives it to
        its lead's practices, whatever verb it has ("is used" names no practice)."""
        if not _PURPOSE_FRAGMENT.match(item.text):
            return []
        r = self.reading(item.text, self.orgs_of(item))
        purposes = curies(r.purposes)
        if not purposes or r.data or any(v.agent == THIRD for v in r.verbs):
            return []
        return _restated(item, [p for p in lead if not p.negated], purposes=purposes)

    # --- statements without a data verb --------------------------------------------------------
    def labelled_data(self, sentence: Sentence) -> list[Practice]:
        """ "Your account information Such as your date of birth, gender, …" under "Information
        we collect": a paragraph that names a kind of data and gives examples, with no verb of
        its own, states the practice its heading names, as a list item would. So does a
        definition there ("Demographic information is information that …, such as your ZIP
        code, age, …"), whose examples may come later."""
        defined = is_definition(sentence.text) or _KIND_OF_DATA_IS.match(sentence.text)
        head = sentence.text if defined else sentence.text[:120]
        if not _EXAMPLES.search(head) or _POINTER.match(sentence.text):
            return []
        verbs = [
            v
            for v in self.heading_verbs(sentence.section.heading)
            if v.action in ("collect", "use", "store")
        ]
        if not verbs:
            return []
        r = self.reading(sentence.text, self.orgs_of(sentence))
        if r.verbs or not {m.curie for m in r.data} - _TRACKERS:
            return []  # cookies alone: the sentence is about the technology, not data
        return [
            Practice(
                verb.action,
                Evidence.of(sentence),
                hedged=verb.hedged,
                data=curies(r.data),
                purposes=curies(r.purposes),
                by_third_party=verb.agent == THIRD,
            )
            for verb in verbs
        ]

    def contacting_you(self, sentence: Sentence) -> list[Practice]:
        """ "We may occasionally update you on our latest products and special offers via e-mail":
        contacting people for a purpose uses their contact data, though no data verb says so."""
        m = _CONTACTS_YOU.search(sentence.text)
        if m is None:
            return []
        r = self.reading(sentence.text, self.orgs_of(sentence))
        if any(not m.start() <= v.start < m.end() for v in r.verbs):
            return []  # "send you" is the contact itself; any other verb states a practice
        purposes, words = curies(r.purposes), None
        if not purposes and (words := unnamed_purpose(r, m.end(), len(r.text))):
            purposes = [SOME_PURPOSE]  # "… send you an email to tell you about new features"
        if not purposes:
            return []
        return [
            Practice(
                "use",
                Evidence.of(sentence),
                hedged=bool(m.group("hedge")),
                data=curies(r.data) or [PERSONAL_DATA],
                purposes=purposes,
                purpose_text=words,
            )
        ]

    def trackers_serve(self, sentence: Sentence) -> list[Practice]:
        """ "These cookies help us understand how visitors use the site": what cookies or other
        trackers are for, stated with them as the subject rather than with a data verb."""
        m = _TRACKERS_SERVE.match(sentence.text)
        if m is None:
            return []
        r = self.reading(sentence.text, self.orgs_of(sentence))
        data = [d for d in curies(r.data) if d in _TRACKERS]
        if not data:
            return []
        purposes = curies(p for p in r.purposes if p.start >= m.end())
        words = None if purposes else sentence.text[m.end() :].strip(" .;:")
        return [
            Practice(
                "use",
                Evidence.of(sentence),
                data=data,
                purposes=purposes or [SOME_PURPOSE],
                purpose_text=words,
            )
        ]

    def data_serves(self, sentence: Sentence) -> list[Practice]:
        """ "Information about your device, such as device type and unique identifiers, helps us
        optimize your experience": what data are used for, with the data as the subject."""
        m = _DATA_SERVES.match(sentence.text)
        if m is None:
            return []
        if _NOT_A_DATA_SUBJECT.search(m.group("subject")):
            return []  # "we can tell …, but not the names that would allow us to identify you"
        r = self.reading(sentence.text, self.orgs_of(sentence))
        subject_end = m.end("subject")
        if any(v.start < subject_end for v in r.verbs):
            return []  # "We collect X, which helps us …" states its practice with its verb
        data = curies(d for d in r.data if d.end <= subject_end)
        if not data or not set(data) - _TRACKERS:
            return []  # cookies as the subject are trackers_serve's
        purposes = curies(p for p in r.purposes if p.start >= m.end())
        # "… allows us to communicate with you and generally includes your name": its first words
        words = None if purposes else _first_words(sentence.text, m.end())
        return [
            Practice(
                "use",
                Evidence.of(sentence),
                data=data,
                purposes=purposes or [SOME_PURPOSE],
                purpose_text=words,
            )
        ]

    def made_public(self, sentence: Sentence, stated: list[Practice]) -> list[Practice]:
        """ "Any information you share in forums becomes public information": what people post
        is disclosed to the public, though no sharing verb says so."""
        m = _MADE_PUBLIC.search(sentence.text)
        if m is None or any(p.action in ("share", "disclose") for p in stated):
            return []
        r = self.reading(sentence.text, self.orgs_of(sentence))
        data = [d for d in curies(r.data) if d not in _TRACKERS] or [PERSONAL_DATA]
        # "Your profile will never be made public": a denial
        denied = bool(re.search(r"\b(?:not|never)\b", m.group()))
        practice = Practice(
            "disclose", Evidence.of(sentence), negated=denied, hedged=not denied, data=data
        )
        audience = _OTHER_USERS if _TO_OTHER_USERS.search(m.group()) else _PUBLIC
        practice.recipients = [Recipient("third-party", category=audience)]
        return [practice]

    def purpose_stated(self, sentence: Sentence) -> list[Practice]:
        """ "Our purpose for processing Personal Information is to fulfil a contract …", "The use
        of personal data may also be necessary to prevent abuse", "The Android Advertising ID is
        required to serve the ad": the purposes of processing, stated of the processing itself
        or of the data rather than with a verb."""
        needed = _DATA_NEEDED.match(sentence.text)
        if needed is None and _PURPOSE_OF_PROCESSING.search(sentence.text) is None:
            return []
        r = self.reading(sentence.text, self.orgs_of(sentence))
        purposes, words = curies(r.purposes), None
        if not purposes:
            # "Our purpose in collecting it is to better understand how visitors use the site",
            # "The Android Advertising ID is required to serve the ad in the app"
            if needed is None:
                words = unnamed_purpose(r, 0, len(r.text))
            else:
                words = _first_words(sentence.text, needed.end())
            purposes = [SOME_PURPOSE] if words else []
        if not purposes:
            return []
        data = curies(r.data) or [PERSONAL_DATA]
        if needed is not None:
            # the data are the subject's: "Cookies are required to use the service"
            data = curies(self.reading(needed.group("subject")).data)
            if not data or _DEMONSTRATIVE.match(needed.group("subject")):
                return []
        evidence = Evidence.of(sentence)
        return [Practice("use", evidence, data=data, purposes=purposes, purpose_text=words)]

    def basis_stated(self, sentence: Sentence) -> list[Practice]:
        """ "The legal basis for collecting Personal Information is your consent and fulfilling a
        contractual obligation": the legal bases of a practice named by its noun or gerund."""
        m = _BASIS_OF_PROCESSING.search(sentence.text)
        if m is None:
            return []
        r = self.reading(sentence.text, self.orgs_of(sentence))
        if not r.bases:
            return []
        named = [d for d in r.data if m.start("object") <= d.start < m.end("object")]
        return [
            Practice(
                _action_named(m.group("verb").lower()),
                Evidence.of(sentence),
                data=curies(named) or [PERSONAL_DATA],
                purposes=curies(r.purposes),
                legal_bases=curies(r.bases),
            )
        ]

    def purpose_label(self, sentence: Sentence) -> list[Practice]:
        """ "To display advertisements to you." opening a paragraph under "How We Use Your
        Personal Information": a purpose written as a label, with no clause of its own, states
        the practice the heading names (a use unless the heading says share or disclose)."""
        text = sentence.text
        cookies = _COOKIE_LABEL.match(text)  # "Analytics Cookies: To understand user interactions"
        purpose = text[cookies.end() :] if cookies else text
        if cookies and (serves := _COOKIES_SERVE.match(purpose)):
            purpose = purpose[serves.end() - 3 :]  # "These cookies allow us to count visits"
        if not _PURPOSE_FRAGMENT.match(purpose) or _NOT_A_LABEL.search(purpose):
            return []
        heading = sentence.section.heading
        actions = [
            v.action
            for v in self.heading_verbs(heading)
            if v.action in ("use", "share", "disclose")
        ]
        if not actions and (cookies or _PURPOSES_HEADING.search(heading)):
            actions = ["use"]
        r = self.reading(text, self.orgs_of(sentence))
        if not actions or r.verbs:
            return []
        # "Session Cookies: To ensure smooth navigation.", "To create de-identified data." under
        # "How We Use Your Information": a purpose no vocabulary names
        words = None if r.purposes else unnamed_purpose(r, 0, len(r.text))
        if cookies and not (r.purposes or words):
            words = purpose.strip(" .;")
        if not (r.purposes or words):
            return []
        data = curies(r.data) or [PERSONAL_DATA]
        purposes = curies(r.purposes) or [SOME_PURPOSE]
        return [
            Practice(
                action, Evidence.of(sentence), data=data, purposes=purposes, purpose_text=words
            )
            for action in unique(actions)
        ]

    def access_given(self, sentence: Sentence, company: set[str]) -> list[Practice]:
        """ "These third parties have access to your Personal Information": those who have access
        to data have had it disclosed to them, though no data verb says so ("… do not have
        access" denies it)."""
        m = _HAS_ACCESS.search(sentence.text)
        if m is None:
            return []
        r = self.reading(sentence.text, self.orgs_of(sentence))
        subject = Clause(0, m.start(), sentence.text[: m.start()])  # who has access: before it
        who = find_recipients(r, subject, company, sentence.text, widen=False)
        data = [d for d in r.data if d.start > m.end()]
        if not who or not (data or PERSONAL_WORDS.search(lower(sentence.text[m.end() :]))):
            return []
        # "No third party has access to …"
        nobody = bool(_NOBODY.search(sentence.text[: m.start()]))
        return [
            Practice(
                "disclose",
                Evidence.of(sentence),
                negated=bool(m.group("no")) or nobody,
                hedged=bool(m.group("hedge")),
                data=curies(data) or [PERSONAL_DATA],
                purposes=curies(r.purposes),
                recipients=who,
            )
        ]

    def assets_transferred(self, sentence: Sentence, last: Sentence | None) -> list[Practice]:
        """ "If our Site is acquired, information about our users may be among the transferred
        assets" (read when no practice was): the data go to the acquirer, though no verb of the
        sentence says so. The sale may be the sentence before's ("We may buy or sell assets. In
        such transactions, customer information is one of the transferred assets")."""
        low = lower(sentence.text)
        if not _AMONG_ASSETS.search(low):
            return []
        before = lower(last.text) if last is not None and last.section is sentence.section else ""
        if not (MERGER.search(low) or MERGER.search(before)):
            return []
        r = self.reading(sentence.text, self.orgs_of(sentence))
        if not (r.data or re.search(r"\b(?:information|data|records)\b", low)):
            return []
        # "in such transactions" is the sale of the business, no data about purchases
        data = without_deal_data(curies(r.data))
        practice = Practice("transfer", Evidence.of(sentence), hedged=True, data=data)
        self.to_the_buyer(practice)
        return [practice]

    def category_table(self, text: str) -> list[Practice]:
        """The CCPA table of categories a generated policy lays out one cell per paragraph:
        "A. Identifiers / Contact details, such as real name, alias, … / NO" after "We have
        collected the following categories of personal information …:". Each row states whether
        its categories were collected (a "NO" row is a denial)."""
        if "\nNO\n" not in text and "\nYES\n" not in text:
            return []
        lead = _CATEGORY_TABLE.search(text)
        if lead is None:
            return []
        practices = []
        for row in _CATEGORY_ROW.finditer(text, lead.end(), lead.end() + 6000):
            quote = row.group("row").rstrip()
            data = curies(self.reading(quote).data)
            if data:
                evidence = Evidence(row.start("row"), row.start("row") + len(quote), quote)
                practices.append(
                    Practice("collect", evidence, negated=row.group("cell") == "NO", data=data)
                )
        return practices
