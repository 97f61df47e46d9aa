"""Link stage: each PLACE mention to a gazetteer place, each ACTOR mention to a canonical actor.

Places are resolved first, because the article's country (the one its places
and country names point to most) decides between homonymous places and fills
actor names such as "Civilians (COUNTRY)" and "Islamic State (COUNTRY)".
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Optional

from .document import Document, Mention, token_at, tokens_ending_by, tokens_starting_before
from .normalize import normalize_for_matching
from .resources import load_yaml
from .segment import readings
from .stage import Stage


@lru_cache(maxsize=1)
def _qualifiers() -> tuple[dict[str, str], frozenset[str]]:
    """Normalised qualifier word → kind, and the designator words that may follow it."""
    data = load_yaml("place_qualifiers.yaml")
    words = {normalize_for_matching(w): kind for kind, ws in data["qualifiers"].items() for w in ws}
    return words, frozenset(normalize_for_matching(w) for w in data["designators"])


@lru_cache(maxsize=1)
def _neighbourhood_words() -> frozenset[str]:
    """Normalised words for a part of a town (حي, شارع) from place_qualifiers.yaml."""
    return frozenset(normalize_for_matching(w) for w in load_yaml("place_qualifiers.yaml")["neighbourhood_words"])


def is_month_name(m: Mention) -> bool:
    """The mention is a month's name as written (أغسطس (آب): August, which normalises like إب,
    Ibb); it is left unlinked and ``ext["dropped"]`` says why."""
    from .dates import month_names_as_written

    if m.text.strip() in month_names_as_written():
        m.ext["dropped"] = "a month's name"
        return True
    return False


def is_adjective(doc: Document, m: Mention) -> bool:
    """The mention is an adjective of the noun before it (الراية البيضاء: a white flag, not Al Bayda);
    it is left unlinked and ``ext["dropped"]`` says why."""
    from .places import adjective_reading

    toks, first = _position(doc, m)
    if first < len(toks) and adjective_reading(toks, first, m.norm):
        m.ext["dropped"] = "an adjective of the noun before it"
        return True
    return False


def _position(doc: Document, mention: Mention) -> tuple[list, int]:
    """The mention's sentence tokens and the index of the token it starts in."""
    if not 0 <= mention.sentence < len(doc.sentences):
        return [], 0
    toks = doc.sentence_tokens(mention.sentence)
    return toks, tokens_ending_by(toks, mention.start)


def is_neighbourhood(doc: Document, mention: Mention) -> bool:
    """The place is named right after a word for a part of a town (في حي التحرير)."""
    from .places import after_word

    return after_word(*_position(doc, mention), _neighbourhood_words())


def place_qualifier(doc: Document, mention: Mention) -> Optional[str]:
    """countryside / outskirts / near when the words before a place say so, else None."""
    words, designators = _qualifiers()
    toks, first = _position(doc, mention)
    for tok in reversed(toks[max(0, first - 3):first]):
        forms = {f for _, f in readings(tok)}
        hit = next((words[f] for f in forms if f in words), None)
        if hit:
            return hit
        if not forms & designators:
            return None
    return None


def article_country(doc: Document, gaz=None) -> Optional[tuple[str, str]]:
    """The (country, iso3) that the article's places point to most, if any (a place in a place
    context counts twice as much as a bare word, which counts twice as much as a bare word read as
    a village, a low-trust place or a neighbourhood); a named actor of a single country (قوات حفتر →
    Libya) breaks a tie between places (طرابلس, صلاح الدين)."""
    from .places import low_trust

    votes: Counter = Counter()
    for m in doc.mentions:
        if m.type == "PLACE" and m.place:  # a low-trust Iraqi village or a neighbourhood is weak evidence
            placed = in_context(doc, m)
            weak = low_trust(m.place) or is_neighbourhood(doc, m) or (  # a bare word read as a village
                not placed and gaz is not None and not gaz.implies_country(m.place))  # abroad (الدالي, a surname)
            votes[(m.place.country, m.place.iso3)] += 0.25 if weak else 1 if placed else 0.5
    if gaz is not None and len(votes) > 1:
        homes = [iso for iso in (_home_of(m, gaz) for m in doc.mentions) if iso is not None]
        for key in votes:
            votes[key] += 0.5 * homes.count(key[1])
    if not votes:
        return None
    ranked = votes.most_common()
    return ranked[0][0]


