"""search() on a small hand-written corpus: each kind of query, filters, paging, bad input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.analysis import analyze
from indexer.search import (
    MAX_QUERY_CHARS,
    QueryError,
    SearchFilters,
    SearchIndex,
    SearchQuery,
    make_snippet,
    parse_query,
    search,
)


def ids(index: SearchIndex, text: str, **options: object) -> list[str]:
    return [hit.id for hit in search(index, SearchQuery(text, **options)).hits]  # type: ignore[arg-type]


def test_topic_query_puts_the_governing_act_first(small_index: SearchIndex) -> None:
    response = search(small_index, SearchQuery("ใบอนุญาตประกอบธุรกิจโรงแรม"))
    assert response.mode == "keyword"
    assert response.hits[0].law == "100001"
    assert response.hits[0].id in {"100001/15", "100001/16"}
    assert response.hits[0].title == "พระราชบัญญัติโรงแรม พ.ศ. 2547"
    assert response.groups[0].law == "100001"


def test_words_of_one_section_find_it(small_index: SearchIndex) -> None:
    assert ids(small_index, "ค่าชดเชยเมื่อนายจ้างเลิกจ้าง")[0] == "100002/118"
    assert ids(small_index, "ลักทรัพย์")[0] in {"100003/334", "100003/335ทวิ"}


def test_citation_gives_the_section_first_and_a_jump(small_index: SearchIndex) -> None:
    response = search(small_index, SearchQuery("พ.ร.บ.คุ้มครองแรงงาน มาตรา ๑๑๘/๑"))
    assert response.mode == "citation"
    assert response.jump_to == "100002/118/1"
    assert response.hits[0].id == "100002/118/1"
    assert response.hits[0].section_label == "มาตรา ๑๑๘/๑"


def test_citation_with_a_suffix(small_index: SearchIndex) -> None:
    assert ids(small_index, "ประมวลกฎหมายอาญา มาตรา 335 ทวิ")[0] == "100003/335ทวิ"


def test_citation_of_a_missing_section_says_so_and_shows_the_act(small_index: SearchIndex) -> None:
    response = search(small_index, SearchQuery("มาตรา 9999 ประมวลกฎหมายอาญา"))
    assert response.jump_to is None
    assert any("9999" in notice for notice in response.notices)
    assert response.hits and response.hits[0].law == "100003"


def test_phrase_in_quotes_must_occur(small_index: SearchIndex) -> None:
    loose = ids(small_index, "ลูกจ้าง ทำงานติดต่อกัน")
    assert {"100002/118", "100002/118/1"} <= set(loose)
    phrase = search(small_index, SearchQuery('"ครบยี่สิบปี"'))
    assert phrase.mode == "phrase"
    assert [hit.id for hit in phrase.hits] == ["100002/118/1"]
    assert search(small_index, SearchQuery('"ยี่สิบปีครบ"')).hits == []


def test_filters_narrow_by_type_group_and_year(small_index: SearchIndex) -> None:
    everything = {hit.law for hit in search(small_index, SearchQuery("โรงแรม")).hits}
    assert {"100001", "100004"} <= everything
    recent = search(small_index, SearchQuery("โรงแรม", filters=SearchFilters(year_from=2500)))
    assert {hit.law for hit in recent.hits} == {"100001"}
    old = search(small_index, SearchQuery("โรงแรม", filters=SearchFilters(year_to=2500)))
    assert {hit.law for hit in old.hits} == {"100004"}
    codes = search(small_index, SearchQuery("ผู้ใด", filters=SearchFilters(law_type="ประมวลกฎหมาย")))
    assert codes.hits and {hit.law for hit in codes.hits} == {"100003"}
    labour = search(small_index, SearchQuery("ลูกจ้าง", filters=SearchFilters(group="แรงงาน")))
    assert labour.hits and {hit.law for hit in labour.hits} == {"100002"}


def test_sort_newest_orders_laws_by_year(small_index: SearchIndex) -> None:
    laws = [hit.law for hit in search(small_index, SearchQuery("โรงแรม", sort="newest")).hits]
    assert laws.index("100001") < laws.index("100004")


def test_pages_do_not_overlap_and_cover_the_results(small_index: SearchIndex) -> None:
    first = search(small_index, SearchQuery("ผู้ใด", per_page=2, page=1))
    second = search(small_index, SearchQuery("ผู้ใด", per_page=2, page=2))
    assert len(first.hits) == 2 and second.hits
    assert not {hit.id for hit in first.hits} & {hit.id for hit in second.hits}
    assert first.total >= 3 and first.pages >= 2


def test_snippet_marks_terms_on_word_boundaries(small_index: SearchIndex) -> None:
    hit = search(small_index, SearchQuery("ค่าชดเชย")).hits[0]
    assert "<mark>ค่าชดเชย</mark>" in hit.snippet
    text = "ผู้ใดประสงค์จะประกอบธุรกิจโรงแรมให้ยื่นคำขอรับใบอนุญาตต่อนายทะเบียน " * 10
    snippet = make_snippet(small_index, text, ["ใบอนุญาต"], width=60)
    plain = snippet.replace("<mark>", "").replace("</mark>", "").strip("… ")
    words = set(analyze(text))
    assert analyze(plain) and set(analyze(plain)) <= words
    assert "<mark>ใบอนุญาต</mark>" in snippet


def test_snippet_escapes_html(small_index: SearchIndex) -> None:
    assert "&lt;script&gt;" in make_snippet(small_index, "<script>โรงแรม</script>", ["โรงแรม"])


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\x00\x01\x02",
        '"ใบอนุญาต',
        'โรงแรม"',
        "* ? ~ ^ : ( ) AND OR NOT",
        "โรงแรม AND (ใบอนุญาต OR NOT",
        "title:โรงแรม^3 ใบ*",
        "\ud800 broken surrogate",
        "🙂" * 50,
        "ก" * 5000,
    ],
)
def test_bad_input_gives_results_or_a_message_never_an_exception(small_index: SearchIndex, text: str) -> None:
    response = search(small_index, SearchQuery(text))
    assert response.mode in {"empty", "keyword", "phrase", "paragraph", "citation", "situation"}
    if response.mode == "empty":
        assert response.notices and not response.hits


def test_syntax_characters_are_plain_text(small_index: SearchIndex) -> None:
    assert ids(small_index, "โรงแรม AND (ใบอนุญาต)") == ids(small_index, "โรงแรม ใบอนุญาต")


def test_long_query_is_cut_with_a_notice(small_index: SearchIndex) -> None:
    response = search(small_index, SearchQuery("โรงแรม " * 1000))
    assert len(response.query) <= MAX_QUERY_CHARS
    assert any(str(MAX_QUERY_CHARS) in notice for notice in response.notices)
    assert response.hits[0].law == "100001"


def test_paragraph_query_keeps_only_the_rarest_terms(small_index: SearchIndex) -> None:
    paragraph = (
        "ข้าพเจ้าทำงานเป็นลูกจ้างของบริษัทมาหลายปี วันหนึ่งนายจ้างเรียกไปพบและบอกว่าเลิกจ้างทันที "
        "โดยไม่บอกกล่าวล่วงหน้า ไม่จ่ายเงินใด ๆ อยากทราบว่าข้าพเจ้ามีสิทธิได้รับค่าชดเชยหรือไม่ เท่าใด"
    )
    response = search(small_index, SearchQuery(paragraph, situation=False))
    assert response.mode == "paragraph"
    assert 0 < len(response.terms) <= 8
    assert response.hits[0].law == "100002"


def test_invalid_query_options_are_query_errors() -> None:
    with pytest.raises(QueryError):
        SearchQuery("x", sort="oldest")
    with pytest.raises(QueryError):
        SearchQuery("x", page=0)
    with pytest.raises(QueryError):
        SearchQuery("x", per_page=1000)


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_query_parser_accepts_any_unicode(text: str) -> None:
    parsed = parse_query(text, analyze)
    assert len(parsed.text) <= MAX_QUERY_CHARS
    assert all(term and " " not in term for term in parsed.terms)


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=120))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_search_accepts_any_unicode(small_index: SearchIndex, text: str) -> None:
    response = search(small_index, SearchQuery(text))
    assert response.total >= len(response.hits)
