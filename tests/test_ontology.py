"""The ontology and SKOS vocabularies in ontology/: they parse, load into OWL tools, use only real
DPV IRIs, declare every pg: term they use, and feed the lexicon the matches the extractors need."""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import OWL, SKOS

from policygraph.lexicon import _SCHEME_BY_IRI, Lexicon, curie, ontology_files
from policygraph.model import ACTIONS
from policygraph.text import fold, tokenize
from policygraph.vocab import PG, PREFIXES

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "dpv-2.3"
# DPV namespaces whose IRIs must exist in the reference tables.
DPV_PREFIXES = (
    "dpv", "pd", "eu-gdpr", "legal-eu", "legal-us", "legal-gb", "legal-in", "loc", "tech",
)  # fmt: skip
# Core DPV terms that exist in DPV 2.3 but are not in the extracted reference tables.
DPV_NOT_IN_TABLES = {"https://w3id.org/dpv#Process"}


@pytest.fixture(scope="module")
def files() -> list[Path]:
    return ontology_files()


@pytest.fixture(scope="module")
def graph(files) -> Graph:
    g = Graph()
    for path in files:
        g.parse(path, format="turtle")
    return g


@pytest.fixture(scope="module")
def lexicon(files) -> Lexicon:
    return Lexicon.from_files(files)


def _iris(g: Graph):
    for triple in g:
        for term in triple:
            if isinstance(term, URIRef):
                yield str(term)


# --- (a) parsing ---------------------------------------------------------------------------------


def test_ontology_files_present(files):
    names = {p.name for p in files}
    expected = {
        "policygraph.ttl", "personal-data.ttl", "purposes.ttl", "legal-bases.ttl", "rights.ttl",
        "laws.ttl", "locations.ttl", "measures.ttl", "processing.ttl", "recipients.ttl",
        "cookies.ttl", "audiences.ttl",
    }  # fmt: skip
    assert expected <= names


@pytest.mark.parametrize("path", ontology_files(), ids=lambda p: p.name)
def test_ontology_file_parses(path):
    g = Graph()
    g.parse(path, format="turtle")
    assert len(g) > 0


# --- (b) OWL: owlready2 + HermiT -----------------------------------------------------------------


@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")
def test_ontology_consistent_with_hermit(graph, tmp_path):
    owlready2 = pytest.importorskip("owlready2")
    path = tmp_path / "policygraph.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load()
    assert onto is not None
    try:
        with onto:
            owlready2.sync_reasoner(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError as exc:  # pragma: no cover - failure path
        pytest.fail(f"the ontology is inconsistent: {exc}")
    assert not list(world.inconsistent_classes())


def test_concepts_are_never_classes(graph):
    """Vocabulary concepts are values (skos:Concept individuals), never OWL classes."""
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    classes = set(graph.subjects(RDF.type, OWL.Class))
    assert not concepts & classes
    # ... and nothing used as a class (rdf:type object) is a broader concept.
    used_as_class = set(graph.objects(None, RDF.type))
    broader_targets = set(graph.objects(None, SKOS.broader))
    assert not (used_as_class & broader_targets)


# --- (c) DPV IRIs exist --------------------------------------------------------------------------


def _reference_iris() -> set[str]:
    iris: set[str] = set()
    for table in REFERENCE.glob("*.tsv"):
        if table.name == "namespaces.tsv":
            continue
        with table.open(encoding="utf-8") as fh:
            for row in csv.reader(fh, delimiter="\t"):
                if row and row[0].startswith("http"):
                    iris.add(row[0])
    return iris


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="shared DPV reference tables are absent")
def test_dpv_iris_exist_in_reference(graph):
    known = _reference_iris() | DPV_NOT_IN_TABLES
    namespaces = [str(PREFIXES[p]) for p in DPV_PREFIXES]
    # the other legal-XX namespaces (legal-de, legal-jp ...) are checked as well
    namespaces.append("https://w3id.org/dpv/legal/")
    unknown = sorted(
        iri
        for iri in set(_iris(graph))
        if any(iri.startswith(ns) for ns in namespaces) and iri not in known
    )
    assert not unknown, f"IRIs not in DPV 2.3: {unknown}"


# --- (d) pg: terms are declared ------------------------------------------------------------------


def test_pg_predicates_and_classes_declared(graph, files):
    own = Graph()
    own.parse(next(p for p in files if p.name == "policygraph.ttl"), format="turtle")
    declared = set(own.subjects(RDF.type, None))
    used = {p for p in graph.predicates() if str(p).startswith(str(PG))}
    used |= {o for o in graph.objects(None, RDF.type) if str(o).startswith(str(PG))}
    missing = sorted(str(t) for t in used - declared)
    assert not missing


