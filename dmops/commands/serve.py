"""``dmops serve``: the web service under uvicorn."""

from __future__ import annotations

import argparse
import os

import uvicorn

from dmops.store import store_spec

SERVICE_APP = "api.main:create_app"
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
    uvicorn.run(SERVICE_APP, factory=True, host=host, port=port, log_level="info")
    return 0
