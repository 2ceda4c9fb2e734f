"""Search every kind of entry with a question as people type it, best answers first.

Entries the question names outright ("lasix", "milk of magnesia", "back pain") come first, in the
order named; then the full-text index ranks the rest with bm25 over the question's words, where
any word may match (OR), stems match ("cramping" finds "cramps") and rare words count most.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import get_args

import msgspec

from magref import dosing, index, names, question, resolve, serum
from magref.answers import Shape
from magref.catalog import Catalog, SearchRow
from magref.errors import InputError, NotFound
from magref.model import SECTIONS, FaqItem, FlagLevel, SerumUnit
from magref.region import DEFAULT_REGION, Region

#: A word this long or longer also matches words that share its beginning ("pregnant" and
#: "pregnancy"), keeping at least PREFIX_KEEP letters.
PREFIX_FROM, PREFIX_KEEP = 6, 5
#: Common words that do not find an entry but say what the question is about ("take it at
#: night", "too much", "safe together"): they rank the entries that also hold them higher.
CONTEXT_WORDS = frozenset({
    "take", "takes", "taking", "time", "much", "too", "safe", "same", "together", "daily", "day",
    "without", "during", "best", "better", "good", "help", "helps", "need", "while", "use", "using",
    "capsule", "capsules", "tablet", "tablets", "pill", "pills", "medicine", "medicines",
    "medication", "medications", "drug", "drugs",
})  # fmt: skip
#: A word shorter than this is read as a close indexed word only if that word is longer (a letter
#: left out, "slep"): a short word close to a shorter one is too often a real word the dataset
#: does not hold ("hair" is not the stem "hai" of "hay").
TYPO_FROM = 5
#: How alike a mistyped word must be to an indexed one to be searched for instead.
WORD_TYPO_CUTOFF = 0.8
#: How many unknown words of one question are held against the vocabulary for a typo (each costs
#: about 10 ms; a 130 KB argument of unknown words took two minutes).
MAX_TYPOS_MENDED = 16


class Hit(msgspec.Struct, frozen=True):
    """One result: the kind of entry, which one, its title, and how well it matched.

    ``named`` is True when the question names the entry; ``score`` is larger for better hits.
    For kind ``compare`` the id is the compared forms' ids joined by spaces; kinds ``dose`` and
    ``lab`` are answers worked out from the question's own figures (a person, a blood result),
    with the figures as read for id and title.
    """

    kind: str
    id: str
    title: str
    score: float
    named: bool = False


class LabAnswer(msgspec.Struct, frozen=True):
    """A blood result the question gives, read against the range: one reading when its unit is
    given, one for each unit when it is not (the same number means different levels)."""

    text: str
    unit: str | None
    readings: list[serum.Result]


class Results(msgspec.Struct, frozen=True):
    """The hits for a question, best first, and how the question was read.

    ``intents``: what it asks, first the one that ranked the hits; ``terms``: the words it was
    searched by; ``not_found``: its words that no entry holds (reported, never dropped);
    ``targets``: the daily figures for the person it names; ``labs``: its blood results read.
    """

    query: str
    terms: list[str]
    hits: list[Hit]
    intents: list[str] = []
    not_found: list[str] = []
    targets: list[dosing.Target] = []
    labs: list[LabAnswer] = []


class SearchHit(Shape):
    """One hit: the kind of entry, its id, title, score (higher is better) and the command that shows it."""

    kind: str
    id: str
    title: str
    score: float
    named: bool
    command: str


class LabRead(Shape):
    """A blood result in a question: read in its unit, or in each unit when it has none."""

    text: str
    unit: str | None
    readings: list[serum.LabDocument]


class SearchDocument(Shape):
    """``search``: the best hits for a question; ``total`` counts every hit, shown or not.

    ``intents`` is what the question was read as asking (``how-much``, ``too-much``, ``when``,
    ...), the first one ranking the hits; ``not_found`` its words no entry holds; ``targets``
    the daily figures of a person it names (as ``dose``); ``labs`` the blood results it gives
    (as ``lab``).
    """

    query: str
    total: int
    intents: list[str]
    not_found: list[str]
    hits: list[SearchHit]
    targets: list[dosing.TargetDocument]
    labs: list[LabRead]


class SearchAnswer(msgspec.Struct, kw_only=True):
    """``search``: the document ``--json`` prints; for the text, the person the question names (its
    ``dose`` hit, shown or not) and each blood reading's value in its range's unit, unrounded
    (``levels``, one list per result in ``json.labs``, one value per reading)."""

    json: SearchDocument
    person: SearchHit | None
    levels: list[list[float]]


#: The command that shows each kind of search hit: a section's, as the registry names it, and the
#: kinds of hit search works out (a comparison, a person's dose).
COMMANDS = {
    **{
        section.kind: f"magref {section.command} {{}}"
        for section in SECTIONS.values()
        if section.kind and section.command
    },
    "compare": "magref compare {}",
    "dose": "magref dose {}",
}


def command_for(hit: Hit) -> str:
    """The command that shows a search hit."""
    if hit.kind == "lab":
        unit = hit.id.partition(" ")[2]
        return f'magref lab "{hit.id}"' if unit else f"magref lab {hit.id} UNIT"
    return COMMANDS.get(hit.kind, "magref search {}").format(hit.id)


def answer(data: Catalog, text: str, limit: int = 0, region: Region | None = None) -> SearchAnswer:
    """``search``: the best ``limit`` hits for ``text`` (all of them when ``limit`` is 0), with how
    the question was read, the figures of a person it names and its blood results read."""
    results = search(data, text, region=region)
    shown = results.hits[:limit] if limit else results.hits
    document = SearchDocument(
        query=results.query,
        total=len(results.hits),
        intents=results.intents,
        not_found=results.not_found,
        hits=[_search_hit(hit) for hit in shown],
        targets=[dosing.target_document(target) for target in results.targets],
        labs=[
            LabRead(text=lab.text, unit=lab.unit, readings=[serum.lab_document(r, []) for r in lab.readings])
            for lab in results.labs
        ],
    )
    person = next((hit for hit in results.hits if hit.kind == "dose"), None)
    return SearchAnswer(
        json=document,
        person=_search_hit(person) if person else None,
        levels=[[serum.from_mmol(r.mmol_per_l, r.range.unit) for r in lab.readings] for lab in results.labs],
    )


def _search_hit(hit: Hit) -> SearchHit:
    return SearchHit(
        kind=hit.kind, id=hit.id, title=hit.title, score=hit.score, named=hit.named, command=command_for(hit)
    )


#: Intents that answer a question even when it names nothing: "is 500 mg too much", "when to take
#: it". Other intents (does it help, is it safe with, together with) need what they are about.
NEEDS_NO_SUBJECT = frozenset({
    "how-much", "too-much", "when", "which-form", "side-effects", "food", "result", "elemental",
    "how-long", "deficiency", "source", "interactions",
})  # fmt: skip
#: Intents that ask about magnesium together with something: when that something is not held
#: ("with xanax"), the question has no answer here, whatever else it names.
WITH_SOMETHING = frozenset({"safe", "combine", "interactions"})
#: Intents that ask what magnesium does for or to something; a question naming no entry whose
#: subject is not held ("can it cause hair loss") has no answer here either.
ABOUT_SOMETHING = frozenset({"helps", "side-effects"})
#: The kinds of named entry an intent's answers rank above: "is 500 mg of glycinate too much"
#: is about the limit first and glycinate second; "when to take it with levothyroxine" is about
#: levothyroxine first. A country in a how-much question only says whose figures ("how much is
#: recommended in the UK"): the daily amount leads. A named food answers how much magnesium it
#: holds ("how much magnesium is in dark chocolate"), so the elemental answers do not lead it. In
#: a question of whether it helps, what it is taken for leads over a medicine also named ("help
#: blood sugar in people with diabetes"); in one of what it causes, its side effects lead over what
#: it is taken for ("can magnesium cause palpitations" is not asking whether it treats them). How
#: long it takes is held only for back pain, so a form or product named leads that answer ("how
#: long does magnesium citrate take to work": the laxative).
LEADS_OVER: dict[str, frozenset[str]] = {
    "too-much": frozenset({"form", "product", "food", "source"}),
    "how-much": frozenset({"form", "product", "food", "source", "region"}),
    "when": frozenset({"form", "product", "food", "source", "use"}),
    "which-form": frozenset({"food", "source", "product", "region"}),
    "side-effects": frozenset({"product", "food", "source", "region", "use"}),
    "food": frozenset({"source", "region", "form"}),
    "result": frozenset({"form", "product", "food", "source", "region", "caution"}),
    "deficiency": frozenset({"form", "product", "food", "source", "region", "caution"}),
    "elemental": frozenset({"source", "region"}),
    "how-long": frozenset({"food", "source", "region"}),
    "helps": frozenset({"family", "medicine", "interaction"}),
}
#: A word found in at most this share of entries points to the nearest entries for a question
#: magref does not answer; commoner words ("such", "command") point nowhere in particular.
RARE_SHARE = 0.02
#: Intents for which the daily figures of a person the question names are the answer.
PERSON_INTENTS = frozenset({"how-much", "too-much", "safe"})


def terms(text: str) -> list[str]:
    """The words to search for: folded, without filler and question words unless nothing is left.

    An amount ("500mg") finds nothing by its digits, so it counts as a common word here.
    """
    every = names.words(text)
    return [w for w in every if not names.is_noise(w) and not _AMOUNT.fullmatch(w)] or every


_AMOUNT = re.compile(r"\d+(?:[.,]\d+)?[a-zµ]{0,4}")


def _match_expression(words: Sequence[str]) -> str:
    """An FTS5 query where any word may match; only question words left: all must match."""
    if all(names.is_noise(word) for word in words):
        return " AND ".join('"{}"'.format(word.replace('"', '""')) for word in dict.fromkeys(words))
    parts: list[str] = []
    for word in dict.fromkeys(words):
        quoted = word.replace('"', '""')
        parts.append(f'"{quoted}"')
        if len(word) >= PREFIX_FROM and word.isalpha():
            parts.append(f'"{quoted[: max(PREFIX_KEEP, len(word) - 3)]}"*')
    return " OR ".join(parts)


def _with_context(expression: str, text: str, wanted: Sequence[str]) -> str:
    """The match, ranked higher where an entry also has the question's common words ("take", "too").

    Common words only rank: an entry must still match ``expression``, so a question about
    something the dataset does not hold finds nothing rather than every entry with "take" in it.
    """
    extra = [w for w in dict.fromkeys(names.words(text)) if w in CONTEXT_WORDS and w not in wanted]
    if not extra or not expression:
        return expression
    context = " OR ".join('"{}"'.format(word.replace('"', '""')) for word in extra)
    return f"({expression}) OR (({expression}) AND ({context}))"


def search(
    data: Catalog, text: str, kinds: Sequence[str] | None = None, region: Region | None = None
) -> Results:
    """Every entry (of ``kinds``, or all) that answers ``text``, best first.

    The question is read for what it asks and what it names: the entries it names and those that
    answer what it asks come first, in an order set by the intent; then the full-text index ranks
    the entries that mention its other words. A question whose words no entry is about, and
    which asks nothing answerable without a subject, finds nothing (NotFound, reason
    ``nothing-on``) rather than loosely related entries.
    """
    asked = question.read(text)
    sections = [index.KIND_SECTIONS[k] for k in kinds] if kinds else list(index.NAMES)
    reading = resolve.read(data, text, sections)
    named = _named_hits(data, reading, kinds)
    about = _about(asked, text, bool(named))
    typed = about
    about = about if named else _typos_mended(data, about)
    strong = [w for w in about if data.strongly_mentions(w)]
    if not named:  # a name may still be a close one: "magnesum for slep", "levothyroxin"
        reading = resolve.read(data, text, sections, correct_typos=True)
        named = _named_hits(data, reading, kinds)
    mended = [w for w in about if w not in typed]
    if not named and mended:  # a word read as a close indexed word may be a name: "sleepy"
        reading = resolve.read(data, " ".join(mended), sections)
        named = _named_hits(data, reading, kinds)
    named = _laxative_products(data, named, names.words(text), kinds)
    named_words = {w for n in reading.named for w in names.words(n.typed)}
    held = [w for w in about if w in named_words or data.mentions(w)]
    special = _person_hits(data, asked, region) + _lab_hits(data, asked, region)
    special = [hit for hit in special if kinds is None or hit.kind in kinds]
    special += _group_hits(data, asked.person, sections, kinds) or _age_asked_hits(
        data, asked, sections, kinds
    )
    searched = held + (asked.cues if "source" in asked.intents else [])
    rows = _rows(data, text, searched, kinds) if searched else []
    answers = _who_hits(data, asked, kinds) + _intent_hits(data, asked.intents, kinds, rows)
    if "source" not in asked.intents:  # a paper only when asked for, or when nothing else matches
        rows = [row for row in rows if row.kind != "source"] or ([] if named or special or answers else rows)
    missing = [w for w in dict.fromkeys(about) if w not in held]
    named, in_unheld = _not_part_of_unheld(data, reading, named, names.words(text), missing)
    strong = [w for w in strong if w not in in_unheld]  # "kidney" in "kidney stones"
    answerable = any(i in NEEDS_NO_SUBJECT for i in asked.intents) or bool(special)
    answerable = answerable or ("safe" in asked.intents and not missing)  # "can you take it every day"
    named = _with_keyed_faq(data, named, held, named_words, kinds)
    ordered = _order(asked.intents, named or _keyed(data, held, kinds), answers, rows, special)
    if not ordered or (not strong and not named and not answerable):
        raise _nothing_on(data, text, asked, held, about, kinds)
    if missing and (
        set(asked.intents) & WITH_SOMETHING or (set(asked.intents) & ABOUT_SOMETHING and not named)
    ):
        # "is it okay to take oxide with xanax": what it is to be taken with is not held, and
        # the entries that are held would answer a question that was not asked.
        raise _nothing_on(data, text, asked, [], missing, kinds)
    joined = _joined_by_with(names.words(text))
    if set(missing) & joined and not set(asked.intents) & WITH_SOMETHING:
        # "can I drink coffee with magnesium citrate": taken with something not held, it asks
        # about that something (as "together with" would), whatever else it names.
        raise _nothing_on(data, text, asked, [], [w for w in missing if w in joined], kinds)
    weak = [w for w in dict.fromkeys(about) if w in held and w not in strong and w not in named_words]
    if not named and weak and set(asked.intents) & WITH_SOMETHING:
        # "does magnesium interact with birth control": with nothing named, what it is taken with
        # must be what some entry is about, not a word in the text of one.
        raise _nothing_on(data, text, asked, [], [*missing, *weak], kinds)
    if not named and asked.intents == ["helps"] and about and not _subject_held(data, text, about):
        # "does magnesium help you lose weight": each word is in some title ("compound weight",
        # "hearing loss"), but no entry is about them together.
        raise _nothing_on(data, text, asked, [], about, kinds)
    if not named and set(missing) & set(_purpose(names.words(text))):
        # "how much should I take for hair growth": what it is taken for is not held.
        raise _nothing_on(data, text, asked, [], missing, kinds)
    return Results(
        text,
        held or about,
        ordered,
        list(asked.intents),
        missing,
        [t for hit in special if hit.kind == "dose" for t in _targets(data, asked, region)],
        [answer for answer in (_lab_answer(data, r, region) for r in asked.results) if answer],
    )


def _joined_by_with(words: Sequence[str]) -> set[str]:
    """The words "with" joins: the nearest word that says something on each side of it ("coffee"
    in "drink coffee with magnesium", "xanax" in "take it with my xanax")."""
    joined: set[str] = set()
    last: str | None = None  # the nearest word before, in one pass each way: linear
    for word in words:
        if word == "with" and last is not None:
            joined.add(last)
        elif not names.is_noise(word):
            last = word
    following: str | None = None
    for word in reversed(words):
        if word == "with" and following is not None:
            joined.add(following)
        elif not names.is_noise(word):
            following = word
    return joined


def _subject_held(data: Catalog, text: str, about: Sequence[str]) -> bool:
    """Whether some run of the question's subject words, as they stand side by side in it ("lose
    weight", "muscle cramps"), is what one entry is about: all its words in that entry's names or
    title."""
    wanted = set(about)
    runs: list[list[str]] = [[]]
    for word in names.words(text):
        if word in wanted:
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return any(data.about_together(run) for run in runs if run)


#: Words that make what follows "for" a person, not a purpose: "for my grandma".
POSSESSIVES = frozenset({"my", "his", "her", "our", "your", "their"})


def _keyed(data: Catalog, held: Sequence[str], kinds: Sequence[str] | None) -> list[Hit]:
    """For a question that names nothing, the FAQ that lists one of its rare words among the
    words people ask it by ("is it best absorbed through the skin": the FAQ on skin and baths):
    it is about the question's subject, so it leads the intent's general answers."""
    if kinds is not None and "faq" not in kinds:
        return []
    rare = [word for word in held if data.document_share(word) <= RARE_SHARE]
    rows = data.by_names(rare, ["faq"])
    return [Hit(row.kind, row.id, row.title, 0.0) for row in rows[:1]]


def _with_keyed_faq(
    data: Catalog, named: list[Hit], held: Sequence[str], named_words: set[str], kinds: Sequence[str] | None
) -> list[Hit]:
    """The named hits, led by the FAQ that lists both a named word and one of the question's rare
    words among the words people ask it by, when what is named first is a form or product ("absorb
    it through the skin with Epsom salt": the FAQ on Epsom salt baths and skin, before magnesium
    sulfate itself). A use or medicine named keeps its place: it is what the question is about."""
    if not named or named[0].kind not in ("form", "product"):
        return named
    keyed = _keyed(data, [word for word in held if word not in named_words], kinds)
    if not keyed or not named_words:
        return named
    about_named = {(row.kind, row.id) for row in data.by_names(sorted(named_words), ["faq"])}
    lead = keyed[0]
    if (lead.kind, lead.id) not in about_named:
        return named
    return [lead, *(hit for hit in named if (hit.kind, hit.id) != (lead.kind, lead.id))]


def _purpose(words: Sequence[str]) -> list[str]:
    """What a question takes magnesium for: the words after "for", up to the next question word
    ("how much should I take for hair growth": hair, growth); "for my grandma" says who."""
    found: list[str] = []
    for place, word in enumerate(words):
        if word != "for":
            continue
        rest = list(words[place + 1 :])
        if rest and rest[0] in POSSESSIVES:
            continue
        while rest and names.is_noise(rest[0]):
            rest.pop(0)
        for after in rest:
            if names.is_noise(after):
                break
            found.append(after)
    return found


def _not_part_of_unheld(
    data: Catalog, reading: resolve.Reading, named: list[Hit], words: Sequence[str], missing: Sequence[str]
) -> tuple[list[Hit], set[str]]:
    """The named hits, less those whose name is followed by a word no entry holds: that name is
    then part of a longer one magref does not have ("kidney stones" is not kidney disease); and
    the words of such names, which then say nothing the dataset is about."""
    unheld = set(missing)
    typed = {tuple(names.words(name.typed)): name for name in reading.named}
    sizes = {len(phrase) for phrase in typed}
    followed: set[tuple[str, ...]] = set()  # one pass over the words: linear in their number
    for start in range(len(words)):
        for size in sizes:
            end = start + size
            if end < len(words) and words[end] in unheld and tuple(words[start:end]) in typed:
                followed.add(tuple(words[start:end]))
    dropped = {
        (index.LIST_SECTIONS[row.section], data.entry(row.section, row.position).id)
        for phrase in followed
        for row in typed[phrase].rows
    }
    phrase_words = {word for phrase in followed for word in phrase}
    kept = [hit for hit in named if (hit.kind, hit.id) not in dropped] if dropped else named
    return kept, phrase_words


#: Words that say how a question is put or what a supplement comes as, not what it is about.
UNSAID = question.FRAMING_WORDS | question.PRESENTATION_WORDS


def _about(asked: question.Question, text: str, named: bool) -> list[str]:
    """The question's words that say what it is about; all its words when it has nothing else."""
    about = [
        w for w in asked.words if len(w) > 1 and not names.is_noise(w, UNSAID) and not _AMOUNT.fullmatch(w)
    ]
    if about or named or asked.intents or asked.person is not None or asked.results:
        return about
    every = names.words(text)
    if not every:
        raise InputError("search-needs-words")
    return [w for w in every if w not in names.FILLER_WORDS] or every


