"""Roles of an incident: actor1 (perpetrator, initiator), actor2 (target, victim), associated
actors, the place, and civilian targeting; cue patterns in data/roles.yaml.

Constructions read (all general Arabic, none for one article):

- cue rules (strength 3): "على يد / من قبل / بنيران / برصاص / شنه / أطلقته X" → X actor1;
  "مواقع / نقاط / في صفوف / ضد X" → X actor2; "بين X و Y" → X, Y; the victims of a killing,
  wounding, arrest or abduction word ("مقتل N من (عناصر) X", "قتلى في صفوف X") → X actor2;
- the trigger's frame (strength 2): subject of an active verb (اعتقلت قوات X، قوات X تفرق) →
  actor1, its object → actor2; subject of a passive or intransitive verb (قُتل N من X، استشهد
  X) → actor2; the genitive of a noun (هجوم لتنظيم X → actor1; اختطاف X → actor2; استهداف X لـ Y);
  a pronoun on the trigger (أعلنت X سيطرتها) → X actor1; "مع Y" after a clash word → the other
  side; "على Y" after an attack word → actor2; an actor named inside or right after a weapon word
  (غارة إسرائيلية، طائرات الاحتلال) → actor1;
- fallback (strength 1): when only the victim is known, the nearest armed actor of the incident.

Mentions that describe another actor (الداعمة لنظام الأسد), name a source (مصدر في قيادة
عمليات …) or a speaker (قالت وزارة الداخلية إن …) get no role. A definite head noun with no
mention (التنظيم، الحركة، اللواء) refers back to the last actor named with that head.

Document-level: claims ("تبنى X الهجوم", "أعلن X مسؤوليته") and accusations give actor1, and
mourning ("نعى X اثنين من عناصره") gives actor2, to the incident reported just before; then the
actors ACLED implies are added where no one is named (Protesters/Rioters (COUNTRY) for
demonstrations, Civilians (COUNTRY) for civilian victims or targets, Unidentified Armed Group
(COUNTRY) for attacks and bombs with no perpetrator named), each citing a span of the text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from conflict_events.schemas import Actor

from .actors import UNIDENTIFIED, nationality_plurals
from .caches import ClearingDict
from .dates import time_words
from .document import RECALL_CUE, Document, EventMention, Mention, Token, token_at, tokens_starting_before
from .events import (ARMED, TOLL_CLASSES, Facts, Trigger, forms_of, is_number, is_punct, lexicon, names_again,
                     new_event_mention, number_at, resolve_type, seq_at, seq_ending_at, has_damma_passive, event_type_of,
                     PhraseEnds)
from .incident import actor_key, is_region, places_compatible
from .matcher import PhraseMatcher, phrase_key
from .normalize import QUOTE_MARKS, normalize_for_matching, one_of
from .places import chain_relation, in_place_context, listed_after, low_trust
from .resources import load_yaml
from .segment import readings
from .sites import site_words

VIOLENT = {"kill", "injure", "assault", "target", "shooting", "explosion", "hit", "assassinate", "execute",
           "Air/drone strike", "Shelling/artillery/missile attack", "Suicide bomb", "Grenade",
           "Remote explosive/landmine/IED", "Chemical weapon", "clash"}
HITS = VIOLENT | {"storm", "arson", "Looting/property destruction"}  # acts that hit a site (its owner the target)
VICTIM_CLASSES = {"kill", "injure", "assassinate", "execute", "Arrests", "Abduction/forced disappearance",
                  "Sexual violence", "Other"}
PREPOSITIONS = {"في", "خلال", "اثر", "جراء", "من", "على", "عن", "بعد", "قبل", "عند", "مع", "الى"}
LOSES_BY_WITHDRAWAL = {"territory", "Non-violent transfer of territory", "deploy"}
REMOTE = {"Air/drone strike", "Shelling/artillery/missile attack", "Suicide bomb", "Grenade",
          "Remote explosive/landmine/IED", "Chemical weapon", "explosion"}
TIME_WORDS = time_words()
RELATIVE_PRONOUNS = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين"})
WEAPON_USER_GAP = 4  # words between an armed actor and the weapon it used (X براميل متفجرة محملة ب…)
NATIONAL_GOVERNMENT, NATIONAL_POLICE = "national:government_", "national:police_"  # records of agents.yaml national
ARRESTED_GAP = 6  # words between an arrest and the group of the one arrested (اعتقل أيضًا أحد قيادي «بوكو حرام»)
CLAUSE_BREAKS = {"،", ",", ":", ".", "؛", ";"}


# أن/إن (normalised ان) and its clitic forms: a reported clause starts after it
COMPLEMENTIZERS = frozenset({"ان", "بان", "وان", "فان"})
AND_IN = normalize_for_matching("وفي")  # the incident separator that may cut a list of places


def _k(w: str) -> tuple[str, ...]:
    return phrase_key(w)


REFERS_KEPT = 50_000  # words whose RoleCues.may_refer answer is kept


class RoleCues:
    """The cue lists of roles.yaml, normalised, with one phrase matcher for the cue words."""

    def __init__(self, data: dict):
        self.data = data
        self.bridge = {normalize_for_matching(w) for w in data["bridge"] if len(_k(w)) == 1}
        self.bridge |= {"«", "»", '"', "“", "”", "'", "\u201c", "\u201d"}
        self.bridge_phrases = [k for k in map(_k, data["bridge"]) if len(k) > 1]
        self.member_of = [k[:-1] if k[-1] in ("ل", "ب") else k for k in map(_k, data["member_of"])]
        self.matcher = PhraseMatcher()
        for kind in ("attributive", "source", "speech", "agent_cues", "patient_cues", "between", "with",
                     "on_target", "claim_verbs", "claim_announce", "accuse", "mourning", "membership", "charge",
                     "undergo", "light_verbs"):
            for w in data.get(kind, ()):
                k = _k(w)
                if len(k) > 1 and k[-1] in ("ل", "ب"):  # "الداعمة ل": the ل is a clitic of the next word
                    k = k[:-1]
                if k:
                    self.matcher.add(k, kind)
        self.claim_nouns = {normalize_for_matching(w) for w in data["claim_nouns"]}
        self.anaphora = {normalize_for_matching(w) for w in data["anaphora"]}
        self.anaphora_sentences = int(data.get("anaphora_sentences", 4))
        self.possessive_forces = {normalize_for_matching(w) for w in data.get("possessive_forces", ())}
        self._refers = ClearingDict(REFERS_KEPT)  # (text, norm) of a word -> may_refer
        self.between_not_after = {normalize_for_matching(w) for w in data.get("between_not_after", ())}
        self.support_verbs = {normalize_for_matching(w) for w in data["support_verbs"]}
        self.ally_cues = [tuple(normalize_for_matching(w).split()) for w in data["ally_cues"]]
        self.side_end = [tuple(normalize_for_matching(w).split()) for w in data["side_end"]]
        self.both_sides = [normalize_for_matching(w) for w in data["both_sides"]]
        self.both_sides_reach = int(data["both_sides_reach"])
        self.target_matcher = PhraseMatcher()
        from .events import noun_forms
        for kind in ("civilian_targets", "military_targets", "police_targets", "army_targets", "civilian_victims",
                     "protesters_words", "militant_words", "charge_militant"):
            for w in data[kind]:
                for k in noun_forms(w):  # with and without ال, accusative (سوقا، منزلا)
                    self.target_matcher.add(k, kind)
        for w, kind in _force_site_phrases(data["force_sites"]):
            for k in noun_forms(w):
                self.target_matcher.add(k, kind)
        for w in nationality_plurals():  # اعتقلت قوات الاحتلال 5 فلسطينيين: the people by their nationality
            for k in noun_forms(w):
                self.target_matcher.add(k, "nationals")
        self.implied = data["implied"]
        self.unknown_perpetrator = set(data["unknown_perpetrator"])
        self.civilian_actor2 = set(data["civilian_actor2"])
        self.state_target_types = set(data["state_target_types"])
        self.lone_person_words = {normalize_for_matching(w) for w in data["lone_person_words"]}
        self.civilian_targeting_types = set(data["civilian_targeting_types"])
        self.place_intro = {_k(w) for w in data["place_intro"]}
        self.place_not = {_k(w) for w in data["place_not"]}
        self.destination = {_k(w) for w in data["destination"]}
        self.into = {_k(w) for w in data["destination_into"]}
        self.origin = {_k(w) for w in data["arrival_origin"]}
        self.road_to = {_k(w) for w in data["road_to"]}
        # the same lists indexed by their last word (events.PhraseEnds), as choose_place asks them of
        # every candidate place: place_not split by whether an arrival or a taking of ground skips it
        self.intro_ends = PhraseEnds(self.place_intro)
        self.origin_ends, self.road_to_ends = PhraseEnds(self.origin), PhraseEnds(self.road_to)
        self.place_not_ends = PhraseEnds(self.place_not - self.destination)  # always read
        self.not_destination_ends = PhraseEnds(self.place_not & self.destination - self.into)  # not for arrivals
        self.not_into_ends = PhraseEnds(self.place_not & self.destination & self.into)  # nor for territory
        self.approximators = {normalize_for_matching(w) for w in data["approximators"]}

    def cues_in(self, toks: list[Token], lo: int, hi: int) -> list[tuple[int, int, str]]:
        """(first, after last, kind) of every role cue in toks[lo:hi] (one kind per hit: all kinds kept)."""
        return _matches_in(self.matcher, toks, lo, hi)

    def claim_noun_in(self, toks: list[Token], lo: int, hi: int) -> bool:
        """A claim noun (مسؤوليته) among toks[lo:hi] (hi clipped to the sentence): أعلن is a claim only with one."""
        return any(toks[k].norm in self.claim_nouns for k in range(lo, min(hi, len(toks))))

    def targets_in(self, toks: list[Token], lo: int, hi: int) -> list[tuple[int, int, str]]:
        """(first, after last, kind) of every target phrase in toks[lo:hi]."""
        return _matches_in(self.target_matcher, toks, lo, hi)

    def may_refer(self, tok: Token) -> bool:
        """Whether ``_anaphor`` can read a word at all: a reading of it is a possessive force (قواته),
        or a reading that keeps the article is an anaphor head (والتنظيم → التنظيم); kept per word."""
        key = (tok.text, tok.norm)
        got = self._refers.get(key)
        if got is None:
            self._refers.make_room()
            got = self._refers[key] = any(f in self.possessive_forces for _, f in readings(tok)) \
                or any(f in self.anaphora for _, f in readings_with_article(tok))
        return got


def _force_site_phrases(spec: dict) -> list[tuple[str, str]]:
    """(phrase, target kind) for every site head followed by a force that owns it (roles.yaml
    force_sites): مسجد قوات الطوارئ، مسجد لقوات الطوارئ، أكاديمية للشرطة."""
    out = []
    for kind, owners in (("police_targets", spec["police"]), ("army_targets", spec["army"])):
        for owner in owners:
            first, _, rest = owner.partition(" ")
            with_l = ("ل" + first[1:] if first.startswith("ال") else "ل" + first) + (" " + rest if rest else "")
            out += [(f"{head} {o}", kind) for head in spec["heads"] for o in (owner, with_l)]
    return out


def _matches_in(matcher, toks: list[Token], lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(first, after last, value) of every phrase of a matcher inside toks[lo:hi], left to right."""
    out, i = [], lo
    while i < hi:
        m = matcher.match_at(toks, i)
        if m is None or m.last > hi:
            i += 1
            continue
        for kind in m.values:
            out.append((m.first, m.last, kind))
        i = m.last
    return out


@lru_cache(maxsize=1)
def role_cues() -> RoleCues:
    """The role cues, built once per process."""
    return RoleCues({**load_yaml("roles.yaml"), "speech": load_yaml("speech_ar.yaml")["speech"]})


# --------------------------------------------------------------------------- mentions of an incident

@dataclass
class Arg:
    """An actor mention of the incident with its token range (sentence-relative)."""

    mention: Mention
    first: int
    last: int  # token index after the last token
    prefix: str = ""  # clitics before the mention inside its first token (ل، ب، و …)
    excluded: Optional[str] = None
    hit: bool = False  # named as what the act hit (تعرضت دورية لـ، تفجير مسجد قوات الطوارئ): never its author

    @property
    def inter(self) -> Optional[int]:
        return self.mention.actor.inter if self.mention.actor is not None else None

    @property
    def name(self) -> Optional[str]:
        return self.mention.actor.name if self.mention.actor is not None else None


@dataclass
class Cand:
    slot: int  # 1 or 2
    arg: Arg
    strength: int
    rule: str
    cue: Optional[tuple[int, int]] = None


def incident_args(doc: Document, si: int, toks: list[Token], lo: int, hi: int) -> list[Arg]:
    """Linked ACTOR mentions of the incident's tokens, plus resolved anaphors, in text order."""
    out = []
    if not toks:
        return out
    start, end = toks[lo].start, toks[hi - 1].end
    for m in doc.mentions_between(start, end):
        if m.sentence != si or m.type != "ACTOR" or m.actor is None or not (start <= m.start < end):
            continue
        f, l = token_at(toks, m.start), token_at(toks, m.end - 1)
        if f < 0 or l < 0:
            continue
        if f == l and _bare_head(m):  # "اللواء" alone: refers back, whatever the dictionary says
            ana = _anaphor(doc, si, toks, f)
            if ana is not None:
                out.append(ana)
                continue
        out.append(Arg(m, f, l + 1, prefix=doc.text[toks[f].start:m.start]))
    covered = {i for a in out for i in range(a.first, a.last)}
    for i in range(lo, hi):
        if i in covered:
            continue
        ana = _anaphor(doc, si, toks, i)
        if ana is not None:
            out.append(ana)
    out.sort(key=lambda a: a.first)
    return out


