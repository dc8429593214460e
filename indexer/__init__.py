"""Thai analysis and the search backend (Whoosh). Knows nothing of Flask or HTTP.

The interface the site uses: :func:`indexer.build.build_index` / :func:`indexer.build.update_index`
write an index folder, :class:`indexer.store.IndexStore` swaps folders atomically,
:func:`indexer.search.search` answers a typed :class:`indexer.search.SearchQuery`, and
:mod:`indexer.suggest` offers "did you mean" and title completion.
"""