def _nothing_on(
    data: Catalog,
    text: str,
    asked: question.Question,
    held: list[str],
    about: list[str],
    kinds: Sequence[str] | None,
) -> NotFound:
    """The miss, with the nearest entries by the question's rarer words when it asks something."""
    rare = [w for w in held if asked.intents and data.document_share(w) <= RARE_SHARE]
    near = [row for row in (_rows(data, text, rare, kinds) if rare else []) if row.kind != "source"]
    nearest = [f"{row.kind}:{row.id}" for row in near[:3]]
    return NotFound("entry", text, nearest, reason="nothing-on", names=about or names.words(text))


#: The entries for a group of people, by age or stage, that a question about such a person meets.
GROUPS = (("children", 0.0, 18.0), ("older adults", 65.0, 200.0))


def _group_hits(
    data: Catalog, person: question.Person | None, sections: list[str], kinds: Sequence[str] | None
) -> list[Hit]:
    """The entries for the group the person the question names belongs to ("a 10 year old")."""
    if person is None:
        return []
    phrases = [name for name, low, high in GROUPS if person.age is not None and low <= person.age < high]
    phrases += [person.stage] if person.stage else []
    return _named_hits(data, resolve.read(data, " ".join(phrases), sections), kinds) if phrases else []


def _age_asked_hits(
    data: Catalog, asked: question.Question, sections: list[str], kinds: Sequence[str] | None
) -> list[Hit]:
    """For a question of from what age magnesium may be taken ("what is the minimum age for
    magnesium citrate") that gives no age, what magref holds on children; up to what age ("how old
    is too old"), on older adults."""
    if (asked.person and asked.person.age is not None) or not set(asked.cues) & question.AGE_ASKED:
        return []
    words = names.words(asked.text)
    too_old = any(words[i : i + 2] == ["too", "old"] for i in range(len(words) - 1))
    group = GROUPS[1][0] if too_old else GROUPS[0][0]
    return _named_hits(data, resolve.read(data, group, sections), kinds)


