"""Demo data for ``make serve``: two invented agencies, a staff account and two hearings, all marked demo.

The draft texts are written for the demo; they are not real drafts. Running it twice changes nothing.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from lawportal.auth import services as accounts
from lawportal.hearings.drafts import split_sections
from lawportal.models import Agency, AgencyResponse, Comment, DraftRound, DraftSection, Hearing, User
from lawportal.models.hearing import utcnow

DEMO_AGENCIES = (
    ("demo-digital", "กรมส่งเสริมบริการดิจิทัล (ตัวอย่างสาธิต)"),
    ("demo-environment", "กรมดูแลคุณภาพน้ำ (ตัวอย่างสาธิต)"),
)
DEMO_STAFF_EMAIL = "demo-staff@lawportal.local"

OPEN_TITLE = "ร่างพระราชบัญญัติการให้บริการภาครัฐผ่านระบบดิจิทัล พ.ศ. .... (ตัวอย่างสาธิต)"
OPEN_DRAFT = """ร่างพระราชบัญญัติการให้บริการภาครัฐผ่านระบบดิจิทัล พ.ศ. ....
โดยที่เป็นการสมควรให้ประชาชนติดต่อหน่วยงานของรัฐได้ทางระบบดิจิทัล
มาตรา ๑ พระราชบัญญัตินี้เรียกว่า "พระราชบัญญัติการให้บริการภาครัฐผ่านระบบดิจิทัล พ.ศ. ...."
มาตรา ๒ พระราชบัญญัตินี้ให้ใช้บังคับเมื่อพ้นกำหนดหนึ่งร้อยแปดสิบวันนับแต่วันประกาศในราชกิจจานุเบกษาเป็นต้นไป
มาตรา ๓ ในพระราชบัญญัตินี้ "บริการดิจิทัล" หมายความว่า การยื่นคำขอ การชำระค่าธรรมเนียม และการรับเอกสารผ่านระบบเครือข่าย
มาตรา ๔ หน่วยงานของรัฐต้องรับคำขอทางระบบดิจิทัลควบคู่กับการยื่นด้วยตนเอง และจะเรียกสำเนาเอกสารที่ทางราชการออกให้แล้วไม่ได้
มาตรา ๕ หน่วยงานของรัฐต้องแจ้งผลการพิจารณาคำขอภายในสามสิบวันนับแต่วันที่ได้รับคำขอที่ครบถ้วน
"""
CLOSED_TITLE = "ร่างกฎกระทรวงว่าด้วยมาตรฐานการระบายน้ำทิ้ง พ.ศ. .... (ตัวอย่างสาธิต)"
CLOSED_DRAFT = """ร่างกฎกระทรวงว่าด้วยมาตรฐานการระบายน้ำทิ้ง พ.ศ. ....
ข้อ ๑ กฎกระทรวงนี้ให้ใช้บังคับเมื่อพ้นกำหนดเก้าสิบวันนับแต่วันประกาศในราชกิจจานุเบกษาเป็นต้นไป
ข้อ ๒ อาคารที่มีพื้นที่ใช้สอยเกินสองพันตารางเมตรต้องมีระบบบำบัดน้ำเสียก่อนระบายลงสู่แหล่งน้ำสาธารณะ
ข้อ ๓ เจ้าของอาคารต้องรายงานผลการตรวจวัดคุณภาพน้ำทิ้งต่ออธิบดีทุกหกเดือน
"""


def _ensure_agencies(session: Session) -> list[Agency]:
    agencies = []
    for slug, name in DEMO_AGENCIES:
        agency = session.scalar(select(Agency).where(Agency.slug == slug))
        agencies.append(agency or accounts.create_agency(session, slug, name, is_demo=True))
    return agencies


def _demo_round(hearing: Hearing, text: str) -> DraftRound:
    sections = split_sections(hearing.title, text)
    return DraftRound(
        number=1,
        filename="demo-draft.txt",
        media_type="text/plain; charset=utf-8",
        stored_name="",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        sections=[
            DraftSection(position=i, number=s.number, label=s.label, text=s.text) for i, s in enumerate(sections)
        ],
    )


def _comment(hearing: Hearing, key: str, section: str | None, stance: str, text: str, name: str) -> Comment:
    return Comment(
        hearing_id=hearing.id,
        round_number=1,
        section_number=section,
        stance=stance,
        text=text,
        display_name=name,
        email=None,
        status="approved",
        idempotency_key=f"demo-{key}",
        confirmed_at=utcnow(),
        moderated_at=utcnow(),
    )


def create_demo_data(session: Session) -> str:
    """Create what is missing; say what was done, with the staff password when the account is new."""
    digital, water = _ensure_agencies(session)
    lines = []
    staff = session.scalar(select(User).where(User.email == DEMO_STAFF_EMAIL))
    if staff is None:
        password = accounts.generate_password()
        staff = accounts.create_user(
            session, accounts.NewUser(DEMO_STAFF_EMAIL, "เจ้าหน้าที่สาธิต", "staff", password, agency_slug=digital.slug)
        )
        lines.append(f"demo staff: {DEMO_STAFF_EMAIL} password: {password}")
    else:
        lines.append(f"demo staff {DEMO_STAFF_EMAIL} exists (password unchanged)")
    now = utcnow()
    if session.scalar(select(Hearing).where(Hearing.is_demo, Hearing.title == OPEN_TITLE)) is None:
        hearing = Hearing(
            agency_id=digital.id,
            title=OPEN_TITLE,
            kind="primary",
            is_demo=True,
            summary="ให้ประชาชนยื่นคำขอและรับเอกสารจากหน่วยงานของรัฐทางออนไลน์ได้ทุกเรื่อง (ตัวอย่างสาธิต)",
            starts_at=now - timedelta(days=5),
            ends_at=now + timedelta(days=25),
            published_at=now - timedelta(days=5),
            created_by_id=staff.id,
        )
        session.add(hearing)
        session.flush()
        hearing.rounds.append(_demo_round(hearing, OPEN_DRAFT))
        session.add_all(
            [
                _comment(hearing, "open-1", "4", "agree", "เห็นด้วย ช่วยลดการเดินทางไปหลายหน่วยงาน", "ประชาชนตัวอย่าง"),
                _comment(hearing, "open-2", "5", "suggest", "ควรกำหนดให้แจ้งผลภายในสิบห้าวันสำหรับคำขอทั่วไป", "ผู้ประกอบการ"),
                _comment(hearing, "open-3", None, "agree", "ควรมีช่องทางสำหรับผู้ที่ไม่มีอินเทอร์เน็ตด้วย", "นามแฝง ก"),
            ]
        )
        lines.append("created the open demo hearing")
    if session.scalar(select(Hearing).where(Hearing.is_demo, Hearing.title == CLOSED_TITLE)) is None:
        hearing = Hearing(
            agency_id=water.id,
            title=CLOSED_TITLE,
            kind="subordinate",
            is_demo=True,
            summary="กำหนดให้อาคารขนาดใหญ่บำบัดน้ำเสียก่อนระบาย (ตัวอย่างสาธิต)",
            starts_at=now - timedelta(days=60),
            ends_at=now - timedelta(days=30),
            published_at=now - timedelta(days=60),
            closed_at=now - timedelta(days=30),
            report_published_at=now - timedelta(days=10),
            report_changes="ข้อ ๓ เปลี่ยนรอบการรายงานจากทุกสามเดือนเป็นทุกหกเดือน",
        )
        session.add(hearing)
        session.flush()
        hearing.rounds.append(_demo_round(hearing, CLOSED_DRAFT))
        session.add_all(
            [
                _comment(hearing, "closed-1", "2", "disagree", "เกณฑ์สองพันตารางเมตรสูงเกินไป", "ชาวบ้านริมคลอง"),
                _comment(hearing, "closed-2", "3", "suggest", "รายงานทุกสามเดือนเป็นภาระเกินไป", "สมาคมอาคารตัวอย่าง"),
                AgencyResponse(
                    hearing_id=hearing.id,
                    position=0,
                    section_number="3",
                    issue="ภาระการรายงานถี่เกินไป",
                    answer="ปรับเป็นรายงานทุกหกเดือน",
                    draft_changed=True,
                ),
                AgencyResponse(
                    hearing_id=hearing.id,
                    position=1,
                    section_number="2",
                    issue="เกณฑ์พื้นที่อาคาร",
                    answer="คงเกณฑ์เดิมเพราะสอดคล้องกับกฎหมายควบคุมอาคาร",
                    draft_changed=False,
                ),
            ]
        )
        lines.append("created the closed demo hearing with its report")
    session.flush()
    return "\n".join(lines)
