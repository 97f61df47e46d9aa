#!/usr/bin/env bash
# Install anywhere, checked for real: build the wheel from the files a clone has, install it into a
# fresh venv (torch's CPU wheel first), extract the seed article from a folder under /tmp and compare
# its one event with data/samples/seed/expected.json. Prints what it checked and what it cost.
#
#   bash bench/install_check.sh            # work folder: a new /tmp/install-check.XXXX (kept)
#   WORK=/tmp/ic PY=python3.11 bash bench/install_check.sh
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
PY=${PY:-python3}
WORK=${WORK:-$(mktemp -d /tmp/install-check.XXXX)}
mkdir -p "$WORK"
SEED="$REPO/data/samples/seed/deir_ez_zor_liwa_al_baqir.json"
EXPECTED="$REPO/data/samples/seed/expected.json"

took() { echo "$((SECONDS - $1)) s"; }

echo "work folder: $WORK"

# 1. the source as a clone has it (tracked and new unignored files; no .venv, build/ or out/)
rm -rf "$WORK/src" "$WORK/dist" && mkdir -p "$WORK/src"
git -C "$REPO" ls-files -z --cached --others --exclude-standard | (cd "$REPO" && xargs -0 tar -cf - --) | tar -xf - -C "$WORK/src"
t=$SECONDS
"$PY" -m pip wheel "$WORK/src" -w "$WORK/dist" --no-deps -q
WHEEL=$(ls "$WORK"/dist/conflict_events-*.whl)
echo "wheel: $(basename "$WHEEL"), $(du -m "$WHEEL" | cut -f1) MB, built in $(took "$t")"
"$PY" - "$WHEEL" "$REPO/models" <<'PY'
import sys, zipfile
from pathlib import Path
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
models = Path(sys.argv[2])
want = {"conflict_events/models/" + p.relative_to(models).as_posix() for p in models.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts}
missing = sorted(want - names)
print(f"wheel holds {len(want) - len(missing)} of the {len(want)} files of models/")
if missing:
    sys.exit("missing from the wheel: " + ", ".join(missing[:10]))
PY

# 2. a fresh venv: torch's CPU wheel first (else pip pulls a multi-GB CUDA build), then the wheel
rm -rf "$WORK/venv"
t=$SECONDS
"$PY" -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q torch==2.13.0
"$WORK/venv/bin/pip" install -q "$WHEEL"
echo "fresh venv with the wheel and its dependencies: installed in $(took "$t"), $(du -sm "$WORK/venv" | cut -f1) MB"

# 3. from a folder that is not the repository, with no CONFLICT_EVENTS_MODELS
RUN=$(mktemp -d /tmp/install-check-run.XXXX)
cd "$RUN"
unset CONFLICT_EVENTS_MODELS
"$WORK/venv/bin/python" -c "import conflict_events, conflict_events.resources as r; print('imported from', conflict_events.__file__); print('models found in', r.models_dir())"
t=$SECONDS
"$WORK/venv/bin/conflict-events" extract "$SEED" -o "$RUN/events.jsonl" --workers 1 --quiet
echo "extracted the seed article in $(took "$t") (run folder $RUN)"
"$WORK/venv/bin/python" - "$RUN/events.jsonl" "$EXPECTED" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
want = json.load(open(sys.argv[2], encoding="utf-8"))["events"]
got = [{k: r[k] for k in want[0]} for r in rows]
print(f"events: {len(rows)} (expected {len(want)})")
for k in want[0]:
    print(f"  {k}: {got[0][k] if got else None!r}" + ("" if got and got[0][k] == want[0][k] else f"   EXPECTED {want[0][k]!r}"))
sys.exit(0 if got == want else "the installed package does not give the seed article's expected event")
PY
"$WORK/venv/bin/conflict-events" train-ner --help | grep -q -- "--quick" && echo "train-ner --help lists its options"
echo "install check passed"
