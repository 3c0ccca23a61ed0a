"""Code a set of inputs into a database: ingest -> (skip what is stored) -> pipeline -> rows -> store.

:func:`code_inputs` is what ``newsevents code`` runs. Articles already stored with the same text are
skipped before any parsing; an article whose text and publication date equal a stored article's is
stored as a duplicate (``duplicate_of``) without being parsed; a near-duplicate (a syndicated copy with
another byline or a few edits) is coded and marked ``duplicate_of`` its original; an article whose id is
stored with another text replaces it. Every failure (ingest or stage) becomes a row of ``failures`` and
the run goes on.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .dedup import DEFAULT_THRESHOLD, Candidate, Fingerprint, Indexed, best_original, fingerprint
from .document import Article, Document
from .errors import Errors, NewsEventsError
from .ingest import DEFAULT_MAX_BYTES, iter_articles
from .pipeline import DEFAULT_STAGES, Resources, load_resources, process
from .rows import CameoLookup, Failure, Row, article_row, document_rows
from .store import Store, coerce_row

if TYPE_CHECKING:
    from rich.progress import Progress


@dataclass
class RunReport:
    """What one run did."""

    articles_seen: int = 0
    articles_added: int = 0  # new articles coded (duplicates excluded)
    skipped_existing: int = 0  # already stored with the same text
    not_articles: int = 0  # archive records passed over: other media, redirects, pages without text
    duplicates: int = 0  # stored as duplicate_of an earlier article, not parsed
    near_duplicates: int = 0  # coded, and marked duplicate_of the earlier article they nearly repeat
    fingerprinted: int = 0  # stored articles of an earlier version indexed for near-duplicate look-up
    replaced: int = 0  # stored before with another text; re-coded
    failures: int = 0
    events: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.failures == 0

    def summary(self) -> str:
        return (
            f"{self.articles_seen} articles read: {self.articles_added} coded ({self.replaced} replaced), "
            f"{self.duplicates} duplicates, "
            + (f"{self.near_duplicates} near-duplicates, " if self.near_duplicates else "")
            + f"{self.skipped_existing} already stored, "
            + (f"{self.not_articles} archive records not articles, " if self.not_articles else "")
            + (
                f"{self.fingerprinted} stored articles indexed for near-duplicates, "
                if self.fingerprinted
                else ""
            )
            + f"{self.failures} failures; {self.events} events in {self.seconds:.1f} s"
        )


# one article's coded rows by table, or the reason it failed
Coded = dict[str, list[Row]] | Failure


def _reason(exc: BaseException) -> str:
    reason = str(exc) if isinstance(exc, NewsEventsError) else f"{type(exc).__name__}: {exc}"
    return reason.strip().splitlines()[0] if reason.strip() else type(exc).__name__


def stage_failure(article: Article, stage: str, exc: BaseException) -> Failure:
    """The ``failures`` row of an article whose stage raised ``exc`` (one line, numbered error)."""
    error = Errors.E011.format(stage=stage, reason=_reason(exc))
    return Failure(article.input, article.article_id, stage, error)


def coded_rows(doc: Document, cameo: CameoLookup | None = None) -> Coded:
    """A processed document's rows ready for the store, or a ``store`` failure when they do not convert."""
    try:  # one article whose rows do not convert must not stop the run
        by_table = document_rows(doc, cameo=cameo)
        return {t: [coerce_row(t, r) for r in rs] for t, rs in by_table.items()}
    except Exception as exc:  # noqa: BLE001
        return stage_failure(doc.article, "store", exc)


