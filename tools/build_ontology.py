#!/usr/bin/env python3
"""Build eventwire's ontology data files from the PLOVER/CAMEO reference material.

Reads (facts only: codes, names, mappings, numbers)::

    <reference>/plover/CAMEO2PLOVER-2021.txt   CAMEO code -> PLOVER type, mode, context (+ CAMEO name)
    <reference>/cameo-goldstein.tsv            CAMEO code -> Goldstein value
    <reference>/plover/PLOVER_MANUAL.tex       per type: mode names, "Requires recipient", "Quad category";
                                               the context names; CAMEO cue-category names

and writes ``src/eventwire/data/ontology/{plover_types,cameo,contexts}.tsv``. The descriptions of the 16
types and of the contexts are eventwire's own short wording, written by hand below (nothing is copied
from the manual's prose).

Decisions taken here (each is a departure from, or a completion of, the conversion table):

* Quad classes and "requires recipient" come from each type's own section of the manual ("Quad
  category", "Requires recipient"), not from the manual's summary tables (they disagree for SANCTION,
  which its section calls material conflict).
* CAMEO 01x (public statements) is dropped by PLOVER and by the table (it has no 01/02 lines): those
  codes get an empty type and quad class 0 (the by-root rule of the reference README).
* CAMEO 02x (appeals) is also dropped by the table, but eventwire codes appeals and calls as REQUEST:
  02x get type REQUEST, with the mode and context of the parallel demand code (02ab -> 10ab, e.g.
  0253 "appeal for release" takes 1053's ``yield``/``legal``). Demands (10x) are REQUEST in the table.
* Names and codes of 01x/02x are not in the table: they are the CAMEO 1.1b3 codebook's, listed below.
* Modes the table gives that are not mode names of that type in the manual are mapped to the manual's
  mode (``MODE_FIXES``), or dropped; a few codes whose table mode contradicts the CAMEO name are
  corrected (e.g. 195 "Employ aerial weapons" -> ``aerial``, not ``heavy-weapons``). Each has a reason.
* Context names the manual does not define are mapped (``CONTEXT_FIXES``): ``humanitarian`` ->
  ``human_security``, ``democracy`` -> ``pro_democracy``. Multiple contexts are ``|``-separated.
* A code listed twice in the table (175) keeps its last line. Obvious typos in names are fixed.
* 2-digit cue categories are included (names from the manual's translation table); 08 is split
  between CONCEDE and RETREAT and so has no type.
* Goldstein values missing for a code fall back to its parent code (0313 -> 031 -> 03).
* Codes in the Goldstein list but in neither CAMEO 1.1b3 nor the table (0110, 0357, 109, 1641-1643) are
  not rows; ``Ontology.goldstein`` still resolves them through their parent.

Usage::

    python tools/build_ontology.py [--reference /work/shared/reference] [--out src/eventwire/data/ontology]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"
DEFAULT_OUT = ROOT / "src" / "eventwire" / "data" / "ontology"

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE",
    "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

QUAD_BY_NAME = {
    "VERBAL COOPERATION": 1,
    "MATERIAL COOPERATION": 2,
    "VERBAL CONFLICT": 3,
    "MATERIAL CONFLICT": 4,
}

# Our own short descriptions of the 16 types (not the manual's sentences).
TYPE_DESCRIPTIONS = {
    "AGREE": "Says it will cooperate: offers, pledges and commitments to act together, incl. promises "
             "to sign or ratify; future-tense meetings, support, cooperation or aid count here too.",
    "CONSULT": "Meetings, talks and negotiations of any kind: visiting, hosting, meeting on neutral "
               "ground, or talking by phone or other remote means.",
    "SUPPORT": "Non-material political backing: praise, endorsement, recognition, opening or improving "
               "diplomatic ties, signing or ratifying an agreement.",
    "CONCEDE": "Concessions in words with no immediate material effect: pardons, apologies, promises "
               "to ease restrictions, ceasefires or withdrawals announced but not yet carried out.",
    "COOPERATE": "Material cooperation benefiting both sides: trade and economic exchange, joint "
                 "military activity, judicial and intelligence cooperation.",
    "AID": "Material help that mainly benefits the receiver: money, credit and debt relief, military "
           "or police assistance, humanitarian relief, asylum, rescues.",
    "RETREAT": "Concessions carried out in deed: freeing captives, returning property, letting "
               "observers or aid in, disarming, holding a ceasefire, pulling back, resigning.",
    "REQUEST": "Asking, appealing, calling on, demanding or ordering another party to act; verbal "
               "only and milder than a threat.",
    "ACCUSE": "Criticising, condemning and complaining; accusing, alleging, charging or suing; "
              "investigating of any kind.",
    "REJECT": "Refusing: turning down proposals, requests, demands, talks or mediation; defying "
              "norms or laws; vetoing.",
    "THREATEN": "Warning of harmful action: threats of force, sanctions, restrictions, arrests, "
                "expulsions or cutting relations.",
    "PROTEST": "Collective civilian action against someone: demonstrations, riots, strikes, hunger "
               "strikes, boycotts, blockades, symbolic vandalism.",
    "SANCTION": "Cutting back existing relations: downgrading or breaking ties, stopping aid, halting "
                "talks, expelling or withdrawing people, court verdicts.",
    "MOBILIZE": "Readying or moving armed forces, police, militias or weapons without using them: "
                "alerts, deployments, shows of force.",
    "COERCE": "Non-violent use of power over others: arrests, deportations, seizures, bans, curfews, "
              "states of emergency, censorship, cutting services, cyber operations.",
    "ASSAULT": "Deliberate physical violence: attacks and fighting, bombings, killings, abductions, "
               "torture, sexual violence, destruction, weapons of mass destruction.",
}

# Our own short descriptions of the manual's general contexts.
CONTEXT_DESCRIPTIONS = {
    "military": "state armed forces, their operations, assistance and spending (not militias, police or rebels)",
    "intelligence": "state intelligence services and spying",
    "executive": "heads of state or government, cabinets and executive agencies",
    "legislative": "parliaments, lawmakers, legislative business and coalition building",
    "election": "elections, campaigns, voting and electoral disputes",
    "political_institutions": "significant changes to, or unusual dealings between, governing bodies and parties",
    "pro_democracy": "steps towards democracy",
    "pro_autocracy": "steps towards authoritarian rule, democratic backsliding",
    "economic": "the economy, trade, finance, development and economic policy",
    "legal": "courts, judges, law and legal proceedings, national or international",
    "reparations": "compensation for past wrongs",
    "human_rights": "human rights in general terms",
    "rights_freedoms": "particular civil and political liberties and their violation",
    "repression": "force used by security forces to control mostly unarmed people",
    "human_security": "people's access to food, water, shelter, energy and land",
    "gender": "women's issues, gender equality, reproductive rights",
    "lgbt": "LGBTQ people, their rights and discrimination against them",
    "religion_ethnicity": "religious, ethnic, caste and language groups and relations between them",
    "inequality": "unequal sharing of resources and opportunities",
    "diplomatic": "diplomacy and formal relations between or within states",
    "territory": "territorial disputes, autonomy and secession, forced displacement",
    "peacekeeping": "peacekeeping missions and monitoring of peace processes",
    "health": "public health, epidemics and disease",
    "asylum": "seeking or granting asylum",
    "migration": "migrants, refugees and displaced people",
    "disasters": "natural disasters and man-made accidents",
    "natural_resource": "extraction, trade and disputes over natural resources",
    "environment": "environmental damage, policy and activism",
    "technology": "technological development and high-tech industry",
    "terrorism": "terrorist groups and counter-terrorism",
    "cbrn": "chemical, biological, radiological and nuclear weapons",
    "cyber": "cyber attacks, cyber crime and cyber security",
    "misinformation": "disinformation, influence operations, fake news",
    "crime": "crime and criminals in general",
    "corruption": "abuse of public office for private gain",
    "illegal_drugs": "production, trade and use of illegal drugs",
    "trafficking": "smuggling and trafficking of people or goods",
}

# CAMEO 1.1b3 codes and names for the cue categories the table leaves out (01 statements, 02 appeals).
CAMEO_01_02 = {
    "010": "Make statement",
    "011": "Decline comment",
    "012": "Make pessimistic comment",
    "013": "Make optimistic comment",
    "014": "Consider policy option",
    "015": "Acknowledge or claim responsibility",
    "016": "Deny responsibility",
    "017": "Engage in symbolic act",
    "018": "Make empathetic comment",
    "019": "Express accord",
    "020": "Make an appeal or request",
    "021": "Appeal for material cooperation",
    "0211": "Appeal for economic cooperation",
    "0212": "Appeal for military cooperation",
    "0213": "Appeal for judicial cooperation",
    "0214": "Appeal for intelligence",
    "022": "Appeal for diplomatic cooperation (such as policy support)",
    "023": "Appeal for aid",
    "0231": "Appeal for economic aid",
    "0232": "Appeal for military aid",
    "0233": "Appeal for humanitarian aid",
    "0234": "Appeal for military protection or peacekeeping",
    "024": "Appeal for political reform",
    "0241": "Appeal for change in leadership",
    "0242": "Appeal for policy change",
    "0243": "Appeal for rights",
    "0244": "Appeal for change in institutions, regime",
    "025": "Appeal to yield",
    "0251": "Appeal for easing of administrative sanctions",
    "0252": "Appeal for easing of popular dissent",
    "0253": "Appeal for release of persons or property",
    "0254": "Appeal for easing of economic sanctions, boycott, or embargo",
    "0255": "Appeal for target to allow international involvement (non-mediation)",
    "0256": "Appeal for de-escalation of military engagement",
    "026": "Appeal to others to meet or negotiate",
    "027": "Appeal to others to settle dispute",
    "028": "Appeal to others to engage in or accept mediation",
}

# Type eventwire gives to cue categories the table drops (None: no PLOVER type).
DROPPED_ROOT_TYPES = {"01": None, "02": "REQUEST"}

# Table mode -> eventwire mode, for one code: (expected table mode, new mode or None, reason).
MODE_FIXES: dict[str, tuple[str, str | None, str]] = {
    "0842": ("return", None, "'return' is commented out of the manual's RETREAT modes"),
    "085": ("ease", None, "the table itself notes 'ease' is no longer a mode"),
    "105": ("change", "yield", "'Demand that target yields' is the parent of the yield codes 1051-1056"),
    "112": ("disapprove", "allege", "'Accuse' is the manual's allege mode (its children 1121-1125 are allege)"),
    "124": ("change", "yield", "'Decline to yield' parallels 105; the manual's yield covers easing"),
    "1241": ("change", "yield", "declining to ease sanctions is the manual's yield mode"),
    "1242": ("change", "yield", "declining to ease dissent is the manual's yield mode"),
    "132": ("ban", "restrict", "THREATEN has no 'ban'; its restrict mode covers bans"),
    "1321": ("political", "restrict", "THREATEN has no 'political'; restrictions on freedoms are restrict"),
    "1322": ("ban", "restrict", "THREATEN has no 'ban'; its restrict mode covers bans"),
    "1712": ("seize", "destroy", "'Destroy property' is ASSAULT's destroy mode"),
    "1722": ("ban", "restrict", "COERCE has no 'ban'; its restrict mode covers banning from political life"),
    "175": ("pro_autocracy", None, "the table put a context in the mode column (moved to context)"),
    "183": ("suicide-attack", "explosives", "parent of suicide (1831), car (1832) and roadside (1833) bombing"),
    "185": ("assassinate", "targeted", "the manual's targeted mode covers (attempted) assassinations"),
    "186": ("assassinate", "targeted", "the manual's targeted mode covers assassinations"),
    "195": ("heavy-weapons", "aerial", "'Employ aerial weapons' is the manual's aerial mode"),
    "200": ("massacre", None, "'massacre' is commented out of the manual's ASSAULT modes"),
    "201": ("cleansing", None, "'cleansing' is commented out of the manual's ASSAULT modes"),
    "202": ("massacre", "targeted", "the manual's targeted mode covers deliberate mass killings"),
    "203": ("cleansing", None, "'cleansing' is commented out of the manual's ASSAULT modes"),
}

# Extra contexts for one code (appended), with the reason.
CONTEXT_ADDITIONS = {"175": ("pro_autocracy", "moved from the table's mode column")}

# Table context name -> manual context name.
CONTEXT_FIXES = {"humanitarian": "human_security", "democracy": "pro_democracy"}

NAME_FIXES = {
    "Apolgize": "Apologize",
    "adminstrative": "administrative",
    "Ostruct": "Obstruct",
    "REQUEST": "Demand",  # 100's comment repeats the PLOVER type; CAMEO 100 is "Demand"
}

# Quad class by CAMEO root for codes without a PLOVER type (reference README).
ROOT_QUAD = {
    **{f"{r:02d}": 0 for r in (1, 2)},
    **{f"{r:02d}": 1 for r in (3, 4, 5)},
    **{f"{r:02d}": 2 for r in (6, 7, 8)},
    **{f"{r:02d}": 3 for r in (9, 10, 11, 12, 13, 16)},
    **{f"{r:02d}": 4 for r in (14, 15, 17, 18, 19, 20)},
}


@dataclass
class Row:
    code: str
    name: str
    event_type: str | None
    mode: str | None
    context: list[str]


def fail(message: str) -> None:
    sys.exit(f"build_ontology: {message}")


# ---------------------------------------------------------------- manual
def _latex_text(value: str) -> str:
    value = re.sub(r"\\hyperref\[[^\]]*\]\{([^}]*)\}", r"\1", value)
    return value.replace("\\_", "_").strip()


def parse_manual(path: Path) -> tuple[dict[str, dict], list[str], dict[str, str]]:
    """Return (per-type info, context names, CAMEO root names) from the manual's LaTeX."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.lstrip().startswith("%")]
    text = "\n".join(lines)

    start = text.index(r"\chapter{Event Categories}")
    end = text.index(r"\chapter{Contexts}")
    chapter = text[start:end]
    sections = re.split(r"\\section\{([A-Z]+)\}", chapter)
    types: dict[str, dict] = {}
    for name, body in zip(sections[1::2], sections[2::2]):
        quad = re.search(r"\\subsection\{Quad category:\s*([A-Z ]+?)\s*\}", body)
        recip = re.search(r"\\subsection\{Requires recipient:\s*(Yes|No)\s*\}", body)
        if not quad or not recip:
            fail(f"manual section {name}: no Quad category / Requires recipient")
        modes: list[str] = []
        for table in re.findall(r"\\begin\{table\}.*?\\end\{table\}", body, flags=re.S):
            if not re.search(r"\\caption\{[^\n]*modes?", table):
                continue
            body_rows = table.split("\\hline", 1)[-1]
            for row in body_rows.split("\\\\"):  # LaTeX row separator; a row may span lines
                row = row.replace("\\hline", "").strip()
                if "&" not in row:
                    continue
                cell = _latex_text(row.split("&", 1)[0])
                if cell and cell != "Name":
                    modes.append(cell)
        types[name] = {
            "quad_class": QUAD_BY_NAME[quad.group(1)],
            "requires_target": recip.group(1) == "Yes",
            "modes": modes,
        }

    ctx_table = re.search(r"\\label\{tab:general-contexts\}(.*?)\\end\{longtable\}", text, flags=re.S)
    if not ctx_table:
        fail("manual: general contexts table not found")
    contexts = []
    for row in ctx_table.group(1).splitlines():
        row = row.strip()
        if "&" not in row or row.startswith(("\\hline", "Name")) or "multicolumn" in row:
            continue
        contexts.append(_latex_text(row.split("&", 1)[0]))

    xlate = re.search(r"\\label\{tab:xlate\}", text)
    roots: dict[str, str] = {}
    block = text[text.index(r"\section{CAMEO to PLOVER translation}"):xlate.start() if xlate else None]
    for m in re.finditer(r"^\s*(\d\d)\s*&\s*([A-Z ]+?)\s*(?:\([^)]*\))?\s*&", block, flags=re.M):
        roots.setdefault(m.group(1), m.group(2).strip().capitalize())
    return types, contexts, roots