@lru_cache(maxsize=1)
def _state_unit_markers() -> tuple[tuple[str, ...], ...]:
    """Normalised word sequences that make a unit part of the forces named after them."""
    return tuple(tuple(normalize_for_matching(w).split()) for w in load_yaml("roles.yaml")["state_unit_markers"])


def state_units(doc: Document, actors) -> None:
    """An armed group found only by a pattern, followed by التابعة ل + a state actor (government,
    army, police: inter 1), is that state's military."""
    ments = [m for m in doc.mentions if m.type == "ACTOR"]
    for m, nxt in zip(ments, ments[1:]):
        if m.source != "pattern" or nxt.actor is None or nxt.actor.inter != 1 or not nxt.actor.country:
            continue
        between = doc.tokens[tokens_starting_before(doc.tokens, m.end):tokens_ending_by(doc.tokens, nxt.start)]
        words = [t.norm for t in between]
        host = token_at(doc.tokens, nxt.start)  # لحكومة: the ل
        if host >= 0 and doc.tokens[host].start < nxt.start:
            words.append(normalize_for_matching(doc.text[doc.tokens[host].start:nxt.start]))
        if tuple(words) in _state_unit_markers():
            m.actor = actors.link("الجيش", country=nxt.actor.country, date=doc.published)


# ranks that also name units or read as a state before a surname (اللواء التركي: General al-Turki)
RANKS = frozenset(normalize_for_matching(w) for w in ("اللواء", "لواء", "العميد", "العقيد", "الفريق", "العماد"))


def state_adjectives(doc: Document, actors) -> None:
    """A state body whose country the article fills in (وزارة الداخلية، الجيش) followed right away by
    a nationality adjective (وزارة الداخلية الكويتية، الجيش اللبناني) is that country's, whatever the
    article's places say (a Kuwaiti arrest of men who fought in Mosul is Kuwait's)."""
    from .actors import nationality_adjectives

    adjectives = nationality_adjectives(masculine=True)
    for m in doc.mentions:
        if m.type != "ACTOR" or m.actor is None or m.actor.inter != 1 or m.norm in RANKS:
            continue
        k = tokens_starting_before(doc.tokens, m.end)
        if k >= len(doc.tokens) or doc.tokens[k].start - m.end > 1:
            continue
        country = adjectives.get(doc.tokens[k].norm)
        records = [actors.record(i) for i in m.ext.get("ids", ())]
        if country and country != m.actor.country and any(r is not None and r.country == "{country}" for r in records):
            m.actor = actors.link(m.norm, country=country, date=doc.published)


def group_adjectives(doc: Document) -> None:
    """An unnamed armed group followed by one word naming a group of inter 2 or 3, both with the
    article or both without (المسلحين الحوثيين, مسلحون حوثيون: gunmen, Houthi ones), is that group:
    the two mentions become one."""
    from .actors import UNIDENTIFIED

    ments = [m for m in doc.mentions if m.type == "ACTOR"]
    joined = set()
    for m, nxt in zip(ments, ments[1:]):
        if id(m) in joined or m.actor is None or nxt.actor is None or not m.actor.name.startswith(UNIDENTIFIED):
            continue
        if nxt.actor.inter not in (2, 3) or nxt.actor.name.startswith(UNIDENTIFIED):
            continue
        gap = tokens_starting_before(doc.tokens, nxt.start) - tokens_ending_by(doc.tokens, m.end)
        words = tokens_ending_by(doc.tokens, nxt.end) - tokens_starting_before(doc.tokens, nxt.start)
        if gap or words != 1 or m.norm.split()[-1].startswith("ال") != nxt.norm.startswith("ال"):
            continue
        m.end, m.text, m.norm, m.actor = nxt.end, doc.text[m.start:nxt.end], f"{m.norm} {nxt.norm}", nxt.actor
        joined.add(id(nxt))
    doc.mentions = [m for m in doc.mentions if id(m) not in joined]


@lru_cache(maxsize=1)
def _civilian_identity() -> dict[str, frozenset[str]]:
    """The word lists of actor_patterns.yaml's civilian_identity, normalised."""
    spec = load_yaml("actor_patterns.yaml")["civilian_identity"]
    return {k: frozenset(normalize_for_matching(w) for w in ws) for k, ws in spec.items()}