def _bare_head(m: Mention) -> bool:
    n = normalize_for_matching(m.text)
    rc = role_cues()
    return n in rc.anaphora or ("ال" + n) in rc.anaphora


def _anaphor(doc: Document, si: int, toks: list[Token], i: int) -> Optional[Arg]:
    """التنظيم / الحركة / اللواء … with no mention: the last actor named with that head word."""
    rc = role_cues()
    tok = toks[i]
    if not rc.may_refer(tok):
        return None  # most words: neither a possessive force nor an anaphor head
    own = _possessive_force(doc, si, tok)
    if own is not None:
        return Arg(own, i, i + 1, prefix=doc.text[tok.start:own.start])
    hit = None
    for start, form in sorted(readings_with_article(tok), key=lambda x: x[0]):
        if form in rc.anaphora:
            hit = (start, form)
            break
    if hit is None:
        return None
    start, form = hit
    head = form[2:]
    if i + 1 < len(toks) and not is_punct(toks[i + 1]) and toks[i + 1].norm.startswith("ال") \
            and toks[i + 1].norm not in ("الارهابي", "الارهابيه", "المتطرف"):
        return None  # "التنظيم الإرهابي" is fine; "الحركة الشعبية" names another actor
    best = None
    since = doc.sentences[max(0, si - rc.anaphora_sentences)].start
    for m in doc.mentions_between(since, tok.start):
        if m.type != "ACTOR" or m.actor is None or m.start >= tok.start or _bare_head(m):
            continue
        if m.sentence < si - rc.anaphora_sentences:
            continue
        words = m.norm.split() if m.norm else normalize_for_matching(m.text).split()
        if any(w == head or w == "ال" + head or w.endswith(head) and len(w) <= len(head) + 3 for w in words):
            best = m
    if best is None:
        return None
    ana = Mention(start, tok.end, doc.text[start:tok.end], "ACTOR", "anaphora",
                  norm=form, sentence=si, actor=best.actor,
                  ext={"antecedent": [best.start, best.end], "antecedent_text": best.text})
    return Arg(ana, i, i + 1, prefix=doc.text[tok.start:start])


def _possessive_force(doc: Document, si: int, tok: Token) -> Optional[Mention]:
    """قواته / عناصرها …: an ACTOR mention for the actor named last before it in its sentence."""
    rc = role_cues()
    start, form = next(((s, f) for s, f in readings(tok) if f in rc.possessive_forces), (None, None))
    if form is None:
        return None
    before = [m for m in doc.mentions_in(si) if m.type == "ACTOR" and m.actor is not None
              and m.end <= tok.start and m.actor.inter not in (6, 7)]
    if not before:
        return None
    best = before[-1]
    return Mention(start, tok.end, doc.text[start:tok.end], "ACTOR", "anaphora", norm=form, sentence=si,
                   actor=best.actor, ext={"antecedent": [best.start, best.end], "antecedent_text": best.text})


def readings_with_article(tok: Token) -> list[tuple[int, str]]:
    """Readings of a token that keep the article ال (والتنظيم → التنظيم)."""
    out = []
    n = tok.norm
    for skip in range(0, 3):
        form = n[skip:]
        if form.startswith("ال") and (skip == 0 or all(c in "وفبلك" for c in n[:skip])):
            out.append((tok.start + skip, form))
    if n.startswith("لل") or n[1:3] == "لل":
        i = n.index("لل")
        out.append((tok.start + i, "ا" + n[i + 1:]))
    return out


# --------------------------------------------------------------------------- reaching an actor

def phrase_len(toks: list[Token], j: int, phrases: list[tuple[str, ...]]) -> int:
    """Tokens of the longest of ``phrases`` (normalised word tuples) that starts at token j; 0 if none."""
    best = 0
    for p in phrases:
        if len(p) > best and j + len(p) <= len(toks) and all(toks[j + i].norm == w for i, w in enumerate(p)):
            best = len(p)
    return best


def _member_link(toks: list[Token], k: int, hi: int) -> int:
    """The words at token k that make the actor before them a member of the one after (من، ينتمون
    إلى، يعتقد أنهم من): their number, 0 when there is none."""
    return 1 if k < hi and toks[k].norm == "من" else phrase_len(toks, k, role_cues().member_of)


def _named_group_of(toks: list[Token], args: list[Arg], a: Arg, hi: int) -> Optional[Arg]:
    """The named armed group right after an unnamed armed actor and من or a membership phrase
    (مسلحين من حركة الشباب، مقاتلين ينتمون إلى جماعة X), if any."""
    k = a.last
    n = _member_link(toks, k, hi)
    b = next((o for o in args if o.first == k + n), None) if n else None
    return b if b is not None and b.excluded is None and b.inter in ARMED \
        and not (b.name or "").startswith(UNIDENTIFIED) else None


def reach(toks: list[Token], args: list[Arg], j: int, hi: int, skip_time: bool = False,
          max_steps: int = 6) -> Optional[Arg]:
    """The first usable mention reached from token j over bridge words ("N من عناصر X")."""
    rc = role_cues()
    by_first = {}
    for a in args:
        by_first.setdefault(a.first, a)
    steps = 0
    while j < hi and steps <= max_steps:
        a = by_first.get(j)
        if a is not None:
            # "جنود من قوات X", "عناصر من تنظيم X", "مقاتلين ينتمون إلى جماعة X": the specific actor wins
            k = a.last
            n = _member_link(toks, k, hi)
            if n and k + n < hi:
                b = reach(toks, args, k + n, hi, max_steps=2)
                if b is not None:
                    return b
            if a.excluded is None:
                return a
            return None
        n = phrase_len(toks, j, rc.bridge_phrases)
        if n:
            j += n
            steps += n
            continue
        t = toks[j]
        forms = forms_of(t)
        if forms & rc.bridge or is_number(t) or t.norm in rc.bridge or (skip_time and (t.norm in TIME_WORDS or is_punct(t))):
            j += 1
            steps += 1
            continue
        if t.norm in QUOTE_MARKS or (not t.norm.isalnum() and not is_punct(t)):
            j += 1
            continue
        return None
    return None


def reach_back(toks: list[Token], args: list[Arg], j: int, lo: int, max_steps: int = 4) -> Optional[Arg]:
    """The mention that ends right before token j (over quotes, bridge words and a few words)."""
    rc = role_cues()
    by_last = {}
    for a in args:
        by_last[a.last] = a
    steps = 0
    while j > lo and steps <= max_steps:
        a = by_last.get(j)
        if a is not None:
            head = by_last.get(a.first)  # قطعات الجيش العراقي والحشد العشائري حرّرت: the first conjunct
            if (head is not None and a.prefix.startswith("و") and head.excluded is None and a.excluded is None
                    and not any(toks[k].norm == "بين" for k in range(max(0, a.first - 10), head.first))):
                return head  # ... but not two sides (بين مقاتلي الكتيبة وقوة إسرائيلية اقتحمت)
            return a if a.excluded is None else None
        t = toks[j - 1]
        if is_punct(t) and t.norm not in QUOTE_MARKS:
            k = _aside_start(toks, j - 1, lo)
            if k is None:
                return None
            j = k  # "أربعة جنود، بينهم ضابط، قُتلوا": over the aside to the count before it
            continue
        if t.norm in TIME_WORDS or t.norm in COMPLEMENTIZERS:
            return None  # … لوكالة الصحافة الفرنسية أن «خمسة أشخاص قتلوا»: not over أن
        j -= 1
        steps += t.norm not in QUOTE_MARKS  # a quote mark is no word (لها «استعادت)
    return None


SELF_REPORT = {normalize_for_matching(w) for w in ("إنها", "أنها", "بأنها", "إنه", "أنه", "بأنه", "إنهم", "أنهم",
                                                   "بأنهم", "إنهما")}
ASIDES = {normalize_for_matching(w) for w in ("بينهم", "بينهما", "بينهن", "منهم", "منهن", "بينها")}


def _aside_start(toks: list[Token], comma: int, lo: int) -> Optional[int]:
    """For a comma that closes an aside opened by a comma and بينهم/منهم, the index of the opening
    comma; else None."""
    for k in range(comma - 1, max(lo, comma - 10) - 1, -1):
        if is_punct(toks[k]):
            return k if k + 1 < comma and toks[k + 1].norm in ASIDES else None
    return None


# --------------------------------------------------------------------------- exclusion

SPEAKER_TITLE_GAP = 4  # words of a title between a speech verb and its speaker


def _self_report_follows(toks: list[Token], k: int, gap: int = 3) -> bool:
    """إنها / أنهم within ``gap`` words from k, no punctuation between (قالت وزارة الداخلية التركية
    في بيان إنها …): the speaker goes on to tell what it did."""
    for j in range(k, min(len(toks), k + gap + 1)):
        if toks[j].norm in SELF_REPORT:
            return True
        if is_punct(toks[j]):
            return False
    return False


def _ends_speaker(toks: list[Token], k: int) -> bool:
    """The speaker's phrase ends at k: the reported clause begins (إن/أن/بأن …) or a comma."""
    return k < len(toks) and (toks[k].norm in ("ان", "بان") or toks[k].norm in SELF_REPORT
                              or toks[k].text in ("،", ",", ":"))

def mark_excluded(toks: list[Token], args: list[Arg], cues: list[tuple[int, int, str]],
                  triggers: list[Trigger]) -> None:
    """Mark attributive, source and speaker mentions (no role); keep the speaker when the trigger
    carries a pronoun that refers back to it (أعلنت وحدات الجيش سيطرتها)."""
    pron_trigger = any(t.form.pron and t.status is None for t in triggers)
    # the weapons a described force lends (بمشاركة طيران وبارجات التحالف، بدعم من مدفعية الجيش، مدعوم بغارات
    # من طيران التحالف)
    weapons = {i for t in triggers if t.cls in REMOTE | {"Air/drone strike"} for i in range(t.first, t.last)}
    for a in args:
        for cf, cl, kind in cues:
            if kind not in ("attributive", "source", "speech"):
                continue
            gap = a.first - cl
            if kind == "attributive" and cl <= a.first and all(
                    i in weapons or (toks[i].norm == "من" and i - 1 in weapons) for i in range(cl, a.first)) \
                    and not (a.last < len(toks) and toks[a.last].norm in RELATIVE_PRONOUNS):
                gap = 0  # … but the force whose weapons do an act of their own (طيران التحالف الذي وجه ضربات)
            if cl > a.first or gap > {"attributive": 0, "source": 1, "speech": SPEAKER_TITLE_GAP}[kind]:
                continue
            if kind == "speech" and gap > 1 and not _ends_speaker(toks, a.last):
                continue  # a title may stand between the verb and its speaker (قال الرئيس التركي أردوغان إن)
            if a.prefix.startswith(("و", "ف")):  # a conjunct after the described actor: "المدعومة من أنقرة وقوات X"
                continue
            between = toks[cl:a.first]
            if any(is_punct(t) and t.norm not in QUOTE_MARKS for t in between):
                continue
            if any(t.norm in ("ان", "بان") for t in between):
                continue  # وأضاف المصدر أن الدفاعات الجوية أسقطت: the reported clause's subject, not the source
            if kind == "speech":
                if pron_trigger:
                    continue
                if _self_report_follows(toks, a.last):
                    continue  # قالت قوات الوفاق إنها صدّت …: the speaker tells what it did itself
                # a speaker is followed by إن / أن / a comma, or by the reported noun (مقتل)
            if kind == "attributive" and cf > 0 and any(
                    seq_ending_at(toks, cf - 1, _k(w)) for w in ("مواقع", "نقاط", "مقرات", "مواقع تابعة")):
                continue
            a.excluded = kind
            break
    # the body a speaker or source belongs to: "قال ناشطون في لجان المقاومة إن"
    for b in sorted(args, key=lambda x: x.first):
        if b.excluded in ("source", "speech"):
            for a in args:
                if a.excluded is None and a.first == b.last + 1 and toks[b.last].norm in ("في", "من", "ب"):
                    a.excluded = b.excluded


# --------------------------------------------------------------------------- the incident

@dataclass
class RoleResult:
    actor1: Optional[Arg] = None
    actor2: Optional[Arg] = None
    assoc1: list[Arg] = field(default_factory=list)
    assoc2: list[Arg] = field(default_factory=list)
    rules: dict = field(default_factory=dict)
    cues: dict = field(default_factory=dict)


