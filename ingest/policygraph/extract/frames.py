"""What a verb of an action states in its frame: the words after it decide whether "share",
"provide", "keep", "maintain", "send", "trade" or "rent" handle personal data at all, and which
action they state ("share … with" shares, "send … abroad" transfers, "keep track of" collects,
"provide advertisers with your email address" shares, "provide links" and "keep your data secure"
state nothing). `verbs.py` reads who acts and whether it is denied; this module only the frame.
"""

from __future__ import annotations

import re

from .clauses import PURPOSE_VERBS

# Setting a tracker collects through it: "third parties may place cookies on your device".
PLACE_VERBS = {"place", "places", "placed", "placing", "set", "sets", "setting", "drop",
               "drops", "dropped", "dropping"}  # fmt: skip
# "preserve user privacy", "maintain its accuracy": a quality of the data kept, not the data
# (retention.py reads its cues with it too)
KEEPS_A_QUALITY = re.compile(
    r"\s+(?:(?:the|your|our|user|users'?|customer|its|their)\s+)*(?:privacy|confidentiality"
    r"|security|integrity|accuracy|rights?)\b",
    re.IGNORECASE,
)
# "keep your information confidential / secure", not "keep it on secure servers"
_KEPT_SAFE = re.compile(
    r"(?: (?!in\b|on\b|at\b|with\b|within\b|by\b|for\b)[\w'’-]+){1,4} (?:strictly )?"
    r"(?:confidential|secure|safe|private|protected)\b"
    r"(?! (?:servers?|systems?|databases?|locations?|facilit|environment|storage))"
)
# What "we use / employ" may take that is no data: "reasonable efforts", "industry-standard
# security measures", "appropriate technical and organisational safeguards".
_MEANS_NOT_DATA = re.compile(
    r" (?!your\b|personal\b|data\b|information\b)(?:[\w-]+,?\s+){0,6}?"
    r"(?:efforts?|endeavou?rs?|care|diligence|judge?ment|measures|safeguards|precautions"
    r"|procedures|encryption|firewalls?)\b",
    re.IGNORECASE,
)
# "provide notice prior to disclosure", "provides processing services for its affiliate"
_PROVIDES_NO_DATA = re.compile(
    r" (?:(?!your\b|personal\b|data\b|information\b)[\w-]+ ){0,2}(?:services|products|support"
    r"|notice|notices|notifications?|assistance|security|safeguards|measures|protections?"
    r"|strategies|tools|features|functionality|options|choices|opportunit(?:y|ies)|links"
    r"|training|guidance|content|ads|advertisements|offers|recommendations|technology"
    r"|platforms?|software|reports?)\b"
)
# "provide advertisers / our partners / Stripe with your …": who receives, then the data
_RECEIVERS = (
    r"partners?|advertisers?|affiliates?|vendors?|providers?|processors?|compan(?:y|ies)|parties"
    r"|party|agenc(?:y|ies)|authorit(?:y|ies)|networks?|sponsors?|merchants?|contractors?"
    r"|agents?|organi[sz]ations?|entit(?:y|ies)|subsidiaries|businesses|resellers?|distributors?"
    r"|carriers?"
)
# "provide your data to X / with X", not to the person ("to you") nor to do something ("to build
# profiles": a purpose)
_TO_A_RECIPIENT = re.compile(
    rf"[^,;.]{{0,80}}?\b(?:to (?!(?:{PURPOSE_VERBS})\b)|with )(?!you\b|your\b|users?\b|our users)"
)
_PROVIDE_SOMEONE_WITH = re.compile(
    rf" (?:(?:[\w&'’-]+ ){{0,3}}(?:{_RECEIVERS})|(?!(?:you|them|us|users?|visitors?|customers?"
    r"|a|an|the|more|better|services?|content|ads|support|access|features?|products?)\b)"
    r"[\w&'’-]+) with (?:your|their|his|her|the|such|this|any|all|certain|personal"
    r"|information|data)\b"
)


