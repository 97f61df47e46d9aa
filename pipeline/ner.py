"""NER stage: dictionary matches, actor/person patterns and the trained tagger, merged.

Three sources, in order of trust:
1. gazetteer: the compiled actor dictionary and place gazetteer (models/actors,
   models/gazetteer), matched with the shared PhraseMatcher;
2. pattern: head-word patterns for names not in the dictionaries (لواء X,
   القيادي X, الملقب بأبو X), from conflict_events/data/actor_patterns.yaml;
3. model: the statistical tagger trained here (models/ner), which finds the
   names no list has.
Where two overlap, the more trusted source wins (the gazetteer on known actors
and places, the model on the unknown ones); within a source the longer span wins.
Two rules then clean up: a model mention made only of generic words (ريف, مدينة,
لواء: the heads, titles, qualifiers and stop words of the pattern files) is
dropped, and a list of places is closed through coordination (في نبل والزهراء:
the word joined by و to a place, ending the list, is a place too).
"""
from __future__ import annotations

import bisect
import logging
from functools import lru_cache
from typing import Optional

from .document import Document, Mention, Token, token_at, tokens_ending_by
from .matcher import PhraseMatcher
from .normalize import QUOTE_MARKS, normalize_for_matching
from .resources import load_yaml
from .segment import word_readings
from .stage import Stage

MODEL_TYPES = {"PERS": "PERSON", "LOC": "PLACE", "ORG": "ACTOR", "MISC": "MISC"}
TRUST = {"gazetteer": 0, "pattern": 1, "model": 2}


@lru_cache(maxsize=1)
def dictionary_matcher() -> PhraseMatcher:
    """One matcher over the actor dictionary and the place gazetteer (built once per process)."""
    from .actors import ActorDictionary
    from .places import Gazetteer

    m = PhraseMatcher(skip_quotes=True)
    for name, actor_id in ActorDictionary.default().entries():
        m.add(name, ("ACTOR", actor_id))
    for name, place_id in Gazetteer.default().entries():
        m.add(name, ("PLACE", place_id))
    return m


KUNYA = ("ابو", "ابي", "ابا", "ام")
PRONOUN_SUFFIXES = ("ها", "هم", "هما", "هن", "كم", "نا")


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Normalised words that are never a name on their own: actor heads, person titles,
    pattern stop words, place qualifiers, designators and common place nouns (reviewed data files)."""
    from .actors import patterns

    p = patterns()
    places = load_yaml("place_qualifiers.yaml")
    words = set(p.heads) | set(p.titles) | set(p.stop) | set(p.kunya)
    words |= {normalize_for_matching(w) for ws in places["qualifiers"].values() for w in ws}
    words |= {normalize_for_matching(w) for w in places["designators"] + places.get("place_nouns", [])}
    return frozenset(words | {w[2:] for w in words if w.startswith("ال")})


def is_generic(tokens: list[Token]) -> bool:
    """True when every word of a span reads as a generic word (بريف, الريف, مدينة)."""
    return all(_generic_word(t.text) for t in tokens)


def _name_start(tok: Token) -> int:
    """Where a name starts inside its first word: after و ف ب ل ك, keeping the article ال."""
    for p in tok.parts:
        if p.kind in ("article", "stem"):
            if p.start == tok.start and tok.norm[:1] in "بلوف" and tok.norm[1:].startswith(KUNYA):
                return tok.start + 1  # بأبو كسار → أبو كسار
            return p.start
    return tok.start


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first token, token after last, type) of each entity in a BIO tag sequence."""
    spans, start, kind = [], None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != kind):
            if start is not None:
                spans.append((start, i, kind))
                start, kind = None, None
            if tag != "O":
                start, kind = i, tag[2:]
    return spans


