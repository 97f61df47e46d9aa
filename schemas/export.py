"""Write the JSON Schema of an output row to schemas/event.schema.json."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from . import row_json_schema

SCHEMA_PATH = Path(__file__).resolve().parent / "event.schema.json"


def render() -> str:
    """The schema as the exact text written to disk."""
    return json.dumps(row_json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(path: Optional[Path] = None) -> Path:
    """Write the schema file and return its path."""
    path = Path(path) if path else SCHEMA_PATH
    path.write_text(render(), encoding="utf-8")
    return path
