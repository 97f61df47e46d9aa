"""The event evaluation matches incidents, not event types, and compares names only where that is honest."""
from conflict_events.evaluate_events import agreement, same_incident, score

GOLD = {"event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb", "event_date": "2015-07-20",
        "actor1": "Islamic State (Turkey)", "actor2": "Civilians (Turkey)", "country": "Turkey",
        "admin1": "Sanliurfa", "location": "Suruc", "fatalities": 31}


def test_another_bombing_of_the_same_type_is_not_the_same_incident():
    # a recap of a bombing a month earlier in Ankara: same type, but no place, date or actor in common
    other = {"event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED",
             "event_date": "2015-06-15", "actor1": "Unidentified Armed Group (Turkey)", "actor2": None,
             "country": "Turkey", "admin1": "Ankara", "location": "Ankara", "fatalities": 0}
    assert not same_incident(GOLD, other)
    result = score([({"id": "a", "events": [GOLD]}, [other])])
    assert (result["tp"], result["fp"], result["fn"]) == (0, 1, 1)


def test_the_same_incident_told_with_other_spellings_and_a_dated_actor_matches():
    pred = dict(GOLD, admin1="Şanlıurfa", location="Suruç", actor1="Islamic State (Turkey)", fatalities=30)
    a = agreement(GOLD, pred)
    assert a["admin1"] and a["location"] and a["actor1"] and not a["fatalities"]
    assert agreement({"country": "Syria", "location": "Duma"}, {"country": "Syria", "location": "Douma"})["location"]
    assert agreement({"country": "Syria", "admin1": "Dar'a"}, {"country": "Syria", "admin1": "Daraa"})["admin1"]
    result = score([({"id": "a", "events": [GOLD]}, [pred])])
    assert (result["tp"], result["fp"], result["fn"]) == (1, 0, 0)
    assert result["accuracy"]["fatalities"] == 0.0 and result["accuracy"]["admin1"] == 1.0


def test_a_generic_actor_must_match_class_and_country():
    assert not agreement(GOLD, dict(GOLD, actor2="Civilians (Syria)"))["actor2"]
    assert not agreement(GOLD, dict(GOLD, actor2="Protesters (Turkey)"))["actor2"]
    assert agreement(GOLD, dict(GOLD, actor2="Civilians"))["actor2"]
    assert agreement({"actor1": "Military Forces of Syria (2000-)"}, {"actor1": "Military Forces of Syria"})["actor1"]
