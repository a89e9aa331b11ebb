"""The one place that builds and runs the PHI analyzer (Presidio recognizers, optional NER).

Built once per process (the gazetteers and rules take a fraction of a second; spaCy is
imported only with NER, see :mod:`auditor.phi.nlp`) and reused for every text. Recognizers are
called directly, not through Presidio's ``AnalyzerEngine`` (whose import alone is a second of
start-up: the registry compiles every predefined recognizer). Per-entity score thresholds
replace Presidio's single global threshold, because each recognizer scores on its own scale.
Long texts are cut into chunks below spaCy's ``max_length`` at whitespace, with an overlap
wide enough that no span is cut: each chunk keeps only the spans that start in the part it owns.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.errors import ConfigError
from auditor.phi import ocr
from auditor.phi.dictionaries import SiteDictionary, build_dictionary
from auditor.phi.entities import Entity
from auditor.phi.nlp import nlp_stage
from auditor.phi.recognizers.derived_logins import login_spans
from auditor.phi.recognizers.eponyms import eponym_words
from auditor.phi.recognizers.lexicon import NOT_NAMES, Lexicon
from auditor.phi.recognizers.listed_numbers import numbers_beside_names
from auditor.phi.recognizers.name_edges import ages_after_names, bare_bounds, edge_bounds
from auditor.phi.recognizers.ner import NerRecognizer
from auditor.phi.recognizers.not_persons import NOT_PERSON_WORDS
from auditor.phi.recognizers.org_edges import org_edge_bounds
from auditor.phi.recognizers.org_evidence import OrgEvidence, Question, retype_persons
from auditor.phi.recognizers.overlaps import drop_persons_in_places
from auditor.phi.recognizers.pack import build_pack
from auditor.phi.recognizers.series import series_starts
from auditor.phi.recognizers.spelled import spelled_ends
from auditor.phi.recognizers.tokens import TokenView, normalize
from auditor.phi.recognizers.vehicles import drop_names_in_vehicles

if TYPE_CHECKING:
    from presidio_analyzer import RecognizerResult
    from presidio_analyzer.nlp_engine import NlpArtifacts

    from auditor.config import Settings

log = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.5
# An age over 89 after a name the engine found and "is" (name_edges.ages_after_names).
AGE_AFTER_NAME_SCORE = 0.7
# A login built from a name the engine found in the same text (derived_logins).
LOGIN_SCORE = 0.7
# Per-entity minimum scores. Recognizers put context-free guesses just below these.
THRESHOLDS: dict[str, float] = {
    Entity.PERSON: 0.5,
    Entity.LOCATION: 0.5,
    Entity.HOSPITAL: 0.5,
    Entity.ORGANIZATION: 0.6,
    Entity.DATE_TIME: 0.5,
    Entity.AGE: 0.5,
    Entity.PHONE_NUMBER: 0.5,
    Entity.FAX_NUMBER: 0.5,
    Entity.US_NPI: 0.5,
    Entity.US_DEA_NUMBER: 0.5,
    Entity.ZIP_CODE: 0.55,
    Entity.URL: 0.5,
}
CHUNK_CHARS = 100_000
CHUNK_OVERLAP = 1_000


@dataclass(frozen=True, slots=True)
class PhiSpan:
    """A PHI finding in a text: character offsets only, never the matched value."""

    entity_type: str
    start: int
    end: int
    score: float


@dataclass(frozen=True, slots=True)
class _Chunk:
    index: int  # which input text
    offset: int  # where the chunk starts in that text
    text: str
    keep_from: int  # chunk-relative: spans starting before this belong to the previous chunk
    keep_to: int  # chunk-relative: spans starting at/after this belong to the next chunk


def chunk_text(
    text: str, size: int = CHUNK_CHARS, overlap: int = CHUNK_OVERLAP
) -> list[tuple[int, str, int, int]]:
    """Split at whitespace into (offset, chunk, keep_from, keep_to) with shared overlaps."""
    return list(iter_chunks(text, size, overlap))


def iter_chunks(
    text: str, size: int = CHUNK_CHARS, overlap: int = CHUNK_OVERLAP
) -> Iterator[tuple[int, str, int, int]]:
    """Lazy :func:`chunk_text`: a 200 MB text never exists twice in memory."""
    if len(text) <= size:
        yield (0, text, 0, len(text))
        return
    if overlap * 2 >= size:
        raise ValueError("overlap must be less than half the chunk size")
    start = 0
    keep_from = 0
    while True:
        end = min(len(text), start + size)
        if end < len(text):
            # Back off to whitespace inside the last quarter of the chunk.
            cut = max(text.rfind("\n", end - size // 4, end), text.rfind(" ", end - size // 4, end))
            if cut > start + overlap * 2:
                end = cut
        if end >= len(text):
            yield (start, text[start:], keep_from, len(text) - start)
            return
        boundary = end - overlap // 2  # spans starting before this are owned here
        yield (start, text[start:end], keep_from, boundary - start)
        next_start = end - overlap
        space = text.find(" ", next_start, boundary)
        next_start = space + 1 if space != -1 else next_start
        keep_from = boundary - next_start
        start = next_start


# spaCy's tokenizer (run when NER is on) is quadratic in the length of one token ("[[[[..."
# of 8,000 characters takes seconds); no identifier is this long, so longer runs are broken
# before NLP. URLs and e-mail addresses stay whole (up to ``MAX_WHOLE``) so
# that their recognizers still see them.
MAX_RUN = 100
MAX_WHOLE = 2_000
_LONG_RUN = re.compile(r"\S{" + str(MAX_RUN + 1) + ",}")
_WHOLE = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>\"'\[\]{}|\\^`]{1," + str(MAX_WHOLE) + "}"
    r"|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}"
)


def _kept_whole(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The URLs and e-mail addresses in ``text[start:end]`` (one run of non-space characters)."""
    run = text[start:end]
    if "@" not in run and "://" not in run and "www." not in run.lower():
        return []
    return [m.span() for m in _WHOLE.finditer(text, start, end)]


