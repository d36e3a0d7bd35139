"""Data practices: who collects, uses, shares, sells, stores or transfers what, why and with whom.

Each sentence is read once (`reading.py`: its data, purposes, organisations, clauses from
`clauses.py` and action verbs from `verbs.py`); every action verb with an agent we know gives
one practice, negated when a cue governs it ("we do not sell", "is not sold or rented", "no
personal information is collected") and hedged on "may"/"from time to time". The clause supplies
the data, purposes and recipients; the sentence supplies legal bases, locations and safeguards.

A list item is read with its lead ("We collect:" + "- your email address"): the lead gives the
verb and its polarity, the item the objects; with no verb in the lead the section heading
("Information We Collect") does. A named organisation in a service-provider frame ("We use:",
"we use Stripe to process payments", "service providers such as Zendesk") is a recipient of a
share practice even when no sharing verb is written. A nested list under a label item
("1.1 Personal Information:" then "(a) Name") takes the outer lead's verb.

A denial's exception is a practice of its own: "we do not share it with third parties except
with service providers such as AWS" shares with AWS, "… unless required by law" discloses for
legal compliance. So is a purpose the sentence denies: "… to provide the service and never for
advertising" denies the use for advertising. "This information" takes the data of the sentence
before (or, when that one only refers back too, of the one before it).

A positive collect, use, store or retain with nothing but "personal information" as its object
(no category, purpose, recipient, basis, place or period) is dropped: every policy says it.

Recipients, and the share a service-provider frame states, are found by `recipients.py`;
practices stated without a data verb of their own, and sentences that add to the practices
just before, are read by `implicit.py`; the rows of tables of data categories by `tables.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..lexicon import Match
from ..model import Evidence, Organisation, PolicyDoc, Practice, Recipient, Sentence
from ..pipeline import component
from .clauses import (
    PERSONAL_WORDS,
    PRONOUN_DATA,
    Clause,
    has_verb,
    is_definition,
    lower,
    split_clauses,
)
from .common import (
    MERGER,
    PERSONAL_DATA,
    SOME_PURPOSE,
    Reading,
    curies,
    referred_data,
    unique,
    unnamed_purpose,
    within,
    without_deal_data,
)
from .implicit import ImplicitReader
from .reading import TextReader
from .recipients import PROCESSOR_CONTEXT, find_recipients, other_orgs, provider_shares
from .retention import find_retention
from .tables import table_practices
from .verbs import FIRST, THIRD, VerbHit, find_verbs

if TYPE_CHECKING:
    from ..lexicon import Lexicon

RECIPIENT_ACTIONS = {"share", "disclose", "sell", "transfer"}
LOCATION_ACTIONS = {"store", "transfer", "use", "retain"}
SAFEGUARD_ACTIONS = {"transfer", "share", "disclose", "store"}
NEEDS_OBJECT = {"share", "disclose", "sell"}

_SHARE_CONTEXT = re.compile(
    r"\b(?:shar(?:e|es|ed|ing)|disclos\w*|third[- ]part(?:y|ies)|recipients?|partners?|"
    r"service\s+providers?|vendors?|sub-?processors?|processors?|who\s+we\s+work\s+with|"
    r"we\s+use)\b",
)
# "stored on / in / with / by (the) Stripe (platform)": where, or by whom, data is kept
_ON_A_HOST = re.compile(r"\b(?:on|in|into|with|by|at|using|via|through)\s+(?:the\s+|our\s+)?$")
_USE_ORG = re.compile(
    r"^(?:use|uses|used|using|employ|employs|engage|engages|rely\s+on|work\s+with"
    r"|retain|retains|hire|hires)\s+"
    r"(?:the\s+services\s+of\s+|services\s+(?:from|of|provided\s+by)\s+|"
    r"(?:third[\s-]party|external|outside|trusted|other|certain|various)\s+)*$",
)
# "This page is used to inform visitors regarding our policies with the collection, use ...":
# the policy describing itself; its verbs are the policy's, not practices.
_ABOUT_THE_POLICY = re.compile(
    r"^\W*(?:this|the|our)\s+(?:privacy\s+)?(?:page|policy|notice|statement|document|section)\s+"
    r"(?:(?:is|are)\s+(?:used|intended|meant|designed)\s+to\s+(?:inform|explain|describe|tell|help)"
    # its scope: "This privacy notice does not cover any use of information that such third
    # parties may have collected from you" says what it leaves out, not what anyone does
    r"|(?:does|do)\s+not\s+(?:cover|apply|govern|address))\b",
    re.IGNORECASE,
)
_QUESTION_OPENS = re.compile(r"^\W*(?:how|what|whether|why|when|where|who|which)\b", re.I)
# A question heading that lost its "?" ("Who We Share Your Information With", "WITH WHOM DO WE
# SHARE THE INFORMATION WE GATHER-"): short, opened by a question word, no closing stop.
_QUESTION_HEADING = re.compile(
    r"^\W*(?:who|(?:with |to )?whom|what|which|why|will|does|do|can)\b(?:\W+\w+){0,14}\W*$",
    re.IGNORECASE,
)


def _is_question(text: str) -> bool:
    text = text.rstrip()
    return text.endswith("?") or (
        not text.endswith((".", ":", ";")) and bool(_QUESTION_HEADING.match(text))
    )


# "The Application collects information when you …": information as such, the verb's object
_BARE_OBJECT = re.compile(
    r"\s+(?:(?:certain|some|the|any|such|additional|other)\s+)?(?:information|data)\b"
    r"(?!\s+(?:about|on|of|from|regarding)\b)",
    re.IGNORECASE,
)
_RELATIVE_VERB = re.compile(
    r"\b(?:the|any|all)\s+(?:[\w-]+\s+){0,3}?(?:information|data|details|address|addresses"
    r"|number|numbers)\s+(?:that\s+|which\s+)?(?:we|you)\s+(?:may\s+|have\s+|also\s+)?$"
)
# "give you access", "provide you with a copy", "provided to you": the person receives it
_TO_THE_USER = re.compile(
    r"\s+(?:you|to\s+(?:you|users?|the\s+(?:user|visitor|customer|consumer|requester))"
    r"|(?:site\s+|website\s+)?(?:visitors|users|customers|consumers)\s+with\s+access)\b"
    r"(?!\s+(?:and|or|,))"
)
# A relative clause without "that" whose object stands before it: "the services we provide to
# consumers" (the object is the noun, which `_RELATIVE_VERB` covers when it is data)
_RELATIVE_OBJECT = re.compile(
    r"\b(?P<head>[a-z]+)\s+(?:the|our|any|all|these|those|such)\s+(?:[\w-]+\s+){0,3}?"
    r"(?P<noun>[\w-]+)\s+(?:we|you)\s+(?:(?:may|can|also|have|will|do)\s+)*$"
)
# Words before a noun phrase that make "… the AWS infrastructure we store" no relative clause
_NOT_A_VERB = {
    "on", "in", "at", "from", "with", "to", "for", "by", "of", "through", "across", "within",
    "into", "about", "under", "over", "during", "when", "whenever", "if", "where", "while", "and",
    "or", "but", "that", "which",
}  # fmt: skip
_COLLECTED_HEADING = re.compile(
    r"\b(?:data|information|details)\s+(?:we\s+)?"
    r"(?:collected|gathered|obtained|received)\b|^\W*(?:the\s+)?collection\s+of\b",
    re.I,
)
# What a denial leaves out: "we do not share it unless required by law", "except as …"
_EXCEPTION = re.compile(
    r"\b(?:unless|except|other\s+than|save\s+(?:as|where|when)|with\s+the\s+exception\s+of)\b",
    re.IGNORECASE,
)
_TO_DEVICE = re.compile(
    r"[^.;]{0,40}?\b(?:to|onto|on)\s+(?:(?:your|the\s+user'?s|a\s+user'?s|users'?)\s+)"
    r"(?:\w+\s+){0,2}(?:device|computer|browser|hard\s+drive|phone|machine)s?\b|"
    r"\s+(?:back\s+)?to\s+us\b"
)
# "in such cases", "in any such transaction": the sale of the business named just before
_SUCH_DEAL = re.compile(
    r"\b(?:such|that|this|these|those)\s+(?:potential\s+)?(?:cases?|events?|transactions?|"
    r"circumstances?|situations?|deals?)\b|\bin\s+(?:that|this)\s+case\b"
)
_DATA_WORD = re.compile(r"\b(?:information|data|details)\b")
_CATEGORY_AS_MODIFIER = re.compile(
    r"\s+(?:advertisements|ads|adverts|content|links|websites|sites|pages|offers|products)\b", re.I
)
_BY_THIRD = re.compile(
    r"\b(?:third[- ]party|third\s+parties'?)\s+(?:cookies|sdks?|pixels?|tags|scripts|tools)|"
    r"\bcookies\s+(?:set|placed|served)\s+by\b",
)


class PracticeReader:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # a business transfer's recipients and purpose, for data handed over in one
        self.acquirers = _concept(lexicon, "recipient-category", r"acquir|successor|buyer|merger")
        self.business_transfer = _concept(lexicon, "purpose", r"merger")
        self.reading = TextReader(lexicon)

    # --- documents ----------------------------------------------------------------------------
    def read(self, doc: PolicyDoc) -> list[Practice]:
        company = self.reading.start(doc)
        self._orgs = _org_index(doc)
        # the readers of practices stated without a data verb (implicit.py); made per document,
        # as they hold this reader's methods and would otherwise form a cycle with it
        implicit = ImplicitReader(self)
        found: list[Practice] = []
        previous: Sentence | None = None
        last_practices: list[Practice] = []  # of the sentence just before
        earlier: list[Practice] = []  # the latest practices of the section, for what it names
        elaborated: dict[int, list[Practice]] = {}  # lead's index -> the practices it lists for
        stated: dict[int, list[Practice]] = {}  # sentence index -> its practices, for its list
        for sentence in doc.sentences:
            last, previous = previous, sentence
            before, last_practices = last_practices, []
            if sentence.is_table_row:
                continue
            if is_definition(sentence.text):
                # "We collect Personal Information … “Personal Information” is information …,
                # including your name, email address, …": the definition lists what was collected
                last_practices = implicit.defined_data(sentence, before) or (
                    implicit.labelled_data(sentence)
                )
                found.extend(last_practices)
                continue
            if _is_question(sentence.text) or _ABOUT_THE_POLICY.match(sentence.text):
                continue
            practices: list[Practice] = []
            lead = sentence.lead
            if sentence.is_list_item and lead is not None and lead.index in stated:
                practices = implicit.purpose_item(sentence, stated[lead.index])
            if not practices and self._worth_reading(sentence):
                inherited = self._inherit(doc.sentences, sentence)
                if sentence.is_list_item:
                    practices = self.read_item(sentence, company, inherited)
                else:
                    practices = self.read_sentence(sentence, company, inherited)
                    self._business_transfer_before(sentence, last, practices)
            if not practices and last is not None and last.section is sentence.section:
                implicit.basis_of_before(sentence, before)
                if implicit.elaborates(sentence, before):
                    practices = implicit.elaboration(sentence, before)
                    if _introduces_list(sentence.text):
                        elaborated[sentence.index] = before  # "… may include:" and a list
                else:
                    practices = implicit.purpose_of_before(sentence, before)
            if last is None or last.section is not sentence.section:
                earlier = []
            if not (practices or before or sentence.is_list_item) and implicit.elaborates(
                sentence, earlier, near=False
            ):
                # "We use Your Personal Information for … (a sentence or two) … Personal
                # Information may include your name, …"
                practices = implicit.elaboration(sentence, earlier)
            if not practices and sentence.is_list_item and lead is not None:
                practices = implicit.elaboration(sentence, elaborated.get(lead.index, []))
            if not practices and not sentence.is_list_item:
                practices = (
                    implicit.labelled_data(sentence)
                    or implicit.contacting_you(sentence)
                    or implicit.trackers_serve(sentence)
                    or implicit.data_serves(sentence)
                    or implicit.purpose_stated(sentence)
                    or implicit.basis_stated(sentence)
                    or implicit.purpose_label(sentence)
                    or implicit.assets_transferred(sentence, last)
                    or implicit.access_given(sentence, company)
                )
                # the sentence supplies the legal bases: "we send you marketing emails with your
                # consent" uses contact data on consent, though no data verb says so
                if practices:
                    bases = curies(self.reading(sentence.text, self.orgs_of(sentence)).bases)
                    for p in practices:
                        if not (p.legal_bases or p.negated):
                            p.legal_bases = bases
            if not sentence.is_list_item:
                practices += implicit.made_public(sentence, practices)
            last_practices = _merge(practices)
            earlier = last_practices or earlier
            if last_practices and _introduces_list(sentence.text):
                stated[sentence.index] = last_practices
            found.extend(last_practices)
        found += implicit.category_table(doc.document.text)
        found += table_practices(doc, self.reading, company, self._heading_action)
        return [p for p in found if not _vacuous(p)]

    def _heading_action(self, sentence: Sentence) -> str | None:
        """What the heading says is done with the data below it: "Categories of personal
        information we collect", "How we use your data"."""
        actions = [v.action for v in self.heading_verbs(sentence.section.heading)]
        return next((a for a in actions if a in ("collect", "use")), None)

    def _business_transfer_before(
        self, sentence: Sentence, last: Sentence | None, practices: list[Practice]
    ) -> None:
        """ "We may buy or sell assets. In such cases, information about our users may be
        disclosed to the other party": the disclosure is part of the sale the sentence before
        names, to its buyer; "the transaction" there is the deal, not the person's data."""
        if not practices or last is None or last.section is not sentence.section:
            return
        if not _SUCH_DEAL.search(lower(sentence.text)) or not MERGER.search(lower(last.text)):
            return
        for p in practices:
            if p.action in RECIPIENT_ACTIONS and not p.negated:
                p.data = without_deal_data(p.data)
                self.to_the_buyer(p)

    def to_the_buyer(self, p: Practice) -> None:
        """A practice in a sale of the business: to its buyer, for the business transfer."""
        if self.acquirers and not any(x.category == self.acquirers for x in p.recipients):
            p.recipients.append(Recipient("third-party", category=self.acquirers))
        if self.business_transfer and self.business_transfer not in p.purposes:
            p.purposes = [*p.purposes, self.business_transfer]

    def _inherit(self, sentences: list[Sentence], sentence: Sentence):
        """The data "this information" refers to (read only when asked)."""

        def data_in(last: Sentence) -> list[str]:
            return curies(self.reading(last.text, self.orgs_of(last)).data)

        return lambda: referred_data(sentences, sentence, data_in)

    def _worth_reading(self, sentence: Sentence) -> bool:
        if has_verb(sentence.text):
            return True
        low = lower(sentence.text)
        if "payment" in low and PROCESSOR_CONTEXT.search(low):
            return True  # "all payments are handled by PayPal": no data verb, still a share
        if not sentence.is_list_item:
            return False
        lead_sentence = _verb_lead(sentence, self.reading)
        lead = lead_sentence.text if lead_sentence is not None else ""
        return (
            has_verb(lead)
            or has_verb(sentence.section.heading)
            or bool(_SHARE_CONTEXT.search(lower(sentence.section.heading)))
        )

    def orgs_of(self, sentence: Sentence) -> list[tuple[Organisation, int, int]] | None:
        """Organisations organisations.v1 found in the sentence, with offsets in its text."""
        if self._orgs is None:
            return None
        spans = []
        for org in self._orgs.get((sentence.start, sentence.end), ()):
            at = sentence.text.find(org.name)
            if at >= 0:
                spans.append((org, at, at + len(org.name)))
        return spans

    def read_sentence(
        self, sentence: Sentence, company: set[str], inherited: Callable[[], list[str]]
    ) -> list[Practice]:
        r = self.reading(sentence.text, self.orgs_of(sentence))
        evidence = Evidence.of(sentence)
        practices: list[Practice] = []
        retention_here: bool | None = None
        for verb in r.verbs:
            if verb.action in ("retain", "store"):
                if retention_here is None:
                    retention_here = bool(find_retention(sentence.text))
                if retention_here:
                    continue  # retention.v1 states this one, with its period
            practice = self.practice(verb, r, evidence, company, inherited, sentence.section)
            if practice is not None:
                practices.append(practice)
                practices += _exception(practice, r, verb) + _purpose_denial(practice, r, verb)
        if not any(p.action == "share" for p in practices):
            practices += provider_shares(r, evidence, company, r.text, practices)
        return practices

    def read_item(
        self, item: Sentence, company: set[str], inherited: Callable[[], list[str]]
    ) -> list[Practice]:
        """A list item: its own verbs when it has some, else the lead's (or the heading's)."""
        own = self.read_sentence(item, company, inherited)
        r = self.reading(item.text, self.orgs_of(item))
        if own or any(not _in_indirect_question(r.text, v) for v in r.verbs):
            return own  # its own verbs state its practices (or that it states none)
        if r.verbs and _QUESTION_OPENS.match(item.text):
            return own  # "How we transfer your personal information internationally": a heading
        lead_sentence = _verb_lead(item, self.reading)
        lead_text = lead_sentence.text if lead_sentence is not None else ""
        lead = self.reading(lead_text, self.orgs_of(lead_sentence) if lead_sentence else [])
        verbs = _last_verb_clause(lead.verbs) if _introduces_list(lead_text) else []
        if not verbs:
            verbs = self.heading_verbs(item.section.heading)
        context = f"{lead_text} {item.section.heading}"
        evidence = Evidence.of(item)
        practices: list[Practice] = []
        has_objects = r.data or r.purposes or r.categories or r.bases or other_orgs(r.orgs, company)
        purpose_text = None
        if not r.purposes and _PURPOSE_LEAD.search(item.lead.text if item.lead else ""):
            # "… including for:" + "o onboarding processes;": a purpose no vocabulary names, even
            # where it names data ("in order to:" + "2. Remind users of new messages")
            words = _ITEM_WORDS.match(item.text)
            purpose_text = words.group("words") if words else None
        opens_with_purpose = _OPENS_WITH_PURPOSE.match(item.text)
        if not has_objects and not purpose_text and not opens_with_purpose:
            return []
        if not r.purposes and not purpose_text and opens_with_purpose:
            # "Session Cookies: To ensure smooth navigation.": its own purpose, not the lead's
            purpose_text = unnamed_purpose(r, 0, len(r.text))
        lead_data = [m.curie for m in lead.data] or (
            [PERSONAL_DATA] if PERSONAL_WORDS.search(lower(lead_text)) else []
        )
        for verb in verbs:
            if verb.action in ("retain", "store") and find_retention(item.text):
                continue
            orgs = other_orgs(r.orgs, company)
            if verb.action == "use" and orgs:
                continue  # "We use:" + "- Stripe, a payment processor": a share, below
            data = curies(r.data) or (lead_data if not r.orgs else []) or []
            practice = Practice(
                verb.action,
                evidence,
                negated=verb.negated,
                hedged=verb.hedged,
                data=data,
                purposes=[SOME_PURPOSE]
                if purpose_text
                else curies(r.purposes) or curies(lead.purposes),
                purpose_text=purpose_text,
                legal_bases=curies(r.bases) or curies(lead.bases),
                by_third_party=verb.agent == THIRD,
            )
            if verb.action in RECIPIENT_ACTIONS or verb.agent == THIRD:
                practice.recipients = find_recipients(r, None, company, context)
                if verb.action == "share" and not practice.data:
                    practice.data = lead_data or [PERSONAL_DATA]
            if verb.action in LOCATION_ACTIONS:
                practice.locations = curies(r.locations)
            if verb.action in SAFEGUARD_ACTIONS:
                practice.safeguards = curies(r.safeguards)
            if verb.action == "collect" and not practice.data and r.data == []:
                if not PERSONAL_WORDS.search(lower(item.text)):
                    continue
                practice.data = [PERSONAL_DATA]
            practices.append(practice)
        negated_lead = any(v.negated for v in verbs)
        low = lower(context)
        if (
            not any(p.action == "share" for p in practices)
            and not negated_lead
            and (PROCESSOR_CONTEXT.search(low) or _SHARE_CONTEXT.search(low))
        ):
            practices += provider_shares(
                r, evidence, company, context, practices, force=True, lead_data=lead_data
            )
        return practices

    def heading_verbs(self, heading: str) -> list[VerbHit]:
        if not heading:
            return []
        hits = [v for v in find_verbs(heading) if not v.negated]
        if not hits and (m := _COLLECTED_HEADING.search(heading)):
            # "Types of data collected", "Collection of information": no clause, still a verb
            return [VerbHit("collect", m.start(), m.end(), m.group(), False, False, FIRST,
                            split_clauses(heading)[0])]  # fmt: skip
        return [VerbHit(**{**v.__dict__, "hedged": False}) for v in hits[:1]]

    # --- one practice ---------------------------------------------------------------------------
    def practice(
        self,
        verb: VerbHit,
        r: Reading,
        evidence: Evidence,
        company: set[str],
        inherited: Callable[[], list[str]],
        section,
    ) -> Practice | None:
        clause = verb.clause
        action = verb.action
        if _in_indirect_question(r.text, verb) and (
            not r.text.rstrip().endswith(":") or _ABOUT_HOW.search(lower(r.text[: verb.start]))
        ):
            # "review their policies to understand how they collect …" states nothing; before a
            # colon only "This is how we use it:" does, not "questions about how we collect …:"
            return None
        in_clause = within(clause)
        clause_orgs = [o for o in other_orgs(r.orgs, company) if in_clause(o[1], o[2])]
        # "we use Stripe to …": a service provider receives data, whatever the verb says
        clause_categories = [m for m in r.categories if in_clause(m.start, m.end)]
        by_third = verb.agent == THIRD
        # "we use / employ / retain third-party service providers": a share with them
        # "we use third-party advertisements": the category only describes what is used
        engaged = [m for m in clause_categories if not _CATEGORY_AS_MODIFIER.match(r.text, m.end)]
        if action in ("use", "retain") and not verb.negated and (clause_orgs or engaged):
            spans = [o[1] for o in clause_orgs] + [m.start for m in engaged]
            after = [x for x in spans if x > verb.end]
            if after and _USE_ORG.search(lower(r.text[verb.start : min(after)])):
                action = "share"
        # "third-party service providers receive your data": they are recipients
        if action == "collect" and by_third and verb.text.lower().startswith("receiv"):
            action, by_third = "share", False
        if (
            action == "share"
            and _TO_THE_USER.match(lower(r.text[verb.end : verb.end + 40]))
            and not (clause_orgs or clause_categories)
        ):
            return None  # "we give you access to your data": the person is who receives it
        if action == "transfer" and _TO_DEVICE.match(lower(r.text[verb.end : verb.end + 80])):
            return None  # "cookies we transfer to your device", "sent to us": no recipient
        before = lower(r.text[max(0, verb.start - 60) : verb.start])
        if (
            (m := _RELATIVE_OBJECT.search(before))
            and m.group("head") not in _NOT_A_VERB
            and not _RELATIVE_VERB.search(before)
            and not self.lexicon.find(m.group("noun"), "personal-data")
            and not any(verb.end <= d.start < clause.end for d in r.data)
        ):
            return None  # "the online services we provide to consumers": no data handled
        in_scope = _within_list(clause, r)
        data = curies(m for m in r.data if in_scope(m.start, m.end))
        if not data and len(_verb_clauses(r.verbs)) <= 1:
            data = curies(r.data)
        if not data and PRONOUN_DATA.search(lower(clause.text)):
            data = curies(r.data) or list(inherited())
        if not data and (
            PERSONAL_WORDS.search(lower(clause.text)) or _BARE_OBJECT.match(r.text, verb.end)
        ):
            data = [PERSONAL_DATA]
        single = len(_verb_clauses(r.verbs)) <= 1
        # "… procedures to safeguard the information we collect": a relative clause's verb has
        # no purposes but its own
        relative = bool(_RELATIVE_VERB.search(before[-40:]))
        # "… to provide the service and never for advertising": a purpose it denies is not one
        stated = [m for m in r.purposes if verb.negated or not _denied_purpose(r.text, m, verb)]
        purposes = curies(m for m in stated if in_clause(m.start, m.end)) or (
            curies(stated) if single and not relative else []
        )
        bases = curies(r.bases)
        stated_end = clause.end  # where the words of the practice's own purpose may end
        if verb.negated and (exception := _EXCEPTION.search(r.text, verb.end)):
            # "we do not share it unless required by law / unless you consent": the purpose and
            # the legal basis are the exception's, not what the denial denies
            denied = set(curies(_before(r.purposes, exception) + _before(r.bases, exception)))
            purposes = [p for p in purposes if p in denied]
            bases = [b for b in bases if b in denied]
            stated_end = min(stated_end, exception.start())
        categories = [m for m in r.categories if in_clause(m.start, m.end)] or (
            r.categories if single else []
        )
        # "information" or "data" named in no vocabulary's words: information of no named kind
        data_word = bool(_DATA_WORD.search(lower(clause.text)))
        if (
            action in NEEDS_OBJECT
            and not verb.negated
            and not (data or clause_orgs or categories or PRONOUN_DATA.search(lower(clause.text)))
            and not data_word
        ):
            return None
        if (
            action == "sell"
            and not verb.negated
            and not data
            and not PRONOUN_DATA.search(clause.text)
        ):
            return None
        if not data and (
            action == "share" or (verb.negated and action in NEEDS_OBJECT) or data_word
        ):
            # "we do not collect any information from …": none at all; "information is
            # collected for analysis": information of no named kind
            data = [PERSONAL_DATA]
        places = [m for m in r.locations if in_clause(m.start, m.end)]
        purpose_text = None if purposes else unnamed_purpose(r, verb.end, stated_end)
        if purpose_text and _purpose_of_another(verb, r, r.text.find(purpose_text, verb.end)):
            purpose_text = None
        # "we may use this information to provide you with offers": the data were named before,
        # the purpose in words no vocabulary has
        referred = purpose_text is not None and _PRONOUN_OBJECT.match(r.text, verb.end)
        if not (data or purposes or referred or clause_orgs or categories or places):
            # "We collect the following:" states nothing until its list does; "our trademarks
            # may not be used" denies nothing about data
            return None
        if purpose_text:
            purposes = [SOME_PURPOSE]
        practice = Practice(
            action,
            evidence,
            negated=verb.negated,
            hedged=verb.hedged,
            data=data,
            purposes=purposes,
            purpose_text=purpose_text,
            legal_bases=bases,
            by_third_party=by_third or _by_third(clause.text),
            # "We do not knowingly collect personal information from children under 13" denies
            # collecting children's data, not personal data at large
            data_subjects=curies(m for m in r.audiences if in_clause(m.start, m.end))
            or (curies(r.audiences) if single else []),
        )
        if action in RECIPIENT_ACTIONS or practice.by_third_party:
            context = f"{clause.text} {r.text if verb.action == 'use' else ''} {section.heading}"
            practice.recipients = find_recipients(r, clause, company, context, single)
            if action in RECIPIENT_ACTIONS and MERGER.search(lower(r.text)):
                self.to_the_buyer(practice)
        if action in ("store", "retain") and not verb.negated:
            # "stored in the Stripe platform", "hosted on AWS infrastructure": the host processes it
            hosts = [
                org
                for org, start, _ in clause_orgs
                if _ON_A_HOST.search(lower(r.text[max(0, start - 24) : start]))
            ]
            known = {x.organisation for x in practice.recipients}
            practice.recipients += [
                Recipient("processor", organisation=o) for o in hosts if o not in known
            ]
        if action in LOCATION_ACTIONS:
            practice.locations = curies(m for m in r.locations if in_clause(m.start, m.end)) or (
                curies(r.locations) if action in ("store", "transfer") else []
            )
        if action in SAFEGUARD_ACTIONS:
            practice.safeguards = curies(r.safeguards)
        return practice