class Ner(Stage):
    """Find ACTOR, PERSON, PLACE (and MISC) mentions as spans into the original text."""

    name = "ner"
    requires = frozenset({"tokens"})
    provides = frozenset({"mentions"})

    def __init__(self, use_model: bool = True, tagger=None, model: str = "fast"):
        self.use_model = use_model
        self._tagger = tagger
        self.model = model  # a profile of models/ner/config.json ("fast", "accurate") or a path

    @property
    def tagger(self):
        """The trained tagger, loaded on first use; None when disabled or not shipped."""
        if self._tagger is None and self.use_model:
            from .ner_model import NerTagger

            try:
                self._tagger = NerTagger.load(profile=self.model)
            except FileNotFoundError as e:  # run on dictionaries and patterns alone, but say so once
                logging.getLogger(__name__).warning("NER model not found (%s): dictionaries and patterns only", e)
                self.use_model = False
        return self._tagger

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]

    def pipe(self, docs: list[Document]) -> list[Document]:
        """All documents' sentences go to the tagger in one batch (much faster than one by one)."""
        model = self._model(docs) if self.tagger is not None else [[] for _ in docs]
        for doc, found in zip(docs, model):
            candidates: list[Mention] = []
            for sent in doc.sentences:
                toks = doc.sentence_tokens(sent)
                candidates += self._dictionary(doc, toks, sent.index)
                candidates += counted_actors(doc, toks, sent.index)
                candidates += self._patterns(doc, toks, sent.index)
            doc.mentions = resolve_overlaps(candidates + found)
            doc.mentions = joined_names(doc, resolve_overlaps(doc.mentions + coordinated_places(doc)
                                                              + capital_mentions(doc) + heard_places(doc)))
            doc.mentions = [m for m in doc.mentions if not names_an_outlet(doc, m)]
            doc.provided |= self.provides
        return docs

    def tagged_sentences(self, doc: Document) -> list:
        """The sentences of a document the trained tagger reads: all of them. The tagger's label
        consistency and the later stages' article-wide reads of names (the article's country, the
        place told last before an incident, the most-named rebel group) make every sentence's model
        names part of the output; bench/tagger_variants.py measures what tagging fewer would change."""
        return doc.sentences

    def _dictionary(self, doc: Document, toks: list[Token], si: int) -> list[Mention]:
        from .places import Gazetteer

        gaz = Gazetteer.default()
        out = []
        for m in dictionary_matcher().find(toks):
            kinds = {v[0] for v in m.values}
            kind = "ACTOR" if "ACTOR" in kinds else "PLACE"
            if kind == "PLACE" and is_generic(toks[m.first:m.last]):
                continue  # البلاد "the country", المنطقة: a common place noun is no name (al-Bilad, Yemen)
            ids = [v[1] for v in m.values if v[0] == kind]
            if kind == "PLACE" and not (place_reading_ok(toks, m.first, m.key, weak=len(m.key) == 1 and gaz.needs_context(ids))
                                        and teh_marbuta_agrees(doc, toks[m.last - 1], [v[1] for v in m.values])):
                continue
            out.append(Mention(m.start, m.end, doc.text[m.start:m.end], kind, "gazetteer",
                               norm=" ".join(m.key), sentence=si, ext={"ids": ids}))
        return out

    def _patterns(self, doc: Document, toks: list[Token], si: int) -> list[Mention]:
        from .actors import match_patterns

        out = []
        for first, last, kind in match_patterns([t.norm for t in toks]):
            start, end = _name_start(toks[first]), toks[last - 1].end
            out.append(Mention(start, end, doc.text[start:end], kind, "pattern",
                               norm=" ".join(t.norm for t in toks[first:last]), sentence=si))
        return out

    def _model(self, docs: list[Document]) -> list[list[Mention]]:
        sents = [(k, doc, s, doc.sentence_tokens(s)) for k, doc in enumerate(docs)
                 for s in self.tagged_sentences(doc)]
        words = [[t.text for t in toks] for _, _, _, toks in sents]
        # doc_ids: label consistency runs over each article's sentences, never across the batch
        tags = self.tagger.tag(words, doc_ids=[k for k, _, _, _ in sents])
        out: dict[int, list[Mention]] = {id(doc): [] for doc in docs}
        for (_, doc, sent, toks), sent_tags in zip(sents, tags):
            for first, last, kind in bio_spans(sent_tags):
                kind = MODEL_TYPES.get(kind, "MISC")
                for a, b, start in (listed_items(toks, first, last) if kind == "PLACE" else
                                    [(first, last, _name_start(toks[first]))]):
                    if is_generic(toks[a:b]):
                        continue
                    end = toks[b - 1].end
                    out[id(doc)].append(Mention(start, end, doc.text[start:end], kind, "model",
                                                norm=" ".join(t.norm for t in toks[a:b]), sentence=sent.index))
        return [out[id(doc)] for doc in docs]


