"""Merge stage: event mentions of one incident become one schemas.Event.

A headline, a lead and a body paragraph often report the same incident with
different words (مقتل العشرات …, مواجهات مع …, الهجوم الذي شنه …). Mentions are
one incident when their types are of one family, their places are compatible
(the same place, or one inside the other), their dates agree, and their actors
do not contradict each other (``incident``: the notions the cross-article dedupe shares). The event takes the most specific place, the most
precise date, the most conservative figures, and keeps the evidence of all.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import Optional

from conflict_events.schemas import Actor, Event, Evidence

from .actors import UNIDENTIFIED, ActorDictionary
from .casualties import add_missing_counts, combine_counts, share, with_bombers
from .document import OPINION, RECALL_CUE, Document, EventMention
from .events import ARMED, TOLL_CLASSES, modality, names_again, suicide_nouns
from .incident import (FAMILIES, actor_key, actors_agree, dates_compatible, is_region, places_compatible,
                       sub_event_families, sub_events_compatible)
from .normalize import normalize_for_matching
from .resources import load_yaml
from .stage import Stage

# sub-events a suicide bombing overrides (the same incident told by its blast or as an attack)
EXPLOSIONS = "Explosions/Remote violence"
SUICIDE = "Suicide bomb"
SUICIDE_OVERRIDES = {"Remote explosive/landmine/IED", "Attack", "Grenade", "Shelling/artillery/missile attack"}
STRIKE_FROM_AFAR = "strike from afar"  # the family of sub_event_families.yaml of air strikes and shelling
WEAPONS = SUICIDE_OVERRIDES - {"Attack"} | {"Air/drone strike", "Chemical weapon"}
# Non-violent developments: deaths told beside them (bodies exchanged, a toll before a truce) are not theirs.
NO_FATALITIES = {"Agreement", "Non-violent transfer of territory", "Headquarters or base established",
                 "Change to group/activity", "Other"}  # Other: mass graves (old deaths) and releases


def _role_name(m) -> Optional[str]:
    """A role's side for comparison (incident.actor_key of its actor)."""
    return actor_key(m.actor if m is not None else None)


def _actors_agree(a: EventMention, b: EventMention) -> bool:
    """The two mentions share an actor, or no role holds two different actors."""
    return actors_agree(*(_role_name(x) for x in (a.actor1, a.actor2, b.actor1, b.actor2)))


def compatible(group: list[EventMention], em: EventMention) -> bool:
    """Whether an event mention can join a group of mentions of one incident."""
    if any(FAMILIES[g.event_type] != FAMILIES[em.event_type] for g in group):
        return False
    # rapes told of a raid are their own event beside the attack (ACLED codes sexual violence apart)
    if any((g.sub_event_type == SEXUAL) != (em.sub_event_type == SEXUAL) for g in group):
        return False
    # a development done by one side and one done to it are two events (cars burnt by settlers, then
    # the settlers arrested), while an arrest and the weapons seized in the same raid are one
    if em.event_type == STRATEGIC and any(_roles_swapped(g, em) for g in group):
        return False
    if not all(places_compatible(g.linked_place, em.linked_place) for g in group):
        return False
    if not all(dates_compatible(g.date, em.date) or _next_day_same_place(g, em) for g in group):
        return False
    if _told_again(em):
        return True  # «خمسة أشخاص قتلوا في هذا الهجوم»: the attack told before, whoever it named
    if any(_struck_apart(g, em) for g in group):
        return False
    suicide = any(m.sub_event_type == SUICIDE for m in (*group, em))
    return all(_actors_agree(g, em) or _victims_told_apart(g, em, suicide) for g in group if not _told_again(g))


def _struck_apart(a: EventMention, b: EventMention) -> bool:
    """A strike from afar and an act of another kind, each by a side of its own (the coalition's
    planes bomb the rebels' positions by the town the resistance takes that day): two events, even
    with the rebels the target of both."""
    far = [sub_event_families().get(m.sub_event_type, frozenset()) >= {STRIKE_FROM_AFAR} for m in (a, b)]
    if far[0] == far[1] or sub_events_compatible(a.sub_event_type, b.sub_event_type):
        return False
    a1, b1 = _role_name(a.actor1), _role_name(b.actor1)
    return bool(a1 and b1 and a1 != b1)


def _told_again(em: EventMention) -> bool:
    """The incident told before, by a bare definite noun with no side named (its sides are the
    incident's, so they neither bar nor decide a join)."""
    return _tells_again(em) and _roles_only_implied(em)


def _tells_again(em: EventMention) -> bool:
    """The mention names its act only by a bare definite noun (الهجوم، القصف), beside at most the
    toll of it (قتلوا في هذا الهجوم): the incident told before."""
    acts = [t for t in em.ext.get("triggers", ()) if t.get("role") == "action"] or \
        [{"text": em.trigger_text, "class": ""}]
    named = [t for t in acts if names_again(t["text"])]
    return bool(named) and all(t in named or t.get("class") in TOLL_CLASSES for t in acts)


def _roles_only_implied(em: EventMention) -> bool:
    """The mention names no side of its own: its actors, if any, are implied by its words (an
    unidentified attacker, civilian victims), not read from a name in the text."""
    rules = [ev.get("rule", "") for ev in em.ext.get("evidence", ()) if ev.get("field") in ("actor1", "actor2")]
    return all(r.startswith("implied") for r in rules)


def _victims_told_apart(a: EventMention, b: EventMention, suicide: bool) -> bool:
    """The same act by the same side, its target named as a force in one sentence and as the
    civilians it killed in another (تفجير مسجد قوات الطوارئ … استشهاد 13 من المصلين): one incident.
    ``suicide``: the incident is a suicide bombing, which its blast or attack also tells."""
    if not _same_act(a, b, suicide) or _role_name(a.actor1) != _role_name(b.actor1):
        return False
    inters = {m.actor.inter for m in (a.actor2, b.actor2) if m is not None and m.actor is not None}
    return len(inters) == 2 and 7 in inters