class _Run:
    """State of one run: the store, the report and the rows waiting for the next transaction."""

    def __init__(
        self, store: Store, report: RunReport, on_failure: Callable[[Failure], None] | None,
        cameo: CameoLookup | None,
    ) -> None:  # fmt: skip
        self.store = store
        self.report = report
        self.on_failure = on_failure
        self.cameo = cameo
        self.pending: list[dict[str, list[Row]]] = []
        self.failures: list[Failure] = []
        self.replace: set[str] = set()
        self.seen_ids: dict[str, str] = {}  # article_id -> content_hash, this run
        self.run_originals: dict[tuple[str, dt.date | None], str] = {}
        self.waiting: list[tuple[Article, str]] = []  # duplicates and their original's id
        self.written: set[str] = set()  # originals whose rows are in the database
        self.copy_duplicates = False
        self.near_threshold: float | None = DEFAULT_THRESHOLD
        self.progress: Callable[[int], None] = lambda n: None

    def fail(self, failure: Failure) -> None:
        self.report.failures += 1
        self.failures.append(failure)
        if self.on_failure is not None:
            self.on_failure(failure)

    def stage_error(self, doc: Document, stage: str, exc: Exception) -> None:
        self.fail(stage_failure(doc.article, stage, exc))
        self.progress(1)

    def new_documents(self, articles: Iterable[Article], chunk: int) -> Iterator[Document]:
        """Documents worth parsing; stored, duplicate and clashing articles are settled here."""
        it = iter(articles)
        while batch := list(itertools.islice(it, chunk)):
            stored = self.store.stored_hashes(a.article_id for a in batch)
            originals = self.store.originals(a.content_hash for a in batch)
            for article in batch:
                doc = self._classify(article, stored, originals)
                if doc is not None:
                    yield doc

    def _classify(
        self, a: Article, stored: dict[str, str], originals: dict[tuple[str, dt.date | None], str]
    ) -> Document | None:
        self.report.articles_seen += 1
        earlier = self.seen_ids.get(a.article_id)
        if earlier is not None:
            self.progress(1)
            if earlier == a.content_hash:
                self.report.skipped_existing += 1
            else:
                clash = Errors.E029.format(article_id=a.article_id)
                self.fail(Failure(a.input, a.article_id, "ingest", clash))
            return None
        self.seen_ids[a.article_id] = a.content_hash
        if stored.get(a.article_id) == a.content_hash:
            self.report.skipped_existing += 1
            self.progress(1)
            return None
        key = (a.content_hash, a.published)
        original = originals.get(key) or self.run_originals.get(key)
        if original is not None and original != a.article_id:
            if a.article_id in stored:
                self.replace.add(a.article_id)
            if original == originals.get(key):
                self.written.add(original)
            self.report.duplicates += 1
            self.waiting.append((a, original))
            self.progress(1)
            return None
        self.run_originals.setdefault(key, a.article_id)
        if a.article_id in stored:
            self.replace.add(a.article_id)
            self.report.replaced += 1
        return Document(article=a)

    def add_document(self, doc: Document) -> None:
        self.add_coded(coded_rows(doc, self.cameo))

    def add_coded(self, coded: Coded) -> None:
        """Queue one article's rows, or record its failure (rows computed here or on a worker)."""
        if isinstance(coded, Failure):
            self.fail(coded)
            self.progress(1)
            return
        self.report.articles_added += 1
        self.report.events += len(coded["events"])
        self.add_rows(coded)
        self.progress(1)

    def add_rows(self, rows: dict[str, list[Row]]) -> None:
        self.pending.append(rows)

    def flush(self, *, final: bool = False) -> None:
        """Write the pending articles, and the duplicates whose original is written (all when final)."""
        ids = [r["article_id"] for item in self.pending for r in item["articles"]]
        self.written.update(ids)
        ready = [(a, o) for a, o in self.waiting if final or o in self.written]
        if ready:
            self.waiting = [(a, o) for a, o in self.waiting if not (final or o in self.written)]
            for a, original in ready:
                self.add_rows({"articles": [coerce_row("articles", article_row(a, duplicate_of=original))]})
                ids.append(a.article_id)
        copies = [(a.article_id, o) for a, o in ready if o in self.written] if self.copy_duplicates else []
        if self.pending:
            replace = [i for i in ids if i in self.replace]
            prints = self.mark_near_duplicates()
            self.store.write(self.pending, replace=replace, copies=copies, fingerprints=prints)
            self.pending = []
        if self.failures:
            self.store.add_failures(self.failures)
            self.failures = []

    def mark_near_duplicates(self) -> list[Indexed]:
        """Set ``duplicate_of`` on the pending coded articles that nearly repeat an earlier stored (or
        pending) one; return the fingerprints of the others, to store with them."""
        if not self.near_threshold:
            return []
        items: list[tuple[Row, Fingerprint | None]] = [
            (row, fingerprint(str(row.get("text") or "")))
            for item in self.pending
            for row in item["articles"]
            if row.get("duplicate_of") is None
        ]
        stored = self.store.near_candidates(b for _, fp in items if fp is not None for b in fp.bands)
        fresh: list[tuple[Candidate, frozenset[int]]] = []
        prints: list[Indexed] = []
        for row, fp in items:
            aid, published = str(row["article_id"]), row.get("published")
            day = published if isinstance(published, dt.date) else None
            if fp is None:  # too short to compare; recorded as seen
                prints.append((aid, day, None))
                continue
            bands = frozenset(fp.bands)
            cands = [c for c in stored if c.article_id != aid]
            cands += [c for c, b in fresh if b & bands]
            original = best_original(fp, day, cands, threshold=self.near_threshold)
            if original is not None:
                row["duplicate_of"] = original
                self.report.near_duplicates += 1
                continue
            prints.append((aid, day, fp))
            fresh.append((Candidate(aid, day, fp.signature), bands))
        return prints


def _index_stored(store: Store, chunk: int = 1000) -> int:
    """Fingerprint the stored originals a version before near-duplicate look-up left unindexed, so that
    copies coded from now on find them; the number indexed."""
    done = 0
    while rows := store.unfingerprinted(chunk):
        store.add_fingerprints([(aid, day, fingerprint(text)) for aid, day, text in rows])
        done += len(rows)
    return done


