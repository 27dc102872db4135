"""``dmops serve``: the web service under uvicorn."""

from __future__ import annotations

import argparse
import multiprocessing
import os
from multiprocessing import forkserver

import uvicorn

from dmops.store import store_spec

SERVICE_APP = "api.main:create_app"
WORKER_MODULE = "api.pool"
OPTIONS = ("host", "port", "query_timeout", "max_rows", "workers", "store", "graph_dir")


def run(args: argparse.Namespace) -> int:
    """Run the web service; the app is imported by name, so dmops never imports api."""
    store_spec(args.store, args.graph_dir, inference=False)
    for option in OPTIONS:
        value = getattr(args, option)
        if value is not None:
            os.environ[f"DMOPS_{option.upper()}"] = str(value)
    host = os.environ.get("DMOPS_HOST", "127.0.0.1")
    port = int(os.environ.get("DMOPS_PORT", "8000"))
    print(f"dmops: serving the graph at http://{host}:{port}/ (SPARQL at /sparql, API at /docs)")
    _start_fork_server()
    uvicorn.run(SERVICE_APP, factory=True, host=host, port=port, log_level="info")
    return 0


def _start_fork_server() -> None:
    """Boot the query workers' fork server now, while uvicorn imports the app.

    The service forks its workers from it (api.pool); started here, its own start
    (a fresh interpreter importing the worker module) overlaps the app's imports
    instead of following them. Named as a string: dmops never imports api.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([WORKER_MODULE])
    forkserver.ensure_running()