def counted_actors(doc: Document, toks: list[Token], si: int) -> list[Mention]:
    """Actors named by a noun a number counts (47 متمردًا، 25 مسلحًا حوثيًا): the accusative singular,
    with the adjectives that agree with it, is looked up as its indefinite sound plural (متمردين،
    مسلحين حوثيين). Only after a number: elsewhere the same form is an adverb or an adjective
    (زيًا عسكريًا)."""
    from .numbers import counts_accusative_singular

    matcher = dictionary_matcher()
    out = []
    for i in range(1, len(toks)):
        if not counts_accusative_singular(toks[i - 1].norm):
            continue
        run = i
        while run < len(toks) and len(toks[run].norm) >= 4 and toks[run].norm.endswith("ا"):
            run += 1
        for last in range(run, i, -1):
            key = tuple(t.norm[:-1] + "ين" for t in toks[i:last])
            ids = [v[1] for v in matcher.get(key) if v[0] == "ACTOR"]
            if ids:
                start, end = toks[i].start, toks[last - 1].end
                out.append(Mention(start, end, doc.text[start:end], "ACTOR", "gazetteer", norm=" ".join(key),
                                   sentence=si, ext={"ids": ids}))
                break
    return out


def listed_items(toks: list[Token], first: int, last: int) -> list[tuple[int, int, int]]:
    """A place span the tagger ran over a list (قريتي مشرعة وحدنان, كيروهورا وكاتو) as its items:
    (first token, token after last, start offset) of each, cut before every inner word that is و
    joined to a name of three letters or more, unless the gazetteer knows the whole span or the word
    with its و (وادي, واسط)."""
    from .places import Gazetteer

    gaz = Gazetteer.default()
    cuts = [k for k in range(first + 1, last) if toks[k].norm[:1] == "و" and len(toks[k].norm) > 3
            and not gaz.holds_name(toks[k].norm) and not is_generic([toks[k]])]
    if not cuts or gaz.holds_name(" ".join(t.norm for t in toks[first:last])):
        return [(first, last, _name_start(toks[first]))]
    bounds = [first] + cuts + [last]
    return [(a, b, _name_start(toks[a]) if a == first else toks[a].start + 1) for a, b in zip(bounds, bounds[1:])]


def is_number_word(word: str) -> bool:
    """A cardinal number word (سبعه, الخمسه, عشرين), with or without its article."""
    from .numbers import vocab

    v = vocab()
    bare = word[2:] if word.startswith("ال") else word
    return any(bare in v[k] or word in v[k] for k in ("units", "tens", "hundreds", "thousands"))


@lru_cache(maxsize=1)
def designator_words() -> frozenset[str]:
    """Normalised place designators (مدينة, قرية, بلدة ...)."""
    return frozenset(normalize_for_matching(w) for w in load_yaml("place_qualifiers.yaml")["designators"])


def place_reading_ok(toks: list[Token], first: int, key: tuple[str, ...], weak: bool = False) -> bool:
    """False for a place read through the proclitic ك, and for a one-word place name that is
    mostly a common word in news (مصدر, صور, عبر), unless a place context makes it a place: ب on
    the word, or a place-context word before it (في, على, قرب, مدينة, ريف ...: place_qualifiers.yaml).
    A one-word name that only a weak list holds (``weak``: places.CONTEXT_SOURCES) needs the
    stricter weak_place_context (في, قرب, قرية, منطقة ... right before it) and no clitic on it."""
    from .places import (adjective_reading, after_word, clitic_words, common_word_names, in_place_context,
                         in_weak_place_context)

    first_norm = toks[first].norm
    if first_norm != key[0] and first_norm.endswith(key[0]) and "ك" in first_norm[:len(first_norm) - len(key[0])]:
        return False  # ك "like" is almost never on a place name, and كبيرة is not ك + بيرة
    if first_norm != key[0]:  # بادر "hastened" is a word, not ب + ادر; nor is ولاب (و + لاب "laptop") و + ل + اب
        bare = first_norm[1:] if first_norm[:1] in "وف" else first_norm
        if ({first_norm, bare} - {key[0]}) & clitic_words():
            return False
    if len(key) == 1 and adjective_reading(toks, first, key[0]):
        return False  # الأسلحة النارية والبيضاء: bladed weapons, not Al Bayda; على صعيد آخر: no district
    if len(key) == 1 and is_number_word(key[0]):  # سبعة, خمسة: a village name only after a designator
        return after_word(toks, first, designator_words())
    need = common_word_names().get(key[0]) if len(key) == 1 else None
    if weak and need != "designator":  # the word as written, no clitic read off it (إلى فصائل is no ف + صائل)
        return first_norm == key[0] and in_weak_place_context(toks, first)
    if need is None:
        return True
    if need == "designator":
        return after_word(toks, first, designator_words())
    return in_place_context(toks, first, key[0])