def _rows(data: Catalog, text: str, words: list[str], kinds: Sequence[str] | None) -> list[SearchRow]:
    rows = data.search(_with_context(_match_expression(words), text, words), kinds)
    return [row for row in rows if row.kind in index.KIND_SECTIONS]


def _intent_hits(
    data: Catalog, intents: Sequence[str], kinds: Sequence[str] | None, rows: Sequence[SearchRow]
) -> list[Hit]:
    """The entries that answer what the question asks, for its first intent first; of those that
    suit an intent equally, the ones that also answer more of its other intents come first ("can
    too much cause problems" asks about the limit and its effects), then those that also match
    the question's words."""
    matched = {(row.kind, row.id): place for place, row in enumerate(rows)}
    by_intent = {intent: data.answering(intent) for intent in dict.fromkeys(intents)}
    suits: dict[tuple[str, str], int] = {}
    for answering in by_intent.values():
        for row in answering:
            suits[row.kind, row.id] = suits.get((row.kind, row.id), 0) + 1
    hits: list[Hit] = []
    for answering in by_intent.values():
        answering.sort(
            key=lambda row: (
                row.rank,
                -suits[row.kind, row.id],
                matched.get((row.kind, row.id), len(matched)),
            )
        )
        for row in answering:
            hit = Hit(row.kind, row.id, row.title, 0.0)
            if hit not in hits and (kinds is None or row.kind in kinds):
                hits.append(hit)
    return hits


