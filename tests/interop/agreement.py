"""Agreement figures (`marginalia agree --json`) against reference implementations, on
generated pairs and triples of coders: total agreement, total disagreement, empty files,
random codings. Cohen's kappa is scikit-learn's `cohen_kappa_score`, Fleiss' kappa
statsmodels' `fleiss_kappa`, Krippendorff's alpha (nominal) the `krippendorff` package,
each on the token codings our tables hold, to 1e-9; span precision, recall and F1 and
B-cubed are recounted here from the files themselves. Where a reference gives NaN (or
refuses: one value only), ours must be null. Used by readers.py.
"""

import hashlib
import json
import math
import random
import subprocess
import warnings
from pathlib import Path

LABELS = [("Person", "entity"), ("Organization", "entity"), ("Place", "entity"), ("Quote", "quote")]
TEXT = "“We stay,” said Maryam Rahimi (مریم رحیمی 😀) of the CRP in Halden on Monday, and Ana Lima agreed."
TEXT2 = "Ana Lima left Oslo for Halden; “not again”, said the CRP."


def words(text=TEXT):
    """Spans of runs of letters (our annotations sit on words here)."""
    out, start = [], None
    for i, c in enumerate(text):
        if c.isalnum() and start is None:
            start = i
        elif not c.isalnum() and start is not None:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(text)))
    return out


def export(annotations, title, text=TEXT):
    """A Marginalia export of `text` with `annotations` [(start, end, label)]."""
    anns, entities = [], {}
    for k, (s, e, label) in enumerate(sorted(set(annotations), key=lambda a: (a[0], a[1], a[2]))):
        a = {"id": f"a{k + 1}", "label": label, "start": s, "end": e, "text": text[s:e]}
        if dict(LABELS)[label] == "entity":
            key = (label, text[s:e])
            ent = entities.setdefault(key, {"id": f"e{len(entities) + 1}", "label": label, "name": text[s:e], "aliases": [], "mentions": []})
            ent["mentions"].append(a["id"])
            a["entity"] = ent["id"]
        else:
            a["quote_kind"] = "direct"
        anns.append(a)
    return {
        "format": "marginalia", "version": 3, "offset_unit": "codepoint",
        "document": {"title": title, "text": text, "length": len(text), "sha256": hashlib.sha256(text.encode()).hexdigest()},
        "labels": [{"name": n, "kind": k, "color": "#888888", "hotkey": "", "speaks": n in ("Person", "Organization")} for n, k in LABELS],
        "entities": list(entities.values()), "annotations": anns, "generator": "test", "exported_at": "2026-12-01T00:00:00Z",
    }


def cases(rng):
    ws = words(TEXT)
    pick = lambda n: [(s, e, rng.choice(LABELS)[0]) for s, e in rng.sample(ws, n)]
    same = pick(8)
    yield "total agreement", [same, list(same)]
    spans = rng.sample(ws, 8)
    yield "total disagreement", [[(s, e, "Person") for s, e in spans], [(s, e, "Place") for s, e in spans]]
    yield "empty files", [[], []]
    yield "one coder empty", [pick(6), []]
    for seed in range(3):
        yield f"random pair {seed + 1}", [pick(rng.randint(3, 12)), pick(rng.randint(3, 12))]
    yield "three coders", [pick(7), pick(7), pick(7)]
    yield "three coders agreeing", [same, list(same), list(same)]


def expand(rows):
    """Per coder, the code of every token, from a table's rows."""
    coders = len(rows[0]["codes"]) if rows else 0
    out = [[] for _ in range(coders)]
    for r in rows:
        for _ in range(r["count"]):
            for c, code in enumerate(r["codes"]):
                out[c].append(code)
    return out


def reference(codings, statistic):
    import krippendorff
    from sklearn.metrics import cohen_kappa_score
    from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            if statistic == "cohen":
                return float(cohen_kappa_score(codings[0], codings[1]))
            if statistic == "fleiss":
                table, _ = aggregate_raters(list(zip(*codings)))
                return float(fleiss_kappa(table, method="fleiss"))
            return float(krippendorff.alpha(reliability_data=codings, level_of_measurement="nominal"))
        except (ValueError, ZeroDivisionError):
            return math.nan


def same(ours, theirs, what):
    if ours is None:
        assert math.isnan(theirs), f"{what}: ours is undefined, the reference gives {theirs}"
    else:
        assert not math.isnan(theirs), f"{what}: ours is {ours}, the reference gives NaN"
        assert abs(ours - theirs) < 1e-9, f"{what}: ours {ours!r}, reference {theirs!r}"


def spans_recount(a, b):
    sa = {(x["start"], x["end"], x["label"]) for x in a["annotations"]}
    sb = {(x["start"], x["end"], x["label"]) for x in b["annotations"]}
    both = len(sa & sb)
    p = both / len(sb) if sb else None
    r = both / len(sa) if sa else None
    f = (2 * p * r / (p + r) if p + r else 0.0) if p is not None and r is not None else None
    return p, r, f


