"""Thin views of search: the /search page, its JSON twin /api/v1/search, and title suggestions."""

from __future__ import annotations

from typing import Any

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from lawportal.search import bp, services


@bp.get("/search")
def search() -> ResponseReturnValue:
    """The search page; a citation of an existing section jumps straight to it."""
    search_request, messages = services.parse_request(request.args)
    outcome = services.run_search(search_request, messages)
    if outcome.jump_to and search_request.jump and search_request.page == 1:
        sysid, number = outcome.jump_to
        flash(_("คำค้น “%(query)s” อ้างถึงมาตรานี้โดยตรง", query=search_request.text[:100]), "info")
        return redirect(url_for("laws.section", sysid=sysid, number=number))
    index_facets = None
    if not outcome.index_missing:
        try:
            index_facets = services.facets(services.get_index())
        except services.IndexMissing:
            index_facets = None
    return render_template("search/search.html", outcome=outcome, facets=index_facets)


@bp.get("/search/titles")
def titles() -> str:
    """Law titles starting with what was typed: the no-JavaScript twin of the autocompletion."""
    prefix = request.args.get("q", "")
    return render_template("search/titles.html", prefix=prefix, suggestions=services.suggest_titles(prefix, limit=30))


def _hit_json(hit: Any) -> dict[str, Any]:
    sysid, number = hit.id.split("/", 1)
    return {
        **hit.as_json(),
        "label": hit.section_label,
        "snippet": hit.snippet,
        "url": url_for("laws.section", sysid=sysid, number=number, _external=False),
        "why": hit.why,
    }


@bp.get("/api/v1/search")
def api_search() -> ResponseReturnValue:
    """JSON twin of /search, from the same service call; bad paging values are a 400 with a message."""
    try:
        search_request, messages = services.parse_request(request.args, strict=True)
    except ValueError as exc:
        return jsonify(error="Bad Request", message=str(exc)), 400
    outcome = services.run_search(search_request, messages)
    response = outcome.response
    body: dict[str, Any] = {
        "query": response.query if response else search_request.text[:2000],
        "mode": response.mode if response else "empty",
        "total": response.total if response else 0,
        "page": search_request.page,
        "per_page": search_request.per_page,
        "pages": response.pages if response else 0,
        "results": [_hit_json(hit) for hit in response.hits] if response else [],
        "messages": outcome.messages,
        "did_you_mean": response.did_you_mean if response else None,
        "jump_to": None,
        "missing_section": None,
        # A described situation (mode "situation"): similar cases and how much they counted (issue 10).
        "situation": response.situation if response else None,
    }
    if outcome.jump_to:
        sysid, number = outcome.jump_to
        body["jump_to"] = {"id": f"{sysid}/{number}", "url": url_for("laws.section", sysid=sysid, number=number)}
    if outcome.missing_section:
        sysid, number, title = outcome.missing_section
        body["missing_section"] = {
            "law": sysid,
            "number": number,
            "title": title,
            "law_url": url_for("laws.law", sysid=sysid),
        }
    if outcome.index_missing:
        return jsonify(body), 503
    return jsonify(body)


@bp.get("/api/v1/suggest")
def api_suggest() -> dict[str, Any]:
    """Title completions for the search box, as the reader types."""
    prefix = request.args.get("q", "")
    return {
        "query": prefix[:200],
        "suggestions": [
            {"law": sysid, "title": title, "url": url_for("laws.law", sysid=sysid)}
            for sysid, title in services.suggest_titles(prefix)
        ],
    }