#: Words that say magnesium is taken as a laxative: "Epsom salt as a laxative", "hydroxide for
#: constipation".
LAXATIVE_WORDS = frozenset({"laxative", "laxatives", "constipation", "constipated"})


def _laxative_products(
    data: Catalog, named: list[Hit], words: Sequence[str], kinds: Sequence[str] | None
) -> list[Hit]:
    """The named hits, led by the laxatives made of the one form named when the question takes it
    as a laxative: "how to take Epsom salts for constipation" asks how to take Epsom salt by mouth
    as the laxative it is sold as, which that product's label says; the form (magnesium sulfate)
    and what it is taken for follow. A bowel preparation taken as a course before a procedure is
    not such a laxative."""
    forms = [hit.id for hit in named if hit.kind == "form"]
    if len(forms) != 1 or not LAXATIVE_WORDS & set(words) or (kinds is not None and "product" not in kinds):
        return named
    laxatives = [
        Hit("product", product.id, product.name, 0.0, named=True)
        for product in data.products
        if product.form == forms[0] and "laxative" in product.purposes and not product.course
    ]
    return [*laxatives, *(hit for hit in named if hit not in laxatives)]


def _who_hits(data: Catalog, asked: question.Question, kinds: Sequence[str] | None) -> list[Hit]:
    """For a question of who may or may not take magnesium ("who should not take magnesium", "is
    there anyone who can't take it"), the cautions: they name the people it is not safe for, those
    who must not take it first (``FLAG_ORDER``), then those who should ask first, then the rest.
    Whether it is safe for anyone in general ("is it safe for everyone") is the limit's question."""
    if not asked.intents or asked.intents[0] != "safe" or "who" not in asked.words:
        return []
    if kinds is not None and "caution" not in kinds:
        return []
    cautions = sorted(data.cautions, key=lambda caution: FLAG_ORDER.index(caution.level))
    return [Hit("caution", caution.id, caution.condition, 0.0) for caution in cautions]


