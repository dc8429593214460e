"""Views of the search blueprint (filled in once the app skeleton exists)."""

from __future__ import annotations
