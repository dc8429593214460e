"""Thin views: the activity chooser, the checklist page and their JSON twins, from the same service call."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from lawportal.db import get_session
from lawportal.i18n import current_locale
from lawportal.licences import api_bp, bp
from lawportal.licences.catalogue import (
    NO,
    YES,
    AllOf,
    AnswerError,
    AnyOf,
    Catalogue,
    Condition,
    Leaf,
    UnknownActivity,
    default_catalogue,
    parse_answers,
)
from lawportal.licences.services import Checklist, build_checklist, checklist_json, listed_activities


def catalogue() -> Catalogue:
    """The catalogue of this process (read and validated once, on first use)."""
    return default_catalogue()


def unknown_activity_message(activity_id: str) -> str:
    return _("ไม่มีกิจการรหัส “%(activity)s” ในรายการ เลือกกิจการจากหน้ารายการใบอนุญาต", activity=activity_id[:60])


def answer_error_message(error: AnswerError) -> str:
    question = error.question.text(current_locale())
    if error.question.kind == "yesno":
        return _("คำตอบของคำถาม “%(question)s” ต้องเป็น yes หรือ no", question=question)
    return _("คำตอบของคำถาม “%(question)s” ต้องเป็นจำนวนเต็มไม่ติดลบ ไม่เกิน 10,000,000", question=question)


def checklist_for_request(activity_id: str) -> Checklist:
    """Parse the answers in the query string and build the checklist; 404 and 400 say what was wrong."""
    try:
        activity = catalogue().activity(activity_id)
    except UnknownActivity:
        abort(404, description=unknown_activity_message(activity_id))
    try:
        answers = parse_answers(catalogue(), activity, request.args)
    except AnswerError as error:
        abort(400, description=answer_error_message(error))
    return build_checklist(
        get_session(),
        catalogue(),
        activity.id,
        answers,
        locale=current_locale(),
        bizportal_url=current_app.config["BIZPORTAL_URL"],
    )


def answers_query(result: Checklist) -> dict[str, Any]:
    """The query string that reproduces this checklist: its answers and the chosen language, nothing else."""
    query: dict[str, Any] = {qid: str(answer) for qid, answer in result.answers.items()}
    if request.args.get("lang"):
        query["lang"] = request.args["lang"]
    return query


def describe_condition(condition: Condition | None) -> str:
    """A condition in words, e.g. “จำนวนห้องพักที่ให้เช่า” ตั้งแต่ 9 ห้อง."""
    if condition is None:
        return ""
    locale = current_locale()
    if isinstance(condition, AllOf | AnyOf):
        joiner = _("และ") if isinstance(condition, AllOf) else _("หรือ")
        return "(" + f" {joiner} ".join(describe_condition(part) for part in condition.parts) + ")"
    assert isinstance(condition, Leaf)
    question = catalogue().questions[condition.question]
    text = question.text(locale)
    unit = question.unit(locale) if question.unit else ""
    if condition.equals is not None:
        answer = _("ใช่") if condition.equals == YES else _("ไม่ใช่")
        return _("“%(question)s” ตอบว่า %(answer)s", question=text, answer=answer)
    if condition.at_least is not None and condition.at_most is not None:
        return _(
            "“%(question)s” %(low)s ถึง %(high)s %(unit)s",
            question=text,
            low=f"{condition.at_least:,}",
            high=f"{condition.at_most:,}",
            unit=unit,
        )
    if condition.at_least is not None:
        return _("“%(question)s” ตั้งแต่ %(number)s %(unit)s", question=text, number=f"{condition.at_least:,}", unit=unit)
    return _("“%(question)s” ไม่เกิน %(number)s %(unit)s", question=text, number=f"{condition.at_most:,}", unit=unit)


@bp.get("/licences")
def index() -> str | Response:
    """Choose an activity; the plain GET form sends ``?activity=`` here and is redirected to its checklist."""
    chosen = request.args.get("activity", "").strip()
    if chosen:
        try:
            catalogue().activity(chosen)
        except UnknownActivity:
            abort(404, description=unknown_activity_message(chosen))
        kept: dict[str, Any] = {k: v for k, v in request.args.items() if k == "lang"}
        return redirect(url_for("licences.checklist", activity=chosen, **kept), code=303)
    activities = listed_activities(get_session(), catalogue())
    return render_template("licences/index.html", catalogue=catalogue(), activities=activities, locale=current_locale())


@bp.get("/licences/<activity>")
def checklist(activity: str) -> str:
    result = checklist_for_request(activity)
    return render_template(
        "licences/checklist.html",
        checklist=result,
        activity=catalogue().activity(activity),
        catalogue=catalogue(),
        locale=current_locale(),
        describe_condition=describe_condition,
        json_url=url_for("licences.licences_api.api_checklist", activity=activity, **answers_query(result)),
        YES=YES,
        NO=NO,
    )


@api_bp.get("")
def api_index() -> dict[str, Any]:
    locale = current_locale()
    return {
        "reviewed": catalogue().reviewed,
        "activities": [
            {
                "id": a.id,
                "name": a.name(locale),
                "demo": a.demo,
                "questions": a.question_ids(),
                "url": url_for("licences.licences_api.api_checklist", activity=a.id),
                "page": url_for("licences.checklist", activity=a.id),
            }
            for a in listed_activities(get_session(), catalogue())
        ],
        "questions": {
            q.id: {"kind": q.kind, "text": q.text(locale), "unit": q.unit(locale) if q.unit else None}
            for q in catalogue().questions.values()
        },
    }


@api_bp.get("/<activity>")
def api_checklist(activity: str) -> dict[str, Any]:
    result = checklist_for_request(activity)
    body = checklist_json(result, current_locale())
    body["page"] = url_for("licences.checklist", activity=activity, **answers_query(result))
    return body
