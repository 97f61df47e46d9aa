"""Caches whose memory stays bounded over a run of millions of articles."""
from __future__ import annotations


class ClearingDict(dict):
    """A dict that is emptied when ``n`` more entries would take it past ``limit``. The news
    repeats its words and names, so what is asked for again soon comes back, and a long run's
    memory never grows past the limit (the tagger's word ids and letters, the gazetteer's sound
    matches)."""

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def make_room(self, n: int = 1) -> bool:
        """Empty the dict when ``n`` more entries would not fit; True when it was emptied."""
        if len(self) + n > self.limit:
            self.clear()
            return True
        return False
