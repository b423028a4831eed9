"""Identity normalisation: phones to E.164, e-mails case-folded and syntax-checked, others trimmed."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from backend.errors import ApiError

IDENTITY_KINDS = ("phone", "email", "web", "wechat", "whatsapp", "messenger", "telegram", "sms")
PHONE_KINDS = frozenset({"phone", "whatsapp", "sms"})
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$")
_PHONE_CHARS = re.compile(r"^[\d\s()+\-./]+$")


@dataclass(frozen=True)
class NormalisedIdentity:
    kind: str
    value: str
    display_value: str


def normalise_phone(raw: str, *, region: str) -> tuple[str, str]:
    """Returns (E.164, international display form); raises 422 `invalid_phone`."""
    text = raw.strip()
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise ApiError(422, "invalid_phone", f"{text!r} is not a phone number.") from exc
    if not phonenumbers.is_valid_number(number):
        raise ApiError(422, "invalid_phone",
                       f"{text!r} is not a valid phone number (default region {region}).")
    return (phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
            phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def try_normalise_phone(raw: str, *, region: str) -> str | None:
    try:
        return normalise_phone(raw, region=region)[0]
    except ApiError:
        return None


def looks_like_phone(text: str) -> bool:
    return bool(_PHONE_CHARS.match(text.strip())) and sum(c.isdigit() for c in text) >= 3


def normalise_email(raw: str) -> str:
    text = raw.strip().casefold()
    if len(text) > 254 or not _EMAIL.match(text):
        raise ApiError(422, "invalid_email", f"{raw.strip()!r} is not a valid e-mail address.")
    return text


def normalise_identity(*, kind: str, value: str, region: str) -> NormalisedIdentity:
    if kind not in IDENTITY_KINDS:
        raise ApiError(422, "invalid_identity_kind", f"kind must be one of {', '.join(IDENTITY_KINDS)}.")
    if kind in PHONE_KINDS:
        e164, display = normalise_phone(value, region=region)
        return NormalisedIdentity(kind, e164, display)
    if kind == "email":
        email = normalise_email(value)
        return NormalisedIdentity(kind, email, email)
    text = value.strip()
    if not text or len(text) > 255:
        raise ApiError(422, "invalid_identity", f"A {kind} identity needs 1 to 255 characters.")
    return NormalisedIdentity(kind, text, text)