def civilian_members(doc: Document, actors, country: Optional[str]) -> None:
    """An identity militia (inter 4) named as the people that civilians, notables or a count belong to
    (مئات المدنيين من قبيلة المساليت، ثلاثة من أبناء قبيلة مراد، شيخ قبيلة العمور) is those civilians."""
    from .ner import is_number_word

    words = _civilian_identity()
    for m in doc.mentions:
        if m.type != "ACTOR" or m.actor is None or m.actor.inter != 4:
            continue
        toks, first = _position(doc, m)
        before = [{f for _, f in readings(t)} for t in toks[:first]]
        k = len(before)
        while k and before[k - 1] & words["links"]:
            k -= 1
        if not k:
            continue
        owner, via_of = before[k - 1], any("من" in forms for forms in before[k:])
        civilian = any(r.inter == 7 for f in owner - words["armed_people"] for r in actors.lookup(f))
        count = any(f.isdigit() or f in words["counts"] or is_number_word(f) for f in owner)
        if civilian or owner & words["notables"] or (via_of and count):
            m.actor = actors.civilian(country).model_copy(update={"name_ar": m.text})
            m.ext["civilians"] = "the identity of civilians, not a militia"


def grouped(mentions: list[Mention], attribute: str) -> dict:
    """Mentions by the value of one attribute (sentence, norm), each group in list order."""
    out: dict = {}
    for m in mentions:
        out.setdefault(getattr(m, attribute), []).append(m)
    return out


def abroad_common_words(places: list[Mention], country, gaz) -> None:
    """A one-word place name that is mostly a common word in news (سحر 'pre-dawn', حرقة 'anguish':
    common_names.tsv) is no place when it lies in a country the article neither is about nor
    names: the place is dropped (``ext["dropped"]`` says why)."""
    from .places import common_word_names

    named = set(countries_by_name(places, gaz))
    if country:
        named.add(country[1])
    common = common_word_names()
    for m in places:
        if m.place is not None and m.norm in common and m.place.iso3 not in named:
            m.place = None
            m.ext["dropped"] = "a common word that would be a place abroad"


def named_countries(places: list[Mention], gaz, doc: Optional[Document] = None) -> frozenset[str]:
    """ISO3 of the countries the article names or implies by its places: a country, a first-level
    division, a governorate capital or a big city named (gaz.implies_country). A village that
    merely shares a word's spelling implies nothing; nor does an actor (Israeli forces act in
    Palestine, a coalition in Yemen). When the article names countries by name, a small town of
    another one (a governorate capital, a Syrian locality) implies it only in a place context:
    براك in "منطقة بركي براك" of an Afghan report is no Libyan town."""
    from .places import common_word_names, in_weak_place_context

    def strong_context(doc: Document, m: Mention) -> bool:  # في/قرب/قرية X, not من X
        return designated(doc, m) or in_weak_place_context(*_position(doc, m))

    explicit = countries_by_name(places, gaz)
    out = set(explicit)
    common = common_word_names()
    for m in places:
        if m.place is None or m.place.iso3 in out or not gaz.implies_country(m.place):
            continue
        if doc is not None and m.norm in common and not strong_context(doc, m):
            continue  # "الحد من ظاهرة" (a phenomenon) names no Omani governorate
        if doc is None or not explicit or gaz.is_big_city(m.place) or gaz.is_admin1(m.place) \
                or in_context(doc, m) or designated(doc, m):
            out.add(m.place.iso3)
    return frozenset(out)


def in_context(doc: Document, m: Mention) -> bool:
    """The place mention stands in a place context (في X, مدينة X, بX)."""
    from .places import in_place_context

    toks, first = _position(doc, m)
    return first < len(toks) and in_place_context(toks, first, m.norm.split()[0] if m.norm else "")


def designated(doc: Document, m: Mention) -> bool:
    """The place is named right after a designator (مدينة غدامس, بلدة X, ولاية X)."""
    from .places import ADMIN_NOUNS, after_word

    return after_word(*_position(doc, m), ADMIN_NOUNS)