#: The cautions' levels, the most serious first.
FLAG_ORDER: tuple[FlagLevel, ...] = get_args(FlagLevel)


def _order(
    intents: Sequence[str], named: list[Hit], answers: list[Hit], rows: list[SearchRow], special: list[Hit]
) -> list[Hit]:
    """Worked-out answers first; then named entries and intent answers, in the order the first
    intent sets; then the rest by bm25. Scores fall with the place, so that they sort the same."""
    lead = LEADS_OVER.get(intents[0], frozenset()) if intents else frozenset()
    if intents and intents[0] == "which-form" and not any(hit.kind == "form" for hit in named):
        lead -= {"product"}  # "what type of magnesium is in Natural Calm": the product says its form
    leading = [hit for hit in named if hit.kind not in lead]
    trailing = [hit for hit in named if hit.kind in lead]
    first = [*special, *leading, *answers, *trailing] if leading else [*special, *answers, *named]
    best = max((-row.rank for row in rows), default=0.0)
    ordered: list[Hit] = []
    seen: set[tuple[str, str]] = set()
    for hit in first:
        if (hit.kind, hit.id) not in seen:
            seen.add((hit.kind, hit.id))
            ordered.append(hit)
    count = len(ordered)
    ordered = [msgspec.structs.replace(h, score=round(best + count - i, 3)) for i, h in enumerate(ordered)]
    for row in rows:
        if (row.kind, row.id) not in seen:
            seen.add((row.kind, row.id))
            ordered.append(Hit(row.kind, row.id, row.title, round(-row.rank, 3)))
    return ordered


