"""Write a synthetic corpus of privacy policies (Markdown) for benchmarks.

    python benchmarks/generate_corpus.py --count 1000 --out /tmp/corpus --seed 7

Every policy is built from the templates and word lists below: a random fictional company, a random
subset of well-known processors (so the organisation registry has something to resolve) plus an
unknown vendor with a legal form, data types, purposes, legal bases, retention phrases, laws,
rights, locations, denials and usually a cookie table. Policy `i` depends only on (seed, i), so
the same seed always gives the same files, whatever --count is. Standard library only.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path

NAME_HEADS = [
    "Amber",
    "Birch",
    "Blue",
    "Bright",
    "Cedar",
    "Cinder",
    "Clear",
    "Cobalt",
    "Copper",
    "Crest",
    "Drift",
    "Ember",
    "Fern",
    "Field",
    "Flint",
    "Fox",
    "Glen",
    "Golden",
    "Harbor",
    "Hazel",
    "Iron",
    "Juniper",
    "Kite",
    "Lark",
    "Linden",
    "Lumen",
    "Maple",
    "Meadow",
    "North",
    "Oak",
    "Orbit",
    "Pebble",
    "Pine",
    "Quarry",
    "Quill",
    "Raven",
    "Ridge",
    "River",
    "Saffron",
    "Silver",
    "Slate",
    "Spruce",
    "Stone",
    "Summit",
    "Tide",
    "Timber",
    "Velvet",
    "Willow",
    "Wren",
    "Zephyr",
]
NAME_TAILS = [
    "loop",
    "works",
    "field",
    "path",
    "stack",
    "line",
    "leaf",
    "beam",
    "forge",
    "nest",
    "point",
    "wave",
    "gate",
    "post",
    "mark",
    "craft",
    "ly",
    "hub",
    "deck",
    "yard",
]
LEGAL_FORMS = [
    "Inc.",
    "LLC",
    "Ltd.",
    "Limited",
    "GmbH",
    "B.V.",
    "AS",
    "ApS",
    "SAS",
    "Corp.",
    "Pty Ltd",
]
PRODUCTS = [
    ("a project-management app", "teams"),
    ("an online shop for outdoor gear", "customers"),
    ("a meal-planning app", "users"),
    ("a booking platform for fitness classes", "members"),
    ("a language-learning app", "learners"),
    ("an invoicing service", "customers"),
    ("a photo-sharing community", "members"),
    ("a podcast hosting service", "creators"),
    ("a recruiting platform", "candidates"),
    ("a home-energy monitoring app", "households"),
    ("a telehealth scheduling tool", "patients"),
    ("a marketplace for used bicycles", "buyers and sellers"),
]

# name, what they do for us, cookies they set: (name, purpose, duration, category)
PROCESSORS = [
    (
        "Stripe",
        "processes card payments",
        [("__stripe_mid", "Fraud prevention at checkout", "1 year", "Essential")],
    ),
    ("PayPal", "processes PayPal payments", []),
    ("Zendesk", "hosts our support tickets", []),
    (
        "Intercom",
        "powers our in-app chat",
        [("intercom-id-*", "Identifies returning chat visitors", "9 months", "Functional")],
    ),
    (
        "Google Analytics",
        "measures how visitors use our website",
        [
            ("_ga", "Distinguishes unique visitors", "2 years", "Analytics"),
            ("_gid", "Distinguishes visitors over one day", "24 hours", "Analytics"),
        ],
    ),
    ("Mailchimp", "sends our newsletters", []),
    ("Amazon Web Services", "hosts our servers and databases", []),
    ("Sentry", "collects crash and error reports", []),
    (
        "HubSpot",
        "manages our customer relationships",
        [("hubspotutk", "Keeps track of a visitor's identity", "6 months", "Marketing")],
    ),
    ("Twilio", "sends text messages and verification codes", []),
    (
        "Cloudflare",
        "protects our website against attacks",
        [("__cf_bm", "Distinguishes humans from bots", "30 minutes", "Essential")],
    ),
    (
        "Mixpanel",
        "analyses how features of our app are used",
        [("mp_*_mixpanel", "Product analytics", "1 year", "Analytics")],
    ),
    (
        "Segment",
        "routes product analytics events",
        [("ajs_anonymous_id", "Anonymous analytics identifier", "1 year", "Analytics")],
    ),
    (
        "Hotjar",
        "records anonymised heatmaps of our pages",
        [("_hjSessionUser_*", "Identifies a visitor across a session", "1 year", "Analytics")],
    ),
    ("Salesforce", "hosts our customer database", []),
]
UNKNOWN_VENDOR_WORDS = [
    "Analytics",
    "Hosting",
    "Data",
    "Logistics",
    "Support",
    "Labs",
    "Cloud",
    "Mail",
]

DATA_TYPES = [
    "name",
    "email address",
    "phone number",
    "postal address",
    "date of birth",
    "IP address",
    "device identifiers",
    "browser type",
    "operating system",
    "screen resolution",
    "cookie identifiers",
    "payment card details",
    "bank account number",
    "billing address",
    "purchase history",
    "approximate location",
    "precise location",
    "photos you upload",
    "messages you send us",
    "job title",
    "company name",
    "gender",
    "language preference",
    "usage data",
    "search history",
]
# (plain purpose, GDPR legal basis wording, plain legal-basis wording)
PURPOSES = [
    (
        "to provide and maintain our services",
        "Art. 6(1)(b) GDPR (performance of a contract)",
        "we need it to provide the service you asked for",
    ),
    ("to process payments", "Art. 6(1)(b) GDPR (contract)", "we need it to take your payment"),
    ("to send you marketing emails", "Art. 6(1)(a) GDPR (consent)", "you agreed to it"),
    ("to show you personalised advertising", "Art. 6(1)(a) GDPR (consent)", "you agreed to it"),
    (
        "to analyse and improve our website",
        "Art. 6(1)(f) GDPR (legitimate interests)",
        "we have a legitimate interest in improving our products",
    ),
    (
        "to prevent fraud and abuse",
        "Art. 6(1)(f) GDPR (legitimate interests)",
        "we have a legitimate interest in keeping our service safe",
    ),
    ("to provide customer support", "Art. 6(1)(b) GDPR (contract)", "we need it to answer you"),
    (
        "to comply with tax and accounting law",
        "Art. 6(1)(c) GDPR (legal obligation)",
        "the law requires it",
    ),
    (
        "to personalise your experience",
        "Art. 6(1)(f) GDPR (legitimate interests)",
        "we have a legitimate interest in a relevant service",
    ),
    (
        "to conduct research and develop new features",
        "Art. 6(1)(f) GDPR (legitimate interests)",
        "we have a legitimate interest in developing our products",
    ),
]
RETENTION = [
    "for 2 months",
    "for 30 days",
    "for 90 days",
    "for six months",
    "for 12 months",
    "up to 24 months",
    "for as long as your account is active",
    "seven years",
    "for five years",
    "for ten years",
    "30 days after account closure",
    "until you unsubscribe",
    "indefinitely in aggregated form",
    "for 14 days",
    "for three years after your last purchase",
]
RETAINED = [
    "Account data is",
    "Server logs are",
    "Payment records are",
    "Support conversations are",
    "Your marketing preferences are",
    "Order history is",
    "Analytics data is",
    "Uploaded files are",
    "Backups are",
    "Invoices are",
]
LOCATIONS = [
    ("the United States", "outside"),
    ("Oregon, United States", "outside"),
    ("Virginia, United States", "outside"),
    ("Ireland", "eu"),
    ("Germany", "eu"),
    ("Frankfurt, Germany", "eu"),
    ("the Netherlands", "eu"),
    ("Canada", "outside"),
    ("the United Kingdom", "outside"),
    ("Norway", "eu"),
]
SAFEGUARDS = [
    "standard contractual clauses approved by the European Commission",
    "the EU-US Data Privacy Framework",
    "an adequacy decision of the European Commission",
    "binding corporate rules",
]
GDPR_RIGHTS = [
    "the right of access (Article 15)",
    "the right to rectification (Article 16)",
    "the right to erasure (Article 17)",
    "the right to restriction of processing (Article 18)",
    "the right to data portability (Article 20)",
    "the right to object (Article 21)",
    "the right not to be subject to automated decision-making (Article 22)",
]
CCPA_RIGHTS = [
    "the right to know what personal information we collect",
    "the right to delete your personal information",
    "the right to correct inaccurate personal information",
    "the right to opt out of the sale or sharing of your personal information",
    "the right to limit the use of sensitive personal information",
    "the right to non-discrimination",
]
DENIALS = [
    "We do not sell your personal information.",
    "We do not sell or share your personal information.",
    "Your personal information will not be sold or rented to third parties.",
    "We do not collect special categories of personal data.",
    "We never sell your data to advertisers or data brokers.",
    "We do not use your personal data for automated decision-making.",
]
SECURITY = [
    "All data is encrypted in transit using TLS.",
    "We encrypt personal data at rest.",
    "Only employees who need personal data can access it, under role-based access controls.",
    "We require multi-factor authentication for all staff accounts.",
    "We run regular penetration tests and security audits.",
]

COLLECT_LEADS = [
    "We collect the following information:",
    "When you use {product}, we collect:",
    "The personal data we process includes:",
    "We may collect these categories of personal information:",
]
COLLECT_SENTENCES = [
    "We collect your {a} and {b} when you create an account.",
    "When you contact us, we receive your {a} and the {b} you give us.",
    "Our servers automatically record your {a}, {b} and {c}.",
    "If you choose to, you can give us your {a}.",
    "We may collect your {a} from our partners.",
]
SHARE_LEADS = [
    "We share your personal information with:",
    "We share personal data with the following service providers:",
    "Our processors include:",
    "We use these third parties:",
]
SHARE_SENTENCES = [
    "We share your {data} with {org}, which {role}.",
    "{org} {role} on our behalf and receives your {data}.",
    "We may disclose your {data} to {org}, which {role}.",
    "Your {data} is processed by {org}.",
]


def company_name(rng: random.Random) -> tuple[str, str, str]:
    short = rng.choice(NAME_HEADS) + rng.choice(NAME_TAILS)
    return short, f"{short} {rng.choice(LEGAL_FORMS)}", short.lower() + ".example"


def pick(rng: random.Random, items: list, low: int, high: int) -> list:
    return rng.sample(items, rng.randint(low, min(high, len(items))))


def heading(rng: random.Random, *options: str) -> str:
    return f"## {rng.choice(options)}\n\n"


def policy(seed: int, index: int) -> tuple[str, str]:
    """One policy: (file stem, Markdown text)."""
    rng = random.Random(f"{seed}:{index}")
    short, legal, domain = company_name(rng)
    product, people = rng.choice(PRODUCTS)
    gdpr, ccpa = rng.random() < 0.6, rng.random() < 0.5
    updated = date(2020, 1, 1) + timedelta(days=rng.randrange(1700))
    processors = pick(rng, PROCESSORS, 3, 8)
    vendor = (
        f"{rng.choice(NAME_HEADS)} {rng.choice(UNKNOWN_VENDOR_WORDS)} {rng.choice(LEGAL_FORMS)}"
    )
    data = pick(rng, DATA_TYPES, 5, 12)
    purposes = pick(rng, PURPOSES, 3, 7)
    out: list[str] = []
    add = out.append

    add(f"# {rng.choice(['Privacy Policy', 'Privacy Notice', 'Privacy Statement'])} of {short}\n\n")
    add(
        rng.choice(["Last updated: {d}", "Effective date: {d}", "Effective as of {d}"]).format(
            d=updated.strftime(rng.choice(["%B %d, %Y", "%d %B %Y", "%Y-%m-%d"]))
        )
        + "\n\n"
    )
    add(
        f'{legal} ("{short}", "we", "us") provides {product} for {people}. This policy explains '
        f"how we handle personal information when you use {domain} and our apps.\n\n"
    )
    if gdpr:
        add(
            f"{legal} is the controller of your personal data. You can contact us at "
            f"privacy@{domain}."
        )
        if rng.random() < 0.6:
            add(f" Our Data Protection Officer can be reached at dpo@{domain}.")
        add("\n\n")

    add(heading(rng, "Information we collect", "What we collect", "Personal data we process"))
    if rng.random() < 0.5:
        add(rng.choice(COLLECT_LEADS).format(product=short) + "\n\n")
        add("".join(f"- {d[0].upper()}{d[1:]}\n" for d in data))
    else:
        pool = rng.sample(data, len(data))
        for k in range(0, min(len(pool) - 2, 3 * rng.randint(2, 4)), 3):
            a, b, c = pool[k : k + 3]
            add(rng.choice(COLLECT_SENTENCES).format(a=a, b=b, c=c) + " ")
        add("\n")
    add("\n")

    add(
        heading(
            rng, "How we use your information", "Purposes of processing", "Why we use your data"
        )
    )
    for plain, article, reason in purposes:
        d = rng.choice(data)
        if gdpr and rng.random() < 0.8:
            basis = article if rng.random() < 0.5 else reason
            add(f"- We use your {d} {plain}. Legal basis: {basis}.\n")
        else:
            add(f"- We use your {d} {plain}.\n")
    if gdpr and rng.random() < 0.5:
        add(
            "\nYou can withdraw your consent at any time, without affecting processing "
            "that took place before.\n"
        )
    add("\n")

    add(heading(rng, "Sharing", "Who we share data with", "Disclosure of personal information"))
    named = [(n, r) for n, r, _ in processors]
    if rng.random() < 0.5:
        add(rng.choice(SHARE_LEADS) + "\n\n")
        add("".join(f"- {n}, which {r};\n" for n, r in named))
        add(f"- {vendor}, which provides support services.\n")
    else:
        for n, r in named:
            d = rng.choice(data)
            add(rng.choice(SHARE_SENTENCES).format(data=d, org=n, role=r) + " ")
        add(f"We also work with {vendor.rstrip('.')}.\n")
    add("\n" + " ".join(pick(rng, DENIALS, 1, 2)) + "\n\n")
    if ccpa and rng.random() < 0.15:
        add("We may sell your email address and purchase history to marketing partners.\n\n")

    add(heading(rng, "Where we store data", "International transfers", "Storage and transfers"))
    locs = pick(rng, LOCATIONS, 1, 3)
    add(f"Our servers are located in {locs[0][0]}.")
    outside = [name for name, zone in locs if zone == "outside"]
    if gdpr and outside:
        if rng.random() < 0.8:
            add(
                f" When we transfer personal data to {outside[0]}, "
                f"we rely on {rng.choice(SAFEGUARDS)}."
            )
        else:
            add(f" Your data may be transferred to {outside[0]}.")
    add("\n\n")

    add(heading(rng, "Retention", "How long we keep your data", "Data retention"))
    for what in pick(rng, RETAINED, 2, 5):
        add(f"- {what} {rng.choice(['kept', 'retained', 'stored'])} {rng.choice(RETENTION)}.\n")
    add("\n")

    if gdpr:
        add(heading(rng, "Your rights", "Your rights under the GDPR", "Data protection rights"))
        add(
            "Under the General Data Protection Regulation (GDPR) you have "
            + ", ".join(pick(rng, GDPR_RIGHTS, 3, 7))
            + "."
        )
        add(" You have the right to lodge a complaint with a supervisory authority.\n\n")
    if ccpa:
        add(
            heading(
                rng,
                "California privacy rights",
                "Notice to California residents",
                "Your rights under the CCPA",
            )
        )
        add(
            "If you live in California, the California Consumer Privacy Act (CCPA) gives you "
            + ", ".join(pick(rng, CCPA_RIGHTS, 3, 6))
            + ". "
        )
        phone = (
            f"1-8{rng.choice('0345678')}{rng.choice('0345678')}-555-{rng.randrange(100, 200):04d}"
        )
        add(
            f"To exercise these rights, email privacy@{domain} or call us toll-free at {phone}.\n\n"
        )

    if rng.random() < 0.7:
        cookies = [c for _, _, cs in processors for c in cs]
        cookies.insert(
            0, (f"{short.lower()}_session", "Keeps you signed in", "Session", "Essential")
        )
        add(heading(rng, "Cookies", "Cookies and similar technologies"))
        add("| Cookie | Provider | Purpose | Duration | Category |\n|---|---|---|---|---|\n")
        for name, purpose, duration, category in cookies:
            provider = next((n for n, _, cs in processors if any(c[0] == name for c in cs)), short)
            add(f"| {name} | {provider} | {purpose} | {duration} | {category} |\n")
        add("\n")
    if rng.random() < 0.5:
        add(
            rng.choice(
                [
                    "We honour Do Not Track signals sent by your browser.",
                    "Our website does not respond to Do Not Track signals.",
                ]
            )
            + "\n\n"
        )

    add(heading(rng, "Security", "How we protect your data"))
    add(" ".join(pick(rng, SECURITY, 1, 3)) + "\n\n")
    add(heading(rng, "Children", "Children's privacy"))
    age = rng.choice([13, 13, 13, 16, 18])
    add(f"We do not knowingly collect information from children under {age}.")
    if age == 13 and rng.random() < 0.5:
        add(" This is in line with the Children's Online Privacy Protection Act (COPPA).")
    add("\n\n")
    add(heading(rng, "Contact us", "Contact", "Questions"))
    add(f"{legal}, privacy@{domain}\n")
    return f"{index:05d}-{short.lower()}", "".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100, help="number of policies (default 100)")
    parser.add_argument(
        "--out", type=Path, required=True, help="directory to write the .md files to"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for i in range(args.count):
        stem, text = policy(args.seed, i)
        (args.out / f"{stem}.md").write_text(text, encoding="utf-8")
    print(f"wrote {args.count} policies to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
