"""The web layer: a FastAPI service over the dmops core (which never imports it)."""