def _person_hits(data: Catalog, asked: question.Question, region: Region | None) -> list[Hit]:
    """The person the question names, as a hit, when their daily figures answer it."""
    person = asked.person
    wanted = not asked.intents or asked.intents[0] in PERSON_INTENTS
    if person is None or person.age is None or not wanted or not _targets(data, asked, region):
        return []
    return [Hit("dose", _person_words(person), person.text, 0.0, named=True)]


def _person_words(person: question.Person) -> str:
    """The person as ``magref dose`` takes them: "70 female", "8 months pregnant uk"."""
    assert person.age is not None
    months = round(person.age * 12)
    age = f"{months} months" if person.age < 1 and months >= 1 else f"{person.age:g}"
    parts = [age, person.sex or "", person.stage or "", person.region.value if person.region else ""]
    return " ".join(part for part in parts if part)


def _targets(data: Catalog, asked: question.Question, region: Region | None) -> list[dosing.Target]:
    person = asked.person
    if person is None or person.age is None:
        return []
    where = person.region or region or DEFAULT_REGION
    try:
        return dosing.targets(data, person.age, person.sex, person.stage, where)
    except InputError:  # an age or stage the region gives no figures for: the entries still answer
        return []


def _lab_hits(data: Catalog, asked: question.Question, region: Region | None) -> list[Hit]:
    return [
        Hit("lab", figure, figure, 0.0, named=True)
        for r in asked.results
        if _lab_answer(data, r, region)
        for figure in [f"{r.value:g} {r.unit}" if r.unit else f"{r.value:g}"]
    ]