# --- helpers ------------------------------------------------------------------------------------
def _before(matches: list[Match], at: re.Match[str]) -> list[Match]:
    return [m for m in matches if m.start < at.start()]


def _exception(denial: Practice, r: Reading, verb: VerbHit) -> list[Practice]:
    """ "We do not share your data unless required by law": the practice the exception allows,
    with its purpose or legal basis (never a sale: "we do not sell it except as the law requires"
    is no sale)."""
    if not denial.negated or denial.action == "sell":
        return []
    exception = _EXCEPTION.search(r.text, verb.end)
    if exception is None or any(v.start > exception.start() for v in r.verbs):
        return []  # "…, except Google collects …" states a practice of its own
    at = exception.start()
    purposes = curies(m for m in r.purposes if m.start >= at)
    bases = curies(m for m in r.bases if m.start >= at)
    # "for any reason other than to provide you with the editing functionality"
    words = None if purposes else unnamed_purpose(r, at, len(r.text))
    if words:
        purposes = [SOME_PURPOSE]
    # "… with third parties except with service providers such as AWS": those it shares with
    named_after = {o.key for o, start, _ in r.orgs if start >= at} | {
        m.curie for m in r.categories if m.start >= at
    }
    named_before = {o.key for o, start, _ in r.orgs if start < at} | {
        m.curie for m in r.categories if m.start < at
    }
    excepted = [
        rc
        for rc in denial.recipients
        if (key := _recipient_key(rc)) in named_after and key not in named_before
    ]
    if not (purposes or bases or excepted):
        return []
    if excepted:
        denial.recipients = [rc for rc in denial.recipients if rc not in excepted]
    allowed = replace(
        denial,
        negated=False,
        hedged=True,
        purposes=purposes,
        purpose_text=words,
        legal_bases=bases,
        recipients=excepted or list(denial.recipients),  # its own list: _merge appends to it
    )
    return [allowed]