def test_pg_properties_of_graph_model_declared(graph):
    names = [
        "statedIn", "evidence", "negated", "hedged", "safeguard", "condition", "sha256", "text",
        "company", "relation", "audience", "cookieName", "provider", "purposeText",
        "cookieCategory", "role", "email", "minimumAge", "honoursDoNotTrack", "mentions",
        "legalName", "caseSensitiveLabel", "country", "serviceCategory", "providedBy", "section",
        "durationText",
    ]  # fmt: skip
    for name in names:
        types = set(graph.objects(PG[name], RDF.type))
        assert types & {OWL.ObjectProperty, OWL.DatatypeProperty}, name
    assert (PG.evidence, URIRef("http://www.w3.org/2000/01/rdf-schema#subPropertyOf"),
            URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")) in graph  # fmt: skip


def test_every_concept_in_a_declared_scheme(graph):
    schemes = set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        in_schemes = set(graph.objects(concept, SKOS.inScheme))
        assert in_schemes, concept
        assert in_schemes <= schemes, concept
        assert graph.value(concept, SKOS.prefLabel) is not None, concept


def test_service_categories_for_registry(graph):
    names = [
        "PaymentServices", "CustomerSupportServices", "AnalyticsServices", "EmailServices",
        "HostingServices", "MonitoringServices", "AdvertisingServices", "SocialLoginServices",
        "CRMServices", "MarketingServices", "CommunicationServices", "SecurityServices",
        "ConsentManagementServices", "VideoServices", "MapServices", "SocialMedia",
        "ProductivityServices", "FormsServices", "SchedulingServices", "IdentityServices",
        "StorageServices", "ECommerceServices", "FeedbackServices", "TagManagementServices",
        "SearchServices", "AIServices", "OtherServices",
    ]  # fmt: skip
    for name in names:
        assert (PG[name], SKOS.inScheme, PG.ServiceCategoryScheme) in graph, name
        assert graph.value(PG[name], SKOS.altLabel) is None, name


# --- (e) the lexicon -----------------------------------------------------------------------------


def test_no_label_names_two_concepts_in_one_scheme(graph):
    """The matcher keeps one concept per span and scheme, so a shared label would hide one."""
    owners: dict[tuple[str, tuple[str, ...]], set] = defaultdict(set)
    for concept, scheme in graph.subject_objects(SKOS.inScheme):
        short = _SCHEME_BY_IRI.get(scheme)
        if short is None or short == "organisation":
            continue
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for label in graph.objects(concept, prop):
                key = tuple(fold(t) for t, _, _ in tokenize(str(label)))
                owners[(short, key)].add(concept)
    shared = {k: sorted(map(str, v)) for k, v in owners.items() if len(v) > 1}
    assert not shared


def test_every_matched_concept_has_a_curie(graph, lexicon):
    """The lexicon skips concepts whose namespace has no prefix in vocab.PREFIXES."""
    for concept, scheme in graph.subject_objects(SKOS.inScheme):
        if scheme in _SCHEME_BY_IRI and scheme != PG.OrganisationScheme:
            assert curie(str(concept)) in lexicon.concepts, concept


def test_processing_notations_cover_actions(lexicon):
    notations = {c.notation for c in lexicon.in_scheme("processing")}
    assert notations == set(ACTIONS)


def test_processing_verb_forms_name_every_action(lexicon):
    forms = lexicon.verb_forms
    assert set(forms.values()) == set(ACTIONS)
    assert (forms["gathered"], forms["monetised"], forms["preserving"]) == (
        "collect", "sell", "retain"
    )  # fmt: skip
    # nouns and adjectives are no verbs: "the collection of", "aggregate data"
    assert not {"collection", "aggregate", "profile"} & forms.keys()


def test_verb_forms_come_from_the_turtle():
    turtle = """
    @prefix pg: <https://w3id.org/policygraph/ns#> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    pg:Harvest skos:inScheme pg:ProcessingScheme ; skos:notation "collect" ;
        pg:verbForm "harvest", "harvested" .
    """
    lexicon = Lexicon(Graph().parse(data=turtle, format="turtle"))
    assert lexicon.verb_forms == {"harvest": "collect", "harvested": "collect"}


def test_vocabulary_sizes(lexicon, graph):
    assert len(lexicon.in_scheme("personal-data")) >= 120
    pd_labels = sum(
        1
        for concept, _ in graph.subject_objects(SKOS.inScheme)
        if (concept, SKOS.inScheme, PG.PersonalDataScheme) in graph
        for _ in graph.objects(concept, SKOS.altLabel)
    )
    assert pd_labels >= 500


def _found(lexicon, text, scheme):
    return {m.curie for m in lexicon.find(text, scheme)}


@pytest.mark.parametrize(
    ("text", "scheme", "expected"),
    [
        ("We collect your e-mail addresses and phone numbers", "personal-data",
         {"pd:EmailAddress", "pd:TelephoneNumber"}),
        ("your IP address, browser type and device identifiers", "personal-data",
         {"pd:IPAddress", "pd:UserAgent", "pg:DeviceIdentifier"}),
        ("name, postal address and credit card number", "personal-data",
         {"pd:Name", "pd:PhysicalAddress", "pd:CreditCardNumber"}),
        ("billing information and date of birth", "personal-data",
         {"pg:PaymentInformation", "pd:BirthDate"}),
        ("cookie data and screen resolution", "personal-data",
         {"pg:CookieIdentifier", "pg:ScreenResolution"}),
        ("weight, blood glucose readings and pregnancy status", "personal-data",
         {"pd:Weight", "pd:PhysicalHealth", "pd:Health"}),
        ("your browser's width and height", "personal-data", set()),
        ("We use it for targeted advertising and fraud prevention", "purpose",
         {"dpv:TargetedAdvertising", "dpv:FraudPreventionAndDetection"}),
        ("to improve our services and provide customer support", "purpose",
         {"dpv:ImproveExistingProductsAndServices", "dpv:CustomerCare"}),
        # any determiner, or none, after a purpose's verb
        ("to complete a transaction and fulfil the orders", "purpose",
         {"dpv:PaymentManagement", "dpv:CustomerOrderManagement"}),
        ("based on our legitimate interests (Art. 6(1)(f) GDPR)", "legal-basis",
         {"dpv:LegitimateInterest", "eu-gdpr:A6-1-f"}),
        ("where necessary for the performance of a contract", "legal-basis", {"dpv:Contract"}),
        ("we rely on Standard Contractual Clauses and the EU-U.S. Data Privacy Framework",
         "safeguard", {"eu-gdpr:A46-2-c", "pg:DataPrivacyFramework"}),
        ("You have the right to erasure and the right to data portability", "right",
         {"eu-gdpr:A17", "eu-gdpr:A20"}),
        ("You may lodge a complaint with a supervisory authority", "right", {"eu-gdpr:A77"}),
        ("Do Not Sell My Personal Information", "right", {"pg:CCPA-RightToOptOutOfSale"}),
        ("the California Consumer Privacy Act (CCPA) and the GDPR", "law",
         {"legal-us:law-CA-CCPA", "legal-eu:law-GDPR"}),
        ("the British Columbia Personal Information Protection Act", "law", {"pg:law-BC-PIPA"}),
        ("Children's Online Privacy Protection Act", "law", {"pg:law-COPPA"}),
        ("Singapore's Personal Data Protection Act 2012", "law", {"pg:law-SG-PDPA"}),
        ("servers in Oregon, USA and in the European Economic Area", "location",
         {"loc:US-OR", "loc:US", "loc:EEA"}),
        ("data is encrypted using SSL and protected by firewalls", "measure",
         {"dpv:Encryption", "dpv:EncryptionInTransfer", "dpv:NetworkSecurityProtocols"}),
        ("we share it with service providers and our affiliates", "recipient-category",
         {"pg:ServiceProviders", "pg:Affiliates"}),
        ("strictly necessary cookies and analytics cookies", "cookie-category",
         {"pg:EssentialCookies", "pg:AnalyticsCookies"}),
        ("children under 13 and California residents", "audience",
         {"pg:Children", "pg:CaliforniaResidents"}),
    ],
)  # fmt: skip
def test_lexicon_matches(lexicon, text, scheme, expected):
    assert expected <= _found(lexicon, text, scheme)


@pytest.mark.parametrize(
    ("text", "scheme", "absent"),
    [
        ("Please contact us with questions", "location", {"loc:US"}),
        ("based on our legitimate interests", "personal-data", {"pd:Interest"}),
        ("non-personal information such as aggregate statistics", "personal-data",
         {"dpv:PersonalData"}),
        ("we will share this with them or with you", "location", {"loc:US-OR"}),
        ("we randomize the decimal portion of the degrees", "personal-data",
         {"pd:EducationQualification"}),
    ],
)  # fmt: skip
def test_lexicon_avoids_ambiguous_words(lexicon, text, scheme, absent):
    assert not (absent & _found(lexicon, text, scheme))


def test_lexicon_processing_notation(lexicon):
    match = lexicon.find("We do not sell or rent your data", "processing")
    assert {lexicon.concepts[m.curie].notation for m in match} == {"sell"}


def test_lexicon_hierarchy(lexicon):
    assert "pd:Contact" in lexicon.ancestors("pd:EmailAddress")
    assert "dpv:PersonalData" in lexicon.ancestors("pg:ScreenResolution")
    assert "loc:US" in lexicon.ancestors("loc:US-CA")
    assert "loc:EU" in lexicon.ancestors("loc:DE")
