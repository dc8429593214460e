"""The parser on small hand-written texts shaped like the scraped krisdika acts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.model import RawLaw
from corpus.parser import best_chain, join_paragraphs, mark_current, parse_law, parse_laws, year_from_title
from corpus.thai import section_sort_key

ACT = """
พระราชบัญญัติ
ทดลองการเลี้ยงผึ้ง
พ.ศ. ๒๕๖๗

ให้ไว้ ณ วันที่ ๑ มกราคม พ.ศ. ๒๕๖๗

โดยที่เป็นการสมควรมีกฎหมายว่าด้วยการเลี้ยงผึ้ง
จึงให้ตราพระราชบัญญัติขึ้นไว้ ดังต่อไปนี้

มาตรา ๑  พระราชบัญญัตินี้เรียกว่า "พระราชบัญญัติทดลองการเลี้ยงผึ้ง
พ.ศ. ๒๕๖๗"

มาตรา ๒[๑]
พระราชบัญญัตินี้ให้ใช้บังคับตั้งแต่วันถัดจากวันประกาศเป็นต้นไป

หมวด ๑
บททั่วไป

มาตรา ๓  ในพระราชบัญญัตินี้
(๑) "ผึ้ง" หมายความว่า ผึ้งทุกชนิด
(๒) "รัง" หมายความว่า ที่อยู่ของผึ้ง

มาตรา
๔  ผู้เลี้ยงผึ้งต้องแจ้งต่อนายทะเบียนตาม
มาตรา ๓ (๑) ภายในสามสิบวัน
และให้นำความใน
มาตรา ๑๒ แห่งพระราชบัญญัติอื่นมาใช้บังคับโดยอนุโลม

มาตรา ๔ ทวิ[๒]  ผู้ใดเลี้ยงผึ้งในเขตชุมชน ต้องได้รับอนุญาต

มาตรา ๔/๑  ให้นายทะเบียนออกใบอนุญาตภายในเจ็ดวัน

หมวด ๒
บทกำหนดโทษ

ส่วนที่ ๑
โทษปรับ

มาตรา ๕  ผู้ใดฝ่าฝืนมาตรา ๔ ทวิ ต้องระวางโทษปรับไม่เกินหนึ่งพันบาท

มาตรา ๖ - ๗ (ยกเลิก)

บทเฉพาะกาล

มาตรา 8  ใบอนุญาตที่ออกก่อนวันที่พระราชบัญญัตินี้ใช้บังคับ
ให้ใช้ได้ต่อไป

ผู้รับสนองพระราชโองการ
นายกรัฐมนตรี

หมายเหตุ :- เหตุผลในการประกาศใช้พระราชบัญญัติฉบับนี้ คือ
เพื่อส่งเสริมการเลี้ยงผึ้ง

พระราชบัญญัติทดลองการเลี้ยงผึ้ง (ฉบับที่ ๒) พ.ศ. ๒๕๖๘[๓]

มาตรา ๒  พระราชบัญญัตินี้ให้ใช้บังคับตั้งแต่วันถัดจากวันประกาศ