def break_long_runs(text: str, limit: int = MAX_RUN) -> str:
    """Runs of non-space characters over ``limit`` get a space about every ``limit`` characters.

    Same length, so every offset still points into the original text. The space replaces a
    punctuation character near the cut when there is one (a word is rarely split), and never
    a character of a URL or e-mail address: the cut moves past it. Linear in the run.
    """
    if len(text) <= limit or not _LONG_RUN.search(text):
        return text
    chars = list(text)
    for match in _LONG_RUN.finditer(text):
        whole = _kept_whole(text, match.start(), match.end())
        k = 0  # the first kept span that may still contain a cut
        last = match.start()  # the previous cut (or the run's start)
        pos = last + limit
        while pos < match.end():
            while k < len(whole) and whole[k][1] <= pos - 20:
                k += 1
            inside = next((e for s, e in whole[k : k + 3] if s <= pos < e), None)
            if inside is not None:
                if inside >= match.end():
                    break
                cut = inside  # the character right after the URL
            else:
                cut = pos
                for back in range(pos, max(pos - 20, last), -1):
                    if not chars[back].isalnum() and not any(
                        s <= back < e for s, e in whole[k : k + 3]
                    ):
                        cut = back
                        break
            chars[cut] = " "
            last = cut
            pos = cut + limit
    return "".join(chars)


