"""Events stage: trigger words → ACLED event type and sub-event type, modality, incidents, roles.

For each sentence:

1. **Triggers.** One ``PhraseMatcher`` built once from ``data/triggers.yaml`` finds trigger
   words (verbs in every person, tense and voice, generated from their past and imperfect
   stems; nouns with and without ال, accusative and possessive forms). Each hit is an *action*
   (something happened: قتل، اشتباكات، غارة، اعتقل) or a *modifier* (how: عبوة ناسفة، صاروخ،
   طائرة مسيرة، دون قتال), with a class that is an ACLED sub-event type or a generic class.
2. **Modality.** ``data/modality.yaml``: a negation, future, threat, hypothetical, demand,
   warning, judicial or non-political cue that precedes a trigger in its clause drops it;
   a background cue (منذ، العام الماضي، على خلفية …) keeps it flagged as background.
3. **Incidents.** A sentence is one incident unless a separator (فيما، بينما، وفي …) starts a
   new one; all triggers of an incident make ONE ``EventMention``.
4. **Roles** (``conflict_events.roles``): actor1 / actor2 / associated actors and the place, from the
   constructions around the triggers.
5. **Type.** The ordered ``resolve`` rules of triggers.yaml decide the sub-event type from the
   incident's trigger classes and its actors (two armed sides fighting → Armed clash even with a
   car bomb; a weapon names the type of a killing; civilians killed by an armed actor → Attack).

Public API: ``Events`` (the stage), ``lexicon()``, ``modality()``, ``find_triggers(doc, si)``,
``resolve_type(classes, actions, facts)``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product
from typing import Any, Optional

from conflict_events.schemas import EVENT_TYPES, SUB_EVENT_TYPES

from .document import Document, EventMention, Span, Token
from .matcher import PhraseMatcher, phrase_key
from .normalize import QUOTE_MARKS, normalize_for_matching
from .numbers import Tok, read_number
from .resources import load_yaml
from .segment import reading_forms, readings
from .stage import Stage

STRONG_PUNCT = frozenset({"؛", ";", ":", ".", "!", "?", "؟"})
PUNCT = frozenset({"،", ",", "؛", ";", ":", ".", "!", "?", "؟", "(", ")", "–", "-", "—", "[", "]", "…"})
OBJECT_PRONOUNS = ("ه", "ها", "هم", "هما", "هن")
POSSESSIVES = ("ه", "ها", "هم", "هما")
DAMMA = "\u064f"
ARMED = frozenset({1, 2, 3, 4, 8})
TOLL_CLASSES = frozenset({"kill", "injure"})  # trigger classes that only count an act's dead and wounded


def norm(s: str) -> str:
    return normalize_for_matching(s)


def key(phrase: str) -> tuple[str, ...]:
    return phrase_key(phrase)


# --------------------------------------------------------------------------- lexicon

@dataclass(frozen=True)
class TriggerEntry:
    """One entry of triggers.yaml."""

    index: int
    cls: str
    role: str = "action"
    subject: str = "agent"
    genitive: str = "agent"
    requires: Optional[tuple] = None  # (frozenset of keys, window, after_only, words that cancel a key right after them)
    exclude_before: tuple = ()
    exclude_after: tuple = ()
    exclude_near: Optional[tuple] = None  # (frozenset of keys, window): none of them may be that near
    context: tuple = ()  # ((frozenset keys, window, cls, role), ...)
    default: Optional[str] = None
    confidence: float = 0.7
    aims: frozenset = frozenset()  # nouns that after the preposition ل say an aim, not an act (لقتال داعش)


@dataclass(frozen=True)
class Form:
    """How a stored phrase was produced: its entry, and whether it is a verb, future, or has a pronoun."""

    entry: int
    pos: str  # verb, noun, form
    future: bool = False
    pron: bool = False


def verb_forms(past: str, imperf: str) -> tuple[set[str], set[str], set[str]]:
    """(past forms, present forms, future forms) of a verb from its past and imperfect 3ms.

    Undiacritised Arabic writes the passive like the active (قتل / قُتل, يقتل / يُقتل), so
    these cover both voices. Object pronouns are attached (قتلوه، استهدفتهم).
    """
    p, i = norm(past), norm(imperf)
    s = i[1:]
    past_forms = {p, p + "ت", p + "وا", p + "ا", p + "تا", p + "ن", p + "نا", p + "تم"}
    for base in (p, p + "ت", p + "و", p + "نا", p + "ا", p + "تا"):
        for o in OBJECT_PRONOUNS:
            past_forms.add(base + o)
    present = {pre + s for pre in "يتن"} | {"ا" + s}
    present |= {pre + s + suf for pre in "يت" for suf in ("ون", "ان", "وا", "ا", "ن")}
    for f in list(present):
        if not f.endswith(("ن", "وا")) or f.endswith(("ون", "ان")):
            for o in OBJECT_PRONOUNS:
                present.add(f + o)
    future = {"س" + f for f in present if not f.startswith("ا")}
    return past_forms, present, future


def _bare(word: str) -> str:
    """A normalised word without its article (القتال → قتال)."""
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def noun_forms(phrase: str) -> set[tuple[str, ...]]:
    """A noun phrase with and without ال on each word; a single noun or an indefinite noun +
    adjective also in the accusative (-ا on each word)."""
    words = key(phrase)
    if not words:
        return set()
    options = []
    for w in words:
        bare = _bare(w)
        if len(words) > 1 and w in ("من", "على", "في", "الى", "عن", "مع", "دون", "بدون", "ب", "ل"):
            options.append((w,))
        elif bare.startswith(("ل", "ب")) and len(bare) > 3 and bare[1:3] == "ال":  # للدموع, بالقوة: keep as is
            options.append((w,))
        else:
            options.append(tuple(dict.fromkeys((bare, "ال" + bare))))
    out = {tuple(c) for c in product(*options)}
    if len(words) == 1:
        w = _bare(words[0])
        if w[-1] not in "اهيوء":
            out.add((w + "ا",))
    elif len(words) == 2 and not any(w.startswith("ال") or w[-1] in "اهيوء" for w in words):
        out.add(tuple(w + "ا" for w in words))  # indefinite accusative: غازاً ساماً، برميلاً متفجراً
    return out


def possessive_forms(phrase: str) -> set[str]:
    """سيطرة → سيطرته، سيطرتها، سيطرتهم (single nouns only)."""
    words = key(phrase)
    if len(words) != 1:
        return set()
    w = _bare(words[0])
    base = w[:-1] + "ت" if w.endswith("ه") else w
    return {base + o for o in POSSESSIVES}


def _keys(words) -> tuple:
    return tuple(key(w) for w in (words or ()) if key(w))


AIM_PREFIXES = frozenset({"ل", "لل", "ول", "ولل", "فل", "فلل"})


def is_aim(entry: TriggerEntry, key0: str, prefix: str, before: Optional[Token], heads: frozenset) -> bool:
    """A noun of the entry's ``aims`` (matched as ``key0``, its word's clitics ``prefix``) read after the
    preposition ل or after one of ``heads``: what something is for or what is discussed (قوة لقتال بوكو
    حرام، بحث مواجهة تنظيم داعش), not something that happened."""
    if not entry.aims or _bare(key0) not in entry.aims:
        return False
    return prefix in AIM_PREFIXES or (before is not None and before.norm in heads)


class Lexicon:
    """The trigger lexicon: entries, the phrase matcher, and the type-resolution rules."""

    def __init__(self, data: dict):
        self.entries: list[TriggerEntry] = []
        self.matcher = PhraseMatcher()
        self.verb_words: set[str] = set()  # every generated verb form (for clause starts)
        self.bare_pasts: set[str] = set()  # the past 3ms of each verb (قتل), spelled as its verbal noun
        self.counts: dict[str, int] = {}
        for idx, raw in enumerate(data["entries"]):
            entry = self._entry(idx, raw)
            self.entries.append(entry)
            n = 0
            left_out = {norm(w) for w in raw.get("not_forms") or ()}
            for past, imperf in raw.get("verbs") or ():
                self.bare_pasts.add(norm(past))
                past_f, present_f, future_f = verb_forms(past, imperf)
                for f in (past_f | present_f) - left_out:
                    self.matcher.add((f,), Form(idx, "verb"))
                    self.verb_words.add(f)
                    n += 1
                for f in future_f:
                    self.matcher.add((f,), Form(idx, "verb", future=True))
                    n += 1
            for phrase in raw.get("forms") or ():
                k = key(phrase)
                self.matcher.add(k, Form(idx, "form"))
                if len(k) == 1:
                    self.verb_words.add(k[0])
                n += 1
            for phrase in raw.get("nouns") or ():
                for k in noun_forms(phrase):
                    self.matcher.add(k, Form(idx, "noun"))
                    n += 1
                for f in possessive_forms(phrase):
                    self.matcher.add((f,), Form(idx, "noun", pron=True))
                    n += 1
            self.counts[entry.cls] = self.counts.get(entry.cls, 0) + n
        self.rules = data["resolve"]
        self.weapon_precedence = list(data["weapon_precedence"])
        self.separators = [key(w) for w in data.get("incident_separators", ())]
        self.separator_firsts = frozenset(sep[0] for sep in self.separators)
        self.separator_clause_start = {key(w) for w in data.get("separator_needs_clause_start", ())}
        self.absorb = data.get("absorb") or {}
        self.aim_heads = frozenset(norm(w) for w in data.get("aim_heads", ()))
        self.noun_after = frozenset(norm(w) for w in data.get("noun_after", ()))
        self.classes = dict(data.get("classes") or {})
        for rule in self.rules:
            then = rule["then"]
            if then != "weapon" and then not in SUB_EVENT_TYPES:
                raise ValueError(f"triggers.yaml: unknown sub-event type {then!r} in resolve rules")

    @staticmethod
    def _entry(idx: int, raw: dict) -> TriggerEntry:
        cls = raw["class"]
        req = raw.get("requires")
        requires = None
        if req:
            requires = (frozenset(_keys(req["any"])), int(req.get("window", 4)), bool(req.get("after", False)),
                        frozenset(w for k in _keys(req.get("unless_before", ())) for w in k))
        near = raw.get("exclude_near")
        exclude_near = (frozenset(_keys(near["any"])), int(near.get("window", 4))) if near else None
        ctx = tuple((frozenset(_keys(c["any"])), int(c.get("window", 2)), c["class"], c.get("role", "action"))
                    for c in raw.get("context") or ())
        return TriggerEntry(
            index=idx, cls=cls, role=raw.get("role", "action"), subject=raw.get("subject", "agent"),
            genitive=raw.get("genitive", "agent"), requires=requires,
            exclude_before=_keys(raw.get("exclude_before")), exclude_after=_keys(raw.get("exclude_after")),
            exclude_near=exclude_near, context=ctx, default=raw.get("default"), confidence=float(raw.get("confidence", 0.7)),
            aims=frozenset(_bare(k[0]) for k in _keys(raw.get("aims"))),
        )

    def coverage(self) -> dict[str, int]:
        """Number of stored trigger forms per ACLED sub-event type (generic classes listed apart)."""
        return dict(sorted(self.counts.items()))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The trigger lexicon, built once per process."""
    return Lexicon(load_yaml("triggers.yaml"))