@lru_cache(maxsize=1)
def _outlet_words() -> tuple[frozenset[str], frozenset[str]]:
    """Normalised (outlet words, outlet tail words) of place_qualifiers.yaml."""
    data = load_yaml("place_qualifiers.yaml")
    words = frozenset(normalize_for_matching(w) for w in data["outlet_words"])
    return words, frozenset(normalize_for_matching(w) for w in data["outlet_tails"])


def _bare(word: str) -> str:
    """A normalised word without its proclitics و/ف and then ل/ب (لصحيفه → صحيفه)."""
    word = word[1:] if word[:1] in "وف" and len(word) > 3 else word
    return word[1:] if word[:1] in "لب" and len(word) > 3 else word


def names_an_outlet(doc: Document, m: Mention) -> bool:
    """Whether a name names a news outlet, not a place or an actor (place_qualifiers.yaml outlets):
    it follows an outlet word (صحيفة الرياض، لصحيفة «القدس»); or it is a place quoted right after ل
    (قال مصدر ل"الرياض"); or a place followed by an outlet's tail word (واشنطن بوست)."""
    if m.type not in ("PLACE", "ACTOR"):
        return False
    words, tails = _outlet_words()
    toks = doc.sentence_tokens(m.sentence)
    i = token_at(toks, m.start)
    if i < 0:
        return False
    j = tokens_ending_by(toks, m.end)
    before = i - 1
    quoted = before >= 0 and toks[before].text in QUOTE_MARKS
    if quoted:
        before -= 1
    if before >= 0 and _bare(toks[before].norm) in words:
        return True
    if quoted and before >= 0 and toks[before].norm == "ل" and j < len(toks) and toks[j].text in QUOTE_MARKS:
        # an actor's name quoted after ل is often its own (التابعة ل"داعش"): only the tagger's guess,
        # told to a speaker (قال مصدر لـ«عكاظ»), is taken for an outlet
        return m.type == "PLACE" or (m.source == "model" and _told(toks, before))
    return m.type == "PLACE" and j < len(toks) and toks[j].norm in tails


@lru_cache(maxsize=1)
def _speech_words() -> frozenset[str]:
    """Normalised verbs of reported speech (speech_ar.yaml, the file every stage reads them from)."""
    return frozenset(normalize_for_matching(w) for w in load_yaml("speech_ar.yaml")["speech"])


def _told(toks: list[Token], j: int) -> bool:
    """Whether a verb of speech stands within the four words before token j."""
    return any(t.norm in _speech_words() or _bare(t.norm) in _speech_words() for t in toks[max(0, j - 4):j])


@lru_cache(maxsize=1)
def _capital_words() -> frozenset[str]:
    return frozenset(normalize_for_matching(w) for w in load_yaml("place_qualifiers.yaml").get("capital_words", []))


@lru_cache(maxsize=100_000)
def _capital_reading(word: str) -> Optional[tuple[int, str]]:
    """The first reading of a word that is a word for the capital (العاصمة, وبالعاصمة), as (offset in
    the word, form), or None (words recur: cached)."""
    capital = _capital_words()
    return next(((i, f) for i, f in word_readings(word) if f in capital), None)


