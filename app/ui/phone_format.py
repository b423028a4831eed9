"""Phone numbers in a readable international format (+86 138 0013 8000), for display only."""

from __future__ import annotations


def international_phone(value: str, display_value: str = "") -> str:
    """Prefers the server's display form when it already reads well; else formats the E.164 value."""
    if display_value and display_value != value and " " in display_value:
        return display_value
    try:
        import phonenumbers  # imported on first use: it is not needed to show the first window

        parsed = phonenumbers.parse(value, None if value.startswith("+") else "CN")
        return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
    except Exception:  # an odd number is shown as stored rather than hidden
        return display_value or value