# --------------------------------------------------------------------------- token helpers

def forms_of(tok: Token) -> frozenset[str]:
    """Every clitic reading of a token (its normalised form among them)."""
    return reading_forms(tok)


def seq_at(toks: list[Token], i: int, phrase: tuple[str, ...]) -> bool:
    """True when the words of ``phrase`` stand at toks[i:] (any clitic reading of the first word)."""
    if i < 0 or i + len(phrase) > len(toks):
        return False
    if phrase[0] not in forms_of(toks[i]) and toks[i].norm != phrase[0]:
        return False
    return all(toks[i + k].norm == phrase[k] for k in range(1, len(phrase)))


def seq_ending_at(toks: list[Token], j: int, phrase: tuple[str, ...]) -> bool:
    """True when ``phrase`` ends at token j (inclusive)."""
    return seq_at(toks, j - len(phrase) + 1, phrase)


class PhraseEnds:
    """A list of phrases indexed by their last word, to ask at once whether any of them ends at a
    token: ``ends_at(toks, j)`` is ``any(seq_ending_at(toks, j, k) for k in phrases)``, with the
    one-word phrases looked up among the token's readings and the longer ones only tried where their
    last word stands (a cue list of 40 phrases is one or two look-ups per token, not 40 scans)."""

    def __init__(self, phrases):
        phrases = [tuple(k) for k in phrases if k]
        self.single = frozenset(k[0] for k in phrases if len(k) == 1)
        self.by_last: dict[str, list[tuple[str, ...]]] = {}
        for k in phrases:
            if len(k) > 1:
                self.by_last.setdefault(k[-1], []).append(k)

    def ends_at(self, toks: list[Token], j: int) -> bool:
        """True when one of the phrases ends at token j (inclusive)."""
        if j < 0 or j >= len(toks):
            return False
        tok = toks[j]
        if self.single and (tok.norm in self.single or not self.single.isdisjoint(forms_of(tok))):
            return True
        return any(seq_ending_at(toks, j, k) for k in self.by_last.get(tok.norm, ()))