def is_passive(doc: Document, toks: list[Token], t: Trigger, cues, hi: int, args: list,
               triggers: tuple = ()) -> bool:
    """Passive reading of a verb written alike in both voices (قتل / قُتل)."""
    if has_damma_passive(doc, toks[t.first], t.start):
        return True
    if t.cls in ("kill", "injure") and _in_an_act(toks, t, triggers, hi):
        return True
    if _after_agreeing_pronoun(toks, t):
        return False
    k = t.last  # over an approximation: قتل نحو 30، قتل أكثر من 20
    while k < min(hi, t.last + 4) and toks[k].norm in role_cues().approximators:
        k += 1
    if k < hi and (is_number(toks[k]) or forms_of(toks[k]) & {
            "عشرات", "العشرات", "مئات", "المئات", "اثنان", "اثنين", "ثلاثه", "اربعه", "خمسه", "سته", "سبعه",
            "ثمانيه", "تسعه", "عشره", "شخص", "شخصان", "مدني", "مدنيان", "جندي", "طفل", "طفلان", "طفلين"}):
        return True
    if t.last + 1 < hi and _dual_victim(toks, args, t.last):  # قتل جنديان، أصيب ضابطان ومجند
        return True
    # by an agent named after it, or by a weapon's fire right after it (قتلوا بنيران هندية، قتل برصاص قناص)
    return any(kind == "agent_cues" and cf >= t.last and (cf == t.last or reach(toks, args, cl, hi) is not None)
               for cf, cl, kind in cues)


IN_AN_ACT = frozenset({"في", "جراء", "اثر", "خلال", "بسبب", "عقب"})  # normalised


def _in_an_act(toks: list[Token], t: Trigger, triggers, hi: int) -> bool:
    """A killing told right before a new act it happened in, nothing between (قتلوا في هجوم للمتشددين،
    قتل جراء انفجار عبوة): the people before the verb were killed, they did not kill."""
    k = t.last
    if k + 1 >= hi or toks[k].norm not in IN_AN_ACT:
        return False
    act = next((o for o in triggers if o is not t and o.first == k + 1 and o.status is None
                and not toks[o.first].norm.startswith("ال")), None)  # not the act told before (قتلوا في الهجوم)
    if act is None:
        return False
    # … not with the people killed after the act (قتلوا في الهجوم خمسة جنود: they killed)
    return not (act.last < hi and (is_number(toks[act.last]) or number_at(toks, act.last) is not None))


def _dual_victim(toks: list[Token], args: list, k: int) -> bool:
    """An actor named by a nominative dual right after the verb, with no other actor after it but one
    joined by و: the people it was done to (قتل جنديان في هجوم، قتل ضابطان ومجند), not two doers
    (قتل مسلحان جنديا)."""
    return toks[k].norm.endswith("ان") and any(a.first == k for a in args) \
        and not any(a.first == k + 1 and not toks[k + 1].norm.startswith("و") for a in args)


SHE_THEY = {normalize_for_matching(w): end for w, end in (("إنها", "ت"), ("أنها", "ت"), ("بأنها", "ت"),
                                                          ("إنهم", "وا"), ("أنهم", "وا"), ("بأنهم", "وا"))}


def _after_agreeing_pronoun(toks: list[Token], t: Trigger) -> bool:
    """The verb follows a pronoun it agrees with (قالت الشرطة إنها اعتقلت 12 شخصا، أكدوا أنهم قتلوا):
    the pronoun is its subject, so it is active. (The masculine أنه may be the pronoun of the matter
    before a passive: أنه قُتل 12 شخصا.)"""
    if t.first == 0:
        return False
    end = SHE_THEY.get(toks[t.first - 1].norm)
    return end is not None and toks[t.first].norm.endswith(end)


CHARGE_GAP = 16  # words of a charge clause (يشتبه في أنهم كانوا يخططون لارتكاب اعتداءات … باسم تنظيم X)


def charge_clauses(toks: list[Token], cues: list[tuple[int, int, str]], hi: int) -> list[tuple[int, int]]:
    """[first, last) token ranges of what people are held for (بتهمة …، يشتبه في أنهم …): from the
    charge word to the end of its clause, at most CHARGE_GAP words."""
    out = []
    for cf, cl, kind in cues:
        if kind != "charge":
            continue
        end = min(hi, cl + CHARGE_GAP)
        stop = next((k for k in range(cl, end) if is_punct(toks[k]) and toks[k].norm not in QUOTE_MARKS), end)
        out.append((cl, stop))
    return out


def _charged_group(toks: list[Token], live: list[Arg], cues, hi: int, cands: list[Cand]) -> list[Cand]:
    """An armed group named in an arrest's charge clause (اعتقال خمسة بتهمة الانتماء إلى تنظيم X) is
    the side arrested (actor2, the strongest claim), never the one arresting."""
    for clo, chi in charge_clauses(toks, cues, hi):
        a = next((x for x in live if clo <= x.first < chi and x.inter in (2, 3, 4)), None)
        if a is not None:
            cands = [c for c in cands if not (c.slot == 1 and c.arg is a)]
            cands.append(Cand(2, a, 4, "charged: member of", (clo, chi)))
    return cands


def _event_noun_before(triggers: list[Trigger], verb: Optional[Trigger]) -> bool:
    """The verb follows an event noun (انفجار استهدف، هجوم أصاب، غارة طالت): that noun is its subject."""
    return verb is not None and any(o is not verb and o.last == verb.first and o.form.pos == "noun"
                                    for o in triggers)


def _side_end(toks: list[Token], lo: int, hi: int, rc: "RoleCues") -> Optional[int]:
    """The token after a word that closes the first side of بين (… والجيش الوطني من جهة ومليشيات
    الحوثي), within toks[lo:hi], else None."""
    for i in range(lo, hi):
        for phrase in rc.side_end:
            if _words_at(toks, i, phrase):
                return i + len(phrase)
    return None


def _words_at(toks: list[Token], i: int, words: tuple[str, ...]) -> bool:
    """The normalised words of toks from i are exactly ``words`` (no clitic reading: من جهة, إلى جانب)."""
    return i >= 0 and tuple(t.norm for t in toks[i:i + len(words)]) == words


def _talks_before(toks: list[Token], k: int, lo: int, rc: RoleCues) -> bool:
    """One of the two words before بين names talks, ties or a border (محادثات السلام بين …), not a fight."""
    return any(f in rc.between_not_after or f.startswith("ال") and f[2:] in rc.between_not_after
               for i in range(max(lo, k - 2), k) for f in forms_of(toks[i]))


def assign_roles(doc: Document, toks: list[Token], lo: int, hi: int, args: list[Arg],
                 triggers: list[Trigger]) -> tuple[RoleResult, list[Cand]]:
    """Candidates for actor1 / actor2 from the cue rules and the triggers' frames."""
    rc = role_cues()
    cues = rc.cues_in(toks, lo, hi)
    mark_excluded(toks, args, cues, triggers)
    live = [a for a in args if a.excluded is None]
    cands: list[Cand] = []
    actions = [t for t in triggers if t.role == "action" and t.status is None]
    classes = {t.cls for t in actions}

    # --- cue rules (3)
    for cf, cl, kind in cues:
        if kind == "agent_cues":
            a = reach(toks, args, cl, hi)
            if a is None:  # the cue word may itself start the mention (طائرات الاحتلال)
                a = next((x for x in live if x.first <= cf < x.last), None)
            if a is not None:
                cands.append(Cand(1, a, 3, "agent cue", (cf, cl)))
        elif kind == "patient_cues":
            a = reach(toks, args, cl, hi) or _l_marked_agent(toks, args, cl, hi)  # نقطة تفتيش لقوات X
            if a is not None:
                cands.append(Cand(2, a, 3, "target cue", (cf, cl)))
        elif kind == "between":
            a = None if _talks_before(toks, cf, lo, rc) else reach(toks, args, cl, hi)
            if a is not None:
                after = _side_end(toks, a.last, min(hi, a.last + 12), rc) or a.last
                near = [x for x in live if x.first >= after and x.first - a.last <= 12 and x.name != a.name]
                # a supporter's conjunct is the other side only when no other side follows it
                b = next((x for x in near if not _continues_supporters(toks, args, x)), near[0] if near else None)
                if b is not None and b.last + 1 < hi and toks[b.last].norm == "من":
                    b = reach(toks, args, b.last + 1, hi, max_steps=2) or b  # ومسلحين من تنظيم القاعدة
                if b is not None and any(toks[k].norm.startswith("و") for k in range(a.last, b.first + 1)):
                    cands.append(Cand(1, a, 3, "between X and Y", (cf, cl)))
                    cands.append(Cand(2, b, 3, "between X and Y", (cf, cl)))
                elif a.last < hi and toks[a.last].norm.startswith("و"):  # بين الحوثيين والمقاومة: Y no known actor
                    cands.append(Cand(1, a, 2, "between X and …", (cf, cl)))
        elif kind == "undergo":  # تعرضت دورية أمنية لإطلاق نار: the subject, before or after the verb, is hit
            a = reach_back(toks, args, cf, lo, max_steps=2) or reach(toks, args, cl, hi, skip_time=True)
            if a is not None:
                a.hit = True
                cands.append(Cand(2, a, 3, "subject of " + toks[cf].text, (cf, cl)))
        elif kind == "light_verbs":  # قام مسلحون بقتل عشرة: the subject of قام did the act after it
            act = next((t for t in actions if cl <= t.first <= cl + 8 and toks[t.first].norm.startswith(("ب", "وب"))
                        and not any(cl <= u.first < t.first for u in actions)), None)
            if act is not None:
                # وقامت بقصف …: the subject of the verb the light verb is joined to, over its complement
                # (صعدت جماعة الحوثي وأنصار صالح من عملياتها في المدينة وقامت بقصف)
                back = 6 if toks[cf].norm.startswith("و") else 3
                a = reach(toks, args, cl, act.first, skip_time=True) or reach_back(toks, args, cf, lo, max_steps=back)
                crowd = act.cls in CROWD_ACTIONS  # قام مثيرو الشغب برشق قوات الأمن: the crowd's own act
                if a is not None and a.inter is not None and (a.inter not in (5, 6, 7) or (crowd and a.inter in (5, 6))):
                    # قام أحد سكان المنطقة بالهجوم: a resident is no side
                    cands.append(Cand(1, a, 3, "subject of " + toks[cf].text, (cf, cl)))
                    obj = next((b for b in args if b.first == act.last and b is not a and b.excluded is None
                                and not b.prefix), None)
                    if obj is not None:  # قام مثيرو الشغب برشق قوات الأمن: the act's genitive is its object
                        cands.append(Cand(2, obj, 2, "object of " + act.text, (act.first, act.last)))
        elif kind == "accuse":
            a = reach(toks, args, cl, hi)
            if a is not None and cf > lo and toks[cf].norm.startswith("مت") or toks[cf].norm.startswith("مح"):
                cands.append(Cand(1, a, 3, "accused", (cf, cl)))
            elif a is not None:
                b = reach(toks, args, a.last, hi)
                cands.append(Cand(1, b or a, 3, "accused", (cf, cl)))

    # --- the triggers' frames (2) and victims (3)
    announced: list[Cand] = []
    for t in actions:
        e = t.entry
        if t.cls == "territory" and not t.form.pron:
            found = _announced_capture(toks, args, t, lo, hi)
            if found:
                cands += found
                continue
        if t.cls in ANNOUNCED_ACTS and not t.form.pron:
            # "أعلنت قوات خفر السواحل ضبط قارب …", "أعلن الجيش إسقاط مسيرة": the announcer did it,
            # unless the act has its own subject (أعلنت الوزارة أن قطاع الأمن الوطني تمكّن من ضبط خلية)
            announced += [c for c in _announced_capture(toks, args, t, lo, hi) if c.slot == 1]
        if t.form.pos in ("verb", "form") and e.subject:
            voice = e.subject
            after = reach(toks, args, t.last, hi, skip_time=True, max_steps=4)
            before = reach_back(toks, args, t.first, lo, max_steps=3)
            # a side right before an arrest verb is its subject (أن الشرطة اعتقلت ثلاثة فلسطينيين)
            svo = t.cls == "Arrests" and before is not None and before.last == t.first and not before.prefix \
                and before.inter not in (None, 5, 6, 7)
            if voice == "ambiguous" and toks[t.first].norm.startswith("ال"):  # a verbal noun (القبض على) is
                voice = "agent" if before is not None else "patient"  # the act of the side before it (ألقت
            elif voice == "ambiguous":                                  # الشرطة القبض على ثلاثة), else passive
                voice = "agent" if svo else "patient" if is_passive(doc, toks, t, cues, hi, args, triggers) else "agent"
            if voice == "agent" and before is None and after is not None and _event_noun_before(triggers, t):
                # "انفجارا استهدف دورية للشرطة": the event noun is the subject, the actor after is the target
                cands.append(Cand(2, after, 2, "object of " + t.text, (t.first, t.last)))
            elif voice == "agent":
                subj = before if svo else after if after is not None else before
                if toks[t.first].norm.endswith("وا"):
                    # a verb that agrees in the plural follows its subject (مسلحون … قتلوا شرطيين): the
                    # subject is before it, else the sentence's topic (نحو 300 من أهالي القرية تجمهروا …،
                    # وأضرموا النار); a noun after it is its object
                    # (the topic of the reported clause: not a side before أن, صرح قائد الشرطة لوكالة
                    # الصحافة الفرنسية أن «خمسة أشخاص قتلوا»)
                    top = max((k + 1 for k in range(lo, t.first) if toks[k].norm in COMPLEMENTIZERS), default=lo)
                    subj = before or next((a for a in live if top <= a.first and a.last <= t.first), None)
                    if subj is None and after is not None:
                        cands.append(Cand(2, after, 2, "object of " + t.text, (t.first, t.last)))
                if subj is not None and t.cls == "withdrawal" and classes & LOSES_BY_WITHDRAWAL:
                    cands.append(Cand(2, subj, 2, "side that withdrew: " + t.text, (t.first, t.last)))
                elif subj is not None:
                    cands.append(Cand(1, subj, 2, "subject of " + t.text, (t.first, t.last)))
                    obj_from = subj.last if subj is after else t.last
                    obj = reach(toks, args, obj_from, hi, skip_time=True, max_steps=8)
                    if obj is None and t.cls == "territory":  # حرّرت قضاء راوة من قبضة تنظيم داعش
                        obj = _lost_side(toks, args, t, hi)
                    if obj is not None and obj is not subj:
                        cands.append(Cand(2, obj, 2, "object of " + t.text, (t.first, t.last)))
            else:
                victim = after if after is not None else before
                if victim is not None:
                    cands.append(Cand(2, victim, 3 if t.cls in VICTIM_CLASSES else 2,
                                      "subject of passive " + t.text, (t.first, t.last)))
        else:
            g = t.entry.genitive
            if t.form.pron:
                ante = reach_back(toks, [a for a in args], t.first, lo, max_steps=8) or _nearest_before(args, t.first, lo)
                if ante is not None and g == "agent":
                    cands.append(Cand(1, ante, 2, "possessor of " + t.text, (t.first, t.last)))
                continue
            a = reach(toks, args, t.last, hi, max_steps=6)
            if a is None and g == "agent":
                a = _l_marked_agent(toks, args, t.last, hi)
            if a is None:
                continue
            if g == "agent" and t.cls == "withdrawal" and classes & LOSES_BY_WITHDRAWAL:
                cands.append(Cand(2, a, 2, "side that withdrew: " + t.text, (t.first, t.last)))
            elif g == "agent":
                cands.append(Cand(1, a, 2, "genitive of " + t.text, (t.first, t.last)))
            elif g == "patient":
                b = next((x for x in live if x.first >= a.last and x.first - a.last <= 1 and x.prefix.endswith("ل")
                          and not any(toks[k].norm in PREPOSITIONS or toks[k].norm.startswith("ب")
                                      for k in range(a.last, x.first))), None)
                if b is not None and not a.prefix.endswith("ل"):
                    cands.append(Cand(1, a, 2, "genitive of " + t.text, (t.first, t.last)))
                    cands.append(Cand(2, b, 2, "ل-object of " + t.text, (t.first, t.last)))
                else:
                    cands.append(Cand(2, a, 3 if t.cls in VICTIM_CLASSES else 2,
                                      "genitive of " + t.text, (t.first, t.last)))
    cands += announced
    # weapons carry their user: غارة إسرائيلية، طائرات الاحتلال، قصف مدفعي للنظام
    for t in triggers:
        if t.status is not None or t.cls not in REMOTE | {"Air/drone strike"}:
            continue
        for a in live:
            if a.first == t.last + 1 and _event_noun_before(triggers, next(
                    (o for o in triggers if o.first == t.last and o.form.pos != "noun"), None)):
                break  # "انفجارا استهدف دورية للشرطة": the actor after the verb is its object, not the user
            if a.first == t.last + 1 and toks[t.last].norm in site_words():
                # تفجير مسجد قوات الطوارئ: the forces own the mosque, the act's target, not its author
                cands.append(Cand(2, a, 2, "owner of the site of " + t.text, (t.first, t.last + 1)))
                a.hit = True  # never the act's author, whatever other cue names it
                break
            if (a.first <= t.first < a.last) or (a.first >= t.first and a.first - t.last <= 1
                                                 and (a.first < t.last or not a.prefix.startswith("و"))):
                if a.prefix.startswith("و") and any(o.last == a.first and o is not t and o.cls in REMOTE
                                                     for o in triggers):
                    break  # بقصف صواريخ الكاتيوشا والمدفعية: a weapon listed after another, no actor
                if not _is_victim_kind(a):
                    cands.append(Cand(1, a, 2, "actor of weapon " + t.text, (t.first, t.last)))
                break
    # a side named right after a site word owns the site (استهدف مسجدا لقوات الطوارئ، هاجموا معسكر الجيش):
    # what the act hit, never its author
    for a in live:
        k = a.first - 1
        if k > lo and a.prefix == "ل" and toks[k].norm in BELONGING:
            k -= 1  # مسجد تابع لقوات الطوارئ
        if k >= lo and not a.hit and a.prefix in ("", "ل") and _is_site(toks[k]) and a.inter not in (None, 5, 6, 7) \
                and any(t.status is None and t.last <= k and k - t.last <= SITE_GAP and t.cls in HITS for t in triggers):
            cands.append(Cand(2, a, 2, "owner of the site " + toks[k].text, (k, a.first)))
            a.hit = True
    # مع Y after a clash word; على Y after an attack word
    for cf, cl, kind in cues:
        if kind not in ("with", "on_target"):
            continue
        owner = next((t for t in reversed(actions) if t.last <= cf and cf - t.last <= 8), None)
        if owner is None:
            continue
        a = reach(toks, args, cl, hi)
        if a is None:
            continue
        if kind == "with" and owner.cls in ("clash", "assault", "kill", "injure", "territory"):
            cands.append(Cand(0, a, 2, "with " + owner.text, (cf, cl)))  # slot decided below
        elif kind == "on_target" and owner.cls in VIOLENT | {"assault", "Looting/property destruction", "arson", "storm"}:
            cands.append(Cand(2, a, 2, "on (target of) " + owner.text, (cf, cl)))
    # a weapon intercepted or seized (أسقطت الدفاعات طائرة مسيرة تابعة لقوات حفتر): its user, named
    # after the act, is the side whose weapon was disrupted, not the one that disrupted it
    stops = [t.first for t in actions if t.cls == "Disrupted weapons use"]
    if stops:
        cands = [Cand(2, c.arg, c.strength, c.rule, c.cue)
                 if c.slot == 1 and (c.rule == "agent cue" or c.rule.startswith("actor of weapon"))
                 and c.cue and c.cue[0] > min(stops) else c for c in cands]
    if "Arrests" in classes:
        cands = _charged_group(toks, live, cues, hi, cands)
    cands = [c for c in cands if not (c.slot == 1 and c.arg is not None and c.arg.hit)]
    # the suicide bomber (قُتلوا، بينهم الانتحاري) is the attacker's man, never the target
    bombers = {id(a) for a in args for t in triggers if t.cls == "Suicide bomb" and a.first <= t.first < a.last}
    cands = [c for c in cands if not (c.slot == 2 and id(c.arg) in bombers)]
    cands += _support_subjects(doc, toks, lo, hi, args, actions, rc)
    res = choose(cands)
    return res, cands


