"""Identity normalisation (unit) and identities through the API."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from backend.customers.normalize import normalise_email, normalise_identity, normalise_phone
from backend.errors import ApiError
from tests.backend.conftest import Headers
from tests.backend.helpers import new_customer


@pytest.mark.parametrize(("typed", "e164"), [
    ("13812345678", "+8613812345678"),
    ("138 1234 5678", "+8613812345678"),
    ("+86 138-1234-5678", "+8613812345678"),
    ("0086 13812345678", "+8613812345678"),
    ("+44 20 7946 0958", "+442079460958"),
    ("+1 (415) 555-2671", "+14155552671"),
    ("010 6552 9988", "+861065529988"),
])
def test_phones_are_stored_in_e164(typed: str, e164: str) -> None:
    assert normalise_phone(typed, region="CN")[0] == e164


def test_default_region_decides_national_numbers() -> None:
    assert normalise_phone("020 7946 0958", region="GB")[0] == "+442079460958"


@pytest.mark.parametrize("bad", ["12345", "not a number", "+86 000", "+999 1234567"])
def test_invalid_phones_say_invalid_phone(bad: str) -> None:
    with pytest.raises(ApiError) as err:
        normalise_phone(bad, region="CN")
    assert err.value.status == 422
    assert err.value.code == "invalid_phone"
    assert bad.strip() in err.value.message


def test_emails_are_case_folded_and_checked() -> None:
    assert normalise_email("  Wang.Fang@Example.COM ") == "wang.fang@example.com"
    for bad in ["wang", "wang@", "@example.com", "a b@example.com", "wang@localhost"]:
        with pytest.raises(ApiError) as err:
            normalise_email(bad)
        assert err.value.code == "invalid_email"


def test_whatsapp_and_sms_are_phones_too_and_chat_ids_are_trimmed() -> None:
    assert normalise_identity(kind="whatsapp", value="+44 7911 123456", region="CN").value == "+447911123456"
    assert normalise_identity(kind="wechat", value="  wxid_abc ", region="CN").value == "wxid_abc"


def test_the_same_phone_in_another_format_is_the_same_identity(client: TestClient, agent: Headers) -> None:
    owner = new_customer(client, agent, "李娜", [{"kind": "phone", "value": "138 1234 5678"}])
    assert owner["identities"][0]["value"] == "+8613812345678"
    assert owner["identities"][0]["display_value"] == "+86 138 1234 5678"
    other = new_customer(client, agent, "张伟")
    r = client.post(f"/api/v1/customers/{other['id']}/identities", headers=agent,
                    json={"kind": "phone", "value": "+86-138-1234-5678"})
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "identity_taken"


def test_resolve_finds_or_creates(client: TestClient, agent: Headers) -> None:
    r = client.post("/api/v1/customers/resolve", headers=agent,
                    json={"kind": "email", "value": "Emma.Smith@Example.com", "display_name": "Emma Smith"})
    assert r.status_code == 200
    assert r.json()["created"] is True
    first = r.json()["customer"]
    again = client.post("/api/v1/customers/resolve", headers=agent,
                        json={"kind": "email", "value": "emma.smith@example.com"}).json()
    assert again == {"customer": first, "created": False}


def test_adding_an_identity_appends_an_identity_event(client: TestClient, agent: Headers) -> None:
    c = new_customer(client, agent, "陈静")
    r = client.post(f"/api/v1/customers/{c['id']}/identities", headers=agent,
                    json={"kind": "wechat", "value": "wxid_chenjing"})
    assert r.status_code == 200
    assert [i["value"] for i in r.json()["identities"]] == ["wxid_chenjing"]
    events = client.get(f"/api/v1/customers/{c['id']}/timeline", headers=agent).json()["items"]
    assert [e["kind"] for e in events] == ["identity", "profile"]


def test_bad_phone_is_a_clear_422_and_creates_nothing(client: TestClient, agent: Headers) -> None:
    c = new_customer(client, agent, "周杰")
    r = client.post(f"/api/v1/customers/{c['id']}/identities", headers=agent,
                    json={"kind": "phone", "value": "12345"})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "invalid_phone"
    assert "12345" in r.json()["error"]["message"]
    assert client.get(f"/api/v1/customers/{c['id']}", headers=agent).json()["identities"] == []
