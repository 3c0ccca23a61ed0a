"""The ``newsevents`` command line.

Exit codes: 0 = everything was processed; 1 = some input or article failed (each failure is one line
``error: <input>: [Exxx] ...`` on stderr) or the command could not run (one ``error:`` line, never a
traceback); 2 = usage error (bad option, bad date, unknown table ...).

Heavy modules (spaCy, DuckDB, trafilatura, rich) are imported inside the commands so ``--help`` is instant.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import Errors, NewsEventsError

TABLE_CHOICES = ("articles", "events", "places", "dates", "quotes", "failures", "clusters")
FORMAT_CHOICES = ("jsonl", "csv", "parquet", "gdelt")


class _Group(click.Group):
    """Turns every error into one ``error:`` line and exit code 1 (usage errors keep click's 2)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except NewsEventsError as exc:
            _error(str(exc))
        except BrokenPipeError:  # `newsevents export ... | head`: the reader left, nothing to say
            _silence_stdout()
            raise click.exceptions.Exit(1) from None
        except KeyboardInterrupt:
            _error("interrupted", code=130)
        except Exception as exc:  # noqa: BLE001 - the top of the program: never show a traceback
            _error(Errors.E022.format(reason=_one_line(exc)))
        return None


def _error(message: str, *, code: int = 1) -> None:
    click.echo(f"error: {message}", err=True)
    raise click.exceptions.Exit(code)


def _silence_stdout() -> None:
    if sys.stdout is sys.__stdout__ and sys.stdout is not None:
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    first = text.splitlines()[0] if text else ""
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(Errors.E009.format(value=value)) from None


_DB = click.option("--db", "db", required=True, type=click.Path(dir_okay=False), help="DuckDB database file.")
_DICTS = click.option(
    "--dictionaries", "dictionaries", multiple=True, type=click.Path(exists=True),
    help="PETRARCH-format actor/agent dictionary (repeatable).",
)  # fmt: skip


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsevents")
def cli() -> None:
    """Turn news articles into political event data (who did what to whom, when and where)."""


@cli.command("code")
@click.argument("inputs", nargs=-1, required=True)
@_DB
@click.option("--published", callback=_parse_date, metavar="YYYY-MM-DD", help="Date for inputs without one.")
@_DICTS
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1), help="Articles a batch.")
@click.option("--max-bytes", default=None, type=click.IntRange(1), help="Largest input read (default 10 MB).")
@click.option(
    "--stages", default=None, metavar="NAMES",
    help="Comma-separated stages to run (default: all; 'clean' alone needs no model).",
)  # fmt: skip
@click.option(
    "--copy-duplicates", is_flag=True,
    help="Give a duplicate article (same text and date as an earlier one) copies of its original's rows.",
)  # fmt: skip
@click.option(
    "--near-duplicates", "near_threshold", default=0.8, show_default=True, type=click.FloatRange(0, 1),
    help="Mark an article duplicate_of an earlier one when their texts are this similar (0 turns it off).",
)  # fmt: skip
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when a TTY).")
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1),
    help="Code on a local Dask cluster of N worker processes (one model each, ~1.3 GB).",
)  # fmt: skip
@click.option(
    "--scheduler", default=None, metavar="ADDRESS",
    help="Code on a running Dask cluster (e.g. tcp://host:8786); its workers need newsevents installed.",
)  # fmt: skip
def code_cmd(
    inputs: tuple[str, ...], db: str, published: dt.date | None, dictionaries: tuple[str, ...],
    batch_size: int, max_bytes: int | None, stages: str | None, copy_duplicates: bool, near_threshold: float,
    progress: bool | None, workers: int, scheduler: str | None,
) -> None:  # fmt: skip
    """Code INPUT files, directories, globs or - (stdin) and append to the database."""
    from .ingest import DEFAULT_MAX_BYTES
    from .pipeline import DEFAULT_STAGES, stage_names
    from .rows import Failure
    from .runner import code_inputs

    chosen = DEFAULT_STAGES
    if stages is not None:
        chosen = tuple(s.strip() for s in stages.split(",") if s.strip())
        unknown = [s for s in chosen if s not in stage_names()]
        if unknown or not chosen:
            raise click.BadParameter(f"unknown stage(s) {', '.join(unknown)}", param_hint="--stages")

    def show(failure: Failure) -> None:
        click.echo(f"error: {failure.input}: {failure.error}", err=True)

    report = code_inputs(
        list(inputs), db, published=published, dictionaries=dictionaries, batch_size=batch_size,
        max_bytes=max_bytes or DEFAULT_MAX_BYTES, stages=chosen,
        progress=sys.stderr.isatty() if progress is None else progress,
        on_failure=show, copy_duplicates=copy_duplicates, workers=workers, scheduler=scheduler,
        near_threshold=near_threshold,
    )  # fmt: skip
    click.echo(report.summary())
    raise click.exceptions.Exit(0 if report.ok else 1)