def _recipient_key(recipient: Recipient) -> str | None:
    return recipient.organisation.key if recipient.organisation else recipient.category


# "… but not for marketing", "never for advertising", "not to track you", "rather than to sell"
_DENIES_PURPOSE = re.compile(
    r"(?:\b(?:not|never|nor)\s+(?:(?:only|just|ever)\s+)?|\b(?:rather\s+than|instead\s+of)\s+)"
    r"(?:(?:for|to|in\s+order\s+to)\s+(?:the\s+purposes?\s+of\s+|any\s+)?)?$",
    re.IGNORECASE,
)


def _denied_purpose(text: str, m: Match, verb: VerbHit) -> bool:
    """The purpose `m`, after the verb, is one the sentence denies ("never for advertising")."""
    return m.start > verb.end and bool(
        _DENIES_PURPOSE.search(text, max(verb.end, m.start - 40), m.start)
    )


def _purpose_denial(stated: Practice, r: Reading, verb: VerbHit) -> list[Practice]:
    """ "We use your health data to provide the service and never for advertising": the use for
    advertising is denied, a practice of its own."""
    if stated.negated:
        return []
    denied = curies(m for m in r.purposes if _denied_purpose(r.text, m, verb))
    # "only for marketing the co-branded offerings, not for marketing anything else": the kind
    # of purpose is still stated
    denied = [d for d in denied if d not in stated.purposes]
    if not denied:
        return []
    return [
        replace(
            stated,
            negated=True,
            purposes=denied,
            purpose_text=None,
            recipients=list(stated.recipients),  # its own list: _merge appends to it
        )
    ]