def _same_act(a: EventMention, b: EventMention, suicide: bool) -> bool:
    """The same kind of act; in a suicide bombing (``suicide``) its blast and its attack are that
    bombing told again (انتحاري يفجر نفسه في مسجد … استشهدوا في تفجير المسجد)."""
    subs = {a.sub_event_type, b.sub_event_type}
    if len(subs) == 1:
        return True
    return suicide and all(em.sub_event_type == SUICIDE or _no_weapon_named(em) and (
        em.sub_event_type in SUICIDE_OVERRIDES or _attack_on_a_force(em)) for em in (a, b))


def _attack_on_a_force(em: EventMention) -> bool:
    """An armed clash read from a bare attack on a force (استهداف مسجد قوات الطوارئ), no fighting told:
    in a suicide bombing, that bombing told again."""
    return em.sub_event_type == "Armed clash" and not any(
        t.get("class") == "clash" for t in em.ext.get("triggers", ()))


def _no_weapon_named(em: EventMention) -> bool:
    """No word of the mention names a weapon (عبوة ناسفة، قذيفة): its type came from a bare blast or
    attack (تفجير المسجد، استهداف), which a suicide bombing may be."""
    return not any(t.get("class") in WEAPONS for t in em.ext.get("triggers", ()))


def _roles_swapped(a: EventMention, b: EventMention) -> bool:
    """The actor of one mention is the target of the other (a different act, not the same told twice)."""
    a1, a2, b1, b2 = (_role_name(x) for x in (a.actor1, a.actor2, b.actor1, b.actor2))
    return bool((a1 and a1 == b2 and a1 != b1) or (a2 and a2 == b1 and a2 != b2))


def _next_day_same_place(a: EventMention, b: EventMention) -> bool:
    """One day apart, the same kind of event at the same named place: one incident told with two
    date cues (ليل الخميس الجمعة; أمس counted from a lagging crawl date in one sentence, the named
    weekday in another), not two. Two unknown villages coded at the town they lie near are two
    places (a patrol hit in كرانة on Saturday, another in العكر on Sunday, both near Manama)."""
    da, db, pa, pb = a.date, b.date, a.linked_place, b.linked_place
    return bool(da and db and da.date and db.date and abs((da.date - db.date).days) == 1
                and a.sub_event_type == b.sub_event_type and pa is not None and pb is not None
                and pa.iso3 == pb.iso3 and pa.location == pb.location and _may_be_one_place(pa, pb))


def _may_be_one_place(pa, pb) -> bool:
    """False for two places the gazetteer does not hold, written differently: each was coded at the
    known place it lies near, so sharing that place's name does not make them one."""
    if pa.id or pb.id:
        return True
    return normalize_for_matching(pa.location_ar or "") == normalize_for_matching(pb.location_ar or "")


def group_mentions(mentions: list[EventMention]) -> list[list[EventMention]]:
    """Greedy grouping in text order: each mention joins the first compatible group."""
    groups: list[list[EventMention]] = []
    for em in mentions:
        for g in groups:
            if compatible(g, em):
                g.append(em)
                break
        else:
            groups.append([em])
    return groups


VIOLENT_DEMONSTRATION = "Violent demonstration"


def choose_type(group: list[EventMention]) -> EventMention:
    """The mention whose type the incident takes.

    Two armed sides fighting make a battle even when one used a car bomb (ACLED
    codes the whole assault as Armed clash); otherwise the type most mentions
    give, and within it the most confident mention that does not merely refer
    back (الغارة الجوية … القصف: an air strike).
    """
    # a bare الهجوم only names the incident again, and a toll with no perpetrator named (مقتل 17
    # حوثيًا) only counts its dead: neither makes a battle of a suicide car bomb or an air strike
    # ... nor does a bare attack on a force (استهداف مسجد قوات الطوارئ) when the group tells a blast
    blast = any(em.event_type == "Explosions/Remote violence" for em in group)
    battles = [em for em in group if em.event_type == "Battles" and not _refers_back(em) and not _casualties_only(em)
               and not (blast and _attack_on_a_force(em) and _no_weapon_named(em))]
    if battles and any(_two_armed_sides(em) for em in group):
        return max(battles, key=lambda em: em.confidence)
    votes = Counter(em.event_type for em in group)
    best_type = max(votes, key=lambda t: (votes[t], -min(i for i, em in enumerate(group) if em.event_type == t)))
    # a demonstration in which the crowd turned violent (رشق عدد من المواطنين أفراد الأمن بالحجارة) is a
    # violent demonstration however many mentions tell only the protest (ACLED)
    # ... and a riot in which the crowd also fought the forces (ورشق القوات بالحجارة، ترويع المواطنين)
    # is a violent demonstration, not mob violence
    violent = [em for em in group if em.sub_event_type == VIOLENT_DEMONSTRATION]
    if best_type in ("Protests", "Riots") and violent:
        return max(violent, key=lambda em: em.confidence)
    return max((em for em in group if em.event_type == best_type),
               key=lambda em: (not _refers_back(em), em.confidence))


def _sub_event(group: list[EventMention], head: EventMention) -> str:
    """ACLED precedence: an explosion or attack of the incident that any mention tells as a suicide
    bombing (فجرت نفسها، هاجم انتحاريان) is a Suicide bomb, whatever the others call it."""
    if head.sub_event_type in SUICIDE_OVERRIDES and any(
            em.sub_event_type == SUICIDE or _suicide_actor(em) for em in group):
        return SUICIDE
    return head.sub_event_type