def merge_spans(spans: Iterable[PhiSpan]) -> list[PhiSpan]:
    """Union overlapping spans of one type; drop a span inside a better one of another type."""
    by_type: dict[str, list[PhiSpan]] = {}
    for span in sorted(spans, key=lambda s: (s.entity_type, s.start, -s.end)):
        group = by_type.setdefault(span.entity_type, [])
        if group and span.start < group[-1].end:
            last = group[-1]
            group[-1] = PhiSpan(
                last.entity_type, last.start, max(last.end, span.end), max(last.score, span.score)
            )
        else:
            group.append(span)
    # Sweep by start; only spans still open at a position can contain each other, so this
    # stays linear in practice (a 200 MB text yields millions of spans).
    items = sorted(
        (s for group in by_type.values() for s in group), key=lambda s: (s.start, -s.end)
    )
    rank = [(-s.score, -(s.end - s.start), s.start, s.entity_type) for s in items]
    dropped = [False] * len(items)
    active: list[int] = []
    for idx, span in enumerate(items):
        active = [a for a in active if items[a].end > span.start]
        for a in active:
            other = items[a]
            if dropped[a]:
                continue
            if other.start <= span.start and span.end <= other.end and rank[a] < rank[idx]:
                dropped[idx] = True
                break
            if span.start <= other.start and other.end <= span.end and rank[idx] < rank[a]:
                dropped[a] = True
        active.append(idx)
    kept = [s for s, gone in zip(items, dropped, strict=True) if not gone]
    return sorted(kept, key=lambda s: (s.start, s.end, s.entity_type))


def _bare(text: str, span: PhiSpan) -> PhiSpan:
    """A PERSON span without the form of address or generation a rule took in with it."""
    if span.entity_type != Entity.PERSON.value:
        return span
    start, end = bare_bounds(text, span.start, span.end)
    return span if (start, end) == (span.start, span.end) else replace(span, start=start, end=end)


def site_dictionary(
    settings: Settings, *, dictionaries: Sequence[Path] = (), context_dir: Path | None = None
) -> SiteDictionary:
    """The site dictionary a deployment's engine uses: ``[phi] dictionaries``, the extra
    files given, the context folder and the dictionaries folder."""
    files = [Path(p).expanduser() for p in settings.phi.dictionaries]
    files += [Path(p) for p in dictionaries]
    ctx = context_dir if context_dir is not None else settings.resolved_context_dir
    return build_dictionary(files, ctx, settings.dictionaries_dir)