BELONGING = frozenset({"تابع", "تابعه", "التابع", "التابعه"})  # normalised: a site تابع ل its owner
SITE_GAP = 8  # words from an act to the site it hit (فجر انتحاري نفسه، اليوم (الخميس)، في مسجد تابع لقوات الطوارئ)


def _continues_supporters(toks: list[Token], args: list[Arg], x: Arg) -> bool:
    """A conjunct right after a supporter of a side, its head word at most between (المدعومة بقوات الجيش
    الوطني وطائرات التحالف، والمتمردين): one more supporter, not the other side."""
    for e in args:
        if e.excluded != "attributive" or not e.last <= x.first <= e.last + 2:
            continue
        between = toks[e.last:x.first]
        if (not between and x.prefix.startswith("و")) or (
                between and between[0].norm.startswith("و") and not any(is_punct(t) for t in between)):
            return True
    return False


def _is_site(tok: Token) -> bool:
    """Whether a word is a site word (sites.yaml), also in the accusative (مسجدا، معسكرا), that a force
    may own: not a house (منزل قائد عسكري is a man's)."""
    w, sites = tok.norm, site_words()
    kind = sites.get(w) or (sites.get(w[:-1]) if w.endswith("ا") else None)
    return kind is not None and kind != "house"


def _announced_capture(toks: list[Token], args: list[Arg], t: Trigger, lo: int, hi: int) -> list[Cand]:
    """"أعلن X (أمس) تحرير/السيطرة على Y من Z": the announcer X took Y (actor1), Z lost it
    (actor2). The announcer is the actor right after the verb of announcing (within 15 words
    before the noun: attributes, time words and commas may come between)."""
    out = []
    verb = next((k for k in range(t.first - 1, max(lo - 1, t.first - 21), -1) if _is_speech(toks[k])), None)
    speaker = None if verb is None else next(
        (a for a in args if a.first == verb + 1 and a.last <= t.first), None) or next(
        (a for a in args if a.last == verb and a.excluded is None), None)  # a headline's X تعلن السيطرة
    if speaker is not None:
        out.append(Cand(1, speaker, 2, "announcer of " + t.text, (t.first, t.last)))
    lost = _lost_side(toks, args, t, hi)
    if lost is not None and lost is not speaker:
        out.append(Cand(2, lost, 2, "expelled by " + t.text, (t.first, t.last)))
    return out if speaker is not None else []


def _lost_side(toks: list[Token], args: list[Arg], t: Trigger, hi: int) -> Optional[Arg]:
    """The side a place was taken from: the mention after من (من قبضة) within 8 words of the trigger."""
    return next((a for a in args if t.last <= a.first <= t.last + 8 and a.first < hi and a.excluded is None
                 and (a.prefix == "من" or toks[a.first - 1].norm == "من" or _from_the_grip_of(toks, a.first))), None)


GRIP = {normalize_for_matching(w) for w in ("قبضة", "أيدي", "يد", "سيطرة", "براثن")}


def _from_the_grip_of(toks: list[Token], i: int) -> bool:
    """The mention at i follows من قبضة / من أيدي / من سيطرة (taken from the grip of X)."""
    return i >= 2 and toks[i - 2].norm == "من" and toks[i - 1].norm in GRIP


def _is_speech(tok: Token) -> bool:
    """A verb of announcing (أعلن، أعلنت، وأعلنت)."""
    return bool(forms_of(tok) & ANNOUNCE)


OLD_KILLINGS = {"kill", "execute", "assassinate"}  # classes a mass-grave report recalls
# events whose destination (إلى X, باتجاه X) is their place: reinforcements arrive there, an
# intercepted drone is brought down on its way there
ARRIVALS = {"Change to group/activity", "Disrupted weapons use"}
ONE_ACTOR_ACTS = {"Change to group/activity", "Headquarters or base established"}  # no second side (no target)
ANNOUNCED_ACTS = {"Disrupted weapons use", "Arrests", "Headquarters or base established", "Change to group/activity",
                  "Other"}
ANNOUNCE = {normalize_for_matching(w) for w in ("أعلن", "أعلنت", "أعلنوا", "يعلن", "تعلن")}


def _l_marked_agent(toks: list[Token], args: list[Arg], j: int, hi: int) -> Optional[Arg]:
    """The agent introduced by ل after a few adjectives: "هجوم خاطف وعنيف لعناصر من تنظيم X"."""
    rc = role_cues()
    for k in range(j, min(hi, j + 4)):
        t = toks[k]
        if is_punct(t):
            return None
        if t.norm.startswith("ل") and not t.norm.startswith("ال"):
            a = next((x for x in args if x.first == k), None)
            if a is not None:
                return a if a.excluded is None and a.prefix.endswith("ل") else None
            if forms_of(t) & rc.bridge:
                return reach(toks, args, k, hi)
            return None
        if k > j and any(x.first == k for x in args):
            return None
    return None


def _is_victim_kind(a: Arg) -> bool:
    return a.inter == 7


def _nearest_before(args: list[Arg], j: int, lo: int) -> Optional[Arg]:
    best = None
    for a in args:
        if a.excluded is None and lo <= a.first and a.last <= j:
            best = a
    return best


def _named_over_filler(cands: list[Cand]) -> Optional[Cand]:
    """The first candidate, unless it is the unidentified filler (المهاجمين، مسلحين) and another
    candidate for the slot names an armed actor (مقتل خمسة من المهاجمين … محاولة تقدم لميليشيات حفتر)."""
    if not cands:
        return None
    first = cands[0]
    if first.arg is not None and first.arg.name and first.arg.name.startswith(UNIDENTIFIED):
        named = next((c for c in cands[1:] if c.arg is not None and c.arg.name and c.arg.inter in ARMED
                      and not c.arg.name.startswith(UNIDENTIFIED)), None)
        if named is not None:
            return named
    return first


def _one_side(a: Arg, b: Arg) -> bool:
    """Two mentions of one side: the same actor (not civilians), or forces of one state (the state
    side of incident.actor_key)."""
    if a.inter == 7 or b.inter == 7:
        return False
    if a.name == b.name:
        return True
    key = actor_key(a.mention.actor)
    return a.inter == 1 and b.inter == 1 and key is not None and key == actor_key(b.mention.actor)