def _suicide_actor(em: EventMention) -> bool:
    """The mention's perpetrator is named as a suicide bomber (انتحاريان)."""
    m = em.actor1
    return m is not None and any(w in suicide_nouns() for w in normalize_for_matching(m.text).split())


def _refers_back(em: EventMention) -> bool:
    """A bare definite noun (القصف، الهجوم) names the incident told before; it does not say how."""
    return names_again(em.trigger_text)


def _two_armed_sides(em: EventMention) -> bool:
    a1 = em.actor1.actor if em.actor1 is not None else None
    a2 = em.actor2.actor if em.actor2 is not None else None
    return bool(a1 and a2 and a1.inter in ARMED and a2.inter in ARMED and a1.name != a2.name)


def _most_common_actor(group: list[EventMention], role: str):
    """The actor mention most often in a role across the group (first seen on a tie); a named
    actor wins over the unidentified-group filler of a mention that names no perpetrator
    (headline «مقتل 5 عسكريين بانفجار عبوة» + body «عبوة زرعها عناصر من ولاية سيناء»)."""
    found = [getattr(em, role) for em in group if getattr(em, role) is not None and getattr(em, role).actor]
    found = [m for m in found if not m.actor.name.startswith(UNIDENTIFIED)] or found
    if not found:
        return None
    votes = Counter(m.actor.name for m in found)
    top = max(votes.values())
    return next(m for m in found if votes[m.actor.name] == top)


def _best_place(group: list[EventMention]):
    """The most specific linked place mention: a town over a region standing for its governorate."""
    found = [em.place for em in group if em.place is not None and em.place.place is not None]
    if not found:
        return None

    def broad(p) -> bool:
        return is_region(p) and any(o.place.location != p.location and o.place.admin1 == p.admin1 for o in found)

    return min(found, key=lambda m: (broad(m.place), m.place.geo_precision, m.place.admin3 is None,
                                     m.place.admin2 is None))


def _best_date(group: list[EventMention]):
    """The most precise date of the group (day before week before month); among equals, one the
    mention's own sentence states before one inherited, before the published-date default."""
    found = [em.date for em in group if em.date is not None and em.date.date is not None]
    if not found:
        return next((em.date for em in group if em.date is not None), None)
    return min(found, key=lambda d: (d.precision or 9, _date_evidence_rank(d.rule)))


def _date_evidence_rank(rule: str) -> int:
    """0 a date the sentence states, 1 one inherited from before, 2 a default (published, caption)."""
    if rule.startswith(("inherited:", "lead:")):
        return 1
    return 2 if rule in ("published", "article-day", "caption", "none") else 0


class Merge(Stage):
    """Join event mentions of one incident into one event with all their evidence."""

    name = "merge"
    requires = frozenset({"event_mentions", "casualties", "dates"})
    provides = frozenset({"events"})

    def __call__(self, doc: Document) -> Document:
        doc.events = []
        told = [em for em in doc.event_mentions
                if (not em.ext.get("background") or _recent_incident(doc, em)) and not _history(doc, em)
                and not _commemorated(doc, em)]
        accident = accident_cue(doc, told) if told else None
        if accident is not None:
            doc.warnings.append(f"not coded: {len(told)} report(s) of deaths or injuries only, in an article "
                                f"that tells an accident or disaster ('{accident}')")
            told = []
        told = split_listed_places(fold_withdrawals(fold_references(fold_casualty_reports(fold_other_sides_dead(told)))))
        suspects, air_force = sole_armed_group(doc), sole_air_force(told)
        for group in group_mentions(told):
            event = self.event(doc, group, len(doc.events), suspects, air_force)
            reason = uncodable(event)
            if reason:  # ACLED codes no event without an actor; say so on the document
                doc.warnings.append(f"not coded: {event.sub_event_type} at "
                                    f"'{group[0].trigger_text}' ({reason})")
                continue
            doc.events.append(event)
        doc.provided |= self.provides
        return doc

    def event(self, doc: Document, group: list[EventMention], index: int, suspects: list = (),
              air_force: Optional[dict] = None) -> Event:
        """The schemas.Event for one group of mentions."""
        head = choose_type(group)
        sub_event = _sub_event(group, head)
        same_type = [em for em in group if em.event_type == head.event_type] or group
        a1 = _most_common_actor(same_type, "actor1") or _most_common_actor(group, "actor1")
        a2 = _most_common_actor(same_type, "actor2") or _most_common_actor(group, "actor2")
        # a violent demonstration takes the most specific place of its whole protest (Ferguson, not Missouri)
        place_m = _best_place(group if sub_event == VIOLENT_DEMONSTRATION else same_type) or _best_place(group)
        force = (air_force or {}).get(place_m.place.country) if place_m is not None else None
        if sub_event == AIR_STRIKE and force is not None and (a1 is None or a1.source == "implied") \
                and _role_name(force) != _role_name(a2):
            a1 = force  # وشن 6 غارات على تجمع للمتمردين: by the one air force the report names striking there
        hit = next((em.actor2 for em in same_type if em.ext.get("actor2_hit") and em.actor2 is not None), None)
        if hit is None and sub_event == SUICIDE:  # a suicide bomber's target is the force he
            # went for, told beside the civilians the blast killed; an air strike's victims are its target
            hit = next((em.actor2 for em in same_type if em.actor2 is not None and em.actor2.actor is not None
                        and em.actor2.actor.inter == 1), None)
        if hit is not None and (a2 is None or (a2.actor is not None and a2.actor.inter == 7)):
            a2 = hit  # the force whose post or mosque was hit is the target; the civilians killed are its toll
        if a1 is not None and a2 is not None and a1.actor.name == a2.actor.name:
            a2 = None
        date = _best_date(group)
        counts = combine_counts([em.counts for em in group])
        evidence = [Evidence(field="event_type", start=em.trigger.start, end=em.trigger.end,
                             text=doc.text[em.trigger.start:em.trigger.end]) for em in group]
        for field, m in (("actor1", a1), ("actor2", a2), ("location", place_m)):
            if m is not None:
                evidence.append(Evidence(field=field, start=m.start, end=m.end, text=m.text))
        fields = {"killed": "fatalities", "injured": "injured", "abducted": "abducted", "arrested": "arrested"}
        for kind, c in counts.items():
            evidence.append(Evidence(field=fields.get(kind, kind), start=c.start, end=c.end,
                                     text=doc.text[c.start:c.end]))
        if date is not None and date.start >= 0:
            evidence.append(Evidence(field="event_date", start=date.start, end=date.end,
                                     text=doc.text[date.start:date.end]))
        warnings = list(dict.fromkeys([w for em in group for w in em.warnings] + (date.warnings if date else [])))
        if place_m is None:
            warnings.append("no location found in the text")
        assoc1 = _assoc(group, "assoc_actor_1", a1)
        assoc2 = _assoc(group, "assoc_actor_2", a2)
        civ = any(em.civilian_targeting for em in same_type)
        event = Event(
            article_id=doc.id, event_index=index,
            event_date=date.date if date else None, time_precision=date.precision if date and date.date else None,
            event_type=EXPLOSIONS if sub_event == SUICIDE else head.event_type, sub_event_type=sub_event,
            actor1=a1.actor if a1 else None, actor2=a2.actor if a2 else None,
            assoc_actor_1=assoc1, assoc_actor_2=assoc2, civilian_targeting=civ,
            place=place_m.place if place_m else None,
            fatalities=_fatalities(doc, group, counts, head, sub_event),
            injured=counts["injured"].value if "injured" in counts else None,
            abducted=counts["abducted"].value if "abducted" in counts else None,
            arrested=counts["arrested"].value if "arrested" in counts else None,
            source=doc.source, published=doc.published, url=doc.url, evidence=evidence, context=report_context(doc, group),
            warnings=warnings,
            confidence=min(1.0, max(em.confidence for em in group) + 0.05 * (len(group) - 1)),
        )
        killed = counts["killed"].value if "killed" in counts else 0
        if event.sub_event_type == SUICIDE and event.fatalities > killed:
            event.warnings.append(f"fatalities count the {event.fatalities - killed} suicide bomber(s) (ACLED)")
        attribute(event, suspects)
        lost_by(event, doc)
        one_side_held(event)
        armed_target(event)
        national_seat(event)
        event.notes = summary(event, place_m.ext.get("qualifier") if place_m else None)
        return event


