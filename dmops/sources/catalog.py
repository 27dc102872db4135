"""Where each source file lives, locally and upstream, so every fact can cite file and line.

The sources folder is a read-only copy of two repositories at fixed commits (its
README names them). A fact's ``dcterms:source`` is the upstream URL of the file
at that commit with a ``#L<line>`` anchor: stable, and a reviewer can click it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from dmops.errors import SourceError
from dmops.paths import PROJECT_ROOT, SOURCES_ENV

DEFAULT_SOURCES = PROJECT_ROOT.parent / "shared" / "sources"

RTN046_REPO = "lsst/rtn-046"
TEXMF_REPO = "lsst/lsst-texmf"

# Local path under the sources folder -> (repository, path inside the repository).
UPSTREAM_PATHS = {
    "lsst-texmf/lsst.bib": (TEXMF_REPO, "texmf/bibtex/bib/lsst.bib"),
    "lsst-texmf/glossarydefs.csv": (TEXMF_REPO, "etc/glossarydefs.csv"),
    "lsst-texmf/authordb.yaml": (TEXMF_REPO, "etc/authordb.yaml"),
}


@dataclass(frozen=True)
class SourceFile:
    """One source file: its local path and its upstream location at the pinned commit."""

    path: Path
    repo: str
    repo_path: str
    commit: str

    def iri(self, line: int | None = None) -> URIRef:
        """The upstream URL of this file (and line) at the pinned commit."""
        anchor = f"#L{line}" if line else ""
        return URIRef(f"https://github.com/{self.repo}/blob/{self.commit}/{self.repo_path}{anchor}")

    def read_text(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise SourceError(f"cannot read source file: {exc.strerror}", self.path) from exc
        except UnicodeDecodeError as exc:
            raise SourceError(f"not UTF-8 text ({exc.reason})", self.path) from exc


@dataclass(frozen=True)
class SourceCatalog:
    """The sources folder with the commits its README pins."""

    root: Path
    commits: dict[str, str]

    @classmethod
    def open(cls, root: Path | None = None) -> SourceCatalog:
        """Open the sources folder given, or $DMOPS_SOURCES, or ../shared/sources of the project."""
        root = root or Path(os.environ.get(SOURCES_ENV, DEFAULT_SOURCES))
        if not root.is_dir():
            raise SourceError(
                "sources folder not found; pass --sources DIR or set DMOPS_SOURCES", root
            )
        return cls(root=root, commits=read_pinned_commits(root / "README.md"))

    def file(self, local: str) -> SourceFile:
        """A file under the sources folder, by its path relative to the folder."""
        path = self.root / local
        if not path.is_file():
            raise SourceError("source file not found", path)
        repo, repo_path = upstream_location(local)
        return SourceFile(path=path, repo=repo, repo_path=repo_path, commit=self.commits[repo])

    def rtn046(self, name: str) -> SourceFile:
        """A file of RTN-046's LaTeX sources, by its path inside the repository."""
        return self.file(f"rtn-046/latex/{name}")

    def revision(self, repo: str) -> str:
        return f"{repo}@{self.commits[repo]}"


def upstream_location(local: str) -> tuple[str, str]:
    if local in UPSTREAM_PATHS:
        return UPSTREAM_PATHS[local]
    prefix = "rtn-046/latex/"
    if local.startswith(prefix):
        return RTN046_REPO, local.removeprefix(prefix)
    raise SourceError(f"no upstream location known for {local}")


def read_pinned_commits(readme: Path) -> dict[str, str]:
    """The commit of each repository, read from the README's ``owner/repo at commit <sha>``."""
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourceError("cannot read the sources README", readme) from exc
    commits = {}
    for repo in (RTN046_REPO, TEXMF_REPO):
        match = re.search(re.escape(repo) + r" at (?:commit )?([0-9a-f]{40})", text)
        if match is None:
            raise SourceError(f"the README names no commit for {repo}", readme)
        commits[repo] = match.group(1)
    return commits
