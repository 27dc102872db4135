"""``dmops publish``: the release into a SPARQL 1.1 database, replacing the last one."""

from __future__ import annotations

import argparse
import os

import httpx

from dmops.errors import DmopsError
from dmops.publish import publish
from dmops.store import default_files

PASSWORD_ENV = "DMOPS_PUBLISH_PASSWORD"


def run(args: argparse.Namespace) -> int:
    if not args.to.startswith(("http://", "https://")):
        raise DmopsError(
            f"--to takes the database's SPARQL Update URL (http[s]://…), not {args.to}"
        )
    files = default_files(args.graph_dir)
    published = publish(files, args.to, _auth(args.user, args.auth))
    for graph, count in published.triples.items():
        print(f"{graph}: {count} triples")
    print(
        f"published release {published.release} to {args.to}: uploaded in "
        f"{published.upload_seconds:.1f} s, made current in {published.switch_seconds:.2f} s"
    )
    for release in published.removed:
        print(f"removed the old release {release}")
    return 0


def _auth(user: str | None, scheme: str) -> httpx.Auth | None:
    if user is None:
        return None
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        raise DmopsError(f"--user {user} needs its password in ${PASSWORD_ENV}")
    if scheme == "digest":
        return httpx.DigestAuth(user, password)
    return httpx.BasicAuth(user, password)
