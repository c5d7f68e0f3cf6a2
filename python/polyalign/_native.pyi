# Stub of the compiled module (python/src/lib.rs). Private: use the `polyalign` package.
from typing import Any, Callable, Optional, Union, final

__all__ = [
    "__version__",
    "Bead",
    "Run",
    "Tmx",
    "align_pair",
    "read_document",
    "format_beads",
    "detect_language",
    "segment",
    "languages",
    "finding_kinds",
    "run",
    "learn_stats",
    "read_tmx",
    "units_tmx",
    "write_file",
]
__version__: str

@final
class Bead:
    """A bead of a two-document alignment: segment indices on each side (either may be empty),
    the texts of those segments and the bead's confidence."""

    @property
    def src(self) -> list[int]:
        """Source segment indices (0-based)."""
    @property
    def tgt(self) -> list[int]:
        """Target segment indices (0-based)."""
    @property
    def score(self) -> float:
        """Confidence in [0, 1] (posterior probability of the bead)."""
    @property
    def src_text(self) -> str:
        """The source segments' text, joined by a space."""
    @property
    def tgt_text(self) -> str:
        """The target segments' text, joined by a space."""
    @property
    def shape(self) -> str:
        """The bead's shape, `source count-target count` (`1-2`)."""
    def __new__(
        cls,
        src: list[int],
        tgt: list[int],
        score: float,
        src_text: str = ...,
        tgt_text: str = ...,
    ) -> Bead: ...
    def __getnewargs__(self) -> tuple[list[int], list[int], float, str, str]:
        """What `__new__` takes to rebuild the bead (so beads pickle, e.g. to worker processes)."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...

@final
class Run:
    def units_jsonl(self) -> bytes: ...
    def groups_jsonl(self) -> bytes: ...
    def audit_json(self) -> bytes: ...
    def diagnostics_json(self) -> bytes: ...
    def corpus_tmx(self) -> bytes: ...
    def summary_json(self) -> bytes: ...
    def write(self, dir: str, formats: list[str], excel: bool, audit: bool) -> list[str]: ...

@final
class Tmx:
    @property
    def path(self) -> str: ...
    @property
    def header(self) -> list[tuple[str, str]]: ...
    @property
    def langs(self) -> list[str]: ...
    @property
    def pivot(self) -> Optional[str]: ...
    @property
    def level(self) -> str: ...
    @property
    def skipped_variants(self) -> int: ...
    def __len__(self) -> int: ...
    def units_jsonl(self) -> bytes: ...
    def corpus_tmx(
        self, langs: Optional[list[str]] = None, pivot: Optional[str] = None
    ) -> bytes: ...
    def write(
        self,
        dir: str,
        formats: list[str],
        langs: Optional[list[str]] = None,
        pivot: Optional[str] = None,
        excel: bool = False,
    ) -> list[str]: ...

def align_pair(
    src: Union[str, list[str]],
    tgt: Union[str, list[str]],
    src_lang: str,
    tgt_lang: str,
    level: str,
    presegmented: bool,
    dictionary: Optional[str] = None,
) -> list[Bead]: ...
def read_document(path: str) -> str: ...
def format_beads(beads: list[Bead], scores: bool) -> str: ...
def detect_language(text: str) -> Optional[tuple[str, float]]: ...
def segment(text: str, lang: str) -> list[str]: ...
def languages() -> list[str]: ...
def finding_kinds() -> list[str]: ...
def run(
    paths: list[str],
    level: str,
    pivot: Optional[str],
    langs: Optional[list[str]],
    min_score: float,
    keep_untranslated: bool,
    progress: Optional[Callable[[str, int, Optional[int]], Any]] = None,
    stats: Optional[str] = None,
) -> Run: ...
def learn_stats(
    paths: list[str],
    level: str,
    pivot: Optional[str],
    progress: Optional[Callable[[str, int, Optional[int]], Any]] = None,
) -> tuple[str, bytes]: ...
def read_tmx(path: str) -> Tmx: ...
def units_tmx(
    units_json: str,
    langs: Optional[list[str]] = None,
    pivot: Optional[str] = None,
    level: Optional[str] = None,
) -> bytes: ...
def write_file(path: str, data: bytes) -> None: ...