def _org_index(doc: PolicyDoc) -> dict[tuple[int, int], list[Organisation]] | None:
    """organisations.v1's findings by sentence span; None when it found nothing at all."""
    if not doc.facts.organisations:
        return None
    index: dict[tuple[int, int], list[Organisation]] = {}
    for org, evidence in doc.facts.organisations:
        index.setdefault((evidence.start, evidence.end), []).append(org)
    return index


def _by_third(text: str) -> bool:
    low = lower(text)
    return ("third" in low or "set by" in low or "placed by" in low) and bool(_BY_THIRD.search(low))


def _within_list(clause: Clause, r: Reading):
    """The clause, and after a colon the list it introduces, up to the next clause with a verb
    ("We may collect the following information about your use: your IP address; …"), and
    after a list lead the items a semicolon separates ("… includes your IP address; login …")."""
    follows = r.text[clause.end : clause.end + 2].lstrip()[:1]
    if not (follows == ":" or (follows == ";" and _LIST_LEAD.search(lower(clause.text)))):
        return within(clause)
    later = [v.clause.start for v in r.verbs if v.clause.start > clause.end]
    end = min(later) if later else len(r.text)
    return lambda start, stop: clause.start <= start and stop <= end


def _purpose_of_another(verb: VerbHit, r: Reading, at: int) -> bool:
    """ "We collect data that cannot be used to identify you": a verb of the other polarity
    between the verb and the purpose words at `at` has them, not the verb."""
    return any(
        v.clause is verb.clause and verb.end < v.start < at and v.negated != verb.negated
        for v in r.verbs
    )


