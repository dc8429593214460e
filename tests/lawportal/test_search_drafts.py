"""Drafts under public hearing are found by the same search as laws, behind a "draft" filter."""

from __future__ import annotations

import re

from flask.testing import FlaskClient, FlaskCliRunner

from tests.conftest import DEMO_CORPUS_PATH


def test_a_published_draft_is_searchable_and_links_to_its_hearing(
    runner: FlaskCliRunner, client: FlaskClient
) -> None:
    for args in (["load", "--demo", str(DEMO_CORPUS_PATH)], ["demo-data"], ["index"]):
        result = runner.invoke(args=args)
        assert result.exit_code == 0, (args, result.output)

    page = client.get("/search", query_string={"q": "บริการดิจิทัล", "group": "draft"}).get_data(as_text=True)
    links = re.findall(r'href="(/hearings/\d+#s-[^"]+)"', page)
    assert links, page[:2000]
    # Only drafts pass the filter: no act of the demo corpus is listed.
    assert "/laws/9000" not in page
    hearing_page = client.get(links[0].split("#")[0])
    assert hearing_page.status_code == 200

    everything = client.get("/search", query_string={"q": "บริการดิจิทัล", "jump": "0"}).get_data(as_text=True)
    assert re.search(r'href="/hearings/\d+#s-', everything)