CONTEXT_SENTENCES = 3  # the first sentences of an event kept in its context
CONTEXT_CHARS = 300  # of each, around its trigger


def report_context(doc: Document, group: list[EventMention]) -> str:
    """The sentences that report an event (those of its first CONTEXT_SENTENCES triggers, in text
    order), each cut to CONTEXT_CHARS characters around its trigger, joined by ' … ': what a
    reader, or the cross-article dedupe, compares between two reports."""
    parts: dict[int, str] = {}
    for em in sorted(group, key=lambda e: e.trigger.start):
        if len(parts) == CONTEXT_SENTENCES:
            break
        if em.sentence not in parts and 0 <= em.sentence < len(doc.sentences):
            s = doc.sentences[em.sentence]
            parts[em.sentence] = _around(doc.text, s.start, s.end, em.trigger.start)
    return " … ".join(parts.values())


def _around(text: str, start: int, end: int, at: int) -> str:
    """text[start:end], whitespace collapsed, cut to about CONTEXT_CHARS characters centred on ``at``
    at word boundaries."""
    if end - start > CONTEXT_CHARS:
        lo = max(start, min(at - CONTEXT_CHARS // 2, end - CONTEXT_CHARS))
        hi = min(end, lo + CONTEXT_CHARS)
        if lo > start:
            lo = text.find(" ", lo, at) + 1 or lo
        if hi < end:
            cut = text.rfind(" ", at, hi)
            hi = cut if cut > at else hi
        start, end = lo, hi
    return " ".join(text[start:end].split())


SEXUAL = "Sexual violence"
STRATEGIC = "Strategic developments"
CASUALTY_ONLY = TOLL_CLASSES | {"shooting"}  # killed or wounded (بالرصاص الحي: by gunfire), nothing else


def _actions(em: EventMention) -> list[dict]:
    """The action triggers of an event mention, as recorded in its ext."""
    return [t for t in em.ext.get("triggers", ()) if t.get("role") == "action"]


def _fold_into_previous(mentions: list[EventMention], tells_again) -> list[EventMention]:
    """Mentions for which ``tells_again(prev, em)`` holds, prev being the last mention kept before
    them, give their figures to prev (for the kinds it has none of) and make no event of their own."""
    out: list[EventMention] = []
    for em in mentions:
        if out and tells_again(out[-1], em):
            add_missing_counts(out[-1], em.counts)
            continue
        out.append(em)
    return out


def _no_perpetrator_named(em: EventMention) -> bool:
    """The mention's actor1 is none, or only implied by its wording (an unidentified group)."""
    return em.actor1 is None or em.actor1.source == "implied"


def _casualties_only(em: EventMention) -> bool:
    """Deaths or injuries and nothing else (no weapon, no act), with no perpetrator named."""
    triggers = em.ext.get("triggers", ())
    return bool(triggers) and all(t.get("role") == "action" and t["class"] in TOLL_CLASSES for t in triggers) \
        and _no_perpetrator_named(em)


def accident_cue(doc: Document, mentions: list[EventMention]) -> Optional[str]:
    """The cue of an article that tells an accident or a disaster (a trigger dropped as not political:
    انقلاب المركبة، حادث مروري، سيول) and otherwise only deaths and injuries with no perpetrator (وفاة
    طفلة وإصابة 8 من أفراد أسرتها): those are the accident's, not political violence. None otherwise."""
    drop = next((t for t in doc.ext.get("dropped_triggers", ()) if t.get("reason") == "drop:not_political"), None)
    if drop is None or not all(_casualties_only(em) for em in mentions):
        return None
    return drop.get("cue") or drop["text"]


def _toll_of(prev: EventMention, em: EventMention) -> bool:
    """A mention that only reports casualties with no perpetrator named, in the sentence right
    after a violent incident at a compatible place (… اشتباكات عنيفة. وأعلنت وزارة الصحة إصابة ٢١
    مواطناً بالرصاص الحي), is that incident's toll."""
    actions = {t["class"] for t in _actions(em)}
    return bool(actions & TOLL_CLASSES and actions <= CASUALTY_ONLY
                and em.sentence - prev.sentence == 1
                and FAMILIES[prev.event_type] in ("violence", "demonstrations")
                and _no_perpetrator_named(em)
                and places_compatible(prev.linked_place, em.linked_place)
                and not _period_toll_apart(prev, em))


def _period_toll_apart(prev: EventMention, em: EventMention) -> bool:
    """A toll told for a month (1332 عراقيا قتلوا … خلال شهر تموز الماضي) that the incident's day is
    not in: a tally of the period, not the incident's toll."""
    return em.date is not None and em.date.precision == 3 and not dates_compatible(prev.date, em.date)


def _reference_to(prev: EventMention, em: EventMention) -> bool:
    """A mention made only of bare definite act nouns (الاعتداءات، الهجوم) with no named actor of its
    own, in one of the two sentences after another incident at a compatible place, names that
    incident again (… وأضرموا النار في سبعة منازل. … بعد ساعتين من بدء الاعتداءات), whatever type
    the bare noun alone would give."""
    actions = _actions(em)
    return bool(actions and all(names_again(t["text"]) for t in actions)
                and 0 < em.sentence - prev.sentence <= 2
                and (_no_perpetrator_named(em) or (_role_name(em.actor1) or "").startswith(UNIDENTIFIED))
                and places_compatible(prev.linked_place, em.linked_place))


TWO_SIDED = ("Battles", "Explosions/Remote violence")  # event types whose toll may count both sides


def fold_other_sides_dead(mentions: list[EventMention]) -> list[EventMention]:
    """The dead of the other side told in a clause of their own after a fight in the same sentence,
    with no act or perpetrator of their own (أسفرت مواجهات عن مقتل 21 من الحوثيين، بينما قتل اثنان من
    القوات الشرعية): one incident, whose toll is both sides' (ACLED), and whose unnamed side is theirs."""
    out: list[EventMention] = []
    for em in mentions:
        prev = out[-1] if out else None
        if prev is None or not _other_sides_dead(prev, em):
            out.append(em)
            continue
        kinds = {c.kind: c for c in em.counts}
        summed = [replace(c, value=c.value + kinds[c.kind].value, start=min(c.start, kinds[c.kind].start),
                          end=max(c.end, kinds[c.kind].end), rule=f"sides({c.rule},{kinds[c.kind].rule})")
                  if c.kind in kinds else c for c in prev.counts]
        prev.counts = summed + [c for c in em.counts if c.kind not in {x.kind for x in prev.counts}]
        if _no_perpetrator_named(prev) and actor_key(em.actor2.actor) != _role_name(prev.actor2):
            prev.actor1 = em.actor2
            prev.cite("actor1", "the other side's dead")
    return out


def _other_sides_dead(prev: EventMention, em: EventMention) -> bool:
    """``em`` only counts the dead of a side it names (not an unnamed one), in the sentence of the
    fight ``prev`` and after it, at a compatible place, and that side is not the one ``prev`` hit."""
    actions = {t["class"] for t in _actions(em)}
    return bool(em.sentence == prev.sentence and prev.event_type in TWO_SIDED
                and actions & TOLL_CLASSES and actions <= CASUALTY_ONLY and _no_perpetrator_named(em)
                and em.actor2 is not None and em.actor2.source != "implied" and _role_name(em.actor2)
                and _role_name(em.actor2) != _side_hit(prev)
                and any(c.kind == "killed" for c in em.counts) and any(c.kind == "killed" for c in prev.counts)
                and places_compatible(prev.linked_place, em.linked_place))


def _side_hit(em: EventMention) -> Optional[str]:
    """The side whose dead a mention counts: its actor2, unless the two sides were read as the two
    of a fight (اشتباكات بين X وY), whose dead may be either's (None)."""
    rules = [ev.get("rule", "") for ev in em.ext.get("evidence", ()) if ev.get("field") == "actor2"]
    return None if "between X and Y" in rules else _role_name(em.actor2)


def fold_casualty_reports(mentions: list[EventMention]) -> list[EventMention]:
    """Casualty reports told after their incident (``_toll_of``) folded into it."""
    return _fold_into_previous(mentions, _toll_of)


def fold_references(mentions: list[EventMention]) -> list[EventMention]:
    """Bare definite nouns that name the incident before again (``_reference_to``) folded into it."""
    return _fold_into_previous(mentions, _reference_to)


def split_listed_places(mentions: list[EventMention]) -> list[EventMention]:
    """An act told of a list of places (roles.listed_places: قصفت الطائرات زنجبار وشقرة) as one
    mention per place, ACLED's unit, each with an even share of the figures told for the list (R24);
    a place's own figure told elsewhere (في زنجبار قتل ثلاثة) replaces its share when they merge."""
    out = []
    for em in mentions:
        listed = em.ext.get("listed_places")
        if not listed or em.place is None:
            out.append(em)
            continue
        n = 1 + len(listed)
        counts = [share(c, n) for c in em.counts]
        for m in [em.place, *listed]:
            out.append(replace(em, place=m, counts=list(counts), ext={**em.ext, "listed_places": []}))
    return out


REGAINED = "Government regains territory"
TAKEN_GROUND = (REGAINED, "Non-state actor overtakes territory")  # taken by force


def fold_withdrawals(mentions: list[EventMention]) -> list[EventMention]:
    """A withdrawal told in an article that reports a territorial change on a compatible date, by a
    side other than the one that took the ground (… سيطرت على قصر بن غشير … وقالت حكومة الوفاق إن
    قواتها انسحبت تكتيكياً), is the loser's account of that change: it makes no event of its own."""
    taken = [em for em in mentions if em.sub_event_type in TAKEN_GROUND]
    out = []
    for em in mentions:
        actions = {t["class"] for t in _actions(em)}
        if (actions == {"withdrawal"} and em.sub_event_type not in TAKEN_GROUND
                and any(dates_compatible(t.date, em.date) and _role_name(t.actor1) != _role_name(em.actor1)
                        for t in taken)):
            continue
        out.append(em)
    return out


AIR_STRIKE = "Air/drone strike"
AIR_FORCES = (1, 8)  # ACLED inter codes of the forces that fly strikes: state forces, foreign forces


def sole_air_force(mentions: list[EventMention]) -> dict:
    """Per country, the air force (a state's or a foreign force's Mention, ACLED inter 1 or 8) that
    every air strike of the report there naming its striker names, when they all name one
    (طيران التحالف told of some raids, the others told with no subject: وشن 6 غارات على تجمع
    للمتمردين); no entry when none is named or two are (Syrian and Russian raids)."""
    named: dict[str, list] = {}
    for em in mentions:
        m, place = em.actor1, em.linked_place
        if em.sub_event_type == AIR_STRIKE and m is not None and m.source != "implied" and m.actor is not None \
                and m.actor.inter in AIR_FORCES and place is not None:
            named.setdefault(place.country, []).append(m)
    return {country: ms[0] for country, ms in named.items() if len({_role_name(m) for m in ms}) == 1}


REBELS = 2  # ACLED's inter code of rebel groups (Islamic State, Boko Haram, the PKK, al-Shabaab)
REBELS_AND_MILITIAS = (2, 3)  # … and of political militias
ATTRIBUTABLE = ("Explosions/Remote violence", "Violence against civilians")


def sole_armed_group(doc: Document) -> list:
    """The mentions of the one rebel group (a dictionary actor of inter code 2) an article names, when
    it names no other (or names it DOMINANT times and each other once) and tells of no incident
    against it ([] otherwise): an attack or bombing the article tells with no perpetrator is that
    group's (بوكو حرام in a report of suicide bombings in Cameroon, حزب العمال الكردستاني in one of a
    roadside bomb in Turkey): the report names it as the suspect."""
    groups = [m for m in doc.mentions if m.type == "ACTOR" and m.actor is not None and m.source == "gazetteer"
              and m.actor.inter == REBELS and not m.actor.name.startswith("Unidentified")]
    counts = Counter(m.actor.name for m in groups).most_common()
    if not counts or (len(counts) > 1 and not _dominant(counts)):
        return []
    names = {counts[0][0]}
    groups = [m for m in groups if m.actor.name in names]
    if any(em.actor2 is not None and em.actor2.actor is not None and em.actor2.actor.name in names
           for em in doc.event_mentions):
        return []
    return groups


GOVERNMENT = "Government of"  # a government is a political actor, not a side that holds ground


def lost_by(event: Event, doc: Document) -> None:
    """A place taken with no loser named in its sentence (سيطرت القوات الموالية لهادي على زنجبار) was
    taken from the armed side the article is about: the one other armed actor of the event's country
    it names most, at least twice and more than any other (the Houthis, al-Shabaab), as ACLED's
    coders read it; none when no side stands out. So too the target of a state's or a foreign force's
    air strike no target or victim is named for (شن طيران التحالف غارات على مواقع في صعدة). The
    loser of a place a government took back, and the target of a strike, are of the rebel groups
    (inter 2) only: the side the state fights, not its allies on the ground (المقاومة الشعبية)."""
    if event.sub_event_type not in (*TAKEN_GROUND, AIR_STRIKE) or event.actor2 is not None or event.actor1 is None:
        return
    strike = event.sub_event_type == AIR_STRIKE
    if strike and event.actor1.inter not in AIR_FORCES:
        return
    own = actor_key(event.actor1)
    sides = Counter()
    first = {}
    for m in doc.mentions:
        a = m.actor if m.type == "ACTOR" and m.source == "gazetteer" else None
        if a is None or a.inter not in ((REBELS,) if strike or event.sub_event_type == REGAINED else ARMED) or a.name.startswith((UNIDENTIFIED, GOVERNMENT)) \
                or actor_key(a) == own \
                or a.country not in (None, event.place.country if event.place else None):
            continue
        sides[actor_key(a)] += 1
        first.setdefault(actor_key(a), m)
    ranked = sides.most_common(2)
    if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[1][1] >= ranked[0][1]:
        return
    m = first[ranked[0][0]]
    event.actor2 = m.actor
    event.evidence.append(Evidence(field="actor2", start=m.start, end=m.end, text=m.text))
    what = "the side struck" if strike else "the side that lost the place"
    event.warnings.append(f"{what} is not named with it; {m.actor.name}, the armed "
                          f"side the article names most")


def _at_home(group: Actor, country: Optional[str]) -> bool:
    """The group lies in no country, in ``country``, or has it among its home countries (بوكو حرام
    in Cameroon and Chad, the PKK in northern Iraq: the dictionary's ``home``)."""
    if group.country in (None, country):
        return True
    record = ActorDictionary.default().record(group.id) if group.id else None
    return record is not None and country in record.home


DOMINANT = 3  # a group named this often, every other one at most once, is the one the article is about


def _dominant(counts: list[tuple[str, int]]) -> bool:
    """The most named group is the article's subject: named DOMINANT times or more while every other
    one is named once (حركة الشباب six times, "المرتبطة بتنظيم القاعدة" once)."""
    return counts[0][1] >= DOMINANT and all(n == 1 for _, n in counts[1:])


def attribute(event: Event, groups: list) -> None:
    """Give an Unidentified Armed Group to the article's sole rebel group (sole_armed_group) when
    that lies in the event's country, in none, or is at home there (_at_home), citing its nearest
    naming: the perpetrator of an attack or bombing, the militants of an arrest (اعتقال خلية إرهابية)."""
    if not groups:
        return
    if event.event_type in ATTRIBUTABLE:
        slot, role = "actor1", "perpetrator"
    elif event.sub_event_type == "Arrests":
        slot, role = "actor2", "militants arrested"
    else:
        return
    actor = getattr(event, slot)
    if actor is None or not actor.name.startswith(UNIDENTIFIED) or not _at_home(groups[0].actor, actor.country):
        return
    trigger = next((ev.start for ev in event.evidence if ev.field == "event_type"), 0)
    group = min(groups, key=lambda m: abs(m.start - trigger))
    event.evidence = [ev for ev in event.evidence if ev.field != slot] + [
        Evidence(field=slot, start=group.start, end=group.end, text=group.text)]
    event.warnings.append(f"{role} not named; attributed to {group.actor.name}, the only armed group "
                          f"the article names")
    setattr(event, slot, group.actor)


# An event older than this at publication is recalled, not reported: the coding guide codes the
# incidents of the last week (RECENT_DAYS); three days more allow for a crawl date that lags the
# real publication date.
HISTORY_DAYS = 10


def _fatalities(doc: Document, group: list[EventMention], counts: dict, head: EventMention, sub_event: str) -> int:
    """The deaths of the incident; in a suicide bombing its bombers too (casualties.with_bombers)."""
    if head.sub_event_type in NO_FATALITIES:
        return 0
    if sub_event == SUICIDE:
        told = {normalize_for_matching(t["text"]) for em in group for t in em.ext.get("triggers", ())}
        sentences = sorted({em.sentence for em in group if 0 <= em.sentence < len(doc.sentences)})
        text = " ".join(doc.text[doc.sentences[i].start:doc.sentences[i].end] for i in sentences)
        return with_bombers(counts.get("killed"), told, text)
    return counts["killed"].value if "killed" in counts else 0


def one_side_held(event: Event) -> None:
    """The group its people belong to is who was arrested (اعتقلت امرأتان تنتميان لخلية … باسم تنظيم
    داعش), never also who arrested them: an arrest with one actor on both sides keeps it as actor2."""
    if event.sub_event_type == "Arrests" and event.actor1 is not None and event.actor2 is not None \
            and event.actor1.name == event.actor2.name:
        event.actor1 = None
        event.warnings.append("the arrested group cannot be its own arrester: actor1 left empty")


def armed_target(event: Event) -> None:
    """An attack whose target is an armed actor (a patrol, a militia's commander) is a battle, not
    violence against civilians: ACLED's Attack has civilians as its targets."""
    if event.sub_event_type == "Attack" and event.actor1 is not None and event.actor2 is not None \
            and event.actor2.inter in ARMED:
        event.event_type, event.sub_event_type, event.civilian_targeting = "Battles", "Armed clash", False
        event.warnings.append("an attack on an armed actor is coded as an armed clash")


def _history(doc: Document, em: EventMention) -> bool:
    """An event dated more than HISTORY_DAYS before publication (أحرق منزلاً عام 2015 in a 2020
    court report, هجوم منتصف يونيو الماضي in a late-July report, تفجير سوروج في 20 يوليو in a
    report of 1 August) is background the article recalls: the news reported it when it happened."""
    d = em.date
    return bool(d is not None and d.date is not None and doc.published
                and (doc.published - d.date).days > HISTORY_DAYS)


def _commemorated(doc: Document, em: EventMention) -> bool:
    """In an article whose headline marks an anniversary (اليابان تحيي الذكرى الـ70 لإلقاء القنبلة), an
    act of violence the text gives no day of its own is the one remembered, history: the crowds
    that gather for the day are still news."""
    if not doc.title or em.event_type in ("Protests", "Riots", STRATEGIC):
        return False
    words = modality().commemoration
    if not any(w in words for w in normalize_for_matching(doc.title).split()):
        return False
    return em.date is None or not em.date.rule.startswith(OWN_DAY_RULES)


RECENT_DAYS = 7  # ACLED codes an incident of the last week even when the article recalls it
OWN_DAY_RULES = ("relative-day", "weekday", "absolute", "numeric", "day-month-no-year", "hijri")


def _recent_incident(doc: Document, em: EventMention) -> bool:
    """A background clause that names its own day within the last RECENT_DAYS (ويأتي الحادث بعد
    يوم من … تفجير وقع أمس الأول الاثنين في بلدة سوروج), or an opinion piece's (genre stage), recalls
    an incident of the past week: the coding guide codes it; a recap over a period, a state since an
    event (منذ, modality.yaml period_cues), the news a tying cue governs before its بعد (tying_cues)
    or a recall without its own day stays background."""
    d = em.date
    if em.ext.get("background_reason") not in (RECALL_CUE, OPINION) or d is None or d.date is None:
        return False
    if "background_cue" in em.ext:
        mod, toks = modality(), doc.sentence_tokens(em.sentence)
        first, after, act = em.ext["background_cue"]
        if first < act and 0 <= d.start < toks[first].start:
            return False  # أعلنت جيبوتي أول من أمس … النزاع الذي أسفر عن مقتل: the report's day, not the incident's
        if mod.period_cues.match_at(toks, first):
            return False  # منذ تحرير المدينة
        if mod.tying_cues.match_at(toks, first):
            recall = next((t for t in toks[after:act] if t.norm in mod.recall_words), None)
            if recall is None:
                return False  # وتأتي السيطرة على دينسور بعد …: the news the cue ties, not the incident recalled
            if d.start < recall.start:
                return False  # وجاءت تصريحاته أمس بعد أيام على تحرير عدن: the statement's day
        if mod.statement_cues.match_at(toks, first):
            if d.start < em.trigger.start:
                return False  # دانت الجزائر أمس التفجير: the condemnation's day, not the incident's
            ids = mod.clauses(toks, statement=True)
            at = next((i for i, t in enumerate(toks) if t.start >= d.start), len(toks) - 1)
            if ids[at] != ids[first]:
                return False  # …، فيما قتل مسلحون شرطيا أمس: another clause's day
    if d.precision != 1 or not d.rule.startswith(OWN_DAY_RULES) or not doc.published:
        return False
    return 0 < (doc.published - d.date).days <= RECENT_DAYS


# ACLED's developments of an armed group's own: its actor1 is a state force or an armed group,
# never civilians (الانضمام إلى الجماعات in an essay on radicalisation, a freed prisoner)
GROUP_ACTS = frozenset({"Change to group/activity", "Headquarters or base established"})


def national_seat(event: Event) -> None:
    """An arrest of an armed group's members that a state's own forces announce with no place in the
    country but the country itself (أعلنت وزارة الداخلية الكويتية القبض على خلية تابعة لداعش) is coded
    at the country's capital, geo_precision 3, as a report naming only a governorate is coded at its
    seat. Not the arrest of a civilian (an ordinary crime, which ACLED leaves out). Forces read as
    acting abroad (inter 8, the article's other news being of another country) are then at home."""
    if event.sub_event_type != "Arrests" or event.actor1 is None or event.actor1.inter not in (1, 8) \
            or event.actor2 is None or event.actor2.inter not in REBELS_AND_MILITIAS:
        return
    from .places import Gazetteer

    gaz = Gazetteer.default()
    iso3 = gaz.iso3_of(event.actor1.country)
    # a police force arrests at home: a place abroad is the article's other news (اعتقال 320 شخصا
    # ينتمون لتنظيم داعش by the Turkish government, in a report of strikes on Erbil)
    abroad = event.place is not None and event.place.iso3 != iso3 and event.actor1.name.startswith("Police Forces") \
        and (event.actor1.id or "").startswith("national:")  # named by its country, not the article's
    if event.place is not None and event.place.admin1 and not abroad:
        return
    if iso3 is None or (event.place is not None and event.place.iso3 != iso3 and not abroad):
        return
    capital = gaz.capital(iso3, event.published)
    if capital is None or not capital.admin1:
        return
    event.place = capital.model_copy(update={"geo_precision": 3, "location_ar": ""})
    event.actor1 = event.actor1.model_copy(update={"inter": 1})
    event.warnings.append(f"coded at the capital of {capital.country}: the report names no place in it")


def uncodable(event: Event) -> Optional[str]:
    """Why an event cannot be coded in ACLED's scheme (None when it can): every ACLED event has an
    actor and a location inside a country (a governorate or finer), an agreement has two
    parties, and a group's change of activity or new base is an armed group's (GROUP_ACTS)."""
    if event.actor1 is None and event.actor2 is None:
        return "no actor"
    if event.place is None:
        return "no location"
    if not event.place.admin1:  # ACLED places an event at least in a first-level division
        return "only a country is named"
    if event.sub_event_type == "Agreement" and (event.actor1 is None or event.actor2 is None):
        return "an agreement needs two parties"
    if event.sub_event_type in GROUP_ACTS and (event.actor1 is None or event.actor1.inter not in ARMED):
        return "only an armed group or a state force changes its activity or sets up a base"
    return None


def _assoc(group: list[EventMention], role: str, main) -> list[Actor]:
    """Associated actors of a role, without the main actor and without repeats."""
    out: dict[str, Actor] = {}
    for em in group:
        for m in getattr(em, role):
            if m.actor is not None and (main is None or m.actor.name != main.actor.name):
                out.setdefault(m.actor.name, m.actor)
    return list(out.values())


@lru_cache(maxsize=1)
def _notes_data() -> dict:
    return load_yaml("notes_en.yaml")


def summary(event: Event, qualifier: Optional[str] = None) -> str:
    """A one-sentence English summary of an event in ACLED's notes style."""
    data = _notes_data()
    date = f"On {event.event_date.day} {event.event_date:%B %Y}" if event.event_date else "On an unknown date"
    if event.time_precision and event.time_precision > 1 and event.event_date:
        date = ("In the week of " if event.time_precision == 2 else "In ") + (
            f"{event.event_date.day} {event.event_date:%B %Y}" if event.time_precision == 2
            else f"{event.event_date:%B %Y}")
    p = event.place
    where = ""
    if p is not None:
        lead = data["qualifiers"].get(qualifier, "in") if p.geo_precision == 2 else "in"
        where = f"{lead} {p.location}" + (f" ({p.admin1})" if p.admin1 and p.admin1 != p.location else "")
    template = data["templates"].get(event.sub_event_type, data["fallback"])
    if (("{actor1}" in template and event.actor1 is None) or ("{actor2}" in template and event.actor2 is None)):
        template = data["fallback"]
    text = template.format(date=date, where=where, sub_event_type=event.sub_event_type.lower(),
                           actor1=event.actor1.name if event.actor1 else "",
                           actor2=event.actor2.name if event.actor2 else "")
    text = " ".join(text.split()).rstrip(" ,;") + "."
    if event.fatalities:
        text += f" {event.fatalities} fatalities."
    return text
