"""The trained models (ner/, gazetteer/, actors/), installed with the package as conflict_events.models."""