class PhiEngine:
    """The auditor's recognizer pack over an NLP stage; see module docstring."""

    def __init__(
        self,
        *,
        model: str = "en_core_web_sm",
        dictionary: SiteDictionary | None = None,
        mrn_patterns: Sequence[str] = (),
        use_ner: bool = False,
        batch_size: int = 64,
        chunk_chars: int = CHUNK_CHARS,
        chunk_overlap: int = CHUNK_OVERLAP,
        thresholds: dict[str, float] | None = None,
    ) -> None:
        self.dictionary = dictionary or SiteDictionary()
        self.batch_size = max(1, batch_size)
        self.chunk_chars = chunk_chars
        self.chunk_overlap = chunk_overlap
        self.thresholds = {**THRESHOLDS, **(thresholds or {})}
        self.nlp_engine = nlp_stage(model, use_ner=use_ner)
        self.lexicon = Lexicon.load()
        try:
            recognizers = build_pack(self.lexicon, self.dictionary, mrn_patterns)
        except re.error as exc:  # a bad site MRN format
            raise ConfigError(f"invalid regex: {exc}", field="phi.mrn_patterns") from exc
        if use_ner:
            recognizers.append(NerRecognizer(self.lexicon))
        for recognizer in recognizers:
            if not recognizer.is_loaded:
                recognizer.load()
                recognizer.is_loaded = True
        self.recognizers = tuple(recognizers)
        self.entities = sorted({e for r in recognizers for e in r.get_supported_entities()})
        self.model = model
        self.org_evidence = OrgEvidence(self.lexicon)
        self._ner_tagger: Callable[[list[str]], list[list[tuple[int, int, str]]]] | None = None

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        dictionaries: Sequence[Path] = (),
        context_dir: Path | None = None,
    ) -> PhiEngine:
        """Engine for a deployment: model, MRN formats and every site dictionary source."""
        phi = settings.phi
        dictionary = site_dictionary(settings, dictionaries=dictionaries, context_dir=context_dir)
        return cls(
            model=phi.model,
            dictionary=dictionary,
            mrn_patterns=phi.mrn_patterns,
            use_ner=phi.ner,
            batch_size=phi.batch_size,
            thresholds=dict(phi.thresholds),
        )

    def warmup(self) -> None:
        """Run one tiny text so lazy spaCy/regex state is built before timing or forking."""
        self.analyze("Seen by Dr. Smith on 7/22, call (617) 555-1234.")

    def analyze(self, text: str) -> list[PhiSpan]:
        return next(self.analyze_many([text]))

    def analyze_many(self, texts: Iterable[str]) -> Iterator[list[PhiSpan]]:
        """Spans per text, in input order; spaCy runs over batches with ``nlp.pipe``."""
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) >= self.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    # -- internals --------------------------------------------------------------------
    def _chunks(self, texts: list[str]) -> Iterator[tuple[str, _Chunk]]:
        for index, text in enumerate(texts):
            if not text or text.isspace():
                continue
            for offset, piece, keep_from, keep_to in iter_chunks(
                text, self.chunk_chars, self.chunk_overlap
            ):
                piece = break_long_runs(piece)  # (keeps every offset)
                yield piece, _Chunk(index, offset, piece, keep_from, keep_to)

    def _run_batch(self, texts: list[str]) -> Iterator[list[PhiSpan]]:
        texts = [ocr.read_back(text) for text in texts]  # as a scanned page had it, same offsets
        found: list[list[PhiSpan]] = [[] for _ in texts]
        outputs = self.nlp_engine.pipe_with_context(self._chunks(texts), self.batch_size)
        read = []
        for nlp_artifacts, chunk in outputs:
            results = self._recognize(chunk.text, nlp_artifacts)
            read.append((chunk, results, self._org_question(chunk.text, results, nlp_artifacts)))
        # NER reads every chunk's organisation candidates in one call (a call per chunk paid
        # spaCy's per-call cost once for each)
        orgs = self._org_answers([asked for _, _, asked in read])
        for (chunk, results, _), confirmed in zip(read, orgs, strict=True):
            results += confirmed
            kinds = retype_persons(chunk.text, [(r.start, r.end, r.entity_type) for r in results])
            for r, kind in zip(results, kinds, strict=True):
                if r.score >= self.thresholds.get(kind, DEFAULT_THRESHOLD):
                    r.entity_type = kind  # (a retyped span never falls below its threshold)
            found[chunk.index].extend(self._spans(chunk, results))
        for text, spans in zip(texts, found, strict=True):
            spans += [
                PhiSpan(s.entity_type, s.start, end, s.score)
                for s, end in spelled_ends(text, spans)
            ]
            spans += [
                PhiSpan(s.entity_type, a, b, s.score)
                for s, a, b in edge_bounds(
                    text, spans, given=self._given_name, surname=self._surname
                )
            ]
            spans += [
                PhiSpan(s.entity_type, start, s.end, s.score)
                for s, start in series_starts(text, spans)
            ]
            spans += [PhiSpan(k, a, b, s.score) for s, k, a, b in org_edge_bounds(text, spans)]
            spans += [
                PhiSpan(Entity.AGE.value, a, b, AGE_AFTER_NAME_SCORE)
                for a, b in ages_after_names(text, spans)
            ]
            spans += [
                PhiSpan(Entity.ID_NUMBER.value, a, b, LOGIN_SCORE)
                for a, b in login_spans(text, spans, self.lexicon.is_english)
            ]
            spans += [
                PhiSpan(Entity.MEDICAL_RECORD_NUMBER.value, a, b, LOGIN_SCORE)
                for a, b in numbers_beside_names(text, spans)
            ]
            spans = drop_names_in_vehicles(text, drop_persons_in_places(text, spans))
            yield [_bare(text, s) for s in merge_spans(spans)]

    def _given_name(self, word: str) -> bool:
        """A word after "Surname," that may be the given name: a listed given name that is no
        ordinary word, or a word no list explains (no English word, term, place or label)."""
        key = normalize(word)
        lex = self.lexicon
        if key in NOT_NAMES or key in NOT_PERSON_WORDS or key in lex.places:
            return False
        if lex.is_first(key):
            return not lex.is_ambiguous(key)
        return lex.is_unknown_proper(key)

    def _surname(self, word: str) -> bool:
        """A word before ", Given" where a field opens that may be the surname: a listed
        surname, or a word no list explains (no English word, term, label or place)."""
        parts = [normalize(p) for p in re.split(r"['’-]", word) if p]
        lex = self.lexicon
        if not parts or any(p in NOT_NAMES or p in NOT_PERSON_WORDS for p in parts):
            return False
        return all(
            lex.is_surname(p) or (lex.is_unknown_proper(p) and p not in lex.places) for p in parts
        )

    def _recognize(self, text: str, nlp_artifacts: NlpArtifacts) -> list[RecognizerResult]:
        """Every recognizer over one chunk, called directly.

        ``AnalyzerEngine.analyze`` would add, per text, a registry lookup, a context pass that
        our rules do not use (they weigh their own context) and a duplicate removal that
        :func:`merge_spans` repeats: a fifth of the time on short texts such as CSV cells.
        """
        results: list[RecognizerResult] = []
        for recognizer in self.recognizers:
            found = recognizer.analyze(
                text=text, entities=self.entities, nlp_artifacts=nlp_artifacts
            )
            if found:
                results.extend(found)
        return results

    def _org_question(
        self, text: str, results: list[RecognizerResult], nlp_artifacts: NlpArtifacts
    ) -> Question | list[tuple[int, int, str, float]] | None:
        """Organisation and facility runs to confirm by a cue and NER (see
        :mod:`auditor.phi.recognizers.org_evidence`): confirmed at once when the chunk ran
        NER, otherwise the question for the NER-only model (:meth:`_org_answers`)."""
        covered = [
            (r.start, r.end)
            for r in results
            if r.score >= self.thresholds.get(r.entity_type, DEFAULT_THRESHOLD)
        ]
        view = TokenView.shared(text, nlp_artifacts)
        terms = [(view.words[i].start, view.words[i].end) for i in eponym_words(view)]
        question = self.org_evidence.question(text, covered, shouting=view.shouting, terms=terms)
        if question is None or not (self.nlp_engine.use_ner and nlp_artifacts.tokens is not None):
            return question
        ents = [(e.start_char, e.end_char, e.label_) for e in nlp_artifacts.tokens.ents]
        return self.org_evidence.confirm(text, question.candidates, ents)

    def _org_answers(
        self, asked: list[Question | list[tuple[int, int, str, float]] | None]
    ) -> list[list[RecognizerResult]]:
        """Every question's confirmed runs, NER (loaded on first need) run once over all
        their lines."""
        from presidio_analyzer import RecognizerResult

        questions = [q for q in asked if isinstance(q, Question)]
        lines = [line for q in questions for line in q.lines]
        tagged = iter(self._tag_ner(lines) if lines else [])
        out = []
        for q in asked:
            if isinstance(q, Question):
                found = self.org_evidence.answer(q, [next(tagged) for _ in q.windows])
            else:
                found = q or []
            out.append([RecognizerResult(t, s, e, sc) for s, e, t, sc in found])
        return out

    def _tag_ner(self, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        if self._ner_tagger is None:
            from auditor.phi.nlp_spacy import NerTagger

            self._ner_tagger = NerTagger(self.model)
        return self._ner_tagger(texts)

    def _spans(self, chunk: _Chunk, results: list[RecognizerResult]) -> Iterator[PhiSpan]:
        for r in results:
            if r.score <= 0 or r.score < self.thresholds.get(r.entity_type, DEFAULT_THRESHOLD):
                continue
            if not chunk.keep_from <= r.start < chunk.keep_to:
                continue
            yield PhiSpan(
                str(r.entity_type), chunk.offset + r.start, chunk.offset + r.end, float(r.score)
            )

    def describe(self) -> dict[str, Any]:
        """What the engine runs, for logs and reports (no PHI)."""
        return {
            "model": self.nlp_engine.model_name,
            "pipeline": self.nlp_engine.pipeline_names(),
            "recognizers": [str(getattr(r, "name", "")) for r in self.recognizers],
            "dictionary_terms": len(self.dictionary),
        }