def resources_for(stages: Sequence[str], dictionaries: Iterable[str]) -> Resources:
    """What ``stages`` need: no model when only ``clean`` runs."""
    if set(stages) <= {"clean"}:
        return Resources()  # nothing to parse: no model needed
    return load_resources(dictionaries)


def code_inputs(
    inputs: Sequence[str],
    db_path: str | Path,
    *,
    published: dt.date | None = None,
    dictionaries: Sequence[str] = (),
    progress: bool = False,
    batch_size: int = 32,
    resources: Resources | None = None,
    stages: tuple[str, ...] = DEFAULT_STAGES,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: IO[bytes] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    cameo: CameoLookup | None = None,
    copy_duplicates: bool = False,
    timings: dict[str, float] | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    near_threshold: float | None = DEFAULT_THRESHOLD,
) -> RunReport:
    """Ingest ``inputs``, code the articles not yet stored and append their rows to the database.

    ``published`` is the date for inputs that carry none. ``on_failure`` sees each failure as it
    happens (the CLI prints them); all are also written to the ``failures`` table. ``cameo`` replaces
    the CAMEO code table look-up (tests). A duplicate (same text and date as an earlier article) is
    never parsed; with ``copy_duplicates`` it gets copies of its original's events, places, dates and
    quotes under its own id, otherwise only its ``articles`` row. ``workers`` > 1 codes batches on a
    local Dask cluster of that many processes, ``scheduler`` on a running Dask cluster (see
    :mod:`newsevents.scale`); this process stays the only writer, so resuming and dedup work the same.
    An article whose text nearly repeats an earlier one's (estimated word-shingle Jaccard similarity at
    least ``near_threshold``, published within a few days: :mod:`newsevents.dedup`) is coded as usual
    and marked ``duplicate_of`` that article; ``near_threshold`` None or 0 turns this off.
    """
    start = time.perf_counter()
    report = RunReport()
    with Store(db_path) as store:
        run = _Run(store, report, on_failure, cameo)
        run.copy_duplicates = copy_duplicates
        run.near_threshold = near_threshold
        if near_threshold:
            report.fingerprinted = _index_stored(store)

        def count_skip(where: str, reason: str) -> None:
            report.not_articles += 1

        articles = iter_articles(
            inputs, on_failure=run.fail, default_published=published, max_bytes=max_bytes, stdin=stdin,
            on_skip=count_skip,
        )  # fmt: skip
        with _progress_bar(progress) as bar:
            if bar is not None:
                task = bar.add_task("coding", total=None)
                run.progress = lambda n: bar.advance(task, n)
            docs = run.new_documents(articles, batch_size)
            if workers > 1 or scheduler:
                _code_on_dask(run, docs, tuple(dictionaries), stages, batch_size, workers, scheduler)
            else:
                res = resources if resources is not None else resources_for(stages, dictionaries)
                with _frozen_heap() as freeze:
                    for doc in process(
                        docs,
                        res,
                        stages=stages,
                        batch_size=batch_size,
                        on_error=run.stage_error,
                        timings=timings,
                    ):
                        run.add_document(doc)
                        if len(run.pending) >= batch_size:
                            run.flush()
                            freeze()
            run.flush(final=True)
    report.seconds = time.perf_counter() - start
    return report


def _code_on_dask(
    run: _Run,
    docs: Iterable[Document],
    dictionaries: tuple[str, ...],
    stages: tuple[str, ...],
    batch_size: int,
    workers: int,
    scheduler: str | None,
) -> None:
    from .scale import dask_client, map_batches

    batches = (
        [d.article for d in chunk] for chunk in iter(lambda: list(itertools.islice(docs, batch_size)), [])
    )
    with dask_client(workers, scheduler) as client:
        window = 2 * max(workers, len(client.scheduler_info().get("workers", {})), 1)
        for batch, result in map_batches(client, batches, dictionaries, stages, window=window):
            if isinstance(result, BaseException):
                for a in batch:
                    error = Errors.E030.format(reason=_reason(result))
                    run.add_coded(Failure(a.input, a.article_id, "worker", error))
            else:
                for coded in result:
                    run.add_coded(coded)
            run.flush()


@contextlib.contextmanager
def _frozen_heap() -> Iterator[Callable[[], None]]:
    """Move the long-lived objects out of the garbage collector's reach (:func:`gc.freeze`), so that full
    collections during the run do not walk them again and again: the model and whatever is loaded on
    entry, and, through the ``freeze()`` yielded, what the first batch loads (lexicons, gazetteer, actor
    knowledge base). Undone on exit."""
    import gc

    done = False

    def freeze() -> None:
        nonlocal done
        if not done:
            done = True
            gc.collect()
            gc.freeze()

    gc.collect()
    gc.freeze()
    try:
        yield freeze
    finally:
        gc.unfreeze()


@contextlib.contextmanager
def _progress_bar(enabled: bool) -> Iterator[Progress | None]:
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}: {task.completed} articles"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        yield bar