def capital_mentions(doc: Document) -> list[Mention]:
    """العاصمة not followed by a place name: a PLACE the link stage codes at the capital of the
    country its adjective names (العاصمة العراقية), else of the article's country (ext rule
    "capital")."""
    from .actors import nationality_adjectives

    starts = {m.start for m in doc.mentions if m.type == "PLACE"}
    out = []
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent)
        for j, tok in enumerate(toks):
            hit = _capital_reading(tok.text)
            if hit is None:
                continue
            hit = (tok.start + hit[0], hit[1])
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if nxt is not None and any(nxt.start <= s < nxt.end for s in starts):
                continue
            start = hit[0] if hit[0] == tok.start else next(
                (p.start for p in tok.parts if p.kind == "article"), hit[0])
            ext = {"rule": "capital"}
            end = tok.end
            if nxt is not None and nxt.norm in nationality_adjectives():
                ext["country"] = nationality_adjectives()[nxt.norm]
                end = nxt.end
            out.append(Mention(start, end, doc.text[start:end], "PLACE", "pattern", norm=hit[1],
                               sentence=sent.index, ext=ext))
    return out


def teh_marbuta_agrees(doc: Document, last: Token, place_ids: list[str]) -> bool:
    """False when the text ends the name in ه where every place of that name ends in ة: منزله
    ("his home") is not المنزلة; normalisation joins ة and ه, the original text does not."""
    from .places import Gazetteer

    if not doc.text[last.start:last.end].endswith("ه"):
        return True
    gz = Gazetteer.default()
    names = [gz.record(i).name_ar for i in place_ids if gz.record(i) is not None]
    return not names or not all(n.endswith("ة") for n in names)


def coordinated_places(doc: Document) -> list[Mention]:
    """Places closing a coordinated list: PLACE + وY where Y is the sentence's last word or is
    followed by punctuation, is not a generic word and carries no pronoun suffix (حلب وريفها); an
    aside in brackets may follow each item (طنجة (شمال) وبوزنيقة (غرب) وخريبقة (وسط) وتاونات), and
    an item so found is in the list's place context (link.cross_script hears it)."""
    out = []
    by_end = {m.end for m in doc.mentions if m.type == "PLACE"}
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent)
        for j, tok in enumerate(toks):
            prev = _before_aside(toks, j)
            if prev is None or prev.end not in by_end or not tok.norm.startswith("و") or tok.end in by_end:
                continue  # (an item already a place, وبوزنيقة tagged by the model, goes on the list)
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if nxt is not None and nxt.norm[:1].isalnum():
                continue
            stem = tok.norm[1:]
            if len(stem) < 3 or not all("\u0621" <= c <= "\u064a" for c in stem):
                continue
            if stem.endswith(PRONOUN_SUFFIXES) or is_generic([tok]):
                continue
            start = tok.start + 1
            aside = prev is not toks[j - 1]
            out.append(Mention(start, tok.end, doc.text[start:tok.end], "PLACE", "pattern",
                               norm=stem, sentence=sent.index,
                               ext={"rule": "coordination", **({"listed": True} if aside else {})}))
            by_end.add(tok.end)  # the next item may follow this one
    return out


def _before_aside(toks: list[Token], j: int) -> Optional[Token]:
    """The token before token j, or before the aside in brackets of at most three words that ends
    right before it (بوزنيقة (غرب) وخريبقة); None at the sentence start."""
    k = j - 1
    if k >= 0 and toks[k].norm == ")":
        k = next((i - 1 for i in range(k - 1, max(-1, k - 5), -1) if toks[i].norm == "("), k)
    return toks[k] if k >= 0 else None


HEARD_MIN_LETTERS = 4


def heard_places(doc: Document) -> list[Mention]:
    """Words that stand where only a place can (places.where_only_a_place_stands: مدينة شقرة، سيطرت
    قواتنا على دينسور; places.placed_by_direction: في غومبيه شمال شرقي نيجيريا) but that no
    gazetteer holds in Arabic and that are no words of everyday Arabic, with the next such word
    (منطقة بركي براك): PLACE mentions with ``ext["rule"] = "heard"``, which the link stage matches
    by sound to a town of the article's country or drops."""
    from .places import Gazetteer, everyday_words, placed_by_direction, where_only_a_place_stands

    gaz = Gazetteer.default()
    taken = sorted((m.start, m.end) for m in doc.mentions)  # resolved: no two overlap

    def unheard(tok: Token) -> bool:
        """No mention covers the word, and it is no word of everyday Arabic and no name the gazetteer
        stage already read or refused."""
        k = bisect.bisect_left(taken, (tok.end, -1)) - 1  # the last mention starting before the word ends
        return not (k >= 0 and taken[k][1] > tok.start) and not everyday_words(tok.norm) \
            and not gaz.lookup(tok.norm)

    place_starts = {m.start for m in doc.mentions if m.type == "PLACE"}
    out = []
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent)
        for j, tok in enumerate(toks):
            if not _name_shaped(tok) or not unheard(tok) or not (
                    where_only_a_place_stands(toks, j) or placed_by_direction(toks, j, place_starts)):
                continue
            last = j + 2 if j + 1 < len(toks) and _name_shaped(toks[j + 1]) and unheard(toks[j + 1]) else j + 1
            out.append(Mention(tok.start, toks[last - 1].end, doc.text[tok.start:toks[last - 1].end], "PLACE",
                               "pattern", norm=" ".join(t.norm for t in toks[j:last]), sentence=sent.index,
                               ext={"rule": "heard"}))
    return out