[๑] ราชกิจจานุเบกษา เล่ม ๑/ตอนที่ ๑ ก/หน้า ๑/๒ มกราคม ๒๕๖๗
[๒] มาตรา ๔ ทวิ เพิ่มโดยพระราชบัญญัติทดลองการเลี้ยงผึ้ง (ฉบับที่ ๒)
พ.ศ. ๒๕๖๘
[๓] ราชกิจจานุเบกษา เล่ม ๒/ตอนที่ ๒ ก/หน้า ๒/๓ มกราคม ๒๕๖๘
"""


def raw(text: str, sysid: str = "9100001", title: str = "พระราชบัญญัติทดลองการเลี้ยงผึ้ง พ.ศ. ๒๕๖๗", **kw: str) -> RawLaw:
    return RawLaw(sysid=sysid, title=title, law_type=kw.get("law_type", "พระราชบัญญัติ"), text=text)


def test_sections_numbers_and_labels() -> None:
    law = parse_law(raw(ACT))
    assert [s.number for s in law.sections] == ["1", "2", "3", "4", "4ทวิ", "4/1", "5", "6", "8"]
    assert law.sections[4].label == "มาตรา ๔ ทวิ"
    assert law.sections[7].label == "มาตรา ๖ - ๗"
    assert law.sections[7].text == "(ยกเลิก)"
    assert law.sections[8].label == "มาตรา 8"
    assert all(s.kind == "section" and s.part == "main" for s in law.sections)
    assert law.anomalies == []


def test_wrapped_cross_references_at_line_start_stay_in_the_text() -> None:
    section_4 = parse_law(raw(ACT)).sections[3]
    assert section_4.text == (
        "ผู้เลี้ยงผึ้งต้องแจ้งต่อนายทะเบียนตาม มาตรา ๓ (๑) ภายในสามสิบวัน "
        "และให้นำความใน มาตรา ๑๒ แห่งพระราชบัญญัติอื่นมาใช้บังคับโดยอนุโลม"
    )


def test_preamble_year_and_paragraphs() -> None:
    law = parse_law(raw(ACT))
    assert law.year_be == 2567 and law.year_ce == 2024
    assert law.preamble.startswith("พระราชบัญญัติ ทดลองการเลี้ยงผึ้ง พ.ศ. ๒๕๖๗")
    assert "จึงให้ตราพระราชบัญญัติขึ้นไว้ ดังต่อไปนี้" in law.preamble
    assert law.sections[0].text == 'พระราชบัญญัตินี้เรียกว่า "พระราชบัญญัติทดลองการเลี้ยงผึ้ง พ.ศ. ๒๕๖๗"'
    assert law.sections[2].text.split("\n") == [
        "ในพระราชบัญญัตินี้",
        '(๑) "ผึ้ง" หมายความว่า ผึ้งทุกชนิด',
        '(๒) "รัง" หมายความว่า ที่อยู่ของผึ้ง',
    ]


def test_footnote_marks_footnotes_and_history_are_kept_apart() -> None:
    law = parse_law(raw(ACT))
    assert law.sections[1].footnote_marks == ["1"]
    assert law.sections[4].footnote_marks == ["2"]
    assert "[" not in "".join(s.text for s in law.sections)
    assert [f.mark for f in law.footnotes] == ["1", "2", "3"]
    assert law.footnotes[1].text == "มาตรา ๔ ทวิ เพิ่มโดยพระราชบัญญัติทดลองการเลี้ยงผึ้ง (ฉบับที่ ๒) พ.ศ. ๒๕๖๘"
    last = law.sections[-1]
    assert last.text == "ใบอนุญาตที่ออกก่อนวันที่พระราชบัญญัตินี้ใช้บังคับ ให้ใช้ได้ต่อไป"
    assert law.history.startswith("ผู้รับสนองพระราชโองการ")
    assert "หมายเหตุ" in law.history and "(ฉบับที่ ๒)" in law.history
    assert "ราชกิจจานุเบกษา" not in law.history


def test_divisions_levels_parents_and_section_division() -> None:
    law = parse_law(raw(ACT))
    shape = [(d.kind, d.number, d.title, d.level, d.parent) for d in law.divisions]
    assert shape == [
        ("หมวด", "1", "บททั่วไป", 3, None),
        ("หมวด", "2", "บทกำหนดโทษ", 3, None),
        ("ส่วน", "1", "โทษปรับ", 4, 1),
        ("บทเฉพาะกาล", "", "บทเฉพาะกาล", 3, None),
    ]
    by_number = {s.number: s.division for s in law.sections}
    assert by_number["1"] is None and by_number["3"] == 0 and by_number["4/1"] == 0
    assert by_number["5"] == 2 and by_number["8"] == 3


CODE = """
พระราชบัญญัติ
ให้ใช้ประมวลกฎหมายทดลอง
พ.ศ. ๒๕๖๗

มาตรา ๑  พระราชบัญญัตินี้เรียกว่า "พระราชบัญญัติให้ใช้ประมวลกฎหมายทดลอง พ.ศ. ๒๕๖๗"

มาตรา ๒  ให้ใช้ประมวลกฎหมายทดลองท้ายพระราชบัญญัตินี้

ผู้รับสนองพระบรมราชโองการ
นายกรัฐมนตรี

สารบาญ
ภาค ๑ บททั่วไป            มาตรา ๑-๒
ภาค ๒ ความผิด             มาตรา ๓

