"""The published JSON Schema is current, and real output rows validate against it."""
import json

import pytest

from conflict_events.schemas import ACLED_COLUMNS, OUTPUT_COLUMNS, AcledRow, Event
from conflict_events.schemas.export import SCHEMA_PATH, render


def test_committed_schema_matches_the_models():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render(), "run `conflict-events schema`"
    schema = json.loads(render())
    assert list(schema["properties"]) == OUTPUT_COLUMNS
    assert schema["additionalProperties"] is False


def test_rows_have_acled_columns_in_order_and_validate():
    ev = Event(article_id="a1", event_type="Protests", sub_event_type="Peaceful protest", fatalities=0)
    row = ev.to_acled_row()
    assert list(row)[:len(ACLED_COLUMNS)] == ACLED_COLUMNS
    AcledRow.model_validate(row)
    assert row["disorder_type"] == "Demonstrations"


def test_unknown_sub_event_type_is_rejected():
    with pytest.raises(ValueError, match="unknown ACLED sub_event_type"):
        Event(article_id="a1", event_type="Battles", sub_event_type="Skirmish")


def test_event_ids_are_stable_and_distinct():
    a = Event(article_id="x", event_index=0, event_type="Battles", sub_event_type="Armed clash")
    b = Event(article_id="x", event_index=1, event_type="Battles", sub_event_type="Armed clash")
    assert a.event_id_cnty == Event(**a.model_dump()).event_id_cnty != b.event_id_cnty
