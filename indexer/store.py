"""Index folders on disk: build into a fresh folder, then swap a ``CURRENT`` pointer atomically.

A reader never sees a half-built index: the pointer file names a complete folder and is
replaced with ``os.replace``. Web processes keep a :class:`SearchIndexCache` that reopens
the index when the pointer changes; no index writer ever runs inside a request.
"""

from __future__ import annotations

import os
import shutil
import threading
from datetime import UTC, datetime
from pathlib import Path

from indexer.search import SearchIndex

POINTER_FILE = "CURRENT"


class IndexStore:
    """The root folder holding timestamped index folders and the ``CURRENT`` pointer."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    def new_folder(self) -> Path:
        """A fresh, not yet existing folder for a build, named by the time."""
        self.root.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        folder = self.root / stamp
        suffix = 0
        while folder.exists():
            suffix += 1
            folder = self.root / f"{stamp}-{suffix}"
        return folder

    def current(self) -> Path | None:
        """The folder the pointer names, or ``None`` before the first build."""
        try:
            name = (self.root / POINTER_FILE).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        folder = self.root / name
        return folder if name and folder.is_dir() else None

    def pointer_stamp(self) -> tuple[int, int] | None:
        """A cheap fingerprint of the pointer file that changes on every swap."""
        try:
            stat = (self.root / POINTER_FILE).stat()
        except FileNotFoundError:
            return None
        return (stat.st_mtime_ns, stat.st_ino)

    def publish(self, folder: Path, *, keep: int = 2) -> None:
        """Make ``folder`` current in one atomic step, then delete all but the ``keep`` newest builds."""
        if folder.parent.resolve() != self.root.resolve():
            raise ValueError(f"{folder} is not inside the index root {self.root}")
        partial = self.root / f".{POINTER_FILE}.{os.getpid()}.{threading.get_ident()}"
        partial.write_text(folder.name + "\n", encoding="utf-8")
        os.replace(partial, self.root / POINTER_FILE)
        self.prune(keep=keep)

    def prune(self, *, keep: int = 2) -> list[Path]:
        """Delete old build folders, never the current one; returns what was deleted."""
        current = self.current()
        builds = sorted((p for p in self.root.iterdir() if p.is_dir()), key=lambda p: p.name, reverse=True)
        removed = []
        for folder in builds[keep:]:
            if folder != current:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        return removed

    def open(self) -> SearchIndex:
        """Open the current index; ``FileNotFoundError`` with advice when there is none."""
        folder = self.current()
        if folder is None:
            raise FileNotFoundError(f"no search index in {self.root}: run `lawportal index` first")
        return SearchIndex(folder)


class SearchIndexCache:
    """The open index of a long-running process, reopened when a build swaps the pointer."""

    def __init__(self, store: IndexStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._index: SearchIndex | None = None
        self._stamp: tuple[int, int] | None = None

    def get(self) -> SearchIndex:
        """The current index, reopened if the pointer changed since the last call."""
        stamp = self.store.pointer_stamp()
        with self._lock:
            if self._index is None or stamp != self._stamp:
                old = self._index
                self._index = self.store.open()
                self._stamp = stamp
                if old is not None:
                    old.close()
            return self._index
