"""Reads the yearly report's office files from the real server with independent readers: the Word document
(/api/v1/follow-ups/{year}/report.docx) with python-docx and the workbook (tables.xlsx) with openpyxl, in both
languages, for the built-in example year a new site has. Every heading, narrative and table the JSON report holds
must be in the document with Word's own heading styles, the document's title and language set, runs in the other
language marked; every measure and indicator must be a row of the workbook, numbers as numbers."""
import io
import json
import sys
import urllib.request
import zipfile

import docx
import openpyxl

from pyserver import running_server

YEAR = 2025
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def get(url: str) -> bytes:
    with urllib.request.urlopen(url) as res:
        return res.read()


def main(binary: str) -> int:
    problems = []
    with running_server(binary) as base:
        for lang, bcp in (("sv", "sv-SE"), ("en", "en-GB")):
            model = json.loads(get(f"{base}/api/v1/follow-ups/{YEAR}?lang={lang}"))
            raw = get(f"{base}/api/v1/follow-ups/{YEAR}/report.docx?lang={lang}")
            d = docx.Document(io.BytesIO(raw))
            if d.core_properties.title != model["title"]:
                problems.append(f"{lang}: title property {d.core_properties.title!r}")
            if d.core_properties.language != bcp:
                problems.append(f"{lang}: language property {d.core_properties.language!r}")
            headings = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith("Heading")]
            text = "\n".join(p.text for p in d.paragraphs)
            for area in model["areas"]:
                if ("Heading 1", area["name"]) not in headings:
                    problems.append(f"{lang}: area {area['name']!r} is not a Heading 1")
                for n in area["narratives"]:
                    first = n["text"].split("\n\n")[0].strip()
                    if first not in text:
                        problems.append(f"{lang}: narrative of {n['code']} missing")
                for heading, body in area["assessment"]:
                    if ("Heading 3", heading) not in headings or body.split("\n\n")[0] not in text:
                        problems.append(f"{lang}: assessment {heading!r} of {area['name']!r} missing")
            if model.get("foreword") and model["foreword"].split("\n\n")[0] not in text:
                problems.append(f"{lang}: foreword missing")
            tables = d.tables
            if not tables:
                problems.append(f"{lang}: no tables")
            for t in tables:
                header = t.rows[0]._tr
                if header.trPr is None or header.trPr.find(W + "tblHeader") is None:
                    problems.append(f"{lang}: a table without a header row")
            # Runs in the other language say so; the document's own language is in its styles.
            marked = {el.get(W + "val") for el in d.element.body.iter(W + "lang")}
            other = "en-GB" if lang == "sv" else "sv-SE"
            quoted = [n for a in model["areas"] for n in a["narratives"] if n["text_lang"] != lang]
            if quoted and other not in marked:
                problems.append(f"{lang}: {len(quoted)} narratives in the other language are not marked as such")
            if not quoted and other in marked:
                problems.append(f"{lang}: a run is marked {other} though every text is in {lang}")
            styles = zipfile.ZipFile(io.BytesIO(raw)).read("word/styles.xml").decode()
            if f'w:lang w:val="{bcp}"' not in styles:
                problems.append(f"{lang}: the default language is not {bcp}")

            book = openpyxl.load_workbook(io.BytesIO(get(f"{base}/api/v1/follow-ups/{YEAR}/tables.xlsx?lang={lang}")))
            if len(book.sheetnames) != 3:
                problems.append(f"{lang}: sheets {book.sheetnames}")
            measures, indicators, values = (list(book[n].iter_rows(values_only=True)) for n in book.sheetnames)
            codes = {m["code"] for a in model["areas"] for m in a["measures"]}
            if {r[1] for r in measures[1:]} != codes:
                problems.append(f"{lang}: the measures sheet has {len(measures) - 1} rows for {len(codes)} measures")
            want = {i["code"] for a in model["areas"] for i in a["indicators"]}
            if {r[1] for r in indicators[1:]} != want:
                problems.append(f"{lang}: the indicators sheet does not list every indicator")
            for r in values[1:]:
                if not isinstance(r[2], (int, float)) or not isinstance(r[3], (int, float)):
                    problems.append(f"{lang}: a value row holds text where numbers belong: {r}")
                    break
            n_values = sum(len(i["values"]) for a in model["areas"] for i in a["indicators"])
            if len(values) - 1 != n_values:
                problems.append(f"{lang}: {len(values) - 1} value rows for {n_values} values")
    if problems:
        print("office files:\n  " + "\n  ".join(problems[:30]), file=sys.stderr)
        return 1
    print(f"office files: the {YEAR} report's Word document and workbook read back whole in both languages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