def choose(cands: list[Cand]) -> RoleResult:
    """actor1 and actor2 from the candidates: the strongest claim for each slot, one mention per slot."""
    res = RoleResult()
    order = {id(c): n for n, c in enumerate(cands)}
    c1 = sorted([c for c in cands if c.slot == 1], key=lambda c: (-c.strength, order[id(c)]))
    c2 = sorted([c for c in cands if c.slot == 2], key=lambda c: (-c.strength, order[id(c)]))
    best1 = _named_over_filler(c1)
    best2 = _named_over_filler(c2)
    if best1 and best2 and best1.arg is best2.arg:
        if best1.strength >= best2.strength:
            best2 = next((c for c in c2 if c.arg is not best1.arg), None)
        else:
            best1 = next((c for c in c1 if c.arg is not best2.arg), None)
    if best1:
        res.actor1, res.rules["actor1"], res.cues["actor1"] = best1.arg, best1.rule, best1.cue
    if best2:
        res.actor2, res.rules["actor2"], res.cues["actor2"] = best2.arg, best2.rule, best2.cue
    if res.actor1 and res.actor2 and _one_side(res.actor1, res.actor2):
        # one actor cannot be both sides (residents attacking residents, a mob, are two groups), nor can
        # a state's patrol and its soldier: the weaker slot takes its next candidate naming another side
        # (بين الجيش والجماعات المسلحة … مواقع للجيش), else none
        weaker, pool = ("actor2", c2) if best1.strength >= best2.strength else ("actor1", c1)
        kept = res.actor1 if weaker == "actor2" else res.actor2
        other = next((c for c in pool if not _one_side(c.arg, kept)), None)
        setattr(res, weaker, other.arg if other else None)
        if other:
            res.rules[weaker], res.cues[weaker] = other.rule, other.cue
    # "مع Y": the other side of whoever is known
    for c in cands:
        if c.slot != 0:
            continue
        if c.arg is res.actor1 or c.arg is res.actor2:
            continue
        if res.actor2 is not None and res.actor1 is None:
            res.actor1, res.rules["actor1"], res.cues["actor1"] = c.arg, c.rule, c.cue
        elif res.actor2 is None:
            res.actor2, res.rules["actor2"], res.cues["actor2"] = c.arg, c.rule, c.cue
    return res


def add_assoc(toks: list[Token], args: list[Arg], res: RoleResult) -> None:
    """An actor joined by و right after actor1 / actor2 is associated with it (قوات النظام والقوات الحليفة)."""
    used = {id(res.actor1), id(res.actor2)}
    for slot, main in ((1, res.actor1), (2, res.actor2)):
        if main is None:
            continue
        j = main.last
        for a in args:
            if id(a) in used or a.excluded is not None or a.first < j:
                continue
            if a.first - j <= 1 and a.prefix.startswith("و") and a.name != main.name:
                (res.assoc1 if slot == 1 else res.assoc2).append(a)
                used.add(id(a))
                j = a.last
            elif a.first > j + 1:
                break


# --------------------------------------------------------------------------- the incident's event mention

def incident_mention(doc: Document, si: int, toks: list[Token], clause: list[int], lo: int, hi: int,
                     group: list[Trigger]) -> Optional[EventMention]:
    """One EventMention for the triggers of one incident, or None when nothing is codable."""
    coded = [t for t in group if t.status is None]
    background = [t for t in group if t.status == "background"]
    actions = [t for t in coded if t.role == "action"]
    is_background = False
    if actions and all(t.cls in TOLL_CLASSES for t in actions) and \
            any(t.role == "action" and t.cls not in TOLL_CLASSES and t.first < actions[0].first for t in background):
        actions = []  # دانت … التفجير الذي استهدف مسجدا، وأسفر عن استشهاد 15: the recalled act's toll, recalled too
    if not actions:
        if not [t for t in background if t.role == "action"]:
            return None
        actions = [t for t in background if t.role == "action"]
        is_background = True
    actions = _without_claimed(toks, lo, hi, actions)
    modifiers = [t for t in group if t.role == "modifier"]
    used = actions + modifiers
    rc = role_cues()
    args = incident_args(doc, si, toks, lo, hi)
    res, cands = assign_roles(doc, toks, lo, hi, args, used if not is_background else
                              [_as_coded(t) for t in used])
    if _lone_attacker(res.actor1, actions):
        res.actor1, res.rules["actor1"] = None, "a lone attacker is no civilian"
    targets = rc.targets_in(toks, lo, hi)
    facts = _facts(toks, res, args, actions, targets)
    classes = {t.cls for t in used}
    action_classes = {t.cls for t in actions}
    sub, rule = resolve_type(classes, action_classes, facts)
    if sub is None:
        default = next((t.entry.default for t in actions if t.entry.default), None)
        if default is None:
            return None
        sub, rule = default, -1
    # victims of both sides of a battle, "مقتل N من X وY": the two sides in text order
    if res.actor1 is None and res.actor2 is not None and sub == "Armed clash":
        conj = next((a for a in args if a.excluded is None and a.first - res.actor2.last <= 1
                     and a.first >= res.actor2.last and a.prefix.startswith("و") and a.inter in ARMED
                     and a.name != res.actor2.name), None)
        if conj is not None:
            res.actor1, res.actor2 = res.actor2, conj
            res.rules["actor1"] = res.rules["actor2"] = "both sides of the battle"
    # fallback (1): the victim is known, the perpetrator is the armed actor of the incident
    if res.actor1 is None and res.actor2 is not None and event_type_of(sub) in (
            "Battles", "Explosions/Remote violence", "Violence against civilians"):
        armed = [a for a in args if a.excluded is None and a is not res.actor2 and a.inter in ARMED
                 and not a.hit and not _one_side(a, res.actor2) and not _joined_to(toks, a, res.actor2)
                 and not _alongside(toks, a)]
        other = armed[0] if armed else None
        if other is not None and (other.name or "").startswith(UNIDENTIFIED):
            # unnamed men of a named group (مسلحين من حركة الشباب): the group
            named = _named_group_of(toks, args, other, hi)
            if named is not None and named is not res.actor2 and not _one_side(named, res.actor2):
                other = named
        if other is not None:
            res.actor1, res.rules["actor1"] = other, "fallback: armed actor of the incident"
            facts = _facts(toks, res, args, actions, targets)
            sub2, rule2 = resolve_type(classes, action_classes, facts)
            if sub2 is not None:
                sub, rule = sub2, rule2
    # a mass grave (Other) recalls old killings: its actor is who found or announced it, not the
    # killers the text blames (أعدموا على يد تنظيم داعش), and the dead are no target of this event
    old_dead = False
    if sub == "Other" and {t.cls for t in group} & OLD_KILLINGS:  # coded or not (يُرجَّح أنهم قُتلوا)
        finder = next((c.arg for c in cands if c.rule.startswith("announcer of")), None) or next(
            (a for a in args if a.inter == 1), None)
        if finder is not None:
            res.actor1, res.rules["actor1"] = finder, "finder of a mass grave"
            res.actor2 = None
            old_dead = True
    # fallback (2): no side named by a cue, a remote weapon used by the armed actor just before
    # it (إلقاء مروحيات النظام براميل متفجرة): that actor is the perpetrator
    if res.actor1 is None and res.actor2 is None and event_type_of(sub) == "Explosions/Remote violence":
        weapons = [t.first for t in used if t.cls in REMOTE and not names_again(t.text)]
        user = next((a for a in reversed(args) if a.excluded is None and a.inter in ARMED
                     and not (a.first > 0 and toks[a.first - 1].norm in ASIDES)  # بينهم شرطيان: the dead
                     and any(0 <= w - a.last <= WEAPON_USER_GAP for w in weapons)), None)
        if user is not None:
            res.actor1, res.rules["actor1"] = user, "fallback: armed actor just before the weapon"
    # an agreement is between the parties named in the incident
    if sub == "Agreement" and res.actor1 is None:
        parties = [a for a in args if a.excluded is None and a.inter not in (6, 7)]
        if parties:
            res.actor1, res.rules["actor1"] = parties[0], "fallback: first party of the agreement"
            second = next((a for a in parties[1:] if a.name != parties[0].name), None)
            if second is not None and res.actor2 is None:
                res.actor2, res.rules["actor2"] = second, "fallback: second party of the agreement"
    # "بين إسرائيل وحركة الجهاد": a country named as a party is its state's forces
    if sub == "Agreement" and (res.actor1 is None) != (res.actor2 is None):
        state = _country_party(doc, si, toks, lo, hi)
        if state is not None:
            one = res.actor1 or res.actor2
            res.actor1, res.actor2 = (state, one) if state.first < one.first else (one, state)
            res.rules["actor1"] = res.rules["actor2"] = "fallback: a country is a party of the agreement"
    # a strategic development names its actor and little else: the actor of the incident (a
    # force read as the target, رتل تابع لرئاسة الأركان, is that actor)
    if res.actor1 is None and sub in ONE_ACTOR_ACTS and res.actor2 is not None and res.actor2.inter not in (6, 7):
        res.actor1, res.actor2, res.rules["actor1"] = res.actor2, None, "fallback: the one actor of the strategic development"
    if res.actor1 is None and event_type_of(sub) == "Strategic developments" and sub != "Agreement":
        other = next((a for a in args if a.excluded is None and a is not res.actor2 and a.inter not in (6, 7)), None)
        arrest = next((t for t in actions if t.cls == "Arrests"), None)
        if other is not None and sub == "Arrests" and res.actor2 is None and other.inter in (2, 3) \
                and arrest is not None and 0 < other.first - arrest.last <= ARRESTED_GAP \
                and not any(toks[k].text in CLAUSE_BREAKS for k in range(arrest.last, other.first)):
            # "اعتقال قيادي في تنظيم داعش": an armed group named right after an arrest, in its clause, is
            # the one arrested (not "تم القبض على عدد منهم، مبينا أن لدى المقاومة …")
            res.actor2, res.rules["actor2"] = other, "fallback: the armed group named after the arrest"
        elif other is not None:
            res.actor1, res.rules["actor1"] = other, "fallback: actor of the strategic development"
    add_assoc(toks, args, res)
    head = _head(actions, modifiers, sub, rule)
    conf = head.entry.confidence + (0.1 if res.actor1 else 0) + (0.05 if res.actor2 else 0)
    if rule >= 0 and "then" in lexicon().rules[rule] and (lexicon().rules[rule].get("any_action")
                                                          or lexicon().rules[rule].get("all_actions")) and \
            not (sub in action_classes):
        conf -= 0.05
    em = new_event_mention(doc, head, sub, si, round(max(0.05, min(0.95, conf)), 3))
    em.actor1 = res.actor1.mention if res.actor1 else None
    em.actor2 = res.actor2.mention if res.actor2 else None
    if res.actor2 is not None and res.actor2.hit:
        em.ext["actor2_hit"] = True  # named as what the act hit: it stays the target
    em.assoc_actor_1 = [a.mention for a in res.assoc1]
    em.assoc_actor_2 = [a.mention for a in res.assoc2]
    evidence = [{"field": "trigger", "start": t.start, "end": t.end, "text": t.text, "class": t.cls}
                for t in sorted(used, key=lambda t: t.start)]
    for slot in ("actor1", "actor2"):
        a = getattr(res, slot)
        if a is not None:
            evidence.append({"field": slot, "start": a.mention.start, "end": a.mention.end,
                             "text": a.mention.text, "rule": res.rules.get(slot)})
            cue = res.cues.get(slot)
            if cue is not None and cue[1] > cue[0]:
                s, e = toks[cue[0]].start, toks[cue[1] - 1].end
                evidence.append({"field": slot + "_cue", "start": s, "end": e, "text": doc.text[s:e]})
    em.ext.update({
        "evidence": evidence,
        "triggers": [{"start": t.start, "end": t.end, "text": t.text, "class": t.cls, "role": t.role}
                     for t in used],
        "rule": rule, "incident": [toks[lo].start, toks[hi - 1].end],
        "targets": sorted({k for _, _, k in targets}),
        "civ_victims": facts.civ_victims and not old_dead, "protest_ctx": facts.protest_ctx,
        "police_ctx": facts.police_ctx,
    })
    if is_background:
        em.ext["background"] = True
        em.ext["background_reason"] = RECALL_CUE
        cue = next((t.cue for t in actions if t.cue is not None), None)
        if cue is not None:  # sentence token indices: the cue's first, after its last, the first act
            em.ext["background_cue"] = [cue[0], max(cue[1], cue[0] + 1), min(t.first for t in actions)]
    place, qualifier, pev = choose_place(doc, si, toks, lo, hi, head)
    em.place = place
    em.ext["place_qualifier"] = qualifier
    listed = listed_places(doc, si, toks, lo, hi, place)
    if listed:
        em.ext["listed_places"] = listed
    if pev:
        evidence.append(pev)
    return em


CROWD_ACTIONS = {"protest", "riot", "stone", "arson", "storm", "Looting/property destruction", "dispersal"}


def _joined_to(toks: list[Token], a: Arg, b: Arg) -> bool:
    """``a`` is joined by و to ``b`` right after it, over an adjective at most (طرد ميليشيات الحوثي
    المتمردة وقوات صالح): one more of b's side, never the other side."""
    return a.prefix.startswith("و") and 0 <= a.first - b.last <= 1 and not any(
        toks[k].text in CLAUSE_BREAKS for k in range(b.last, a.first))


def _alongside(toks: list[Token], a: Arg) -> bool:
    """``a`` is named after an ally cue (تقاتل إلى جانب القوات الأمنية): the ally of a side named before."""
    return any(_words_at(toks, a.first - len(cue), cue) for cue in role_cues().ally_cues)


def _lone_attacker(arg: Optional[Arg], actions: list[Trigger]) -> bool:
    """The agent of a violent act is one person named only by what they are (هجوم نفذته فتاة): a
    lone attacker, not civilians and not a mob (a crowd's acts, رشق، اقتحام، إحراق, stay with it)."""
    if arg is None or arg.inter != 7 or any(t.cls in CROWD_ACTIONS for t in actions):
        return False
    words = role_cues().lone_person_words
    norm = normalize_for_matching(arg.mention.text)
    return norm in words or norm.removeprefix("ال") in words


