#!/usr/bin/env python3
"""spaCy's small English model over a gold JSON Lines file, written as predictions that
`marginalia eval GOLD --predictions OUT` scores with the same rules as the app.

    python3 scripts/spacy_baseline.py GOLD.jsonl > spacy.jsonl

spaCy's labels map onto the gold ones: PERSON, ORG, GPE/LOC/FAC -> LOC, DATE, EVENT;
the rest (NORP, CARDINAL, ...) have no counterpart and are dropped. Offsets are Python
string indices, which count code points like Marginalia's.
"""
import json
import sys

import en_core_web_sm

MAP = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "DATE": "DATE", "EVENT": "EVENT"}

nlp = en_core_web_sm.load()
print(f"spaCy model {nlp.meta['name']} {nlp.meta['version']}", file=sys.stderr)
for line in open(sys.argv[1], encoding="utf-8"):
    if not line.strip():
        continue
    doc = json.loads(line)
    ents = [{"start": e.start_char, "end": e.end_char, "label": MAP[e.label_]} for e in nlp(doc["text"]).ents if e.label_ in MAP]
    print(json.dumps({"id": doc["id"], "entities": ents}))