def _name_shaped(tok: Token) -> bool:
    """A word that could be a foreign name: Arabic letters, HEARD_MIN_LETTERS or more, no ال, no
    pronoun on it, no generic word."""
    return _shaped(tok.norm, tok.text)


@lru_cache(maxsize=100_000)
def _shaped(word: str, text: str) -> bool:
    """``_name_shaped`` of a word by its normalised form and its text (words recur: cached)."""
    return len(word) >= HEARD_MIN_LETTERS and not word.startswith("ال") and not word.endswith(PRONOUN_SUFFIXES) \
        and all("\u0621" <= c <= "\u064a" for c in word) and not _generic_word(text)


@lru_cache(maxsize=100_000)
def _generic_word(text: str) -> bool:
    """``is_generic`` of one word, by its text (its readings are read from the text alone)."""
    g = generic_words()
    return any(f in g for _, f in word_readings(text))


def _trust(m: Mention, candidates: list[Mention]) -> int:
    """TRUST of a mention's source; a tribe read by its head word (قبيلة آل شبوان، عشيرة البو نمر: one
    name, the pattern reads no further) is trusted like the gazetteer place it holds (آل شبوان, a village)."""
    if m.source == "pattern" and m.type == "ACTOR" and m.norm.split(" ", 1)[0] in tribe_heads() and any(
            o.source == "gazetteer" and o.type == "PLACE" and m.start <= o.start and o.end <= m.end
            and (o.start, o.end) != (m.start, m.end) for o in candidates):
        return TRUST["gazetteer"]
    return TRUST.get(m.source, 9)


@lru_cache(maxsize=1)
def tribe_heads() -> frozenset[str]:
    """The normalised head words of actor_patterns.yaml that name a tribe (their militia's name)."""
    from .actors import patterns

    return frozenset(head for head, spec in patterns().heads.items() if "Tribal" in (spec.get("militia") or ""))


def resolve_overlaps(candidates: list[Mention]) -> list[Mention]:
    """Keep the most trusted, then longest, of overlapping mentions; return them in text order."""
    kept: list[Mention] = []
    spans: list[tuple[int, int]] = []  # the kept ones' (start, end), in text order: they never
    # overlap, so their ends are in order too and only the last one starting before m can reach m
    for m in sorted(candidates, key=lambda m: (_trust(m, candidates), -(m.end - m.start), m.start)):
        j = bisect.bisect_left(spans, (m.end, -1)) - 1
        if j < 0 or spans[j][1] <= m.start:
            kept.append(m)
            bisect.insort(spans, (m.start, m.end))
    return sorted(kept, key=lambda m: m.start)


def joined_names(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """Two place names the tagger found side by side, with only a space between them (no و: مالي
    ونيبالي is a list) and neither a known name, are one name in two words (بركي براك، دوجو بايزيد):
    one mention, for the linker to match whole."""
    out: list[Mention] = []
    for m in mentions:
        a = out[-1] if out else None
        if a is not None and a.type == m.type == "PLACE" and a.source == m.source == "model" \
                and a.sentence == m.sentence and doc.text[a.end:m.start] == " " and not m.norm.startswith("و"):
            out[-1] = Mention(a.start, m.end, doc.text[a.start:m.end], "PLACE", "model", norm=f"{a.norm} {m.norm}",
                              sentence=a.sentence)
            continue
        out.append(m)
    return out


def mention_at(doc: Document, start: int, end: int) -> Optional[Mention]:
    """The mention covering exactly [start, end), if any."""
    for m in doc.mentions:
        if m.start == start and m.end == end:
            return m
    return None
