"""Knowledge graph of Rubin Observatory's DM Operations plan (RTN-046)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("rubin-dmops-kg")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