def is_punct(tok: Token) -> bool:
    return tok.norm in PUNCT or all(not c.isalnum() for c in tok.norm)


def is_boundary(tok: Token) -> bool:
    """Punctuation that cuts a clause: not a quote mark (كان قد أجرى «تسوية» مع النظام is one clause)."""
    return is_punct(tok) and tok.norm not in QUOTE_MARKS


@lru_cache(maxsize=1)
def suicide_nouns() -> frozenset[str]:
    """Normalised words that name a suicide bomber (the Suicide bomb modifiers of triggers.yaml)."""
    return frozenset(normalize_for_matching(w) for e in load_yaml("triggers.yaml")["entries"]
                     if e.get("class") == "Suicide bomb" and e.get("role") == "modifier"
                     for w in e.get("nouns", ()) if " " not in w)


def names_again(trigger_text: str) -> bool:
    """A bare definite noun (الغارة، القصف، الهجوم) names an incident told before; it says
    neither how it was done nor who did it."""
    words = trigger_text.split()
    return len(words) == 1 and normalize_for_matching(words[0]).startswith("ال")


def number_at(toks: list[Token], i: int, width: int = 4):
    """The number (numbers.read_number) that starts at token i, read over at most ``width`` words
    (خمسة عشر، 13، ثلاثة), or None."""
    window = [Tok(t.norm, t.start, t.end) for t in toks[i:i + width]]
    return read_number(window, 0) if window else None


def is_number(tok: Token) -> bool:
    return any(c.isdigit() for c in tok.norm)


def has_damma_passive(doc: Document, tok: Token, start: int) -> bool:
    """True when the verb is written with a damma on its first letter (قُتل، اُعتقل، يُقتل)."""
    text = doc.text[start:tok.end]
    letters = 0
    for c in text[:6]:
        if c == DAMMA and letters in (1, 2):
            return True
        if c.isalpha():
            letters += 1
    return False


# --------------------------------------------------------------------------- modality

@dataclass(frozen=True)
class Cue:
    kind: str
    max: Optional[int] = None
    direction: str = "before"
    requires_next: Optional[str] = None
    requires_later: Optional[tuple] = None
    # scope (see modality.yaml): "" its clause; sentence: every trigger of its sentence (an accident's
    # cause); strong: its strong clause, over commas; statement: the act a statement is about, with its
    # relative and result clauses
    scope: str = ""
    not_after: frozenset = frozenset()  # words right before the cue that make it another word (هدوء حذر)