# ---------------------------------------------------------------- table
LINE = re.compile(r"^(\d{2,4}):\s*(.*?)\s*(?:#\s*(.*))?$")


def parse_table(path: Path) -> tuple[dict[str, Row], dict[str, set[str]]]:
    rows: dict[str, Row] = {}
    root_types: dict[str, set[str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        m = LINE.match(raw.strip())
        if not m:
            continue
        code, fields, comment = m.group(1), m.group(2), m.group(3)
        parts = [p.strip() for p in fields.split(",")]
        if len(code) == 2:  # "03: AGREE" cue-category header
            root_types.setdefault(code, set()).add(parts[0])
            continue
        while len(parts) < 3:
            parts.append("")
        etype, mode, context = parts[0], parts[1], parts[2]
        if etype not in EVENT_TYPES:
            fail(f"table line {raw!r}: unknown type {etype}")
        name = re.split(r"\s{2,}", (comment or "").strip())[0]
        for wrong, right in NAME_FIXES.items():
            name = re.sub(rf"\b{re.escape(wrong)}\b", right, name)
        rows[code] = Row(  # a repeated code keeps its last line
            code=code,
            name=name,
            event_type=etype,
            mode=mode or None,
            context=[c.strip() for c in context.split(";") if c.strip()],
        )
    return rows, root_types


def read_goldstein(path: Path) -> dict[str, float]:
    values: dict[str, float] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            code, value = line.rstrip("\n").split("\t")
            if code == "cameo":
                continue
            values[code] = float(value)
    return values


def goldstein_for(code: str, values: dict[str, float]) -> float:
    probe = code
    while probe:
        if probe in values:
            return values[probe]
        probe = probe[:-1] if len(probe) > 2 else ""
    fail(f"no Goldstein value for {code} or its parents")
    raise AssertionError


# ---------------------------------------------------------------- build
class _CheckedWriter:
    """A TSV writer that refuses fields a plain ``split("\\t")`` reader would misread."""

    def __init__(self, fh) -> None:
        self._w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)

    def writerow(self, row: list) -> None:
        for value in map(str, row):
            if any(ch in value for ch in '\t\n\r"'):
                fail(f"field {value!r} contains a tab, newline or double quote")
        self._w.writerow(row)


def build(reference: Path, out: Path) -> None:
    types, contexts, root_names = parse_manual(reference / "plover" / "PLOVER_MANUAL.tex")
    if sorted(types) != sorted(EVENT_TYPES):
        fail(f"manual types {sorted(types)} != the 16 expected")
    if set(contexts) != set(CONTEXT_DESCRIPTIONS):
        fail(f"context mismatch: {set(contexts) ^ set(CONTEXT_DESCRIPTIONS)}")
    rows, root_types = parse_table(reference / "plover" / "CAMEO2PLOVER-2021.txt")
    goldstein = read_goldstein(reference / "cameo-goldstein.tsv")

    # modes and contexts: apply the documented fixes, then check against the manual
    for code, (expected, new, _why) in MODE_FIXES.items():
        if rows[code].mode != expected:
            fail(f"MODE_FIXES[{code}] expects table mode {expected!r}, found {rows[code].mode!r}")
        rows[code].mode = new
    for code, (extra, _why) in CONTEXT_ADDITIONS.items():
        rows[code].context.append(extra)
    for row in rows.values():
        row.context = [CONTEXT_FIXES.get(c, c) for c in row.context]

    # 01x and 02x: not in the table
    for code, name in CAMEO_01_02.items():
        etype = DROPPED_ROOT_TYPES[code[:2]]
        mode, context = None, []
        if etype == "REQUEST":
            parallel = rows["10" + code[2:]]
            mode, context = parallel.mode, list(parallel.context)
        rows[code] = Row(code, name, etype, mode, context)

    # 2-digit cue categories
    for root, name in root_names.items():
        found = root_types.get(root, set())
        etype = DROPPED_ROOT_TYPES.get(root) if not found else (found.pop() if len(found) == 1 else None)
        rows[root] = Row(root, name, etype, None, [])

    for row in rows.values():
        if row.mode is not None and row.mode not in types[row.event_type]["modes"]:
            fail(f"{row.code}: mode {row.mode!r} is not a {row.event_type} mode in the manual")
        for c in row.context:
            if c not in CONTEXT_DESCRIPTIONS:
                fail(f"{row.code}: unknown context {c!r}")

    def sort_key(code: str) -> tuple[int, str]:
        return (int(code[:2]), code)

    out.mkdir(parents=True, exist_ok=True)
    with (out / "plover_types.tsv").open("w", encoding="utf-8", newline="") as fh:
        w = _CheckedWriter(fh)
        w.writerow(["event_type", "quad_class", "requires_target", "description", "modes"])
        for name in EVENT_TYPES:
            info = types[name]
            w.writerow([name, info["quad_class"], str(info["requires_target"]).lower(),
                        TYPE_DESCRIPTIONS[name], "|".join(info["modes"])])

    with (out / "cameo.tsv").open("w", encoding="utf-8", newline="") as fh:
        w = _CheckedWriter(fh)
        w.writerow(["cameo", "name", "event_type", "mode", "context", "goldstein", "quad_class"])
        for code in sorted(rows, key=sort_key):
            row = rows[code]
            quad = types[row.event_type]["quad_class"] if row.event_type else ROOT_QUAD[code[:2]]
            w.writerow([code, row.name, row.event_type or "", row.mode or "", "|".join(row.context),
                        goldstein_for(code, goldstein), quad])

    with (out / "contexts.tsv").open("w", encoding="utf-8", newline="") as fh:
        w = _CheckedWriter(fh)
        w.writerow(["context", "description"])
        for name in contexts:
            w.writerow([name, CONTEXT_DESCRIPTIONS[name]])

    print(f"wrote {len(EVENT_TYPES)} types, {len(rows)} CAMEO codes, {len(contexts)} contexts to {out}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not args.reference.is_dir():
        fail(f"reference directory {args.reference} not found")
    build(args.reference, args.out)


if __name__ == "__main__":
    main()
