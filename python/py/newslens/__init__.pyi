from typing import Any, Dict, Iterable, List, Literal, Optional, Sequence, Tuple, TypedDict, Union

__version__: str

Layer = Literal["paragraph", "sentence", "token", "entity", "mention", "quote", "cue", "source", "hedge"]
LAYERS: Tuple[Layer, ...]
SPAN_COLUMNS: Tuple[str, ...]

AttrValue = Union[bool, int, float, str, List[int]]

class _SpanBase(TypedDict):
    id: int
    layer: Layer
    label: str
    start: int
    end: int

class Span(_SpanBase, total=False):
    attrs: Dict[str, AttrValue]

class Stats(TypedDict):
    chars: int
    words: int
    sentences: int
    paragraphs: int
    reading_minutes: int

class _DocumentBase(TypedDict):
    version: str
    stats: Stats
    spans: List[Span]

class Document(_DocumentBase, total=False):
    entities: List[Dict[str, Any]]
    sourcing: Dict[str, Any]

def annotate(text: str, layers: Optional[Iterable[Layer]] = None) -> Document: ...
def annotate_many(
    texts: Iterable[str], jobs: Optional[int] = None, layers: Optional[Iterable[Layer]] = None
) -> List[Document]: ...
def spans(
    texts: Iterable[str],
    ids: Optional[Sequence[Any]] = None,
    layers: Optional[Iterable[Layer]] = None,
    jobs: Optional[int] = None,
) -> Dict[str, List[Any]]: ...