def _home_of(m: Mention, gaz) -> Optional[str]:
    """ISO3 of the one home country of a dictionary actor mention (قوات حفتر → LBY), else None."""
    from .actors import ActorDictionary

    if m.type != "ACTOR":
        return None
    ad = ActorDictionary.default()
    homes = {r.country for r in (ad.record(i) for i in m.ext.get("ids", ())) if r}
    if len(homes) == 1 and None not in homes and "{country}" not in homes:
        return gaz.iso3_of(next(iter(homes)))
    return None


def actor_countries(doc: Document, gaz) -> frozenset[str]:
    """ISO3 of the home countries of the article's dictionary actors of one country (قوات حفتر →
    Libya, حكومة الوفاق → Libya)."""
    return frozenset(filter(None, (_home_of(m, gaz) for m in doc.mentions)))


ABROAD_KM = 1500  # a designated place abroad this near a country the article names may be told by it (غدامس)
FAR_ABROAD = "a designated place far from every country the article names"


def foreign_places(doc: Document, places: list[Mention], named: frozenset[str], country, gaz) -> None:
    """A place in a country the article neither names nor implies is no place of it (كان, تي and
    غاز are villages abroad; a town named like one of the article's country lies in that country)
    unless a designator makes it one (مدينة غدامس near the border with Algeria): the place is
    dropped, ``ext["dropped"]`` says why. When the article names no country, a place that implies
    none is kept only in a place context (في X) or in the home country of one of its actors
    (actor_countries): "دبابات البرامز والبرادلي" is no Bradley, Arkansas. A designated place abroad
    that sounds like a place of a named country is that place (مدينة كويتا in a Pakistani report is
    Quetta, not Coweta in Oklahoma, whose Arabic name it shares); else it stays only within
    ABROAD_KM of a named country (مدينة دجلة of a Turkish report is no Doyle, California)."""
    from .places import common_word_names, everyday_words

    homes = actor_countries(doc, gaz) if not named else frozenset()
    near = known_divisions(places)
    for m in places:
        if m.place is None or m.place.iso3 in named or gaz.is_country(m.place):
            continue
        if named and designated(doc, m):  # مدينة كويتا in a Pakistani report: Quetta by sound, not Coweta (USA)
            heard = None if is_neighbourhood(doc, m) or everyday_words(m.norm) or m.norm in common_word_names() \
                else gaz.resolve_cross_script(m.norm, named, qualifier=place_qualifier(doc, m), near=near,
                                              prefer=sentence_countries(m, places, gaz))
            if heard is not None:  # (not حي مجاور, "a neighbouring quarter")
                m.place = heard
                m.ext["cross_script"] = True
            elif not gaz.within_km(m.place, named, ABROAD_KM):  # بلدة الوزيرية of a Yemeni report: no
                m.place = None                                    # quarter of Baghdad; مدينة دجلة no Doyle
                m.ext["dropped"] = FAR_ABROAD  # a name of the article's own ground then: coded near it
            continue
        if designated(doc, m) or not named and (gaz.implies_country(m.place) or m.place.iso3 in homes):
            continue  # with no country named, a place in the home of the article's actors (قاعدة الوطية beside قوات حفتر) stays
        if named or not in_context(doc, m):  # with no country named, a bare village word is no evidence
            m.place = None
            m.ext["dropped"] = "a place in a country the article does not name"