ประมวลกฎหมายทดลอง

ภาค ๑
บททั่วไป

มาตรา ๑  ในประมวลกฎหมายนี้ "ทดลอง" หมายความว่า ลองทำ

มาตรา ๒  ประมวลกฎหมายนี้ใช้ทั่วราชอาณาจักร

ภาค ๒
ความผิด

มาตรา ๓  ผู้ใดลองทำโดยประมาท ต้องระวางโทษปรับ
"""


def test_a_code_keeps_its_enacting_act_apart_and_skips_the_table_of_contents() -> None:
    law = parse_law(raw(CODE, title="ประมวลกฎหมายทดลอง", law_type="ประมวลกฎหมาย"))
    assert [s.number for s in law.enacting_sections] == ["1", "2"]
    assert all(s.part == "enacting" for s in law.enacting_sections)
    assert [s.number for s in law.sections] == ["1", "2", "3"]
    assert law.sections[0].text.startswith("ในประมวลกฎหมายนี้")
    assert [(d.kind, d.number, d.title) for d in law.divisions] == [("ภาค", "1", "บททั่วไป"), ("ภาค", "2", "ความผิด")]
    assert law.preamble.startswith("พระราชบัญญัติ ให้ใช้ประมวลกฎหมายทดลอง")
    assert law.year_be == 2567  # from the enacting act: the code's title has no year
    assert "สารบาญ" not in law.history and "ภาค ๑ บททั่วไป" not in law.history


ANNOUNCEMENT = """
ประกาศของคณะทดลอง
ฉบับที่ ๙

โดยที่เห็นสมควร จึงมีคำสั่งดังต่อไปนี้

ข้อ
๑  ห้ามมิให้ผู้ใดเลี้ยงผึ้งในเขตโรงเรียน ทั้งนี้ตามความใน
ข้อ ๓ ด้วย

ข้อ ๒  ผู้ใดฝ่าฝืนข้อ ๑ ต้องระวางโทษปรับ

