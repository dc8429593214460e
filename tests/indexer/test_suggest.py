"""Did you mean, and title completion as you type."""

from __future__ import annotations

from indexer.search import SearchIndex, SearchQuery, search
from indexer.suggest import complete_title, did_you_mean


def test_did_you_mean_respells_an_unknown_word(small_index: SearchIndex) -> None:
    assert did_you_mean(small_index, "ค่าชดเชิย") == "ค่าชดเชย"


def test_no_suggestion_for_a_query_of_known_words(small_index: SearchIndex) -> None:
    assert did_you_mean(small_index, "ค่าชดเชย นายจ้าง") is None


def test_search_offers_did_you_mean_when_nothing_is_found(small_index: SearchIndex) -> None:
    response = search(small_index, SearchQuery("ฉ้อโกงง"))
    assert response.did_you_mean == "ฉ้อโกง"


def test_complete_title_by_prefix_with_or_without_the_type_word(small_index: SearchIndex) -> None:
    assert [s.law for s in complete_title(small_index, "พระราชบัญญัติโรง")] == ["100001", "100004"]
    assert [s.law for s in complete_title(small_index, "โรงแรม")][:1] == ["100001"]
    assert [s.law for s in complete_title(small_index, "คุ้มครอง")] == ["100002"]


def test_complete_title_matches_inside_titles_after_prefixes(small_index: SearchIndex) -> None:
    assert [s.law for s in complete_title(small_index, "กฎหมายอาญา")] == ["100003"]


def test_complete_title_of_nothing_is_nothing(small_index: SearchIndex) -> None:
    assert complete_title(small_index, "   ") == []
    assert complete_title(small_index, "zzzz") == []


def test_complete_title_limit(small_index: SearchIndex) -> None:
    assert len(complete_title(small_index, "พระราชบัญญัติ", limit=1)) == 1
