"""Queries run in worker processes that can be killed: a time limit that really stops work.

Each worker opens its own store (a copy of the graph, or a connection to the
database). A query that outlives
its time limit is stopped by killing its worker (a thread cannot be stopped,
and pyoxigraph offers no cancellation); a query that crashes the engine takes
down only its worker. Either way a fresh worker takes its place. The event
loop only waits on pipes, so the service keeps answering while queries run.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import resource
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from dmops.backends.remote import StoreUnavailableError
from dmops.results import Serialised, serialise
from dmops.sparql import syntax_message
from dmops.store import UNION, Dataset, Store, StoreSpec

log = logging.getLogger(__name__)
START_TIMEOUT = 120.0


@dataclass(frozen=True)
class Job:
    """One query as the worker runs it."""

    query: str
    form: str
    max_rows: int
    dataset: Dataset = UNION
    base_iri: str | None = None


class QueryFailedError(Exception):
    """A query that could not be answered, with the HTTP status that says why."""

    def __init__(self, status: int, message: str, kind: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.kind = kind


def _worker_main(connection: Connection, spec: StoreSpec, memory_mb: int) -> None:
    """The worker process: open the store, then answer jobs until the pipe closes."""
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    store = spec.open()
    connection.send(("ready", None))
    while True:
        try:
            job: Job = connection.recv()
        except EOFError:
            return
        connection.send(_answer(store, job))


def _answer(store: Store, job: Job) -> tuple[str, object]:
    try:
        answer = store.query(job.query, job.dataset, base_iri=job.base_iri)
        return "ok", serialise(answer, job.form, job.max_rows)
    except SyntaxError as exc:
        return "error", (400, syntax_message(str(exc)), "syntax")
    except MemoryError:
        return "error", (503, "the query needs more memory than a query may use", "memory")
    except TimeoutError as exc:
        return "error", (503, f"the query ran out of time: {exc}", "timeout")
    except StoreUnavailableError as exc:
        return "error", (503, str(exc), "store_unavailable")
    except (ValueError, OSError, RuntimeError) as exc:
        return "error", (400, f"the query cannot be evaluated: {exc}", "evaluation")


def _context() -> multiprocessing.context.ForkServerContext:
    """Workers fork from a clean server process that has imported only this module.

    Spawning would start each worker from scratch and import the whole program
    again (the CLI, pySHACL, FastAPI: seconds); forking the service itself would
    copy its threads and open stores. The fork server preloads just what a worker
    needs, so a worker (or a replacement for a killed one) starts in milliseconds.
    """
    context = multiprocessing.get_context("forkserver")
    assert isinstance(context, multiprocessing.context.ForkServerContext)
    context.set_forkserver_preload([__name__])
    return context


class Worker:
    """One worker process and the pipe to it."""

    def __init__(self, spec: StoreSpec, memory_mb: int) -> None:
        context = _context()
        self.connection, child = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=_worker_main, args=(child, spec, memory_mb), daemon=True
        )
        self.process.start()
        child.close()
        try:
            if not self.connection.poll(START_TIMEOUT):
                raise EOFError
            self.connection.recv()
        except EOFError as exc:
            self.kill()
            raise RuntimeError("a query worker did not start") from exc

    def run(self, job: Job, timeout: float) -> Serialised:
        """The job's answer; the worker is killed if it runs out of time or dies."""
        try:
            self.connection.send(job)
            if not self.connection.poll(timeout):
                self.kill()
                raise QueryFailedError(
                    503, f"the query ran out of time ({timeout:g} s) and was stopped", "timeout"
                )
            status, payload = self.connection.recv()
        except (EOFError, OSError, BrokenPipeError) as exc:
            self.kill()
            raise QueryFailedError(
                500, "the query engine crashed on this query; the service goes on", "crash"
            ) from exc
        if status == "error":
            code, message, kind = payload
            raise QueryFailedError(code, message, kind)
        assert isinstance(payload, Serialised)
        return payload

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.join(timeout=5)
        with contextlib.suppress(Exception):
            self.connection.close()


class PoolBusyError(Exception):
    """Every worker is busy and the waiting line is full."""


class QueryPool:
    """A fixed number of workers, a bounded waiting line, and replacement of dead workers."""

    def __init__(self, spec: StoreSpec, size: int, waiting: int, memory_mb: int) -> None:
        self.spec = spec
        self.size = size
        self.max_waiting = waiting
        self.memory_mb = memory_mb
        self.waiting = 0
        self.idle: asyncio.Queue[Worker] = asyncio.Queue()
        self.workers: list[Worker] = []

    async def start(self) -> None:
        started = await asyncio.gather(*(asyncio.to_thread(self._new) for _ in range(self.size)))
        for worker in started:
            self.workers.append(worker)
            self.idle.put_nowait(worker)

    def _new(self) -> Worker:
        return Worker(self.spec, self.memory_mb)

    async def run(self, job: Job, timeout: float) -> tuple[Serialised, float]:
        """The answer and the seconds it took; PoolBusyError when the line is full."""
        if self.idle.empty() and self.waiting >= self.max_waiting:
            raise PoolBusyError
        self.waiting += 1
        try:
            worker = await self.idle.get()
        finally:
            self.waiting -= 1
        started = time.perf_counter()
        try:
            answer = await asyncio.to_thread(worker.run, job, timeout)
        finally:
            if worker.alive:
                self.idle.put_nowait(worker)
            else:
                asyncio.get_running_loop().create_task(self._replace(worker))
        return answer, time.perf_counter() - started

    async def _replace(self, dead: Worker) -> None:
        replacement = await asyncio.to_thread(self._new)
        self.workers = [replacement if worker is dead else worker for worker in self.workers]
        self.idle.put_nowait(replacement)

    async def drain(self, timeout: float) -> None:
        """Close once every worker is idle again (the queries under way have finished)."""
        deadline = time.monotonic() + timeout
        while self.idle.qsize() < len(self.workers) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        await self.close()

    async def close(self) -> None:
        for worker in self.workers:
            worker.kill()
        self.workers = []