def contained(doc: Document, places: list[Mention], gaz) -> None:
    """"X ب/في محافظة Y" (بني سعد بمحافظة ديالى، سيفاري في وسط مالي): X lies in Y's country, and in
    its governorate when Y is one. A reading of X outside it gives way to X's reading inside it, else
    to a sound match in Y's country, else X is coded at Y (geo_precision 2 at least)."""
    from .places import chain_relation

    by_name = grouped(places, "norm")
    for a, b in zip(places, places[1:]):
        if a.sentence != b.sentence or b.place is None or not gaz.implies_country(b.place) \
                or a.ext.get("rule") == "capital":
            continue
        rel = chain_relation(doc.sentence_tokens(a.sentence), a.end, b.start)
        if rel is None:
            continue
        container = b.place
        # a container that is also a country's name stands for the country (منزل بورقيبة في تونس: Tunisia,
        # not Tunis; مدينة حولي في الكويت)
        admin1 = container.admin1 if rel != "by" and not gaz.is_country(container) and not gaz.country_of(b.norm) \
            else None
        if a.place is not None and (a.place.iso3 == container.iso3 and admin1 in (None, a.place.admin1)
                                    or gaz.is_country(a.place) or gaz.country_of(a.norm)):
            continue  # a country is not moved (لتونس في العاصمة السورية); صلاح الدين جنوبي طرابلس is
        inside = [r for r in gaz.lookup(a.norm) if r.iso3 == container.iso3 and admin1 in (None, r.admin1)]
        place = gaz.resolve(a.norm, countries=frozenset([container.iso3]), country_hint=container.country) \
            if inside else None
        if place is None:  # by sound, in Y's country or in another that has a division of Y's name
            namesakes = {r.iso3 for r in gaz.lookup(b.norm) if r.kind == "admin1" and r.name == admin1}
            place = gaz.resolve_cross_script(a.norm, {container.iso3} | namesakes, qualifier=place_qualifier(doc, a),
                                             near=[(i, admin1) for i in {container.iso3} | namesakes] if admin1 else (),
                                             prefer=[container.iso3])  # (غورداسبور بولاية البنجاب: India's)
            if place is not None and admin1 not in (None, place.admin1):
                place = None
        a.place = place or gaz.anchored(a.text, [container])
        a.ext.pop("dropped", None)
        a.ext["container"] = b.text
        for o in by_name[a.norm]:  # one reading per article: مدينة سيفاري told again without its container
            if "container" not in o.ext and (o.place is None or o.place.iso3 != a.place.iso3
                                                                    and not gaz.implies_country(o.place)):
                o.place = a.place
                o.ext.pop("dropped", None)


def adjective_places(doc: Document, places: list[Mention], gaz) -> None:
    """A place named with a nationality adjective right after it (محافظة البيضاء اليمنية، بلدة سوروج
    التركية) lies in that country: a reading elsewhere gives way to one there, else to a sound match
    there, else to none (Libya's al-Bayda is no place of the Yemeni governorate)."""
    from .actors import nationality_adjectives

    adjectives = nationality_adjectives(masculine=True)
    for m in places:
        toks, _ = _position(doc, m)
        k = token_at(toks, m.end - 1) + 1 if toks else 0
        if not 0 < k < len(toks) or toks[k].norm not in adjectives:
            continue
        iso3 = gaz.iso3_of(adjectives[toks[k].norm])
        if iso3 is None or m.place is not None and m.place.iso3 == iso3:
            continue
        m.place = gaz.resolve(m.norm, countries=frozenset([iso3]), country_hint=adjectives[toks[k].norm])
        if m.place is not None and m.place.iso3 != iso3:
            m.place = None
        m.place = m.place or gaz.resolve_cross_script(m.norm, [iso3], qualifier=place_qualifier(doc, m))
        m.ext["container"] = toks[k].text
        m.ext.pop("dropped", None)


def adjective_countries(doc: Document, gaz) -> frozenset[str]:
    """ISO3 of the countries the article's nationality adjectives name (العاصمة الأفغانية، القوات
    الصومالية، وزير الدفاع الصومالي): where no place names a country, they say where a name heard by
    sound lies."""
    from .actors import nationality_adjectives

    adjectives = nationality_adjectives(masculine=True)
    return frozenset(filter(None, (gaz.iso3_of(adjectives[t.norm]) for t in doc.tokens if t.norm in adjectives)))


def adjective_country(doc: Document, gaz) -> Optional[tuple[str, str]]:
    """(country, iso3) of the one country the nationality adjectives name, for an article that names
    no place (أعلنت وزارة الداخلية الكويتية القبض على خلية): its state forces are that country's."""
    said = adjective_countries(doc, gaz)
    if len(said) != 1:
        return None
    iso3 = next(iter(said))
    name = gaz.country_name(iso3)
    return (name, iso3) if name else None


CONJUNCTIONS = ("و", "ف")


