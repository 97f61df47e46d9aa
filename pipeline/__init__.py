"""conflict-events: Arabic news in, ACLED-style conflict events out."""
