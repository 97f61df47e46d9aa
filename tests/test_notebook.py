"""notebooks/quickstart.ipynb runs top to bottom in a kernel (nbclient), offline, with the outputs it promises."""
import re
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "quickstart.ipynb"


def outputs_of(nb):
    """{tag: the outputs of the code cell so tagged}."""
    return {c.metadata["tags"][0]: c.outputs for c in nb.cells if c.cell_type == "code"}


def kinds(outputs):
    return {k for o in outputs for k in o.get("data", {})} | {o.output_type for o in outputs}


def text(outputs):
    return "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in outputs)


def test_the_quickstart_notebook_runs_and_shows_the_frame_the_plots_and_the_map():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert all(not c.outputs for c in nb.cells if c.cell_type == "code")  # kept without outputs in git
    NotebookClient(nb, timeout=240, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()  # raises on any cell's error
    out = outputs_of(nb)
    assert "error" not in set().union(*map(kinds, out.values()))
    assert re.search(r"(\d+) events from (\d+) articles; 0 articles could not be processed", text(out["extract"]))
    assert "text/html" in kinds(out["extract"]) and "sub_event_type" in out["extract"][-1]["data"]["text/html"]
    assert "لواء الباقر" in out["evidence"][-1]["data"]["text/html"]
    assert "image/png" in kinds(out["per-day"]) and "image/png" in kinds(out["by-admin1"])
    assert "Deir ez-Zor" in text(out["by-admin1"])
    svg = out["map"][0]["data"]["image/svg+xml"]
    assert svg.count('class="pt ') >= 10 and 'data-country="SYR"' in svg
    assert "EPSG:4326" in text(out["geo"]) and "image/png" in kinds(out["geo"])