def _next_ok(what: str, toks: list[Token], i: int) -> bool:
    """Whether toks[i], the word after a cue, is what the cue requires (an imperfect verb, a month)."""
    nxt = toks[i].norm if i < len(toks) else ""
    if what == "imperfect":  # not the past of a derived verb in وا (قد تظاهروا، قد تمكنوا: they did)
        return nxt[:1] in ("ي", "ت", "ن") and len(nxt) >= 3 and not (nxt[:1] == "ت" and nxt.endswith("وا"))
    if what == "imperfect_y":  # ت also starts the past of derived verbs (تبنت، تعرض، تسلل)
        return nxt[:1] == "ي" and len(nxt) >= 3
    if what == "month":
        from .dates import month_words

        return nxt in month_words()
    raise ValueError(f"modality.yaml: unknown requires_next {what!r}")


def _abbreviation_dot(toks: list[Token], i: int) -> bool:
    """A full stop after a one-letter word is an abbreviation's (د. أحمد، م. علي), no clause end."""
    return toks[i].norm == "." and i > 0 and len(toks[i - 1].norm) == 1 and toks[i - 1].end == toks[i].start


class Modality:
    """Modality cues, clause boundaries and the scope rule (see data/modality.yaml)."""

    def __init__(self, data: dict, verb_words: set[str]):
        self.cues = PhraseMatcher()
        for kind, specs in data["cues"].items():
            for spec in specs:
                cue = Cue(kind, spec.get("max"), spec.get("direction", "before"), spec.get("requires_next"),
                          key(spec["requires_later"]) if spec.get("requires_later") else None,
                          spec.get("scope", ""), frozenset(norm(w) for w in spec.get("not_after", ())))
                for w in spec["words"]:
                    k = key(w)
                    if len(k) > 1 and k[-1] in ("ل", "ب"):  # "رفضا ل": the ل is a clitic of the next word
                        k = k[:-1]
                    self.cues.add(k, cue)
        self.not_cues = PhraseMatcher().add_all((key(w), True) for w in data.get("not_cues", ()))
        self.openers = PhraseMatcher().add_all((key(w), True) for w in data.get("openers", ()))
        self.statement_breaks = PhraseMatcher().add_all((key(w), True) for w in data.get("statement_breaks", ()))
        self.clause_verbs = {norm(w) for w in data.get("clause_verbs", ())} | set(verb_words)
        self.drop = set(data.get("drop", ()))
        self.flag = set(data.get("flag", ()))
        self.period_cues = PhraseMatcher().add_all((key(w), True) for w in data.get("period_cues", ()))
        self.tying_cues = PhraseMatcher().add_all((key(w), True) for w in data.get("tying_cues", ()))
        self.statement_cues = PhraseMatcher().add_all((key(w), True) for w in data.get("statement_cues", ()))
        self.recall_words = frozenset(norm(w) for w in data.get("recall_words", ()))
        recalled = data.get("recalled_possessive") or {}
        self.recalled_between = frozenset(norm(w) for w in recalled.get("between", ()))
        self.recalled_not = frozenset(recalled.get("not_classes", ()))
        self.commemoration = frozenset(norm(w) for w in data.get("commemoration", ()))
        period = data.get("period") or {}
        self.period_units = frozenset(norm(w) for w in period.get("units", ()))
        self.period_about = frozenset(norm(w) for w in period.get("about", ()))
        counted = data.get("counted_acts") or {}
        self.tally_counts = frozenset(norm(w) for w in counted.get("counts", ()))
        self.tally_classes = frozenset(counted.get("classes", ()))
        people = data.get("counted_people") or {}
        self.crowd_counts = frozenset(norm(w) for w in people.get("counts", ()))
        self.crowd_classes = frozenset(people.get("classes", ()))
        self.crowd_window = int(people.get("window", 0))

    def names_a_period(self, toks: list[Token], i: int) -> bool:
        """Whether toks[i:] name a span of a week or more: أسبوع، عشرة أشهر، بضعة أسابيع، هذه الفترة."""
        while i < len(toks) and toks[i].norm in self.period_about:
            i += 1
        if i < len(toks) and toks[i].norm.startswith("ال") and toks[i].norm[2:].isdigit():
            return i + 1 < len(toks) and toks[i + 1].norm in self.period_units  # الـ12 عامًا
        num = number_at(toks, i, width=5)
        if num is not None:
            i += num.last
        return i < len(toks) and toks[i].norm in self.period_units

    def tally(self, toks: list[Token], t: "Trigger") -> Optional[tuple[int, int]]:
        """The count before an act noun counted in hundreds or thousands (آلاف الغارات، مئات من
        الهجمات), or of the people an arrest or abduction took, told right after it (اختطفت آلاف
        المدنيين، القبض على عدة آلاف من الإرهابيين): a tally over a period, not an incident; None
        when there is none."""
        if t.cls in self.crowd_classes:
            return next(((k, k + 1) for k in range(t.last, min(len(toks), t.last + self.crowd_window))
                         if toks[k].norm in self.crowd_counts), None)
        if t.form.pos != "noun" or t.cls not in self.tally_classes:
            return None
        i = t.first - 1
        if i >= 0 and toks[i].norm == "من":
            i -= 1
        return (i, i + 1) if i >= 0 and toks[i].norm in self.tally_counts else None

    def recalled(self, toks: list[Token], t: "Trigger") -> Optional[tuple[int, int]]:
        """The cue of a noun with a possessive pronoun right after a recall word (بعد تحريرها،
        عقب سيطرته على الموصل، بعد أن جرى تحريرها): an act of the sentence's subject told as
        already done, an earlier incident; None when there is none or the noun is a death or wound."""
        if t.form.pos != "noun" or not t.form.pron or t.cls in self.recalled_not:
            return None
        i = t.first - 1
        while i >= 0 and toks[i].norm in self.recalled_between and t.first - i <= 3:
            i -= 1
        if i >= 0 and (reading_forms(toks[i]) & self.recall_words) and (i == t.first - 1 or toks[i + 1].norm == "ان"):
            return i, t.first
        return None

    def clauses(self, toks: list[Token], strong: bool = False, statement: bool = False) -> list[int]:
        """A clause number for each token of a sentence (punctuation gets its own boundary).

        ``strong``: only clause openers, و + verb and ؛ ; . ! ? ؟ : cut (not commas): the
        scope of content cues (نفى، هدد، طالب), which reach over a parenthetical between commas.
        ``statement``: as strong, but only the openers of `statement_breaks` (فيما، بينما) cut:
        the scope of a condemnation, which reaches over the act's relative and result clauses
        (استنكر … التفجير الذي وقع في مسجد …، وأسفر عن سقوط عدد من الشهداء).
        """
        out, c = [], 0
        strong = strong or statement
        for i, t in enumerate(toks):
            if is_boundary(t) and (not strong or t.norm in STRONG_PUNCT) and not _abbreviation_dot(toks, i):
                c += 1
                out.append(c)
                c += 1
                continue
            if i and self.starts_clause(toks, i, self.statement_breaks if statement else self.openers):
                c += 1
            out.append(c)
        return out

    def clause_sets(self, toks: list[Token]) -> tuple[list[int], list[int], list[int]]:
        """``clauses(toks)``, ``clauses(toks, strong=True)`` and ``clauses(toks, statement=True)`` in
        one pass over the sentence (each word's boundary and opener read once for the three)."""
        plain, strong, statement = [], [], []
        a = b = c = 0
        for i, t in enumerate(toks):
            cut = is_boundary(t) and not _abbreviation_dot(toks, i)
            strong_cut = cut and t.norm in STRONG_PUNCT
            opens = None  # starts_clause with the openers, read when a list needs it
            if cut:
                a += 1
                plain.append(a)
                a += 1
            else:
                opens = bool(i) and self.starts_clause(toks, i, self.openers)
                a += opens
                plain.append(a)
            if strong_cut:
                b += 1
                strong.append(b)
                b += 1
                c += 1
                statement.append(c)
                c += 1
                continue
            if opens is None:
                opens = bool(i) and self.starts_clause(toks, i, self.openers)
            b += opens
            strong.append(b)
            c += bool(i) and self.starts_clause(toks, i, self.statement_breaks)
            statement.append(c)
        return plain, strong, statement

    def starts_clause(self, toks: list[Token], i: int, openers: Optional[PhraseMatcher] = None) -> bool:
        t = toks[i]
        if (openers or self.openers).match_at(toks, i) is not None:
            return True
        if t.norm[:1] in ("و", "ف") and len(t.norm) > 3:
            rest = t.norm[1:]
            if rest in self.clause_verbs:
                return True
        return False

    def find(self, toks: list[Token]) -> list[tuple[int, int, Cue]]:
        """(first token, token after last, cue) of every modality cue of a sentence."""
        out, i = [], 0
        while i < len(toks):
            nc = self.not_cues.match_at(toks, i)
            m = self.cues.match_at(toks, i)
            if nc is not None and (m is None or nc.last >= m.last):
                i = nc.last
                continue
            if m is not None:
                for cue in m.values:
                    out.append((m.first, m.last, cue))
                i = m.last
            else:
                i += 1
        return out

    def status(self, toks: list[Token], clause: list[int], cues, first: int, last: int,
               future_form: bool = False, strong: Optional[list[int]] = None,
               statement: Optional[list[int]] = None) -> tuple[Optional[str], Optional[tuple[int, int]]]:
        """('drop:<kind>' | 'background' | None, cue token range) for a trigger at toks[first:last].

        Cues with a ``max`` (لم، لا، دون) stop at any clause boundary, commas included; content
        cues (نفى، هدد، طالب …) stop at strong boundaries only, condemnations (scope: statement)
        at the ends of a statement (see ``clauses``).
        """
        if future_form:
            return "drop:future", (first, last)
        strong = strong or clause
        found = None
        for cf, cl, cue in cues:
            if cue.scope == "statement":
                ids = statement or strong
            elif cue.scope == "strong" or cue.max is None and cue.kind not in self.flag:
                ids = strong
            else:
                ids = clause
            if cue.not_after and cf > 0 and forms_of(toks[cf - 1]) & cue.not_after:
                continue
            if cue.requires_next == "period":
                if not self.names_a_period(toks, cl):
                    continue
            elif cue.requires_next and not _next_ok(cue.requires_next, toks, cl):
                continue
            if cue.scope == "sentence":
                pass
            elif cue.direction in ("before", "both") and cl <= first:
                if ids[cf] != ids[first]:
                    continue
                if ids is clause and any(is_boundary(t) for t in toks[cl:first]):
                    continue
                if cue.max is not None and first - cl >= cue.max:
                    continue
                if cue.requires_later is not None:
                    if not any(seq_at(toks, j, cue.requires_later) for j in range(cl, first)):
                        continue
            elif cue.direction in ("after", "both") and cf >= last:
                if ids[cf] != ids[last - 1]:
                    continue
                if ids is clause and any(is_boundary(t) for t in toks[last:cf]):
                    continue
                if cue.max is not None and cf - last >= cue.max:
                    continue
            else:
                continue
            if cue.kind in self.drop:
                return f"drop:{cue.kind}", (cf, cl)
            if cue.kind in self.flag and found is None:
                found = ("background", (cf, cl))
        if found:
            return found
        return None, None


