"""Law names as people type them resolve to the right sysid; the alias table is checked on the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.thai import clean_text
from indexer.lawnames import Alias, LawNames, default_aliases, load_aliases, name_key, split_title_year

# Titles of real laws (metadata only), enough to exercise every rule.
TITLES = [
    ("443287", "ประมวลกฎหมายอาญา", True),
    ("320572", "ประมวลกฎหมายอาญาทหาร", True),
    ("567410", "ประมวลกฎหมายแพ่งและพาณิชย์", True),
    ("570066", "ประมวลกฎหมายวิธีพิจารณาความอาญา", True),
    ("642571", "พระราชบัญญัติคุ้มครองแรงงาน พ.ศ. 2541", True),
    ("556460", "พระราชบัญญัติว่าด้วยการกระทำความผิดเกี่ยวกับคอมพิวเตอร์ พ.ศ. 2550", True),
    ("321681", "พระราชบัญญัติการขนส่งทางบก พ.ศ. 2522", True),
    ("594179", "พระราชบัญญัติศุลกากร พุทธศักราช 2469", True),
    ("776904", "พระราชบัญญัติศุลกากร พ.ศ. 2560", True),
    ("304725", "พระราชบัญญัติโรงงาน พ.ศ. 2535", False),
    ("769946", "พระราชบัญญัติโรงงาน พ.ศ. 2535", True),
    ("305008", "พระราชบัญญัติยา พ.ศ. 2510", True),
    ("740072", "พระราชกำหนดการประมง พ.ศ. 2558", True),
    ("306554", "ประกาศของคณะปฏิวัติ ฉบับที่ 189", True),
    ("564433", "พระราชบัญญัติควบคุมอาคาร พ.ศ.2522 ( ฉบับ Update ล่าสุด)", True),
]
ALIASES = [
    Alias("ป.อ.", "443287", "ประมวลกฎหมายอาญา"),
    Alias("ป.พ.พ.", "567410", "ประมวลกฎหมายแพ่งและพาณิชย์"),
    Alias("ป.วิ.อ.", "570066", "ประมวลกฎหมายวิธีพิจารณาความอาญา"),
    Alias("พ.ร.บ.คอมพิวเตอร์", "556460", "..."),
    Alias("คอมพิวเตอร์", "556460", "...", "alone"),
    Alias("ไม่มีในคลัง", "999999", "..."),
]


@pytest.fixture(scope="module")
def names() -> LawNames:
    return LawNames.from_rows(TITLES, ALIASES)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("พ.ร.บ. จราจร", "พรบจราจร"),
        ("พรบ จราจร", "พรบจราจร"),
        ("ป.วิ.อ.", "ปวิอ"),
        ("ประมวลกฏหมายอาญา", "ประมวลกฎหมายอาญา"),
        ("พ.ศ. ๒๕๓๕", "พศ2535"),
        ("  ", ""),
    ],
)
def test_name_key(text: str, key: str) -> None:
    assert name_key(text) == key


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("พระราชบัญญัติโรงงาน พ.ศ. 2535", ("พระราชบัญญัติโรงงาน", 2535)),
        ("พระราชบัญญัติศุลกากร พุทธศักราช ๒๔๖๙", ("พระราชบัญญัติศุลกากร", 2469)),
        ("พระราชบัญญัติควบคุมอาคาร พ.ศ.2522 ( ฉบับ Update ล่าสุด)", ("พระราชบัญญัติควบคุมอาคาร", 2522)),
        ("พระราชบัญญัติเหรียญรัชมงคล รัตนโกสินทรศก 126", ("พระราชบัญญัติเหรียญรัชมงคล", 2450)),
        ("ประมวลกฎหมายอาญา", ("ประมวลกฎหมายอาญา", None)),
    ],
)
def test_split_title_year(title: str, expected: tuple[str, int | None]) -> None:
    assert split_title_year(title) == expected


@pytest.mark.parametrize(
    ("name", "sysid"),
    [
        ("ประมวลกฎหมายอาญา", "443287"),
        ("ประมวลกฏหมายอาญา", "443287"),  # common misspelling
        ("ป.อ.", "443287"),
        ("ป.อ", "443287"),
        ("ป. อ.", "443287"),
        ("ป.วิ.อ.", "570066"),
        ("ปวิอ", "570066"),
        ("พระราชบัญญัติคุ้มครองแรงงาน พ.ศ. 2541", "642571"),
        ("พระราชบัญญัติคุ้มครองแรงงาน พ.ศ. ๒๕๔๑", "642571"),
        ("พ.ร.บ.คุ้มครองแรงงาน", "642571"),
        ("พรบ คุ้มครองแรงงาน", "642571"),
        ("คุ้มครองแรงงาน", "642571"),
        ("พรบ คอมพิวเตอร์", "556460"),
        ("พ.ร.บ.ว่าด้วยการกระทำความผิดเกี่ยวกับคอมพิวเตอร์", "556460"),
        ("คอมพิวเตอร์", "556460"),
        ("พ.ร.บ.ขนส่งทางบก", "321681"),  # without the leading การ
        ("พ.ร.ก.ประมง", "740072"),
        ("พ.ร.บ.ศุลกากร", "776904"),  # the newest act of that name
        ("พ.ร.บ.ศุลกากร 2469", "594179"),  # ... unless the year says otherwise
        ("พ.ร.บ.ศุลกากร พ.ศ. 2560", "776904"),
        ("พ.ร.บ.ศุลกากร ค.ศ. 1926", "594179"),
        ("พ.ร.บ.โรงงาน", "769946"),  # the current text of two with one title
        ("พ.ร.บ.ควบคุมอาคาร", "564433"),
        ("ป.ว. 189", "306554"),
        ("ประกาศคณะปฏิวัติ ฉบับที่ 189", "306554"),
    ],
)
def test_resolve(names: LawNames, name: str, sysid: str) -> None:
    assert names.resolve(name) == sysid


@pytest.mark.parametrize("name", ["", "   ", "กฎหมาย", "พ.ร.บ.", "ไม่มีในคลัง", "ป.อ. เพิ่มเติม", "\x00\x01"])
def test_resolve_unknown(names: LawNames, name: str) -> None:
    assert names.resolve(name) is None


def test_alias_of_a_law_not_loaded_is_skipped(names: LawNames) -> None:
    assert "999999" not in names.entries
    assert names.resolve("ไม่มีในคลัง") is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("ค่าชดเชย ตาม พ.ร.บ.คุ้มครองแรงงาน มาตรา 118", [("642571", "พ.ร.บ.คุ้มครองแรงงาน")]),
        ("ปอดอักเสบ ป.อ. ม.341", [("443287", "ป.อ.")]),
        ("ประมวลกฎหมายอาญาทหาร", [("320572", "ประมวลกฎหมายอาญาทหาร")]),
        ("พ.ร.บ.ศุลกากร พ.ศ. 2469 มาตรา 27", [("594179", "พ.ร.บ.ศุลกากร พ.ศ. 2469")]),
        # Bare short titles are everyday words inside a longer query: not law names there.
        ("ซื้อยาแก้ปวด", []),
        ("คอมพิวเตอร์ถูกแฮก", []),
        ("ปอดบวม", []),
    ],
)
def test_find(names: LawNames, text: str, found: list[tuple[str, str]]) -> None:
    cleaned = clean_text(text)
    mentions = names.find(cleaned)
    assert [(m.sysid, cleaned[m.start : m.end]) for m in mentions] == found


def test_find_reports_the_year(names: LawNames) -> None:
    (mention,) = names.find("พ.ร.บ.ศุลกากร พ.ศ. 2469")
    assert mention.year_be == 2469


def test_title(names: LawNames) -> None:
    assert names.title("443287") == "ประมวลกฎหมายอาญา"
    assert names.title("nope") is None


def test_malformed_alias_row_names_file_and_line(tmp_path: Path) -> None:
    table = tmp_path / "names.tsv"
    table.write_text(
        "name\tsysid\ttitle\tscope\nป.อ.\t443287\tประมวลกฎหมายอาญา\n# note\nป.พ.พ.\tx\ty\n", "utf-8"
    )
    with pytest.raises(ValueError, match=r"names\.tsv:4"):
        load_aliases(table)
    table.write_text("ป.อ.\t443287\tประมวลกฎหมายอาญา\tsomewhere\n", "utf-8")
    with pytest.raises(ValueError, match=r"names\.tsv:1: scope"):
        load_aliases(table)


def test_alias_table_is_well_formed() -> None:
    aliases = default_aliases()
    assert len(aliases) >= 40
    keys = [name_key(alias.name) for alias in aliases]
    duplicates = {key for key in keys if keys.count(key) > 1}
    assert not duplicates, f"an alias is listed twice: {duplicates}"


# --- on the real corpus -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_names(real_laws: list) -> LawNames:
    return LawNames.from_rows((law.sysid, law.title, law.is_current) for law in real_laws)


@pytest.mark.realcorpus
def test_every_alias_resolves_to_its_law_in_the_corpus(real_laws: list, real_names: LawNames) -> None:
    titles = {law.sysid: law.title for law in real_laws}
    problems = []
    for alias in default_aliases():
        if alias.sysid not in titles:
            problems.append(f"{alias.name}: sysid {alias.sysid} is not in the corpus")
        elif name_key(titles[alias.sysid]) != name_key(alias.title):
            problems.append(
                f"{alias.name}: {alias.sysid} is titled {titles[alias.sysid]!r}, not {alias.title!r}"
            )
        elif titles.get(real_names.resolve(alias.name) or "") != titles[alias.sysid]:
            # The alias names a title; of two texts with that title the current one is chosen.
            problems.append(f"{alias.name}: resolves to {real_names.resolve(alias.name)}, not {alias.sysid}")
    assert not problems, "\n".join(problems)


@pytest.mark.realcorpus
def test_every_title_resolves_to_a_law_of_that_title(real_laws: list, real_names: LawNames) -> None:
    titles = {law.sysid: name_key(law.title) for law in real_laws}
    for law in real_laws:
        resolved = real_names.resolve(law.title)
        assert resolved is not None, law.title
        assert titles[resolved] == name_key(law.title), (law.sysid, law.title, resolved)


@pytest.mark.realcorpus
@pytest.mark.parametrize(
    ("name", "sysid"),
    [
        ("ป.อ.", "443287"),
        ("ป.พ.พ.", "567410"),
        ("ป.วิ.พ.", "570093"),
        ("ป.วิ.อ.", "570066"),
        ("รัฐธรรมนูญ", "774606"),
        ("พรบ คอมพิวเตอร์", "556460"),
        ("พ.ร.บ.จราจร", "570840"),
        ("พ.ร.บ.คุ้มครองแรงงาน", "642571"),
        ("พ.ร.บ.ศุลกากร", "776904"),
        ("พ.ร.บ.ภาษีสรรพสามิต พ.ศ. 2527", "303973"),
    ],
)
def test_names_in_the_real_corpus(real_names: LawNames, name: str, sysid: str) -> None:
    assert real_names.resolve(name) == sysid
