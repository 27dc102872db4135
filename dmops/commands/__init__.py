"""The ``dmops`` commands, one module each, imported only when that command runs.

The parser (``dmops.cli``) stays light, so ``dmops serve`` and the query workers
forked for it start without loading pySHACL, the ingesters or uvicorn's friends.
"""