@lru_cache(maxsize=1)
def modality() -> Modality:
    """The modality cues, built once per process."""
    return Modality(load_yaml("modality.yaml"), lexicon().verb_words)


# --------------------------------------------------------------------------- triggers

@dataclass
class Trigger:
    """One trigger hit in a sentence (token indices are sentence-relative)."""

    entry: TriggerEntry
    form: Form
    first: int
    last: int
    start: int
    end: int
    text: str
    cls: str
    role: str
    status: Optional[str] = None  # None (coded), drop:<kind>, background, reference
    cue: Optional[tuple[int, int]] = None
    passive: bool = False

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def is_verb(self) -> bool:
        return self.form.pos in ("verb", "form") and self.entry.role == "action" and bool(
            self.entry.subject) and self.form.pos != "noun"


YEAR = re.compile(r"(19|20)\d\d")
ENTRY_MARKS = frozenset({"-", "–", "—", ":"})


def _year_background(doc: Document, toks: list[Token], first: int, clause: list[int]) -> bool:
    """A year before the published one in the trigger's clause (عام 2015), or heading its line as an
    entry of a dated list (1944 - انفجار قنبلة في مقر هتلر: on this day in history), marks background."""
    if doc.published is None:
        return False
    if len(toks) > 2 and YEAR.fullmatch(toks[0].norm) and toks[1].norm in ENTRY_MARKS \
            and int(toks[0].norm) < doc.published.year:
        return True
    for j, t in enumerate(toks):
        if clause[j] != clause[first] or not YEAR.fullmatch(t.norm):
            continue
        if int(t.norm) < doc.published.year:
            return True
    return False