def _without_claimed(toks: list[Token], lo: int, hi: int, actions: list[Trigger]) -> list[Trigger]:
    """Leave out the act nouns a claim or mourning refers to ("وأعلن X مسؤوليته عن الهجوم"):
    they name the incident already reported, not a second act (a ground assault)."""
    rc = role_cues()
    # أعلن counts only as a claim of responsibility (أعلن X مسؤوليته عن الهجوم), not as any announcement
    # (أعلن الناطق أن قوات الجيش استعادت السيطرة: the capture is the act reported)
    starts = [cf for cf, cl, kind in rc.cues_in(toks, lo, hi) if kind in ("claim_verbs", "mourning") or (
        kind == "claim_announce" and rc.claim_noun_in(toks, cl, min(hi, cl + 8)))]
    if not starts:
        return actions
    from .events import modality
    strong = modality().clauses(toks, strong=True)
    claimed = [t for t in actions if any(cf < t.first and strong[cf] == strong[t.first] for cf in starts)]
    rest = [t for t in actions if t not in claimed]
    return rest if rest else actions


def _as_coded(t: Trigger) -> Trigger:
    from dataclasses import replace
    return replace(t, status=None)


def _head(actions: list[Trigger], modifiers: list[Trigger], sub: str, rule: int) -> Trigger:
    """The trigger that names the incident's type (or the action that fired the rule)."""
    for t in actions + modifiers:
        if t.cls == sub:
            return t
    if rule >= 0:
        wanted = set(lexicon().rules[rule].get("any_action", ())) | set(lexicon().rules[rule].get("all_actions", ()))
        for t in actions:
            if t.cls in wanted:
                return t
    return actions[0]


def _facts(toks: list[Token], res: RoleResult, args: list[Arg], actions: list[Trigger],
           targets: list[tuple[int, int, str]]) -> Facts:
    """The type rules' facts of an incident, from its roles, actors and target words."""
    kinds = {k for _, _, k in targets}
    live = [a for a in args if a.excluded is None]
    protest = any(t.cls in ("protest", "dispersal") for t in actions) or any(a.inter == 6 for a in live)
    police = any((a.name or "").startswith("Police Forces of") for a in live)
    return type_facts((res.actor1.inter, res.actor1.name) if res.actor1 is not None else None,
                      (res.actor2.inter, res.actor2.name) if res.actor2 is not None else None,
                      kinds, "civilian_victims" in kinds or (res.actor2 is None and _counted_nationals(toks, targets) is not None),
                      protest, police)


def type_facts(actor1: Optional[tuple], actor2: Optional[tuple], kinds: set[str], civ_victims: bool,
               protest_ctx: bool, police_ctx: bool) -> Facts:
    """Facts from the actors' (inter, name), the target-word kinds and the context flags."""
    f = Facts()
    if actor1 is not None:
        f.actor1_inter, f.actor1_name = actor1
    if actor2 is not None:
        f.actor2_inter, f.actor2_name = actor2
    f.civ_target = "civilian_targets" in kinds or f.actor2_inter == 7
    f.mil_target = bool(kinds & STATE_TARGETS)
    f.civ_victims = civ_victims or f.actor2_inter == 7
    f.protest_ctx, f.police_ctx = protest_ctx, police_ctx
    return f


# --------------------------------------------------------------------------- place

def choose_place(doc: Document, si: int, toks: list[Token], lo: int, hi: int, head: Trigger):
    """(place mention, qualifier, evidence) for the incident: the linked PLACE of the incident
    nearest the trigger (introduced by في/ب/قرب/ريف … preferred, containers of another candidate,
    destinations and origins left out), else of the sentence, else the nearest one before."""
    rc = role_cues()
    start, end = toks[lo].start, toks[hi - 1].end
    sent_places = doc.mentions_in(si, "PLACE")

    def usable(m: Mention, toks: list[Token] = toks) -> bool:
        if normalize_for_matching(m.text) in TIME_WORDS:  # a weekday read as a place name (الأحد)
            return False
        if m.ext.get("metonymy"):  # بدأت أنقرة حملة: the government, not the city
            return False
        f = token_at(toks, m.start)
        if f < 0:
            return True
        if head.cls in ARRIVALS and rc.origin_ends.ends_at(toks, f - 1):
            return False  # reinforcements sent from Aden (من عدن إلى المنطقة) are not at Aden
        if rc.road_to_ends.ends_at(toks, f - 1):
            return True  # on the road leading to Qana (الطريق المؤدية إلى بلدة قانا): at Qana
        return not any(cues.ends_at(toks, f - back) for cues in not_here for back in (1, 2))

    # the place_not cues read: reinforcements sent to X are at X (no destination cue for arrivals);
    # security restored to X (إلى X) is X taken (no إلى for territory)
    not_here = [rc.place_not_ends] + ([] if head.cls in ARRIVALS else [rc.not_destination_ends]) + (
        [] if head.cls in ARRIVALS or head.cls == "territory" else [rc.not_into_ends])

    def score(m: Mention) -> tuple:
        f = token_at(toks, m.start)
        dist = abs(f - head.first) if f >= 0 else 99
        intro = rc.intro_ends.ends_at(toks, f - 1) or bool(
            doc.text[toks[f].start:m.start]) if f >= 0 else False
        return (m.place is None, not intro, dist)

    where = _place_before_where(toks, lo, head.first, [m for m in sent_places if m.place is not None and usable(m)])
    if where is not None:
        return where, _qualifier(doc, where), _place_evidence(where)
    # a place of the sentence AFTER the incident belongs to the incidents told after it
    pools = [([m for m in sent_places if start <= m.start < end], toks),
             ([m for m in sent_places if m.start < end], toks)]
    # … but a list of places the incident's وفي cut off is its own (كثفت الطائرات غاراتها ضد مواقع في قاعدة
    # العند، وفي الحوطة في محافظة لحج): the place right after the cut
    if hi + 1 < len(toks) and toks[hi].norm == AND_IN:
        pools.append(([m for m in sent_places if toks[hi].end <= m.start <= toks[hi + 1].start], toks))
    # else the places of the nearest sentence before with a linked place (… قرية قصرة جنوب نابلس.
    # وأحرقوا مركبة في المنطقة: Qusrah, the innermost, not Nablus, the last named)
    prev = next((s for s in range(si - 1, -2, -1) if any(
        m.type == "PLACE" and m.place is not None and m.start < toks[lo].start for m in doc.mentions_in(s))), None)
    if prev is not None:
        pools.append((doc.mentions_in(prev, "PLACE"), doc.sentence_tokens(doc.sentences[prev])))
    for pool, ptoks in pools:
        cands = [m for m in pool if usable(m, ptoks)]
        if not cands:
            continue
        cands, towns = _innermost_of_chains(doc, ptoks, cands)
        linked = [m for m in cands if m.place is not None]
        art = _article_country(doc)
        if art:  # the low-trust lists (Iraqi districts, Yemeni villages) are full of common words (المشروع): not abroad
            low = {id(m) for m in linked if low_trust(m.place) and m.place.country != art}
            if len(low) < len(linked):
                linked = [m for m in linked if id(m) not in low]
                cands = [m for m in cands if id(m) not in low]
        if any(not _is_country(m.place) for m in linked):  # a country is never more precise than a place in it
            drop = {id(m) for m in linked if _is_country(m.place)}
            linked = [m for m in linked if id(m) not in drop]
            cands = [m for m in cands if id(m) not in drop]
        if linked:
            names = {m.place.location for m in linked}
            inner = [m for m in linked if id(m) in towns or not any(
                o is not m and (m.place.location in (o.place.admin1, o.place.admin2, o.place.admin3)
                                or _is_country(m.place) and not _is_country(o.place) and o.place.iso3 == m.place.iso3)
                and o.place.location not in (m.place.admin1, m.place.admin2, m.place.admin3)
                for o in linked)]
            cands = inner or linked
        best = min(cands, key=score)
        if best.place is not None and _is_country(best.place):
            best = _within_country(doc, best, si, usable) or best
        return best, _qualifier(doc, best), _place_evidence(best)
    best = next((m for m in reversed(doc.mentions_between(0, toks[lo].start)) if m.type == "PLACE"
                 and m.place is not None and usable(m, doc.sentence_tokens(doc.sentences[m.sentence]))),
                None)  # the last one told before, not a destination
    if best is not None:
        if _is_country(best.place):
            best = _within_country(doc, best, si, usable) or best
        return best, _qualifier(doc, best), _place_evidence(best)
    return None, None, None


WHERE_REACH = 6  # words from the place to حيث (a bracketed aside, a comma)


def _place_before_where(toks: list[Token], lo: int, trigger: int, places: list[Mention]) -> Optional[Mention]:
    """The place right before حيث ("where") when the incident's trigger is told in the clause it opens
    (… فضلا عن تعز (جنوب غرب)، حيث قتل 47 متمردا في معارك عنيفة): the incident is at that place. حيث
    stands in the incident's words (from ``lo``) before the trigger, or just before them."""
    k = next((i for i in range(trigger - 1, max(-1, lo - 1 - WHERE_REACH), -1) if toks[i].norm == "حيث"), None)
    if k is None:
        return None
    before = [m for m in places if m.end <= toks[k].start and token_at(toks, m.end - 1) >= k - WHERE_REACH]
    if not before:
        return None
    best = max(before, key=lambda m: m.start)
    while True:  # the innermost of a chain (في مدينة منزل بورقيبة في تونس، حيث): the town, not its country
        inner = max((m for m in places if m.end <= best.start), key=lambda m: m.start, default=None)
        if inner is None or chain_relation(toks, inner.end, best.start) is None:
            return best
        best = inner


def _within_country(doc: Document, country: Mention, si: int, usable) -> Optional[Mention]:
    """An incident told only by its country (بمصر الجديدة, في شمال مالي) is coded at the place of that
    country the article ties it to: one its sentence names in a place context, else one the next
    sentence names (اعتقال ثمانية أشخاص في المغرب. … ناشطين في مدن طنجة), else the dateline
    (القاهرة 25 شوال …), at geo_precision 2 or coarser; None when there is none."""
    from dataclasses import replace

    def placed(m: Mention) -> bool:  # في القاهرة, مدينة X or the dateline; not طهران in "إصرار طهران"
        toks = doc.sentence_tokens(doc.sentences[m.sentence])
        f = token_at(toks, m.start)
        return f >= 0 and usable(m, toks) and ((m.sentence == 0 and f == 0)
                                               or in_place_context(toks, f, m.norm.split()[0] if m.norm else ""))

    tied = [m for s in sorted({si, si + 1, 0}) for m in doc.mentions_in(s) if m.type == "PLACE"
            and m.place is not None and m.place.admin1 and m.place.iso3 == country.place.iso3
            and not _is_country(m.place) and placed(m)]
    if not tied:
        return None
    m = min(tied, key=lambda m: (m.sentence != si, m.sentence != si + 1, m.start))
    return replace(m, place=m.place.model_copy(update={"geo_precision": max(2, m.place.geo_precision)}), ext=dict(m.ext))


def _country_party(doc: Document, si: int, toks: list[Token], lo: int, hi: int) -> Optional[Arg]:
    """A country named right after بين in the incident (اتفاق بين إسرائيل وحركة X), as its military."""
    for m in _countries_in(doc, si):
        f = token_at(toks, m.start)
        if lo < f < hi and toks[f - 1].norm == "بين":
            return _as_state(doc, si, toks, m, "state_party")
    return None


def _countries_in(doc: Document, si: int) -> list[Mention]:
    """The PLACE mentions of a sentence that name a whole country."""
    return [m for m in doc.mentions_in(si) if m.type == "PLACE" and m.place is not None and _is_country(m.place)]


def _as_state(doc: Document, si: int, toks: list[Token], m: Mention, kind: str) -> Arg:
    """A country's mention as an argument standing for its military (ACLED: "Israel struck" is its army)."""
    country = m.place.country
    actor = Actor(name=f"Military Forces of {country}", name_ar=m.text, inter=1, country=country, id=kind)
    mention = Mention(m.start, m.end, m.text, "ACTOR", "implied", norm=m.norm, sentence=si, actor=actor,
                      ext={"implied": kind})
    f = token_at(toks, m.start)
    return Arg(mention, f, token_at(toks, m.end - 1) + 1, prefix=doc.text[toks[f].start:m.start])


STATE_ACTS = VIOLENT - {"explosion", "injure"}  # acts a country is said to do by its forces (قصفت تركيا)