def _lab_answer(data: Catalog, result: question.Result, region: Region | None) -> LabAnswer | None:
    """The result read against the range, in its unit or, without one, in each unit it could be."""
    units: list[SerumUnit] = [result.unit] if result.unit else ["mg/dL", "mmol/L", "mEq/L"]
    readings: list[serum.Result] = []
    for unit in units:
        printed = (
            serum.printed_range(result.low, result.high, unit)
            if result.low is not None and result.high is not None
            else None
        )
        try:
            readings.append(serum.interpret(data, result.value, unit, printed=printed, region=region))
        except InputError:  # not a possible level in this unit: that reading is ruled out
            continue
    return LabAnswer(result.text, result.unit, readings) if readings else None


#: Of the entries a question names, which come first: what magnesium is taken with (a medicine, a
#: family of medicines, an interaction) leads over the magnesium product itself ("can I take
#: magnesium citrate with Eliquis" is about Eliquis), and a caution for who is asking ("my child")
#: over what it is taken for; the rest keep their order.
NAMED_RANK = {
    "compare": 0, "medicine": 1, "family": 1, "interaction": 1, "caution": 2, "use": 3, "form": 5,
    "product": 5, "food": 5,
}  # fmt: skip
OTHER_NAMED = 4


def _named_hits(data: Catalog, reading: resolve.Reading, kinds: Sequence[str] | None) -> list[Hit]:
    """The entries the question names, the subject before the product (``NAMED_RANK``), otherwise
    in the order named; two forms or more add a comparison."""
    hits = _named_in_order(data, reading, kinds)
    hits = sorted(hits, key=lambda hit: NAMED_RANK.get(hit.kind, OTHER_NAMED))
    return _with_group_faqs(data, hits, kinds)


