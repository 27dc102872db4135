"""The floor for the service benchmarks: FastAPI under uvicorn answering a constant."""

from __future__ import annotations

from fastapi import FastAPI

app = FastAPI()


@app.get("/bare")
async def bare() -> dict[str, str]:
    return {"answer": "constant"}
