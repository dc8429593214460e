"""Load raw Thai legal texts and parse them into laws, divisions and sections.

Pure Python: this package knows nothing of Flask or Whoosh.
"""