def read_off_conjunction(doc: Document, places: list[Mention], gaz) -> None:
    """A tagged name that starts with the conjunction و (طنجة (شمال) وبوزنيقة): where the name as
    written is no place and follows another place or a bracket or comma (a list), or the name
    without the و is a place, the و is the conjunction; the mention starts after it."""
    ends = {m.end for m in places}
    for m in places:
        first = m.norm.split(" ")[0] if m.norm else ""
        if m.source != "model" or first[:1] not in CONJUNCTIONS or len(first) < 5 or \
                doc.text[m.start:m.start + 1] not in CONJUNCTIONS or gaz.lookup(m.norm):
            continue
        toks, i = _position(doc, m)
        prev = toks[i - 1] if 0 < i <= len(toks) else None
        listed = prev is not None and (prev.end in ends or prev.norm in (")", "،", ",", "(") )
        if listed or gaz.lookup(m.norm[1:]):
            m.start, m.text, m.norm = m.start + 1, m.text[1:], m.norm[1:]
            if listed:  # an item of a list of places is in the list's place context
                m.ext["listed"] = True


def cross_script(doc: Document, places: list[Mention], countries: frozenset[str], gaz) -> None:
    """A place name no Arabic source holds for the countries the article names (قندهار is only an
    Iranian village in Arabic sources), in a place context (في داماتورو, مدينة سيغو) and not a
    common word (سحر), nor words of everyday Arabic but after a designator or في/قرب (مدينة مروة, not
    على صعيد آخر), matched by sound against the Latin names of those countries' places. Words the
    ner stage proposed only for their position (ner.heard_places) are left to heard_places. Of
    places alike in several countries, one of a country named in the name's sentence wins."""
    from .places import common_word_names, everyday_words, in_weak_place_context

    if not countries:
        return
    common = common_word_names()
    near = known_divisions(places)
    for m in places:
        if m.place is None and m.ext.get("rule") not in ("capital", "heard") and m.norm not in common \
                and (not everyday_words(m.norm) or designated(doc, m) or in_weak_place_context(*_position(doc, m))) \
                and not any(r.iso3 in countries for r in gaz.lookup(m.norm)) \
                and (in_context(doc, m) or designated(doc, m) or m.ext.get("listed")) \
                and not is_neighbourhood(doc, m):  # حي X: a part of a town, not a town heard by sound
            _hear(doc, m, countries, gaz, near, sentence_countries(m, places, gaz))


def heard_divisions(doc: Document, places: list[Mention], countries: frozenset[str], gaz) -> None:
    """A name after a first-level designator (ولاية يوبي، بولاية الدلتا) that no Arabic source holds in
    the article's countries (يوبي is only a Japanese town in Arabic) is heard by sound among those
    countries' first-level divisions (Yobe, Delta)."""
    from .places import after_admin1_word

    for m in places:
        if m.place is not None and m.place.iso3 in countries or not after_admin1_word(*_position(doc, m)):
            continue
        place = gaz.resolve_cross_script(m.norm, countries, qualifier=place_qualifier(doc, m), admin1=True)
        if place is not None:
            m.place = place
            m.ext.pop("dropped", None)
            m.ext["cross_script"] = True


def _container(doc: Document, m: Mention, places: list[Mention]) -> tuple[Optional[Mention], Optional[str]]:
    """The known place a name is chained to (غومبيه شمال شرقي نيجيريا, X بمحافظة Y) and how (a
    places.chain_relation), else (None, None)."""
    from .places import chain_relation

    toks = doc.sentence_tokens(m.sentence)
    nxt = min((o for o in places if o.sentence == m.sentence and o.start >= m.end and o.place is not None),
              key=lambda o: o.start, default=None)
    rel = chain_relation(toks, m.end, nxt.start) if nxt is not None else None
    return (nxt, rel) if rel else (None, None)


def heard_places(doc: Document, heard: list[Mention], country: Optional[str], gaz,
                 places: list[Mention] = ()) -> list[Mention]:
    """The words ner.heard_places proposed, matched by sound to a town of the article's own country
    (``country``, ISO3) only, or of the country of the known place they are chained to (غومبيه
    شمال شرقي نيجيريا in a Cameroonian report): those heard as none are dropped from the document.
    A name after a neighbourhood word (حي بونريه) is a part of a town, not heard: it is kept, to be
    coded at the report's known town. Returns those kept."""
    near = known_divisions(places)
    for m in heard:
        if is_neighbourhood(doc, m):  # حي بونريه: a part of the town the report is in, no town
            continue
        container, rel = _container(doc, m, places)
        own = container.place.iso3 if container is not None else country
        if own:
            _hear(doc, m, frozenset([own]), gaz, near)
        if m.place is None and own and " " in m.norm:  # منطقة بركي براك: else its first word alone
            first = m.norm.split()[0]
            m.end, m.text, m.norm = m.start + len(m.text.split()[0]), m.text.split()[0], first
            _hear(doc, m, frozenset([own]), gaz, near)
        admin1 = container.place.admin1 if container is not None and rel != "by" else None
        if admin1 and m.place is not None and m.place.admin1 != admin1:  # مدينة شقرة، في أبين: not Taiz's namesake
            m.place = gaz.anchored(m.text, [container.place])
            m.ext["container"] = container.text
    unheard = {id(m) for m in heard if m.place is None and not is_neighbourhood(doc, m)}
    if unheard:  # a rare word where a place could stand, heard as no town of the article's country
        doc.mentions = [m for m in doc.mentions if id(m) not in unheard]
    return [m for m in heard if id(m) not in unheard]