ข้อ ๓  ประกาศนี้ให้ใช้บังคับตั้งแต่วันประกาศเป็นต้นไป
"""


def test_an_announcement_is_parsed_into_clauses() -> None:
    law = parse_law(raw(ANNOUNCEMENT, title="ประกาศของคณะทดลอง ฉบับที่ 9", law_type="ประกาศ"))
    assert [(s.kind, s.number, s.label) for s in law.sections] == [
        ("clause", "1", "ข้อ ๑"),
        ("clause", "2", "ข้อ ๒"),
        ("clause", "3", "ข้อ ๓"),
    ]
    assert law.sections[0].text.endswith("ทั้งนี้ตามความใน ข้อ ๓ ด้วย")


def test_anomalies_no_sections_long_section_and_duplicates() -> None:
    assert parse_law(raw("ประกาศ\nไม่มีมาตราใดเลย")).anomalies == ["no sections found"]
    long_text = "มาตรา ๑  " + "ข้อความยาวมาก " * 1000 + "\n\nมาตรา ๒  สั้น"
    assert parse_law(raw(long_text)).anomalies == ["long section 1: 13,999 characters"]
    repeated = "มาตรา ๑  หนึ่ง\n\nมาตรา ๒  สอง\n\nมาตรา ๒  สองซ้ำ\n\nมาตรา ๓  สาม"
    law = parse_law(raw(repeated))
    assert [s.number for s in law.sections] == ["1", "2", "3"]
    assert law.anomalies == ["duplicate number 2 (line 5)"]
    gap = parse_law(raw("มาตรา ๑  หนึ่ง\n\nมาตรา ๔  สี่"))
    assert gap.anomalies == ["numbering gap: 1 -> 4"]


def test_the_chain_skips_a_reference_that_looks_like_a_heading() -> None:
    text = "มาตรา ๑  หนึ่ง\n\nมาตรา ๒  ให้ใช้บทบัญญัติ\n\nมาตรา ๙  ของกฎหมายอื่น\n\nมาตรา ๓  สาม"
    law = parse_law(raw(text))
    assert [s.number for s in law.sections] == ["1", "2", "3"]
    assert "มาตรา ๙ ของกฎหมายอื่น" in law.sections[1].text
    assert best_chain([]) == []


def test_join_paragraphs_keeps_enumerations_and_blank_lines() -> None:
    lines = ["ให้รัฐมนตรีมีอำนาจ", "ออกกฎกระทรวง ดังต่อไปนี้", "(๑) กำหนดค่าธรรมเนียม", "(๒) กำหนดแบบ", "", "วรรคใหม่"]
    assert join_paragraphs(lines) == (
        "ให้รัฐมนตรีมีอำนาจ ออกกฎกระทรวง ดังต่อไปนี้\n(๑) กำหนดค่าธรรมเนียม\n(๒) กำหนดแบบ\nวรรคใหม่"
    )


def test_year_from_title() -> None:
    assert year_from_title("พระราชบัญญัติโรงแรม พ.ศ. ๒๕๔๗") == 2547
    assert year_from_title("พระราชบัญญัติสำหรับรักษาช้างป่า พระพุทธศักราช 2464") == 2464
    assert year_from_title("ประกาศคณะรักษาความสงบแห่งชาติ ฉบับที่ 83/2557 เรื่อง การพนัน") == 2557
    assert year_from_title("พระราชบัญญัติเหรียญรัชมงคล รัตนโกสินทรศก 126") == 2450
    assert year_from_title("พระราชบัญญัติล้างมลทิน ร.ศ.130 พุทธศักราช 2475") == 2475
    assert year_from_title("ประมวลกฎหมายอาญา") is None
    dated = parse_law(raw(ANNOUNCEMENT + "\nประกาศ ณ วันที่ ๑ มกราคม พ.ศ. ๒๕๑๕", title="ประกาศของคณะทดลอง ฉบับที่ 9"))
    assert dated.year_be == 2515  # from the date it was given, at the end


def test_mark_current_keeps_the_consolidated_text_current() -> None:
    amended = ACT
    original = ACT.split("[๑] ราชกิจจา")[0]
    code = raw(CODE, sysid="9100003", title="ประมวลกฎหมายทดลอง")
    laws = parse_laws([raw(original, sysid="9100001"), raw(amended, sysid="9100002"), code])
    assert [law.is_current for law in laws] == [False, True, True]
    mark_current(laws[:1])
    assert laws[0].is_current is False  # a lone law is left as it was


def test_paragraph_lines_keep_every_line_break() -> None:
    text = "มาตรา ๑  ผู้ใดเลี้ยงผึ้งโดยไม่ได้รับอนุญาต ต้องระวางโทษปรับ\nถ้าผึ้งนั้นทำอันตรายผู้อื่น ต้องระวางโทษจำคุก"
    guessed = parse_law(raw(text)).sections[0].text
    kept = parse_law(RawLaw("9100001", "พระราชบัญญัติผึ้ง พ.ศ. ๒๕๖๗", "พระราชบัญญัติ", text, paragraph_lines=True))
    assert "\n" not in guessed  # without the source's help a break mid-section looks like a wrap
    assert kept.sections[0].text.split("\n") == [
        "ผู้ใดเลี้ยงผึ้งโดยไม่ได้รับอนุญาต ต้องระวางโทษปรับ",
        "ถ้าผึ้งนั้นทำอันตรายผู้อื่น ต้องระวางโทษจำคุก",
    ]


def test_a_law_whose_parts_hold_chapters_ranks_them_so() -> None:
    text = (
        "ส่วนที่ ๑\nส่วนกลาง\n\nมาตรา ๑  หนึ่ง\n\nหมวด ๑\nกระทรวง\n\nมาตรา ๒  สอง\n\n"
        "ส่วนที่ ๒\nส่วนภูมิภาค\n\nหมวด ๑\n\nจังหวัด\n\nมาตรา ๓  สาม"
    )
    law = parse_law(raw(text))
    shape = [(d.kind, d.number, d.title, d.level, d.parent) for d in law.divisions]
    assert shape == [
        ("ส่วน", "1", "ส่วนกลาง", 3, None),
        ("หมวด", "1", "กระทรวง", 4, 0),
        ("ส่วน", "2", "ส่วนภูมิภาค", 3, None),
        ("หมวด", "1", "จังหวัด", 4, 2),  # the title after a blank line
    ]
    assert [s.division for s in law.sections] == [0, 1, 3]


PIECES = [
    "มาตรา", "ข้อ", " ", "  ", "\n", "\n\n", "๑", "๒", "๓", "1", "/", "ทวิ", "ตรี", "[๑]", "หมวด", "ส่วนที่",
    "ภาค", "บทเฉพาะกาล", "สารบาญ", "ผู้รับสนองพระบรมราชโองการ", "หมายเหตุ :-", "แห่ง", "ตาม", "(ยกเลิก)",
    "พระราชบัญญัติ", "พ.ศ. ๒๕๖๗", "ให้ไว้ ณ วันที่", "ข้อความ", "-", "ถึง", "(๑)",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=80), st.booleans(), st.sampled_from(["พระราชบัญญัติ", "ประกาศ"]))
def test_any_text_parses_into_ordered_unique_sections(pieces: list[str], paragraph_lines: bool, law_type: str) -> None:
    text = "".join(pieces)
    law = parse_law(RawLaw("9100001", "ประมวลกฎหมายทดลอง", law_type, text, paragraph_lines=paragraph_lines))
    for part in (law.sections, law.enacting_sections):
        numbers = [section.number for section in part]
        assert len(numbers) == len(set(numbers))
        mains = [section_sort_key(number)[0] for number in numbers]
        assert mains == sorted(mains)
    assert all(d.parent is None or d.parent < index for index, d in enumerate(law.divisions))
    assert all(s.division is None or 0 <= s.division < len(law.divisions) for s in law.sections)


def test_an_amending_act_after_the_signature_does_not_extend_the_law() -> None:
    text = (
        "มาตรา ๑  หนึ่ง\n\nมาตรา ๒  สอง\n\nมาตรา ๓  สาม\n\nผู้รับสนองพระบรมราชโองการ\nนายกรัฐมนตรี\n\n"
        "พระราชบัญญัติทดลอง (ฉบับที่ ๒) พ.ศ. ๒๕๖๘[๑]\n\nมาตรา ๒  ให้ใช้บังคับทันที\n\nมาตรา ๔  ให้รัฐมนตรีรักษาการ\n\n"
        "[๑] ราชกิจจานุเบกษา"
    )
    law = parse_law(raw(text))
    assert [s.number for s in law.sections] == ["1", "2", "3"]
    assert "มาตรา ๔ ให้รัฐมนตรีรักษาการ" in law.history


def test_division_titles_that_look_like_words_of_a_reference() -> None:
    text = (
        "หมวด ๑\nข้อความทั่วไป\n\nมาตรา ๑  หนึ่ง ตามความใน\nหมวด ๒ แห่งพระราชบัญญัตินี้\n\n"
        "ลักษณะ ๒\nให้\n\nมาตรา ๒  สอง\n\nหมวด ๓ ที่ดินของรัฐ\n\nมาตรา ๓  สาม"
    )
    law = parse_law(raw(text))
    assert [(d.kind, d.number, d.title) for d in law.divisions] == [
        ("หมวด", "1", "ข้อความทั่วไป"),
        ("ลักษณะ", "2", "ให้"),
        ("หมวด", "3", "ที่ดินของรัฐ"),
    ]
    assert law.sections[0].text == "หนึ่ง ตามความใน หมวด ๒ แห่งพระราชบัญญัตินี้"


def test_an_act_with_a_treaty_annexed_keeps_its_own_sections() -> None:
    treaty = "\n\n".join(f"ข้อ {n}  ภาคีทั้งสองตกลงกันตามข้อนี้" for n in "๑๒๓๔๕๖")
    text = (
        "มาตรา ๑  พระราชบัญญัตินี้เรียกว่า ทดลอง\n\nมาตรา ๒  ให้ใช้สนธิสัญญาท้ายพระราชบัญญัตินี้\n\n"
        f"ผู้รับสนองพระบรมราชโองการ\nนายกรัฐมนตรี\n\nสนธิสัญญาทดลอง\n\n{treaty}"
    )
    law = parse_law(raw(text))
    assert [(s.kind, s.number) for s in law.sections] == [("section", "1"), ("section", "2")]
    assert "ข้อ ๖ ภาคีทั้งสองตกลงกันตามข้อนี้" in law.history