def bcubed_recount(a, b):
    def clusters(d):
        by_id = {x["id"]: (x["start"], x["end"], x["label"]) for x in d["annotations"]}
        return {by_id[m]: e["id"] for e in d["entities"] for m in e["mentions"]}
    ca, cb = clusters(a), clusters(b)
    common = [m for m in ca if m in cb]
    if not common:
        return None
    ps, rs = [], []
    for m in common:
        ea = {x for x in common if ca[x] == ca[m]}
        eb = {x for x in common if cb[x] == cb[m]}
        ps.append(len(ea & eb) / len(eb))
        rs.append(len(ea & eb) / len(ea))
    p, r = sum(ps) / len(ps), sum(rs) / len(rs)
    return 2 * p * r / (p + r) if p + r else 0.0


def run_case(binary, out, name, codings):
    docs = [export(c, "Agreement case") for c in codings]
    paths = []
    for i, d in enumerate(docs):
        p = out / f"{name.replace(' ', '-')}-{i + 1}.marginalia.json"
        p.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
        paths.append(str(p))
    done = subprocess.run([binary, "agree", *paths, "--json"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)["documents"][0]
    figures, tables = report["agreement"], report["tables"]
    kappa = "cohen" if len(docs) == 2 else "fleiss"
    assert figures["kappa_kind"].lower() == kappa
    checked = 0
    for label, rows in [*tables["labels"].items(), ("all labels", tables["overall"])]:
        ours = figures["overall"] if label == "all labels" else figures["labels"][label]
        codings_ = expand(rows)
        same(ours["kappa"], reference(codings_, kappa), f"{name}, {label}, {kappa} kappa")
        same(ours["alpha"], reference(codings_, "alpha"), f"{name}, {label}, alpha")
        checked += 2
    pair = figures["pairs"][0]
    p, r, f = spans_recount(docs[0], docs[1])
    spans = pair["spans"].get("", {"exact": {"precision": {"value": None}, "recall": {"value": None}, "f1": None}})["exact"]
    for ours, theirs, what in [(spans["precision"]["value"], p, "precision"), (spans["recall"]["value"], r, "recall"), (spans["f1"], f, "F1")]:
        assert (ours is None) == (theirs is None) and (ours is None or abs(ours - theirs) < 1e-12), f"{name}: span {what} ours {ours} recount {theirs}"
    b = bcubed_recount(docs[0], docs[1])
    ours_b = pair["bcubed"]["f1"]
    assert (ours_b is None) == (b is None) and (b is None or abs(ours_b - b) < 1e-12), f"{name}: B-cubed ours {ours_b} recount {b}"
    return checked


def agreement_references(binary, out):
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261201)
    total = 0
    for name, codings in cases(rng):
        total += run_case(binary, out, name, codings)
    total += bundles(binary, out, rng)
    assert total > 40, f"only {total} figures compared"


def bundles(binary, out, rng):
    """Two coders' bundles of two texts, in other orders: compared document by document,
    and the pool is the documents' token tables added (categories by name) with its
    figures the references' on the pooled codings."""
    def pick(text, n):
        return [(s, e, rng.choice(LABELS)[0]) for s, e in rng.sample(words(text), n)]
    docs = [[export(pick(TEXT, 7), "one"), export(pick(TEXT2, 5), "two", TEXT2)] for _ in range(2)]
    docs[1].reverse()
    paths = []
    for i, pair in enumerate(docs):
        p = out / f"bundle-{i + 1}.marginalia.jsonl"
        p.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in pair), encoding="utf-8")
        paths.append(str(p))
    done = subprocess.run([binary, "agree", *paths, "--json"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [d["title"] for d in report["documents"]] == ["one", "two"], report["documents"]
    assert report["pooled"]["documents"] == 2
    named = lambda tables: sorted((tuple(tables["categories"][c] for c in r["codes"]), r["count"]) for r in tables["overall"])
    parts = sorted(x for d in report["documents"] for x in named(d["tables"]))
    pooled = named(report["pooled_tables"])
    merged = {}
    for codes, n in parts:
        merged[codes] = merged.get(codes, 0) + n
    assert sorted(merged.items()) == pooled, "the pool's table is not the documents' tables added"
    codings = expand(report["pooled_tables"]["overall"])
    same(report["pooled"]["overall"]["kappa"], reference(codings, "cohen"), "bundles, pooled, Cohen kappa")
    same(report["pooled"]["overall"]["alpha"], reference(codings, "alpha"), "bundles, pooled, alpha")
    one = report["documents"][0]["agreement"]["pairs"][0]["spans"][""]["counts"]
    two = report["documents"][1]["agreement"]["pairs"][0]["spans"][""]["counts"]
    assert report["pooled"]["pairs"][0]["spans"][""]["counts"]["exact"] == one["exact"] + two["exact"]
    return 2