def _support_subjects(doc: Document, toks: list[Token], lo: int, hi: int, args: list[Arg], actions: list[Trigger],
                      rc: RoleCues) -> list[Cand]:
    """The subject of a support verb with a violent act after it (شنت طائرات التحالف غارات، بدأ الجيش
    الباكستاني القصف، إسرائيل شنت غارة جوية) did the act; so does a country named as the subject of a
    violent verb (قصفت تركيا مواقع), as its military. Only right beside the verb, and not after a
    preposition (في إسرائيل) or a noun it qualifies (حكومة تركيا)."""
    acts = [t for t in actions if t.cls in STATE_ACTS or (t.cls == "territory" and t.form.pos == "noun")]
    if not acts or not toks:
        return []
    si = toks[lo].sentence
    states = [_as_state(doc, si, toks, m, "state_subject") for m in _countries_in(doc, si)
              if lo <= token_at(toks, m.start) and token_at(toks, m.end - 1) < hi]
    sides = [a for a in args if a.excluded is None and not a.hit and not _is_victim_kind(a)]

    def support(k: int) -> bool:
        return lo <= k < hi and one_of(toks[k].norm, rc.support_verbs)

    def act_of(k: int, after: int, state: bool) -> Optional[tuple[str, tuple[int, int]]]:
        """The act the verb at k says, with its subject ending at ``after``: (rule words, cue)."""
        if not lo <= k < hi:
            return None
        own = next((t for t in acts if t.first == k and t.form.pos in ("verb", "form") and not t.form.pron), None)
        if own is not None and state:  # an actor's own verb is the frame's (assign_roles)
            return own.text, (own.first, own.last)
        if support(k):
            start = max(k, after)
            words = [j for j in range(start + 1, min(hi, start + 9))  # over a time aside: اليوم (الاثنين)
                     if toks[j].norm not in TIME_WORDS and toks[j].norm not in ("(", ")")]
            reach = words[3] if len(words) > 3 else hi
            noun = next((t for t in acts if start < t.first <= reach and t.form.pos == "noun"
                         and (t.cls != "territory" or not state)), None)
            if noun is not None:
                return f"{toks[k].text} … {noun.text}", (k, k + 1)
        return None

    out = []
    for a, state in [(a, True) for a in states] + [(a, False) for a in sides]:
        if a.prefix not in ("", "و", "ف"):
            continue
        found = act_of(a.first - 1, a.last - 1, state)  # شنت إسرائيل غارات، قصفت تركيا
        before = toks[a.first - 1].norm if a.first > lo else None
        if found is None and (before is None or before in COMPLEMENTIZERS or before in CLAUSE_BREAKS):
            found = act_of(a.last, a.last, state)  # (أن) إسرائيل شنت غارة
        if found is not None:
            out.append(Cand(1, a, 2, ("a country as the subject of " if state else "subject of ") + found[0], found[1]))
    return out


def _is_country(p) -> bool:
    """A place that is a whole country (ليبيا in بعثة الأمم المتحدة في ليبيا)."""
    return p.location == p.country and p.admin1 is None


def listed_places(doc: Document, si: int, toks: list[Token], lo: int, hi: int,
                  place: Optional[Mention]) -> list[Mention]:
    """The other items of the list of places the incident's place stands in, within the incident
    (قصفت الطائرات زنجبار ومدينة شقرة، سيطرت على السدة وحزم العديد), or in the sentence that placed an
    incident told only by its country (اعتقال ثمانية … في المغرب. … خلية في مدن طنجة وبوزنيقة): linked
    towns of the same country, no region (a governorate or a country stands for no one place) and
    none in another (places.listed_after)."""
    if place is None or place.place is None or is_region(place.place):
        return []
    if toks[lo].start <= place.start < toks[hi - 1].end:
        items = [m for m in doc.mentions_in(si, "PLACE") if toks[lo].start <= m.start < toks[hi - 1].end]
    else:
        items = doc.mentions_in(place.sentence, "PLACE")
        toks = doc.sentence_tokens(doc.sentences[place.sentence])
    k = next((i for i, m in enumerate(items) if (m.start, m.end) == (place.start, place.end)), None)
    if k is None:
        return []

    def holds(a, b) -> bool:  # a is a region b lies in (a town named as its governorate, لحج, is none)
        return a.location != b.location and (a.location in (b.admin2, b.admin3)
                                             or (is_region(a) and a.location == b.admin1))

    def item(m: Mention) -> bool:
        p, q = m.place, place.place
        return p is not None and not is_region(p) and p.iso3 == q.iso3 and not holds(p, q) and not holds(q, p)

    def container_after(i: int) -> bool:  # زنجبار في محافظة أبين، ومدينة عتق: the region is the item's
        nxt = items[i + 1] if i + 1 < len(items) else None
        return nxt is not None and nxt.place is not None and is_region(nxt.place) \
            and chain_relation(toks, items[i].end, nxt.start) == "in"

    place = items[k]
    chain = [place]
    for step in (-1, 1):  # walk the list both ways from the incident's place; forward, over a region
        i = k             # that only says where the item before it lies
        while 0 <= i + step < len(items):
            j = i + 2 if step > 0 and i + 2 < len(items) and container_after(i) else i + step
            a, b = (items[j], items[j - step]) if step < 0 else (items[j - step], items[j])
            if not listed_after(toks, a.start, a.end, b.start) or not item(items[j]):
                break
            i = j
            chain.append(items[i])
    names = {place.place.location}
    out = []
    for m in sorted(chain[1:], key=lambda m: m.start):
        if m.place.location not in names:
            names.add(m.place.location)
            out.append(m)
    return out


def _innermost_of_chains(doc: Document, toks: list[Token], cands: list[Mention]) -> tuple[list[Mention], set]:
    """"X في/ب/جنوبي Y" (الخيام في قضاء مرجعيون، عين عيسى بريف الرقة، بيت أمر شمال الخليل): the
    first place is inside the second, so the second is left out."""
    ordered = sorted(cands, key=lambda m: m.start)
    drop, towns = set(), set()
    for a, b in zip(ordered, ordered[1:]):
        rel = chain_relation(toks, a.end, b.start)
        if rel == "part":  # "X بمدينة Y": X is a quarter of the town Y; "X غربي العاصمة Y": X lies outside Y
            drop.add(id(a))
            towns.add(id(b))
        elif rel:
            drop.add(id(b))
    kept = [m for m in cands if id(m) not in drop]
    return (kept or cands), towns


def _qualifier(doc: Document, m: Mention) -> Optional[str]:
    if "qualifier" in m.ext:
        return m.ext["qualifier"]
    try:
        from .link import place_qualifier
        return place_qualifier(doc, m)
    except Exception:  # pragma: no cover - place_qualifiers.yaml missing
        return None


def _place_evidence(m: Mention) -> dict:
    return {"field": "location", "start": m.start, "end": m.end, "text": m.text}


# --------------------------------------------------------------------------- document level

def _article_country(doc: Document) -> Optional[str]:
    """The article's country as the link stage found it (doc.ext["country"]), by name."""
    c = doc.ext.get("country")
    if not c:
        return None
    return c[0] if isinstance(c, (tuple, list)) else str(c)


def doc_country(doc: Document, em: Optional[EventMention] = None) -> Optional[str]:
    """The country for implied actors: the incident's place, else the article's, else an actor's."""
    if em is not None and em.place is not None and em.place.place is not None:
        return em.place.place.country
    c = _article_country(doc)
    if c:
        return c
    for m in doc.mentions:
        if m.type == "PLACE" and m.place is not None:
            return m.place.country
    for m in doc.mentions:
        if m.actor is not None and m.actor.country and m.actor.country != "Unknown":
            return m.actor.country
    return None


def implied(doc: Document, kind: str, em: EventMention, start: int, end: int,
            country: Optional[str] = None) -> Optional[Mention]:
    """A Mention for an actor ACLED implies (Civilians (Syria) …), citing the span [start, end); of
    the event's country unless ``country`` is given."""
    country = country or doc_country(doc, em)
    if country is None:
        em.warnings.append(f"no country known for implied actor '{kind}'")
        return None
    spec = role_cues().implied[kind]
    actor = Actor(name=spec["name"].format(country=country), name_ar=spec["ar"], inter=int(spec["inter"]),
                  country=country, id=kind)
    return Mention(start, end, doc.text[start:end], "ACTOR", "implied", norm=normalize_for_matching(doc.text[start:end]),
                   sentence=em.sentence, actor=actor, ext={"implied": kind})


CLAIMABLE = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def _claims(doc: Document) -> None:
    """Claims, accusations and mourning give actors to the incident reported before them."""
    rc = role_cues()
    ems = doc.event_mentions
    for sent in doc.sentences:
        toks = doc.sentence_tokens(sent)
        if not toks:
            continue
        cues = rc.cues_in(toks, 0, len(toks))
        args = incident_args(doc, sent.index, toks, 0, len(toks))
        for cf, cl, kind in cues:
            claimer, slot = None, None
            if kind == "claim_verbs":
                claimer, slot = reach(toks, args, cl, len(toks), skip_time=True), "actor1"
            elif kind == "claim_announce":
                a = reach(toks, args, cl, len(toks), skip_time=True)
                if a is not None and rc.claim_noun_in(toks, a.last, a.last + 3):
                    claimer, slot = a, "actor1"
            elif kind == "mourning":
                claimer, slot = reach(toks, args, cl, len(toks), skip_time=True), "actor2"
            if claimer is None:
                continue
            if claimer.excluded is not None:
                continue
            pos = toks[cf].start
            if _negated_claim(doc, toks, cf):
                continue
            # the incident(s) this claim refers to: reported before it, within two sentences;
            # an event mention of the claim's own clause (الهجوم، العملية) is a reference, not a new incident
            # (a group claims or mourns violence, never the arrests or seizures made against it)
            own = [em for em in ems if em.sentence == sent.index and em.trigger.start > pos]
            prev = [em for em in ems if em.trigger.start < pos and em.sentence >= sent.index - 3
                    and not em.ext.get("background") and em.event_type in CLAIMABLE]
            # every earlier mention of the incident (headline, lead, body) of the same family
            if prev:
                fam = _family(prev[-1].event_type)
                targets = [em for em in prev if _family(em.event_type) == fam]
            else:
                targets = own[:1]
            if prev:
                for em in own:
                    if _only_reference(em):
                        em.ext["background"] = True
                        em.ext["background_reason"] = "claim or mourning of an incident reported before"
            for em in targets:
                current = getattr(em, slot)
                if current is None or current.source == "implied" or (
                        current.actor is not None and current.actor.name.startswith("Unidentified")):
                    setattr(em, slot, claimer.mention)
                    em.cite(slot, kind)
                    _retype(doc, em)


def _family(event_type: str) -> str:
    return {"Battles": "violence", "Explosions/Remote violence": "violence", "Violence against civilians": "violence",
            "Protests": "demonstrations", "Riots": "demonstrations"}.get(event_type, "strategic")


def _negated_claim(doc: Document, toks: list[Token], cf: int) -> bool:
    from .events import modality
    for j in range(max(0, cf - 3), cf):
        if toks[j].norm in ("نفى", "نفت", "لم", "ينفي", "تنفي") or forms_of(toks[j]) & {"نفي", "نفت", "نفى"}:
            return True
    return False


def _only_reference(em: EventMention) -> bool:
    """An event mention made only of a definite act noun (الهجوم، التفجير، العملية) or a death word."""
    trig = em.ext.get("triggers", [])
    return all(t["class"] in ("assault", "explosion", "target", "kill", "injure") or t["role"] == "modifier"
               for t in trig)


def _retype(doc: Document, em: EventMention) -> None:
    """Re-run the type rules after a claim changed an actor (an attack on soldiers by a named group …)."""
    trig = em.ext.get("triggers", [])
    classes = {t["class"] for t in trig}
    actions = {t["class"] for t in trig if t["role"] == "action"}

    def side(m: Optional[Mention]) -> Optional[tuple]:
        return (m.actor.inter, m.actor.name) if m is not None and m.actor is not None else None

    f = type_facts(side(em.actor1), side(em.actor2), set(em.ext.get("targets", ())), bool(em.ext.get("civ_victims")),
                   bool(em.ext.get("protest_ctx")), bool(em.ext.get("police_ctx")))
    sub, _ = resolve_type(classes, actions, f)
    if sub is not None and sub != em.sub_event_type:
        em.sub_event_type, em.event_type = sub, event_type_of(sub)


def _absorb(doc: Document) -> None:
    """Looting, arson or a seizure of arms told right after a violent incident at the same place, with
    no actor of its own or by the incident's own actor (… برصاص مستوطنين. وأحرق المستوطنون كذلك مركبة;
    قتل ثمانية مهاجمين، كما تمت مصادرة أسلحة), is part of it (triggers.yaml ``absorb``); a bomb
    defused in another town is not."""
    rule = lexicon().absorb
    if not rule:
        return
    subs, into, max_s = set(rule["sub_events"]), set(rule["into_types"]), int(rule.get("max_sentences", 2))
    for n, em in enumerate(doc.event_mentions):
        if em.sub_event_type not in subs or em.ext.get("background"):
            continue
        own = em.actor1 is not None and em.actor1.source not in ("implied", "anaphora") and not (
            em.actor1.actor is not None and em.actor1.actor.name.startswith("Unidentified"))
        prev = [p for p in doc.event_mentions[:n] if p.event_type in into and not p.ext.get("background")
                and em.sentence - p.sentence <= max_s and places_compatible(p.linked_place, em.linked_place)]
        if own:
            prev = [p for p in prev if p.actor1 is not None and p.actor1.actor is not None
                    and p.actor1.actor.name == em.actor1.actor.name]
        if prev:
            em.ext["background"] = True
            em.ext["background_reason"] = "part of the incident reported before (looting, arson or arms seized in the same raid)"
            em.ext["absorbed_into"] = doc.event_mentions.index(prev[-1])


STATE_TARGETS = {"military_targets", "police_targets", "army_targets"}
FORCE_OF_TARGET = (("police_targets", "police"), ("army_targets", "military"))


