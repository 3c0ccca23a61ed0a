"""Scale-out on Dask: batches of articles are coded on worker processes; the caller stays the only writer.

A worker loads the model, actor knowledge base, lexicon and gazetteer once per process (cached) and
sends back plain table rows, so no spaCy object crosses the wire. :func:`dask_client` starts a local
cluster of single-threaded worker processes, or connects to a running scheduler (``tcp://host:8786``)
whose workers have newsevents installed. :func:`map_batches` keeps a bounded number of batches in
flight and yields each one as it completes; a batch whose worker dies or raises comes back as the
exception, and the runner records a failure for each of its articles and goes on.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from .document import Article, Document
from .errors import Errors, NewsEventsError
from .pipeline import Resources, process

if TYPE_CHECKING:
    from distributed import Client

    from .runner import Coded

__all__ = ["code_batch", "dask_client", "map_batches"]


@lru_cache(maxsize=4)
def _resources(dictionaries: tuple[str, ...], stages: tuple[str, ...]) -> Resources:
    from .runner import resources_for

    return resources_for(stages, dictionaries)


def code_batch(
    articles: Sequence[Article], dictionaries: tuple[str, ...], stages: tuple[str, ...]
) -> list[Coded]:
    """Worker side: run the pipeline over one batch; one rows-by-table mapping or failure per article."""
    from .runner import coded_rows, stage_failure

    out: list[Coded] = []

    def on_error(doc: Document, stage: str, exc: Exception) -> None:
        out.append(stage_failure(doc.article, stage, exc))

    docs = (Document(article=a) for a in articles)
    resources = _resources(dictionaries, stages)
    for doc in process(docs, resources, stages=stages, batch_size=max(1, len(articles)), on_error=on_error):
        out.append(coded_rows(doc))
    return out


@contextlib.contextmanager
def dask_client(workers: int, scheduler: str | None = None, *, timeout: str = "10s") -> Iterator[Client]:
    """A client of ``scheduler``, else of a local cluster of ``workers`` single-threaded processes."""
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set({"logging.distributed": "error", "distributed.admin.log-length": 0}):
        if scheduler:
            try:
                remote = Client(scheduler, set_as_default=False, timeout=timeout)
            except (OSError, TimeoutError, ValueError) as exc:
                reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise NewsEventsError(Errors.E031, address=scheduler, reason=reason) from None
            with remote as client:
                yield client
            return
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
        with cluster, Client(cluster, set_as_default=False) as client:
            yield client


BatchFn = Callable[[Sequence[Article], tuple[str, ...], tuple[str, ...]], "list[Coded]"]


def map_batches(
    client: Client,
    batches: Iterable[list[Article]],
    dictionaries: tuple[str, ...],
    stages: tuple[str, ...],
    *,
    window: int,
    fn: BatchFn = code_batch,
) -> Iterator[tuple[list[Article], list[Coded] | BaseException]]:
    """Submit ``fn`` over ``batches`` with at most ``window`` in flight; yield (batch, results or error)."""
    from distributed import as_completed

    it = iter(batches)
    pending = {}
    done = as_completed(loop=client.loop)
    for batch in itertools.islice(it, max(1, window)):
        future = client.submit(fn, batch, dictionaries, stages, pure=False)
        pending[future.key] = batch
        done.add(future)
    for future in done:
        batch = pending.pop(future.key)
        if future.status == "finished":
            yield batch, future.result()
        else:
            yield batch, future.exception()
        future.release()
        nxt = next(it, None)
        if nxt is not None:
            new = client.submit(fn, nxt, dictionaries, stages, pure=False)
            pending[new.key] = nxt
            done.add(new)
