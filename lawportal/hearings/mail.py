"""The confirmation e-mail, sent over plain SMTP to ``MAIL_SERVER:MAIL_PORT``."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from typing import Any


class MailError(RuntimeError):
    """The SMTP server could not take the message."""


def send_mail(config: Any, to: str, subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"] = config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=15) as smtp:
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(str(exc)) from exc
