"""A notice is its Thai text for the CLI and the API, and its template and values for the site."""

from __future__ import annotations

import json

from indexer.notices import N_, Notice


def test_a_notice_reads_as_its_formatted_thai_and_keeps_its_template() -> None:
    notice = Notice(N_("ไม่มีมาตรา %(number)s ใน%(title)s"), number="9999", title="ประมวลกฎหมายอาญา")
    assert notice == "ไม่มีมาตรา 9999 ในประมวลกฎหมายอาญา"
    assert notice.template == "ไม่มีมาตรา %(number)s ใน%(title)s"
    assert notice.values == {"number": "9999", "title": "ประมวลกฎหมายอาญา"}
    assert json.loads(json.dumps({"notices": [notice]}, ensure_ascii=False)) == {"notices": [str(notice)]}


def test_a_notice_without_values_is_its_template() -> None:
    notice = Notice(N_("กรุณาพิมพ์คำค้น"))
    assert notice == notice.template == "กรุณาพิมพ์คำค้น" and notice.values == {}
    assert notice.startswith("กรุณา")