def find_triggers(doc: Document, si: int) -> list[Trigger]:
    """Every trigger of sentence ``si`` with its class and modality status."""
    lex, mod = lexicon(), modality()
    toks = doc.sentence_tokens(si)
    out: list[Trigger] = []
    for m in lex.matcher.find(toks):
        forms: list[Form] = list(m.values)
        word = toks[m.first].norm
        prefix = word[:len(word) - len(m.key[0])] if word.endswith(m.key[0]) else ""
        if prefix.endswith(("ال", "لل")):
            forms = [f for f in forms if f.pos != "verb"]  # صلاة الفجر: a verb never takes the article
            if not forms:
                continue
        elif (prefix.endswith("ب") or not prefix and m.first and toks[m.first - 1].norm in lex.noun_after) \
                and any(f.pos == "verb" for f in forms):
            # nor a preposition, ب or one of noun_after: قام مسلحون بقتل عشرة، تمكنت الشرطة من ضبط
            # خمسة is the verbal noun (spelled as the bare past), its object after it; بدر باسلمة is a
            # name, no verb
            forms = [f for f in forms if f.pos != "verb"] or [
                Form(f.entry, "noun") for f in forms if not f.future and m.key[0] in lex.bare_pasts]
            if not forms:
                continue
        forms.sort(key=lambda f: (lex.entries[f.entry].role != "action", f.future))
        form = forms[0]
        entry = lex.entries[form.entry]
        if not _entry_applies(entry, toks, m.first, m.last):
            alt = [f for f in forms[1:] if _entry_applies(lex.entries[f.entry], toks, m.first, m.last)]
            if not alt:
                continue
            form = alt[0]
            entry = lex.entries[form.entry]
        cls, role = entry.cls, entry.role
        for keys, window, c_cls, c_role in entry.context:
            lo, hi = max(0, m.first - window), min(len(toks), m.last + window)
            if any(seq_at(toks, j, k) for j in range(lo, hi) if not (m.first <= j < m.last) for k in keys):
                cls, role = c_cls, c_role
                break
        trig = Trigger(entry, form, m.first, m.last, m.start, m.end, doc.text[m.start:m.end], cls, role)
        if not word.endswith(m.key[0]) and m.key[0].startswith("ال") and word.endswith(m.key[0][1:]):
            prefix = word[:len(word) - len(m.key[0]) + 1]  # للقتال: ل + القتال, the alif of ال dropped
        if role == "action" and word.endswith(m.key[0][1:]) and is_aim(entry, m.key[0], prefix,
                                                                       toks[m.first - 1] if m.first else None,
                                                                       lex.aim_heads):
            trig.status, trig.cue = "drop:future", (m.first, m.first)
        out.append(trig)
    if not out:
        return out
    clause, strong, statement = mod.clause_sets(toks)
    cues = mod.find(toks)
    for t in out:
        if t.role != "action" or t.status is not None:
            continue
        t.status, t.cue = mod.status(toks, clause, cues, t.first, t.last, t.form.future, strong, statement)
        if t.status is None and _year_background(doc, toks, t.first, clause):
            t.status = "background"
        if t.status is None:
            cue = mod.recalled(toks, t) or mod.tally(toks, t)
            if cue is not None:
                t.status, t.cue = "background", cue
    for t in out:  # a definite noun names again what the sentence called for or denied:
        if t.status is None and t.role == "action" and toks[t.first].norm.startswith("ال"):
            # دعت إلى تسيير مواكب ...، مؤكدة أن المواكب ستكون سلمية
            before = next((u for u in out if u.first < t.first and u.cls == t.cls and u.status
                           and u.status.startswith("drop")), None)
            if before is not None:
                t.status, t.cue = before.status, before.cue
    return out