@cli.command("export")
@click.argument("table")
@_DB
@click.option(
    "--format", "fmt", default="jsonl", show_default=True, help="jsonl | csv | parquet | gdelt (events only)"
)
@click.option("--out", type=click.Path(dir_okay=False), help="Output file (default: stdout).")
def export_cmd(table: str, db: str, fmt: str, out: str | None) -> None:
    """Write TABLE (articles, events, places, dates, quotes, failures, clusters) as JSONL, CSV or Parquet;
    ``events`` also as GDELT 2.0 Events TSV (``--format gdelt``, one row per event cluster)."""
    if table not in TABLE_CHOICES:
        raise click.BadParameter(Errors.E013.format(table=table, choices=", ".join(TABLE_CHOICES)))
    if fmt not in FORMAT_CHOICES:
        raise click.BadParameter(
            Errors.E014.format(fmt=fmt, choices=", ".join(FORMAT_CHOICES)), param_hint="--format"
        )
    if fmt == "parquet" and out is None:
        raise click.UsageError(Errors.E024.format())
    if fmt == "gdelt" and table != "events":
        raise click.UsageError(Errors.E033.format(fmt=fmt, table="events", other=table))
    from .store import Store

    with Store(db, read_only=True) as store:
        if out is not None:
            store.export(table, fmt, Path(out))
        else:
            store.export(table, fmt, sys.stdout)
            sys.stdout.flush()


_EVENTS_SQL = """
SELECT coalesce(e.event_date, CAST(a.published AS VARCHAR)) AS date,
       e.source_code, e.source_name, e.source_text, e.cameo_code, e.cameo_name, e.trigger_text,
       e.target_code, e.target_name, e.target_text, e.location_name, e.modality,
       substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence
FROM events e JOIN articles a USING (article_id)
"""


def events_query(
    *, actor: str | None = None, country: str | None = None, dyad: str | None = None, root: str | None = None,
    since: dt.date | None = None, until: dt.date | None = None, modality: str | None = None, limit: int = 50,
) -> tuple[str, list[object]]:  # fmt: skip
    """The SQL and parameters behind ``newsevents events`` (filters combine with AND)."""
    where: list[str] = []
    params: list[object] = []
    if actor:
        like = f"%{actor}%"
        cols = ("source_code", "source_name", "source_text", "target_code", "target_name", "target_text")
        where.append("(" + " OR ".join(f"e.{c} ILIKE ?" for c in cols) + ")")
        params.extend([like] * len(cols))
    if country:
        where.append("(upper(e.source_country) = ? OR upper(e.target_country) = ?)")
        params.extend([country.upper()] * 2)
    if dyad:
        src, _, tgt = dyad.partition(":")
        if src:
            where.append("e.source_code ILIKE ?")
            params.append(src + "%")
        if tgt:
            where.append("e.target_code ILIKE ?")
            params.append(tgt + "%")
    if root:
        where.append("e.cameo_root = ?")
        params.append(root.zfill(2))
    date_expr = "coalesce(e.event_date, CAST(a.published AS VARCHAR))"
    if since:
        where.append(f"{date_expr} >= ?")
        params.append(since.isoformat())
    if until:
        where.append(f"substr({date_expr}, 1, 10) <= ?")
        params.append(until.isoformat())
    if modality:
        where.append("e.modality = ?")
        params.append(modality)
    sql = _EVENTS_SQL + (" WHERE " + " AND ".join(where) if where else "")
    sql += f" ORDER BY {date_expr} NULLS LAST, e.article_id, e.evidence_start LIMIT ?"
    params.append(limit)
    return sql, params


def _shorten(text: str | None, width: int) -> str:
    if not text:
        return ""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


@cli.command("events")
@_DB
@click.option("--actor", help="Source or target code/name/text containing TEXT.")
@click.option("--country", metavar="ISO3", help="Source or target country.")
@click.option("--dyad", metavar="SRC:TGT", help="Source and target code prefixes, e.g. USA:PRK.")
@click.option("--root", metavar="NN", help="CAMEO root code, e.g. 04.")
@click.option("--since", callback=_parse_date, metavar="YYYY-MM-DD")
@click.option("--until", callback=_parse_date, metavar="YYYY-MM-DD")
@click.option("--modality", type=click.Choice(["asserted", "negated", "hypothetical", "future"]))
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1))
def events_cmd(
    db: str, actor: str | None, country: str | None, dyad: str | None, root: str | None,
    since: dt.date | None, until: dt.date | None, modality: str | None, limit: int,
) -> None:  # fmt: skip
    """Show coded events as a table."""
    from rich.console import Console
    from rich.table import Table

    from .store import Store

    sql, params = events_query(
        actor=actor, country=country, dyad=dyad, root=root, since=since, until=until, modality=modality,
        limit=limit,
    )  # fmt: skip
    with Store(db, read_only=True) as store:
        rows = store.query(sql, params)
    table = Table(show_lines=False, header_style="bold")
    table.add_column("date", no_wrap=True)
    for col in ("source", "event", "target", "place"):
        table.add_column(col, ratio=1)
    table.add_column("modality", no_wrap=True)
    table.add_column("evidence", ratio=3)
    for r in rows:
        verb = " ".join(x for x in (r["cameo_code"], r["cameo_name"] or r["trigger_text"]) if x)
        table.add_row(
            r["date"] or "",
            _actor_cell(r, "source"),
            verb,
            _actor_cell(r, "target"),
            r["location_name"] or "",
            r["modality"] or "",
            _shorten(r["evidence"], 100),
        )
    console = Console()
    if not console.is_terminal:  # piped: do not squeeze the table into 80 columns
        console = Console(width=max(console.width, 160))
    console.print(table)
    console.print(f"{len(rows)} events" + (f" (limit {limit})" if len(rows) == limit else ""))


