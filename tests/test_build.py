from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from policygraph import iris
from policygraph.build import build_graph
from policygraph.vocab import DPV, EU_GDPR, OA, PD, PG, PGO


def test_build_practice_links_controller_data_and_processor(sample_doc):
    g = build_graph(sample_doc)
    practice = iris.fact(iris.policy("a" * 64), "practice", 1)
    assert (practice, RDF.type, DPV.Process) in g
    assert (practice, DPV.hasDataController, PGO.acme) in g
    assert (practice, DPV.hasProcessing, DPV.Share) in g
    assert (practice, DPV.hasPersonalData, PD.EmailAddress) in g
    assert (practice, DPV.hasDataProcessor, PGO.stripe) in g
    assert (practice, DPV.hasLegalBasis, EU_GDPR["A6-1-b"]) in g


def test_build_denial_is_never_a_positive_practice(sample_doc):
    g = build_graph(sample_doc)
    denial = iris.fact(iris.policy("a" * 64), "practice", 2)
    assert (denial, RDF.type, PG.DeniedPractice) in g
    assert (denial, RDF.type, DPV.Process) not in g
    assert (denial, PG.negated, Literal(True)) in g
    assert (denial, DPV.hasProcessing, PG.Sell) in g


def test_build_practice_about_some_people_names_its_data_subject(sample_doc):
    from policygraph.model import Evidence, Practice

    sample_doc.facts.practices.append(
        Practice("collect", Evidence(0, 5, "Acme "), negated=True, data=["dpv:PersonalData"],
                 data_subjects=["pg:Children"])
    )  # fmt: skip
    g = build_graph(sample_doc)
    assert (None, DPV.hasDataSubject, PG.Children) in g


def test_build_unnamed_purpose_keeps_its_words(sample_doc):
    from policygraph.model import Evidence, Practice

    sample_doc.facts.practices.append(
        Practice("use", Evidence(0, 5, "Acme "), data=["pd:EmailAddress"],
                 purposes=["dpv:Purpose"], purpose_text="to keep you signed in")
    )  # fmt: skip
    g = build_graph(sample_doc)
    practice = next(g.subjects(PG.purposeText, Literal("to keep you signed in")))
    assert (practice, DPV.hasPurpose, DPV.Purpose) in g


def test_build_retention_duration_is_xsd_duration(sample_doc):
    g = build_graph(sample_doc)
    retention = URIRef(f"{iris.fact(iris.policy('a' * 64), 'practice', 3)}/retention")
    assert (retention, DPV.hasDuration, Literal("P2M", datatype=XSD.duration)) in g


def test_build_evidence_has_offsets_and_exact_quote(sample_doc):
    g = build_graph(sample_doc)
    ev = iris.evidence(iris.policy("a" * 64), 0, 40)
    text = sample_doc.document.text
    assert (ev, OA.exact, Literal(text[0:40])) in g
    assert (ev, OA.start, Literal(0)) in g
    assert (ev, OA.end, Literal(40)) in g


def test_build_one_evidence_node_per_sentence(sample_doc):
    g = build_graph(sample_doc)
    assert len(set(g.subjects(RDF.type, OA.TextQuoteSelector))) == 2


def test_build_is_deterministic(sample_doc):
    from rdflib.compare import isomorphic

    assert isomorphic(build_graph(sample_doc), build_graph(sample_doc))


def test_iris_organisation_is_stable_across_name_forms():
    assert iris.organisation("Stripe, Inc.") == iris.organisation("stripe") == PGO.stripe
    assert iris.organisation("Atomical Creative Inc.") == PGO["atomical-creative"]


def test_build_ntriples_round_trip_with_multiline_text():
    from rdflib import Graph

    from policygraph.build import build_triples, to_ntriples

    from .conftest import make_doc

    doc = make_doc('We share "quoted" data.\nWith a back\\slash and a second line.')
    triples = build_triples(doc)
    parsed = Graph().parse(data=to_ntriples(triples), format="nt")
    assert set(parsed) == set(triples)


def test_build_company_legal_name_and_its_mentions_are_the_company(sample_doc):
    from policygraph.model import Evidence, Organisation

    sample_doc.legal_name = "Acme Widgets Inc."
    quote = sample_doc.document.text[:10]
    sample_doc.facts.organisations.append(
        (Organisation("acme-widgets", "Acme Widgets Inc.", known=False), Evidence(0, 10, quote))
    )
    g = build_graph(sample_doc)
    assert (PGO.acme, PG.legalName, Literal("Acme Widgets Inc.")) in g
    assert not list(g.subjects(PG.mentions, PGO["acme-widgets"]))


def test_build_mention_purposes(sample_doc):
    from policygraph.model import Evidence, Mention

    quote = sample_doc.document.text[:10]
    sample_doc.facts.mentions.append(
        Mention("legal-basis", "dpv:LegitimateInterest", Evidence(0, 10, quote), None,
                ("dpv:Marketing",))
    )  # fmt: skip
    g = build_graph(sample_doc)
    (node,) = g.subjects(DPV.hasLegalBasis, DPV.LegitimateInterest)
    assert (node, DPV.hasPurpose, DPV.Marketing) in g