def _with_group_faqs(data: Catalog, hits: list[Hit], kinds: Sequence[str] | None) -> list[Hit]:
    """The named hits, each caution for a group of people ("children", "older adults") preceded by
    the FAQ of the same id: the FAQ answers questions for that group, the caution only warns."""
    if kinds is not None and "faq" not in kinds:
        return hits
    grouped: list[Hit] = []
    for hit in hits:
        item = data.by_id("faq", hit.id, FaqItem) if hit.kind == "caution" else None
        faq = Hit("faq", item.id, item.question, 0.0, named=True) if item else None
        if faq and faq not in grouped:
            grouped.append(faq)
        if hit not in grouped:
            grouped.append(hit)
    return grouped


def _named_in_order(data: Catalog, reading: resolve.Reading, kinds: Sequence[str] | None) -> list[Hit]:
    hits: list[Hit] = []
    forms: list[tuple[str, str]] = []
    for named in reading.named:
        for row in named.rows:
            kind = index.LIST_SECTIONS[row.section]
            entry = data.entry(row.section, row.position)
            title = _title(entry)
            hit = Hit(kind, entry.id, title, 0.0, named=True)
            if hit not in hits and (kinds is None or kind in kinds):
                hits.append(hit)
            if kind == "form" and (entry.id, title) not in forms:
                forms.append((entry.id, title))
    if len(forms) >= 2 and (kinds is None or "compare" in kinds):
        ids = " ".join(form_id for form_id, _ in forms)
        hits.insert(0, Hit("compare", ids, ", ".join(title for _, title in forms), 0.0, named=True))
    return hits


def _title(entry: object) -> str:
    for field in ("name", "question", "condition", "title"):
        value = getattr(entry, field, None)
        if isinstance(value, str):
            return value
    return str(getattr(entry, "id", ""))


def _typos_mended(data: Catalog, wanted: list[str]) -> list[str]:
    """The words, each one no document mentions replaced by its closest indexed word if any.

    Done before searching: a mistyped word would otherwise match by its beginning alone
    ("magnesum" finds every "magne..." entry) and hide what was meant. A word mended into a
    filler word ("magnesium") is dropped, as the filler word itself would have been.
    """
    fixed: list[str] = []
    tried = 0
    for word in wanted:
        closest = None
        if (
            tried < MAX_TYPOS_MENDED
            and len(word) >= 4
            and not names.is_noise(word)
            and not data.mentions(word)
        ):
            tried += 1
            closest = _closest_term(data, word)
            closest = closest if len(word) >= TYPO_FROM or len(closest or "") > len(word) else None
        if closest is None or closest not in names.FILLER_WORDS:
            fixed.append(closest or word)
    return fixed or wanted


def _closest_term(data: Catalog, word: str) -> str | None:
    """The indexed word closest to ``word`` (of equals, the one more documents hold), or None."""
    import difflib

    scored = []
    for term, documents in data.vocabulary(word).items():
        ratio = difflib.SequenceMatcher(None, word, term).ratio()
        if ratio >= WORD_TYPO_CUTOFF:
            scored.append((round(ratio, 2), documents, term))
    return max(scored)[2] if scored else None