def known_divisions(places: list[Mention]) -> set[tuple[str, str]]:
    """(iso3, admin1) of the places of the article already linked."""
    return {(m.place.iso3, m.place.admin1) for m in places if m.place is not None and m.place.admin1}


def countries_by_name(places: list[Mention], gaz) -> frozenset[str]:
    """ISO3 of the countries the place mentions name by name (باكستان, not كراتشي)."""
    return frozenset(m.place.iso3 for m in places if m.place is not None and gaz.is_country(m.place))


def sentence_countries(m: Mention, places: list[Mention], gaz) -> frozenset[str]:
    """ISO3 of the countries named by name in the mention's sentence (مدينة دجلة في جنوب شرق تركيا)."""
    return countries_by_name([o for o in places if o.sentence == m.sentence], gaz)


def _hear(doc: Document, m: Mention, countries: frozenset[str], gaz, near=(), prefer=()) -> None:
    """Match one name by sound among the places of ``countries`` (of those alike, one in a country
    of ``prefer``, then one in a first-level division of ``near``, the (iso3, admin1) of the
    article's known places)."""
    m.place = gaz.resolve_cross_script(m.norm, countries, qualifier=place_qualifier(doc, m), near=near, prefer=prefer)
    if m.place is not None:
        m.ext.pop("dropped", None)
        m.ext["cross_script"] = True


def capitals_for_governments(doc: Document, places: list[Mention], gaz) -> None:
    """A national capital named outside a place context (بدأت أنقرة حملة، استدعاء إسلام آباد للسفير)
    stands for its government: it keeps its place, but ``ext["metonymy"]`` tells the event stages it
    is not where anything happened. In a place context (في أنقرة), after a designator or a chain
    word (وسط صنعاء، العاصمة صنعاء), or as the dateline at the head of the article, it is the city."""
    from .places import after_word, chain_words

    for m in places:
        if m.place is None or m.ext.get("rule") == "capital" or not gaz.is_national_capital(m.place) \
                or gaz.country_of(m.norm):  # الكويت, تونس: the country's name too
            continue
        toks, first = _position(doc, m)
        if in_context(doc, m) or designated(doc, m) or first == 0 and m.sentence == 0 \
                or after_word(toks, first, chain_words()[0]):
            continue  # في أنقرة، مدينة X، وسط صنعاء، العاصمة صنعاء, the dateline
        m.ext["metonymy"] = "government"