def _verb_clauses(verbs: list[VerbHit]) -> set[int]:
    return {v.clause.start for v in verbs}


# A verb inside an indirect question reports no practice: "how we use", "what information they
# collect", "the manner in which they use", "whether we share". "This is how we use …" states one.
_INDIRECT_QUESTION = re.compile(
    r"(?<!\bis )(?<!'s )\b(?:how|whether|what(?:\s+(?:personal\s+)?(?:information|data))?|"
    r"the\s+(?:ways?|manner)(?:\s+in\s+which)?)\s+"
    r"(?:(?:we|they|you|it|he|she|such\s+\w+|third\s+parties|[a-z]+(?:s|ers)"
    r"|[a-z][\w.&'’-]*(?:,?\s+(?:inc\.?|llc|ltd\.?))?"  # "what data AdMob", "how RedOrbit, Inc."
    r"|(?:your|our|the|their|this)\s+(?:[\w-]+\s+){0,2}(?:information|data))\s+)?"
    r"(?:(?:may|might|will|can|could|would|do|does|is|are|be|been|also)\s+){0,2}"
    r"(?:[a-z]+(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|and/or)\s+)){0,4}$"  # "collect, use and"
)


_ABOUT_HOW = re.compile(
    r"\b(?:about|explains?|describes?|sets?\s+out|outlines?|learn|understand|details)\s+"
    r"(?:how|whether|what)\b"
)