def _state_target(doc: Document, em: EventMention) -> Optional[Mention]:
    """The police or army of the event's country when the attack's target is theirs (هجوم استهدف
    مركزا للشرطة, فجر نفسه قرب عربة عسكرية مدرعة) and no actor names the victims: an implied actor."""
    kinds = set(em.ext.get("targets", ()))
    if em.sub_event_type not in role_cues().state_target_types or "civilian_targets" in kinds:
        return None
    if em.actor1 is not None and em.actor1.actor is not None and em.actor1.actor.inter == 1:
        return None  # one state force attacking a post is fighting, not the post's owner's doing
    for kind, force in FORCE_OF_TARGET:
        if kind in kinds:
            span = _word_span(doc, em, kind)
            if span:
                return _target_owner(doc, em, span[1]) or implied(doc, force, em, *span)
    return None


TARGET_OWNER_GAP = 4  # words between a military target and the group it belongs to (رتلا عسكريا يضم تعزيزات للحوثيين)


def _target_owner(doc: Document, em: EventMention, end: int) -> Optional[Mention]:
    """The armed group (inter 2-4) a military target is said to belong to, named with ل within a few
    words after it and no punctuation between (هاجموا رتلا عسكريا يضم تعزيزات عسكرية للحوثيين، دورية
    عسكرية تابعة لتنظيم داعش): the target is theirs, not the state's."""
    toks = doc.sentence_tokens(em.sentence)
    k = tokens_starting_before(toks, end)
    for m in doc.mentions_in(em.sentence, "ACTOR"):
        if m.start < end or m.actor is None or m.actor.inter not in (2, 3, 4):
            continue
        j = token_at(toks, m.start)
        if j < 0 or j - k > TARGET_OWNER_GAP or any(is_punct(t) for t in toks[k:j]):
            return None
        return m if toks[j].norm.startswith(("ل", "لل")) and toks[j].start < m.start else None
    return None


def _militants_arrested(doc: Document, em: EventMention) -> Optional[Mention]:
    """The people arrested belong to a group named after a membership phrase (اعتقال 320 شخصا ينتمون
    لتنظيم داعش): that group. Else they are militants (اعتقال خلية إرهابية, القبض على عناصر مسلحة) and
    no group is named for them: an Unidentified Armed Group (merge gives it to the article's only rebel
    group)."""
    if em.sub_event_type != "Arrests":
        return None
    group = _group_of_the_arrested(doc, em)
    if group is not None:
        return group
    span = _word_span(doc, em, "militant_words") or _charged_with_violence(doc, em)
    return implied(doc, "unidentified", em, *span) if span else None


def _group_of_the_arrested(doc: Document, em: EventMention) -> Optional[Mention]:
    """The armed group named right after a membership phrase (roles.yaml member_of: ينتمون إلى) in
    the arrest's incident, if any."""
    rc = role_cues()
    toks, lo, hi = _incident_tokens(doc, em)
    groups = [m for m in doc.mentions_in(em.sentence, "ACTOR") if m.actor is not None and m.actor.inter in (2, 3)]
    for k in range(lo, hi):
        n = phrase_len(toks, k, rc.member_of)
        if n and k + n < len(toks):
            nxt = toks[k + n]
            group = next((m for m in groups if nxt.start <= m.start < nxt.end), None)
            if group is not None:
                return group
    return None


def _charged_with_violence(doc: Document, em: EventMention) -> Optional[tuple[int, int]]:
    """The span of a word of terror or attacks in the arrest's charge clause (بتهمة الإرهاب، يشتبه
    في أنهم خططوا لهجمات), which makes the people arrested militants."""
    rc = role_cues()
    toks, lo, hi = _incident_tokens(doc, em)
    for clo, chi in charge_clauses(toks, rc.cues_in(toks, lo, hi), hi):
        for f, l, kind in rc.targets_in(toks, clo, chi):
            if kind == "charge_militant":
                return _strip_clitic_start(doc, toks[f]), toks[l - 1].end
    return None


def _is_government(m: Optional[Mention]) -> bool:
    """The mention names a government (الحكومة التركية، السلطات، وزارة الداخلية), not one of its forces."""
    return (m is not None and m.actor is not None and m.actor.inter in (1, 8)
            and m.actor.name.startswith("Government of"))


def _finish(doc: Document, em: EventMention) -> None:
    """Actors ACLED implies, the protest/riot roles, and civilian targeting."""
    rc = role_cues()
    sub, etype = em.sub_event_type, em.event_type
    s0, e0 = em.ext.get("incident", [em.trigger.start, em.trigger.end])
    ments = [m for m in doc.mentions_between(s0, e0) if m.type == "ACTOR" and m.actor is not None]
    if etype in ("Protests", "Riots"):
        prot = next((m for m in (em.actor1, em.actor2) if m is not None and m.actor and m.actor.inter in (5, 6)), None)
        if prot is None:
            prot = next((m for m in ments if m.actor.inter in (5, 6)), None)
        force = next((m for m in (em.actor1, em.actor2) if m is not None and m.actor and m.actor.inter not in (5, 6, 7)),
                     None)
        if etype == "Protests":
            if prot is None or prot.actor.inter != 6:
                span = _word_span(doc, em, "protesters_words") or (em.trigger.start, em.trigger.end)
                prot = implied(doc, "protesters", em, *span) if prot is None else implied(doc, "protesters", em, prot.start, prot.end)
            em.actor1 = prot
            if sub == "Peaceful protest":
                if force is not None and force.actor and force.actor.inter != 1:
                    em.assoc_actor_1 = [force] + [m for m in em.assoc_actor_1 if m is not force]
                em.actor2 = None
            else:
                if force is None:
                    force = next((m for m in ments if m.actor.inter == 1), None)
                em.actor2 = force
        else:
            crowd = em.actor1 if em.actor1 is not None and em.actor1.actor and em.actor1.actor.inter == 7 else None
            if prot is None and crowd is not None:  # residents who attack: the rioters are those residents
                prot = implied(doc, "rioters", em, crowd.start, crowd.end)
            elif prot is None or prot.actor.inter != 5:
                if prot is not None:
                    prot = implied(doc, "rioters", em, prot.start, prot.end)
                else:
                    span = _word_span(doc, em, "protesters_words") or (em.trigger.start, em.trigger.end)
                    prot = implied(doc, "rioters", em, *span)
            em.actor1 = prot
            em.actor2 = force if force is not None and force is not prot else (
                em.actor2 if em.actor2 is not None and em.actor2.actor and em.actor2.actor.inter not in (5, 6) else None)
    if sub == "Arrests" and _is_government(em.actor1):  # ACLED: the state's police make its arrests
        gov = em.actor1.actor
        police = implied(doc, "police", em, em.actor1.start, em.actor1.end, gov.country)
        if police is not None and (gov.id or "").startswith(NATIONAL_GOVERNMENT):  # الحكومة التركية: named
            police.actor = police.actor.model_copy(update={"id": NATIONAL_POLICE + gov.id[len(NATIONAL_GOVERNMENT):]})
        em.actor1 = police or em.actor1
    if sub == "Arrests" and em.actor2 is not None and em.actor2.actor and em.actor2.actor.inter == 6:
        em.actor2 = implied(doc, "civilians", em, em.actor2.start, em.actor2.end) or em.actor2
    if em.actor2 is None or (em.actor2.source == "implied" and em.actor2.ext.get("implied") == "civilians"):
        em.actor2 = _state_target(doc, em) or _militants_arrested(doc, em) or em.actor2
    if em.actor2 is None and sub in rc.civilian_actor2 and (em.ext.get("civ_victims") or "civilian_targets" in em.ext.get("targets", ())):
        span = _word_span(doc, em, "civilian_victims") or _word_span(doc, em, "civilian_targets")
        if span:
            em.actor2 = implied(doc, "civilians", em, *span)
    if em.actor2 is None and sub in rc.civilian_actor2:  # 5 فلسطينيين: civilians of that nationality
        toks, lo, hi = _incident_tokens(doc, em)
        k = _counted_nationals(toks, rc.targets_in(toks, lo, hi))
        if k is not None:
            word = normalize_for_matching(toks[k].text)
            country = nationality_plurals().get(word) or nationality_plurals().get(word[2:])
            em.actor2 = implied(doc, "civilians", em, _strip_clitic_start(doc, toks[k]), toks[k].end, country=country)
    if sub == "Mob violence" and em.actor2 is None and "civilian_targets" in em.ext.get("targets", ()):
        span = _word_span(doc, em, "civilian_targets")
        if span:
            em.actor2 = implied(doc, "civilians", em, *span)
    if (etype in ("Violence against civilians", "Explosions/Remote violence", "Battles") or sub == "Arrests") \
            and em.actor1 is not None and em.actor1.actor and em.actor1.actor.inter == 7:
        # civilians are the victims of violence and the people arrested, never the actor: the sides
        # were read the wrong way round (وقالت الشرطة إنها اعتقلت ثلاثة مواطنين)
        civilians = em.actor1
        if em.ext.get("actor2_hit"):  # تفجير مسجد قوات الطوارئ … قتل المصلين: the forces were hit, not the bombers
            em.actor1 = None
        else:
            em.actor1 = em.actor2 if em.actor2 is not None and em.actor2.actor and em.actor2.actor.inter in ARMED else None
            em.actor2 = civilians
    if em.actor1 is None and sub in rc.unknown_perpetrator and (etype != "Battles" or em.actor2 is not None):
        em.actor1 = implied(doc, "unidentified", em, em.trigger.start, em.trigger.end)
    if em.actor1 is not None and em.actor2 is not None and em.actor1.actor and em.actor2.actor \
            and em.actor1.actor.name == em.actor2.actor.name:
        em.actor2 = None
    if etype in rc.civilian_targeting_types and em.actor2 is not None and em.actor2.actor is not None \
            and em.actor2.actor.inter == 7:
        em.civilian_targeting = True
    if etype == "Violence against civilians":
        em.civilian_targeting = True
    for slot in ("actor1", "actor2"):
        m = getattr(em, slot)
        if m is not None and m.source == "implied":
            em.cite(slot, "implied " + m.ext["implied"])


def _counted_nationals(toks: list[Token], targets: list[tuple[int, int, str]]) -> Optional[int]:
    """Index of the first plural nationality noun counted by a number before it (اعتقلت قوات الاحتلال
    5 فلسطينيين، قتل ثلاثة أتراك): people named by their nationality. Not one qualifying a noun
    (جنودا إسرائيليين: the soldiers' nationality)."""
    for first, _, kind in targets:
        if kind == "nationals" and first > 0:
            if number_at(toks, first - 1, width=1) is not None:
                return first
    return None


def _word_span(doc: Document, em: EventMention, kind: str) -> Optional[tuple[int, int]]:
    """The span of the first word of a roles.yaml list (victims, targets, protesters) in the incident."""
    rc = role_cues()
    toks, lo, hi = _incident_tokens(doc, em)
    for f, l, k in rc.targets_in(toks, lo, hi):
        if k == kind:
            return _strip_clitic_start(doc, toks[f]), toks[l - 1].end
    return None


def _incident_tokens(doc: Document, em: EventMention) -> tuple[list[Token], int, int]:
    """The tokens of the mention's sentence and the range [lo, hi) of its incident (the part of the
    sentence the events stage marked, else its trigger); lo is 0 when the incident starts after them."""
    toks = doc.sentence_tokens(em.sentence)
    s0, e0 = em.ext.get("incident", [em.trigger.start, em.trigger.end])
    lo, hi = tokens_starting_before(toks, s0), tokens_starting_before(toks, e0)
    return toks, 0 if lo == len(toks) else lo, hi


def _strip_clitic_start(doc: Document, tok: Token) -> int:
    for p in tok.parts:
        if p.kind in ("article", "stem"):
            return p.start
    return tok.start


def finish_document(doc: Document) -> None:
    """Document-level steps after every incident has its event mention."""
    _claims(doc)
    _absorb(doc)
    _sides_named_before(doc)
    _same_act_before(doc)
    for em in doc.event_mentions:
        _finish(doc, em)


def _same_act_before(doc: Document) -> None:
    """An act of one sentence told again at another place with no actor of its own (قتل طفلان في غارة
    من طائرات حربية على معرة النعمان، وثلاثة آخرون في قصف جوي على سراقب) is by the actor of the same
    act told before it in the sentence."""
    prev = None
    for em in doc.event_mentions:
        if (em.actor1 is None and em.actor2 is None and prev is not None and prev.sentence == em.sentence
                and prev.sub_event_type == em.sub_event_type and prev.actor1 is not None):
            em.actor1 = prev.actor1
            em.cite("actor1", "the same act told before")
        prev = em


def _sides_named_before(doc: Document) -> None:
    """A battle "between the two sides" with no side named (اشتباكات عنيفة بين الطرفين) is fought by
    the two sides of the battle told up to ``both_sides_reach`` sentences before."""
    rc = role_cues()
    last = None
    for em in doc.event_mentions:
        if em.event_type != "Battles":
            continue
        if em.actor1 is not None and em.actor2 is not None:
            last = em
            continue
        if em.actor1 is not None or em.actor2 is not None or last is None \
                or em.sentence - last.sentence > rc.both_sides_reach:
            continue
        s0, e0 = em.ext.get("incident", [em.trigger.start, em.trigger.end])
        text = normalize_for_matching(doc.text[s0:e0])
        if any(p in text for p in rc.both_sides):
            em.actor1, em.actor2 = last.actor1, last.actor2
            em.cite("actor1", "the two sides named before")
            em.cite("actor2", "the two sides named before")


__all__ = ["assign_roles", "incident_mention", "finish_document", "choose_place", "role_cues", "RoleCues",
           "implied", "doc_country"]