class Link(Stage):
    """Attach schemas.Place to PLACE mentions and schemas.Actor to ACTOR mentions."""

    name = "link"
    requires = frozenset({"mentions"})
    provides = frozenset({"links"})

    def __call__(self, doc: Document) -> Document:
        from .actors import ActorDictionary
        from .places import Gazetteer

        gaz, actors = Gazetteer.default(), ActorDictionary.default()
        places = [m for m in doc.mentions if m.type == "PLACE" and not is_month_name(m) and not is_adjective(doc, m)]
        read_off_conjunction(doc, places, gaz)
        # the other names that choose among a name's readings; a bare word whose every reading is a
        # village abroad (الدالي, a surname) is none: it would pull الجيزة to a Syrian village
        names = [m.norm for m in places if in_context(doc, m) or designated(doc, m)
                 or not gaz.only_minor_readings(m.norm)]
        heard = [m for m in places if m.ext.get("rule") == "heard"]  # read by sound alone (heard_places)
        places = [m for m in places if m.ext.get("rule") != "heard"]
        for m in places:  # first pass: no country hint, to learn the article's country
            if m.ext.get("rule") == "capital":
                m.place = gaz.capital(gaz.iso3_of(m.ext["country"]), doc.published) if m.ext.get("country") else None
            else:
                m.place = gaz.resolve(m.norm, context_places=names)
        country = article_country(doc, gaz)
        named = named_countries(places, gaz, doc)
        for m in places:
            qualifier = place_qualifier(doc, m)
            m.ext["qualifier"] = qualifier
            if m.ext.get("rule") == "capital":  # العاصمة: the capital of the article's country
                if not m.ext.get("country"):
                    m.place = gaz.capital(country[1], doc.published) if country else None
                continue
            m.place = gaz.resolve(m.norm, context_places=names, qualifier=qualifier,
                                  country_hint=country[0] if country else None, countries=named)
        adjective_places(doc, places, gaz)
        said = named or adjective_countries(doc, gaz)  # the countries the text names, else its adjectives name
        heard_divisions(doc, places, said or frozenset([country[1]] if country else ()), gaz)
        abroad_common_words(places, country, gaz)
        contained(doc, places, gaz)
        country = article_country(doc, gaz)
        foreign_places(doc, places, named_countries(places, gaz, doc), country, gaz)
        in_sentence, by_name = grouped(places, "sentence"), grouped(places, "norm")
        # a big city of a country named by name stays there (مومباي beside باكستان and الهند)
        countries_named = countries_by_name(places, gaz)
        for m in places:  # صلاح الدين جنوبي طرابلس in a Libyan report: a Libyan locality, not Iraq's province
            if m.place is not None and country and m.place.iso3 != country[1] \
                    and not (gaz.is_big_city(m.place) and m.place.iso3 in countries_named) \
                    and not gaz.is_country(m.place) and not gaz.country_of(m.norm) and "container" not in m.ext \
                    and not gaz.is_national_capital(m.place):  # أنقرة beside سورية is still Ankara
                near = [o.place for o in in_sentence[m.sentence] if o.place is not None
                        and o.place.iso3 == country[1]]
                if near:
                    m.place = gaz.anchored(m.text, near)
                    m.ext["anchored"] = True
        for m in places:  # one reading per article: the name told again without a neighbour (عمران)
            if m.place is not None and country and m.place.iso3 != country[1] and "anchored" not in m.ext:
                same = next((o.place for o in by_name[m.norm] if o.ext.get("anchored")), None)
                if same is not None:
                    m.place = same
        country = article_country(doc, gaz)  # what foreign_places left: a dropped village abroad points nowhere
        cross_script(doc, places, said or frozenset([country[1]] if country else ()), gaz)
        places += heard_places(doc, heard, country[1] if country else None, gaz, places)
        known = [m for m in places if m.place is not None]
        known_in, anywhere = grouped(known, "sentence"), None
        for m in places:  # unknown names: coded at a known place of their own sentence, else the article's
            if m.place is None and (m.source != "gazetteer" or m.ext.get("dropped") == FAR_ABROAD) \
                    and m.ext.get("rule") != "capital":
                near = [o.place for o in known_in.get(m.sentence, ())]
                if not near and anywhere is None:  # the article's most specific known place, found once
                    anywhere = [gaz.most_specific([o.place for o in known])]
                far = m.ext.get("dropped") == FAR_ABROAD  # a name the gazetteer holds, but not here
                m.place = (gaz.anchored if far else gaz.resolve_unknown)(m.text, near or anywhere)
                if far and m.place is not None:
                    m.ext["anchored"] = m.ext.pop("dropped")
            if m.place is not None:  # keep the Arabic as written, not its normalised form
                m.place = m.place.model_copy(update={"location_ar": m.text})
        capitals_for_governments(doc, places, gaz)
        country = article_country(doc, gaz) or adjective_country(doc, gaz)
        doc.ext["country"] = country
        for m in doc.mentions:
            if m.type == "ACTOR":
                m.actor = actors.link(m.norm, country=country[0] if country else None, date=doc.published)
        state_units(doc, actors)
        state_adjectives(doc, actors)
        group_adjectives(doc)
        civilian_members(doc, actors, country[0] if country else None)
        doc.provided |= self.provides
        return doc