def stated_action(action: str, base: str, after: str) -> str | None:
    """The action the verb states given what follows it ("share ... with" shares, "send ...
    abroad" transfers, "keep track of" collects); None when it handles no data there."""
    if action == "share":
        framed = _share_frame(base, after)
        if framed is None:
            return None
        action = framed
    if (
        action == "transfer"
        and base.startswith("sen")
        and not re.match(r"[^.;]{0,80}\b(?:outside|abroad|overseas|to (?:other )?countr)", after)
    ):
        return None
    if base.startswith("trad") and not re.match(
        r" (?:your|the|any|personal|such|this|it|them|user|customer|data|information)", after
    ):
        return None
    if base.startswith("rent") and not re.match(
        r" ?(?:,|\.|;|$|or|and|to|your|the|any|personal|it|them|such|this|out)", after
    ):
        return None
    if (
        action == "store"
        and base.startswith("maintain")
        and re.match(
            r" (?:a|an)\b| (?:the )?(?:[\w-]+ )?(?:security|integrity|confidentiality|accuracy)\b",
            after,
        )
    ):
        return None  # "maintain a list of …", "maintain data security"
    if (
        action == "store"
        and base.startswith("maintain")
        and re.match(
            r" (?:(?:your|the|our) )?(?:[\w-]+ )?(?:experience|relationship|services?|site"
            r"|website|platform|app|systems?)\b",
            after,
        )
    ):
        return None  # "maintain your user experience" keeps no data
    if action == "store" and re.match(r"[^,;.]{0,40}\bto\s+a\s+minimum\b", after):
        return None  # "we keep this type of email to a minimum" limits, and keeps nothing
    if action == "store" and base.startswith(("keep", "kept")) and after.startswith(" track"):
        action = "collect"  # "cookies keep track of your purchases" record them
    if base.startswith(("keep", "kept")) and _KEPT_SAFE.match(after):
        return None  # "keep our users' information confidential" protects, and keeps nothing
    if base in PLACE_VERBS and re.match(r" (?:up )?to \w+", after):
        return None  # "browsers are set to accept cookies", "cookies set to expire": a setting
    if base.startswith("preserv") and KEEPS_A_QUALITY.match(after):
        return None  # "we make every effort to preserve user privacy" keeps no data
    if action in ("use", "store") and _MEANS_NOT_DATA.match(after):
        return None  # "we use reasonable efforts to remove it" handles no data
    if re.match(
        r" (?:us )?(?:(?:such|your|the|their|prior|explicit|express|any) )*(?:consent|permission|"
        r"approval|authori[sz]ation)\b",
        after,
    ):
        return None  # "we have not obtained such consent" is about consent, not data
    return action


def _share_frame(base: str, after: str) -> str | None:
    """Map make/give/pass/provide to "share" only in a sharing frame."""
    if base.startswith("shar"):
        return "share"
    if base in ("make", "makes", "making", "made"):
        m = re.match(r"[^,;.]{0,80}?\bavailable (?:to|for)\b(?! you\b)", after)
        return "share" if m else None
    if base.startswith(("giv", "grant")):
        return "share"
    if base.startswith("pass"):
        return "share" if re.match(r"[^,;.]{0,60}?\b(?:on )?to\b(?! you\b)", after) else None
    if base.startswith(("provid", "submit", "suppl")):
        # "provide your data to X" / "provide X with your data"; the user case is handled later
        if _PROVIDES_NO_DATA.match(after):
            return None
        if re.match(r"(?: it)?(?: to)? us\b", after):
            return "share"
        if _TO_A_RECIPIENT.match(after):
            return "share"
        if _PROVIDE_SOMEONE_WITH.match(after):
            return "share"  # "provide advertisers with your email address"
        if re.match(r"[^,;.]{0,10}:? *$", after):  # "we may provide your personal data to:"
            return "share"
        return None
    return "share"