def _entry_applies(entry: TriggerEntry, toks: list[Token], first: int, last: int) -> bool:
    """The entry's requires / exclude_near / exclude_before / exclude_after conditions."""
    after = last + 1 if last < len(toks) and toks[last].norm in QUOTE_MARKS else last  # تفكيك «خلية ارهابية
    for phrase in entry.exclude_after:
        if seq_at(toks, after, phrase):
            return False
    for phrase in entry.exclude_before:
        if seq_ending_at(toks, first - 1, phrase):
            return False
    if entry.exclude_near:
        keys, window = entry.exclude_near
        if any(seq_at(toks, j, k) for j in range(max(0, first - window), min(len(toks), last + window))
               if not (first <= j < last) for k in keys):
            return False
    if entry.requires:
        keys, window, after_only, unless = entry.requires
        lo = last if after_only else max(0, first - window)
        hi = min(len(toks), last + window)
        if not any(seq_at(toks, j, k) for j in range(lo, hi) if not (first <= j < last)
                   and not (j > 0 and toks[j - 1].norm in unless) for k in keys):
            return False
    return True


# --------------------------------------------------------------------------- incidents

def incident_ranges(toks: list[Token], clause: list[int]) -> list[tuple[int, int]]:
    """Token ranges of the incidents of a sentence, cut at incident separators and where a colon
    opens the parts of a total (``_breakdown_at``)."""
    lex = lexicon()
    firsts = lex.separator_firsts
    cuts = [0]
    for i in range(1, len(toks)):
        if _breakdown_at(toks, i):
            cuts.append(i)
            continue
        if toks[i].norm not in firsts and not (forms_of(toks[i]) & firsts):
            continue  # no separator starts here (the test ``seq_at`` makes first)
        for sep in lex.separators:
            if not seq_at(toks, i, sep):
                continue
            if sep in lex.separator_clause_start and not _clause_start(toks, i):
                continue
            if sep == ("في",) or (len(sep) == 1 and sep[0] in ("وفي",)):
                if not _clause_start(toks, i):
                    continue
            cuts.append(i)
            break
    cuts.append(len(toks))
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _clause_start(toks: list[Token], i: int) -> bool:
    """Whether toks[i] starts a clause: after punctuation, or after a و written apart right after it
    (للخريجين، و كما شهدت مدينة كربلاء تظاهرة)."""
    return is_punct(toks[i - 1]) or (toks[i - 1].norm == "و" and i >= 2 and is_punct(toks[i - 2]))


def _breakdown_at(toks: list[Token], i: int) -> bool:
    """Whether a colon before token i opens the parts of a total (هجومين أوقعا 13 قتيلا: اثنان قتلا
    في كمين …، و11 قتلوا في قاعدة …): each part is told as its own incident, not under the total."""
    if toks[i - 1].norm != ":" or toks[i].start == toks[i - 1].end:  # not a clock time (11:59)
        return False
    return number_at(toks, i) is not None and any(number_at(toks, k) is not None for k in range(max(0, i - 8), i - 1))


RELATIVES = frozenset({"والتي", "والذي", "والذين", "واللتين", "واللذين", "واللواتي"})


def split_at_places(toks: list[Token], rng: tuple[int, int], triggers: list, places: list) -> list[tuple[int, int]]:
    """An incident range cut where a comma and و open a clause that starts with an act of its own at a place
    of its own (قتل مسلحون خمسة في داماتورو، واعتقلت الشرطة عشرة في كانو; اثنان قتلا في كمين قرب نامبالا …،
    و11 قتلوا في قاعدة في غورما راروس): ACLED codes two places as two events. A clause at no place,
    or at the same place, stays in the incident (قتل خمسة، وأصيب عشرة)."""
    lo, hi = rng
    acts = [t.first for t in triggers if t.role == "action" and t.status is None and lo <= t.first < hi]
    if len(acts) < 2:
        return [rng]

    def where(a: int, b: int) -> set[str]:
        return {m.norm for m in places if a_start(a) <= m.start < a_start(b)}

    def a_start(i: int) -> int:
        return toks[i].start if i < len(toks) else toks[-1].end + 1

    cuts, start = [], lo
    for c in range(lo + 2, hi - 1):
        if toks[c - 1].norm not in (",", "،") or not toks[c].norm.startswith("و"):
            continue
        if not any(start <= a < c for a in acts) or toks[c].norm in RELATIVES or not any(
                c <= a <= c + 2 or (a <= c + 4 and toks[a - 1].norm == "في") for a in acts):
            continue  # the clause opens with its act (واعتقلت، و11 قتلوا), or tells its victims in an act
            # with the verb of the clause before left out (وامرأة وطفلها في قصف جوي على قرية جوزف);
            # not a relative (والتي اتخذتها … لهجومها)
        # the left clause's places after its first act: a dateline before it (طرابلس (ليبيا) – قتل …) is no place of the act
        left, right = where(min(a for a in acts if start <= a < c), c), where(c, hi)
        if left and right and not left & right:
            cuts.append(c)
            start = c
    bounds = [lo, *cuts, hi]
    return list(zip(bounds, bounds[1:]))


# --------------------------------------------------------------------------- type resolution