def _in_indirect_question(text: str, verb: VerbHit) -> bool:
    return bool(_INDIRECT_QUESTION.search(lower(text[verb.clause.start : verb.start])))


# A lead whose items are purposes: "… to use or disclose as appropriate to:", "including for:"
_PURPOSE_LEAD = re.compile(
    r"\b(?:to|for|purposes?|reasons?|in\s+order\s+to|so\s+that\s+we\s+(?:can|may))\s*:\s*$",
    re.IGNORECASE,
)
# An item that opens with its purpose, after a label or not: "Session Cookies: To ensure …"
_OPENS_WITH_PURPOSE = re.compile(
    r"^\W*(?:[\w' -]{1,40}?\s*[:–—-]\s*)?(?:to|in\s+order\s+to|so\s+that)\s", re.IGNORECASE
)
# A short item without a clause of its own: "onboarding processes;"
_ITEM_WORDS = re.compile(r"^\W*(?P<words>[^.;:]{3,100}?)[\s.;,]*$")
_LIST_LEAD = re.compile(
    r"[:\-–—]\s*$|\b(?:following|include|includes|including|such as|"
    r"as follows|below)\b"
)


def _verb_lead(item: Sentence, reading: Callable[[str], Reading]) -> Sentence | None:
    """The item's lead; for a nested list under a label item ("Personal Information:"), the
    outer lead whose verb both lists share ("We collect the following: 1. Personal
    Information: (a) Name ...")."""
    lead = item.lead
    outer = lead.lead if lead is not None and lead.is_list_item else None
    if outer is not None and lead.text.rstrip().endswith(":") and not reading(lead.text).verbs:
        return outer
    return lead


