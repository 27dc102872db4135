"""Service settings, from the environment (``DMOPS_`` prefix) or ``dmops serve`` options."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every limit the service enforces, with defaults safe for a public endpoint."""

    model_config = SettingsConfigDict(env_prefix="DMOPS_", extra="ignore")

    name: str = "rubin-dmops-kg"
    host: str = "127.0.0.1"
    port: int = 8000
    store: str = Field(
        "oxigraph", description="memory, oxigraph, or sparql+http://HOST:PORT/PATH of a database"
    )
    graph_dir: Path | None = Field(None, description="the graph folder an embedded store loads")
    query_timeout: float = Field(10.0, gt=0, description="seconds before a query is stopped")
    max_rows: int = Field(10_000, gt=0, description="rows (or triples) a result may hold")
    max_body_bytes: int = Field(1_000_000, gt=0)
    max_url_length: int = Field(8_192, gt=0)
    max_query_length: int = Field(100_000, gt=0)
    workers: int = Field(2, gt=0, description="query worker processes")
    max_waiting: int = Field(16, ge=0, description="queries that may wait for a worker")
    worker_memory_mb: int = Field(2_048, gt=0)
    cors_origins: list[str] = Field(default_factory=list)
    retry_after: int = Field(2, gt=0, description="seconds a refused client should wait")
    admin_token: SecretStr | None = Field(
        None, description="enables POST /admin/reload for a client that sends it as a Bearer token"
    )
