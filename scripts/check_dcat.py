"""Validates the catalogue of health-data sources of the real server against the DCAT-AP 3.0.1 SHACL shapes with
pyshacl (scripts/dcat-ap: mandatory properties and cardinalities, the class of every linked value, the EU
controlled vocabularies; no inference), and checks that the JSON-LD holds every source the JSON API lists, in
both languages, with the synthetic population marked as synthetic and its number of persons released (at least
the threshold, the same figure the overview page shows).

No violation is allowed. Warnings are allowed only where DCAT-AP's vocabulary checks cannot know the region's
facts: a publisher that is not an EU institution (the EU corporate-body table lists only those) and the place
given as a NUTS code rather than from the EU place table."""
import json
import os
import sys
import urllib.request

from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef

from pyserver import running_server

HERE = os.path.dirname(os.path.abspath(__file__))
SH = Namespace("http://www.w3.org/ns/shacl#")
DCT = Namespace("http://purl.org/dc/terms/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
HEALTH = Namespace("http://healthdataportal.eu/ns/health#")
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
ALLOWED_WARNINGS = {str(DCT.publisher), str(DCT.spatial)}


def get(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url) as res:
        return res.headers.get("content-type", ""), res.read()


def main(binary: str) -> int:
    problems = []
    shapes = Graph()
    for name in ("shapes.ttl", "range.ttl", "mdr-vocabularies.shape.ttl"):
        shapes.parse(os.path.join(HERE, "dcat-ap", name))
    with running_server(binary) as base:
        ctype, body = get(f"{base}/api/v1/health-data/sources.jsonld")
        if not ctype.startswith("application/ld+json"):
            problems.append(f"sources.jsonld content type {ctype}")
        sources = json.loads(get(f"{base}/api/v1/health-data/sources")[1])["items"]
        overview = get(f"{base}/en/health-data")[1].decode()
    data = Graph().parse(data=body, format="json-ld")
    _, report, _ = validate(data, shacl_graph=shapes, inference="none")
    for r in report.objects(None, SH.result):
        severity = str(report.value(r, SH.resultSeverity)).split("#")[-1]
        path = str(report.value(r, SH.resultPath))
        if severity == "Violation" or path not in ALLOWED_WARNINGS:
            problems.append(f"{severity}: {report.value(r, SH.resultMessage)} "
                            f"(focus {report.value(r, SH.focusNode)}, path {path}, value {report.value(r, SH.value)})")
    datasets = {str(d): d for d in data.subjects(RDF_TYPE, DCAT.Dataset)}
    if len(datasets) != len(sources) or not sources:
        problems.append(f"{len(datasets)} datasets in the JSON-LD, {len(sources)} sources in the JSON API")
    for s in sources:
        # The IRIs are under the server's public address (its base URL setting), not the loopback port.
        d = next((v for k, v in datasets.items() if k.endswith(f"/sv/health-data/sources/{s['slug']}")), None)
        if d is None:
            problems.append(f"{s['slug']} is not a dataset of the catalogue")
            continue
        titles = {t.language: str(t) for t in data.objects(d, DCT.title) if isinstance(t, Literal)}
        if titles != {"sv": s["title"]["sv"], "en": s["title"]["en"]}:
            problems.append(f"{s['slug']}: titles {titles}")
        keywords = {str(k) for k in data.objects(d, DCAT.keyword)}
        if s["synthetic"] != ("synthetic data" in keywords):
            problems.append(f"{s['slug']}: synthetic {s['synthetic']} but keywords {keywords}")
        persons = [int(n) for n in data.objects(d, HEALTH.numberOfUniqueIndividuals)]
        shown = (s.get("persons") or {}).get("count")
        if persons != ([shown] if shown is not None else []):
            problems.append(f"{s['slug']}: persons {persons} in the JSON-LD, {s.get('persons')} in the JSON API")
        if s["synthetic"]:
            if shown is None or shown < 10:
                problems.append(f"{s['slug']}: the synthetic population's persons are not released: {s.get('persons')}")
            elif f"{shown:,}" not in overview:
                problems.append(f"{s['slug']}: {shown:,} persons is not the figure the overview page shows")
    for p in problems:
        print("dcat:", p)
    print(f"dcat: {len(datasets)} datasets, {len(data)} triples, {'ok' if not problems else 'FAILED'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