def _concept(lexicon: Lexicon, scheme: str, pattern: str) -> str | None:
    """The first concept of `scheme` whose CURIE matches `pattern`."""
    return next(
        (c.curie for c in lexicon.in_scheme(scheme) if re.search(pattern, c.curie, re.I)), None
    )


def _introduces_list(text: str) -> bool:
    """ "We collect:" / "… the following purposes" introduces a list; a plain sentence does not."""
    return bool(_LIST_LEAD.search(lower(text.rstrip())))


def _last_verb_clause(verbs: list[VerbHit]) -> list[VerbHit]:
    """The verbs of the lead's last clause that has any: the one that introduces the list."""
    if not verbs:
        return []
    last = max(v.clause.start for v in verbs)
    return [v for v in verbs if v.clause.start == last]


# Actions that, with nothing but "personal information" as object, tell a reader nothing: "we
# collect and use personal information" is in every policy. A sale or a share, even vague, says
# something; so does a denial, and so does keeping data ("will be retained by us": GDPR asks how
# long, and a notice that says only this has answered in part).
_VACUOUS_ACTIONS = {"collect", "use", "store"}


_PRONOUN_OBJECT = re.compile(
    r"\s+(?:this|such|that|these|those)\s+(?:personal\s+)?(?:information|data|details)\b"
    r"|\s+(?:it|them)\s+to\b",
    re.IGNORECASE,
)


