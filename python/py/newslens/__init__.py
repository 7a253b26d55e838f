"""newslens: annotate news articles with entities, quotes and speakers,
sources, hedges and coreference.

The same Rust core as the newslens command line and the web page: a
Document here is the dict of the JSON that ``newslens FILE`` prints (offsets
in UTF-16 code units, as in JavaScript).

>>> import newslens
>>> doc = newslens.annotate("Gen. Smith arrived in Baghdad.", layers=["entity"])
>>> [(s["label"], s["start"], s["end"]) for s in doc["spans"]]
[('PERSON', 5, 10), ('GPE', 22, 29)]
"""

from __future__ import annotations

import json
from typing import Any, Dict, Iterable, List, Optional, Sequence

from . import _newslens

__all__ = ["annotate", "annotate_many", "spans", "LAYERS", "SPAN_COLUMNS", "__version__"]

__version__: str = _newslens.version()

#: Every layer, in the order they run; ``layers=`` takes any of them.
LAYERS = ("paragraph", "sentence", "token", "entity", "mention", "quote", "cue", "source", "hedge")

#: The columns of :func:`spans`, as ``newslens --format spans`` writes them.
SPAN_COLUMNS = ("doc", "layer", "label", "start", "end", "text", "attrs")


def _layers(layers: Optional[Iterable[str]]) -> Optional[List[str]]:
    if layers is None:
        return None
    if isinstance(layers, str):
        raise TypeError("layers must be a list of layer names, not one str")
    return list(layers)


def annotate(text: str, layers: Optional[Iterable[str]] = None) -> Dict[str, Any]:
    """Annotates one text; returns the Document as a dict.

    ``layers`` picks the layers to return (default: all). Raises ValueError
    for an unknown layer or a text over the 32 MiB limit.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return json.loads(_newslens.annotate_json(text, _layers(layers)))


def annotate_many(
    texts: Iterable[str], jobs: Optional[int] = None, layers: Optional[Iterable[str]] = None
) -> List[Dict[str, Any]]:
    """Annotates every text, ``jobs`` at a time (default: every core), with
    the GIL released; returns the Documents in the texts' order."""
    return [json.loads(d) for d in _newslens.annotate_many_json(_texts(texts), _layers(layers), jobs)]


def spans(
    texts: Iterable[str],
    ids: Optional[Sequence[Any]] = None,
    layers: Optional[Iterable[str]] = None,
    jobs: Optional[int] = None,
) -> Dict[str, list]:
    """The spans of every text as columns (a dict of equal-length lists),
    one row per span, the rows of ``newslens --format spans``: ``doc`` (the
    text's id from ``ids``, else its index), ``layer``, ``label``, ``start``
    and ``end`` (UTF-16 code units), ``text``, and ``attrs`` (a JSON object,
    as a str). ``pandas.DataFrame(newslens.spans(...))`` is the table."""
    texts = _texts(texts)
    if ids is not None and len(ids) != len(texts):
        raise ValueError(f"{len(ids)} ids for {len(texts)} texts")
    columns = _newslens.span_columns(texts, _layers(layers), jobs)
    if ids is not None:
        columns["doc"] = [ids[i] for i in columns["doc"]]
    return {name: columns[name] for name in SPAN_COLUMNS}


def _texts(texts: Iterable[str]) -> List[str]:
    if isinstance(texts, str):
        raise TypeError("texts must be a list of str, not one str")
    texts = list(texts)
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise TypeError(f"texts[{i}] must be a str, not {type(t).__name__}")
    return texts