@dataclass
class Facts:
    """What the resolve rules may look at, beyond the trigger classes."""

    actor1_inter: Optional[int] = None
    actor2_inter: Optional[int] = None
    actor1_name: Optional[str] = None
    actor2_name: Optional[str] = None
    protest_ctx: bool = False
    civ_target: bool = False
    mil_target: bool = False
    civ_victims: bool = False
    police_ctx: bool = False  # a police force is named in the incident

    @property
    def both_armed(self) -> bool:
        return (self.actor1_inter in ARMED and self.actor2_inter in ARMED
                and self.actor1_name != self.actor2_name)


def best_weapon(classes: set[str]) -> Optional[str]:
    for w in lexicon().weapon_precedence:
        if w in classes:
            return w
    return None


def resolve_type(classes: set[str], actions: set[str], facts: Facts) -> tuple[Optional[str], int]:
    """(sub-event type, index of the rule that decided it) or (None, -1)."""
    weapon = best_weapon(classes)
    for n, rule in enumerate(lexicon().rules):
        if "any" in rule and not classes & set(rule["any"]):
            continue
        if "any_action" in rule and not actions & set(rule["any_action"]):
            continue
        if "all_actions" in rule and not set(rule["all_actions"]) <= actions:
            continue
        if "none" in rule and classes & set(rule["none"]):
            continue
        if "protest_ctx" in rule and facts.protest_ctx != rule["protest_ctx"]:
            continue
        if "actor1_inter" in rule and facts.actor1_inter not in rule["actor1_inter"]:
            continue
        if "actor2_inter" in rule and facts.actor2_inter not in rule["actor2_inter"]:
            continue
        if "both_armed" in rule and facts.both_armed != rule["both_armed"]:
            continue
        if "police_ctx" in rule and facts.police_ctx != rule["police_ctx"]:
            continue
        if "civ_target" in rule and facts.civ_target != rule["civ_target"]:
            continue
        if "mil_target" in rule and facts.mil_target != rule["mil_target"]:
            continue
        if "civ_victims" in rule and facts.civ_victims != rule["civ_victims"]:
            continue
        if "weapon_in" in rule and weapon not in rule["weapon_in"]:
            continue
        then = rule["then"]
        if then == "weapon":
            if weapon is None:
                continue
            then = weapon
        return then, n
    return None, -1


def event_type_of(sub_event_type: str) -> str:
    return SUB_EVENT_TYPES[sub_event_type]


# --------------------------------------------------------------------------- the stage

class Events(Stage):
    """Find event triggers, drop the modal ones, and make one EventMention per incident."""

    name = "events"
    requires = frozenset({"tokens", "mentions", "links"})
    provides = frozenset({"event_mentions"})

    def __call__(self, doc: Document) -> Document:
        from .roles import finish_document, incident_mention

        lexicon(), modality()  # build once
        doc.event_mentions = []
        dropped = []
        found = doc.ext.pop("triggers", None)  # the gate's (gate.TriggerGate), when it ran
        if found is not None and len(found) != len(doc.sentences):
            found = None
        for sent in doc.sentences:
            triggers = found[sent.index] if found is not None else find_triggers(doc, sent.index)
            triggers = [t for t in triggers if not _inside_a_name(doc, sent.index, t)]
            if not triggers:
                continue
            toks = doc.sentence_tokens(sent)
            clause = modality().clauses(toks)
            places = doc.mentions_in(sent.index, "PLACE")
            for lo, hi in (r for rng in incident_ranges(toks, clause)
                           for r in split_at_places(toks, rng, triggers, places)):
                group = [t for t in triggers if lo <= t.first < hi]
                if not group:
                    continue
                dropped += [t for t in group if t.status and t.status.startswith("drop")]
                em = incident_mention(doc, sent.index, toks, clause, lo, hi, group)
                if em is not None:
                    doc.event_mentions.append(em)
        finish_document(doc)
        doc.ext["dropped_triggers"] = [
            {"start": t.start, "end": t.end, "text": t.text, "class": t.cls, "reason": t.status,
             "cue": _cue_text(doc, t)} for t in dropped]
        doc.provided |= self.provides
        return doc


def _inside_a_name(doc: Document, si: int, t: Trigger) -> bool:
    """The trigger is a word of a name that begins before it (منظمة التحرير الفلسطينية، هيئة تحرير
    الشام، ميدان التحرير): no act. A name the trigger begins (طائرات حربية) is the act's own words."""
    return any(m.start < t.start and t.end <= m.end for m in doc.mentions_in(si) if m.type in ("ACTOR", "PLACE"))


def _cue_text(doc: Document, t: Trigger) -> Optional[str]:
    if t.cue is None:
        return None
    si = doc.sentence_of(t.start)
    toks = doc.sentence_tokens(si)
    a, b = t.cue
    b = max(b, a + 1)
    return doc.text[toks[a].start:toks[min(b, len(toks)) - 1].end]


def new_event_mention(doc: Document, head: Trigger, sub_event: str, si: int, confidence: float) -> EventMention:
    """An EventMention whose trigger span slices the original text to the trigger words."""
    return EventMention(trigger=head.span, trigger_text=doc.text[head.start:head.end],
                        event_type=event_type_of(sub_event), sub_event_type=sub_event, sentence=si,
                        confidence=confidence)


__all__ = ["Events", "lexicon", "modality", "find_triggers", "resolve_type", "Facts", "Trigger",
           "incident_ranges", "verb_forms", "noun_forms", "EVENT_TYPES"]