def _vacuous(p: Practice) -> bool:
    return (
        p.action in _VACUOUS_ACTIONS
        and not p.negated
        and all(d == PERSONAL_DATA for d in p.data)
        and not (p.purposes or p.recipients or p.legal_bases or p.locations or p.safeguards)
        and p.retention is None
    )


def _merge(practices: list[Practice]) -> list[Practice]:
    """One practice per action, polarity, agent and data subjects in a sentence ("use … use" ->
    one use; "we do not sell your data, nor that of children under 13" stays two denials)."""
    merged: dict[tuple, Practice] = {}
    for p in practices:
        key = (p.action, p.negated, p.by_third_party, tuple(p.data_subjects))
        if key not in merged:
            merged[key] = p
            continue
        kept = merged[key]
        kept.hedged = kept.hedged and p.hedged
        for name in ("data", "purposes", "legal_bases", "locations", "safeguards"):
            setattr(kept, name, unique([*getattr(kept, name), *getattr(p, name)]))
        for recipient in p.recipients:
            if recipient not in kept.recipients:
                kept.recipients.append(recipient)
    # each datum once; a specific datum makes the generic dpv:PersonalData redundant
    for p in merged.values():
        p.data = unique(p.data)
        if len(p.data) > 1 and PERSONAL_DATA in p.data:
            p.data = [d for d in p.data if d != PERSONAL_DATA]
    return list(merged.values())


@component(
    "practices.v1", requires=["doc.sentences", "fact.organisations"], assigns=["fact.practices"]
)
def make_practices(lexicon: Lexicon, **config):
    """Append the data practices every sentence states (see the module docstring)."""
    reader = PracticeReader(lexicon)

    def practices(doc: PolicyDoc) -> None:
        doc.facts.practices.extend(reader.read(doc))

    return practices


__all__ = ["FIRST", "PracticeReader", "make_practices"]