@cli.command("quotes")
@_DB
@click.option("--speaker", help="Speaker text containing TEXT, or an exact speaker code.")
@click.option("--country", metavar="ISO3", help="Speaker code prefix, e.g. PRK.")
@click.option("--text", "content", help="Quote content containing TEXT.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1))
def quotes_cmd(db: str, speaker: str | None, country: str | None, content: str | None, limit: int) -> None:
    """Show who said what: extracted quotes with their coded speakers."""
    from rich.console import Console
    from rich.table import Table

    from .quotes.query import filter_quotes
    from .store import Store

    with Store(db, read_only=True) as store:
        rows = filter_quotes(store.rows("quotes"), speaker=speaker, country=country, text=content)[:limit]
    table = Table(header_style="bold")
    table.add_column("article", ratio=1)
    table.add_column("speaker", ratio=1)
    table.add_column("cue", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("content", ratio=3)
    for r in rows:
        who = " ".join(x for x in (r["speaker_code"], r["speaker_text"]) if x)
        table.add_row(
            str(r["article_id"]), who, r["cue_text"] or "", r["kind"] or "", _shorten(r["content_text"], 160)
        )
    console = Console()
    if not console.is_terminal:
        console = Console(width=max(console.width, 160))
    console.print(table)
    console.print(f"{len(rows)} quotes" + (f" (limit {limit})" if len(rows) == limit else ""))


def _actor_cell(row: dict[str, Any], role: str) -> str:
    code, name, text = row[f"{role}_code"], row[f"{role}_name"], row[f"{role}_text"]
    return " ".join(x for x in (code, name or text) if x)


@cli.group("actors")
def actors_group() -> None:
    """Actor knowledge base."""


@actors_group.command("resolve")
@click.argument("texts", nargs=-1, required=True)
@click.option("--date", "date", callback=_parse_date, metavar="YYYY-MM-DD", help="Date of the mention.")
@click.option("--context", help="The sentence the mention occurs in.")
@_DICTS
def resolve_cmd(
    texts: tuple[str, ...], date: dt.date | None, context: str | None, dictionaries: tuple[str, ...]
) -> None:
    """Resolve actor TEXTs to codes: one JSON line per TEXT."""
    from .actors.kb import load_kb

    kb = load_kb(dictionaries)
    for text in texts:
        actor = kb.resolve(text, date, context)
        row = {
            "text": text,
            "code": actor.code if actor else None,
            "country": actor.country if actor else None,
            "sector": actor.sector if actor else None,
            "name": actor.name if actor else None,
        }
        click.echo(json.dumps(row, ensure_ascii=False))


@cli.command("eval")
@click.option("--eval-dir", type=click.Path(file_okay=False), help="Gold data (default: ../shared/eval).")
@click.option("--gate", is_flag=True, help="Exit 1 when a score is below its pinned floor.")
@click.option("--write-docs", is_flag=True, help="Write docs/benchmarks.md.")
def eval_cmd(eval_dir: str | None, gate: bool, write_docs: bool) -> None:
    """Score the pipeline on the gold sets and print a table."""
    from .evaluate import main as evaluate_main

    code = evaluate_main(Path(eval_dir) if eval_dir else None, gate=gate, write_docs=write_docs)
    raise click.exceptions.Exit(code)


@cli.command("benchmark")
@click.option("--input", "input_path", type=click.Path(exists=True), help="Articles to time (JSONL).")
@click.option("--limit", type=click.IntRange(1), help="Use at most N articles.")
@click.option("--write-docs", is_flag=True, help="Write the speed section of docs/benchmarks.md.")
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1),
    help="Also time the run on a local Dask cluster of N worker processes.",
)  # fmt: skip
def benchmark_cmd(input_path: str | None, limit: int | None, write_docs: bool, workers: int) -> None:
    """Measure articles per second against the bare spaCy parse."""
    from .benchmark import main as benchmark_main

    argv = [
        *(["--input", input_path] if input_path else []),
        *(["--limit", str(limit)] if limit else []),
        *(["--workers", str(workers)] if workers > 1 else []),
        *(["--write-docs"] if write_docs else []),
    ]
    code = benchmark_main(input_path, limit=limit, write_docs=write_docs, workers=workers, argv=argv)
    raise click.exceptions.Exit(code)


@cli.command("serve")
@_DB
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="TCP port.")
def serve_cmd(db: str, host: str, port: int) -> None:
    """Serve the read-only HTTP API (/api) and the dashboard (/) over DB."""
    import uvicorn

    from .api import create_app

    app = create_app(db)  # [E023] when the database does not exist
    click.echo(f"newsevents: serving {db} on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="newsevents")
