"""Customers: create (idempotent), resolve-or-create by identity, add identities, search."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from backend.agents.models import Agent
from backend.customers.models import Customer, Identity
from backend.customers.normalize import (
    PHONE_KINDS,
    NormalisedIdentity,
    looks_like_phone,
    normalise_identity,
    try_normalise_phone,
)
from backend.errors import ApiError
from backend.timeline.service import append_event


def get_customer(session: Session, customer_id: int) -> Customer:
    customer = session.scalar(select(Customer).where(Customer.id == customer_id)
                              .options(selectinload(Customer.identities)).execution_options(
                                  populate_existing=True))
    if customer is None:
        raise ApiError(404, "customer_not_found", f"There is no customer {customer_id}.")
    return customer


def _identity_owner(session: Session, ident: NormalisedIdentity) -> Identity | None:
    return session.scalar(select(Identity).where(Identity.kind == ident.kind, Identity.value == ident.value))


def _taken(ident: NormalisedIdentity, owner_id: int) -> ApiError:
    return ApiError(409, "identity_taken",
                    f"The {ident.kind} {ident.display_value} already belongs to customer {owner_id}.")


def _add(session: Session, customer: Customer, ident: NormalisedIdentity) -> Identity:
    row = Identity(customer_id=customer.id, origin_customer_id=customer.id, kind=ident.kind,
                   value=ident.value, display_value=ident.display_value)
    session.add(row)
    return row


def create_customer(session: Session, *, client_id: str, display_name: str,
                    identities: list[tuple[str, str]], region: str,
                    author: Agent | None) -> tuple[Customer, bool]:
    """Idempotent on client_id: (customer, created)."""
    existing = session.scalar(select(Customer.id).where(Customer.client_id == client_id))
    if existing is not None:
        return get_customer(session, existing), False
    normalised = list({(n.kind, n.value): n for n in (
        normalise_identity(kind=k, value=v, region=region) for k, v in identities)}.values())
    for ident in normalised:
        owner = _identity_owner(session, ident)
        if owner is not None:
            raise _taken(ident, owner.customer_id)
    customer = Customer(display_name=display_name.strip(), client_id=client_id, attributes={})
    session.add(customer)
    try:
        session.flush()
        for ident in normalised:
            _add(session, customer, ident)
        append_event(session, customer_id=customer.id, kind="profile", channel="system", author=author,
                     body=f"Customer {customer.display_name} created",
                     payload={"action": "created", "identities": [[n.kind, n.value] for n in normalised]})
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        again = session.scalar(select(Customer.id).where(Customer.client_id == client_id))
        if again is not None:
            return get_customer(session, again), False
        raise ApiError(409, "identity_taken", "One of the identities already belongs to another customer.") \
            from exc
    return get_customer(session, customer.id), True


def resolve(session: Session, *, kind: str, value: str, display_name: str | None, region: str,
            author: Agent | None) -> tuple[Customer, bool]:
    """The customer owning this identity, or a new one holding it: (customer, created)."""
    ident = normalise_identity(kind=kind, value=value, region=region)
    owner = _identity_owner(session, ident)
    if owner is not None:
        return get_customer(session, owner.customer_id), False
    name = (display_name or "").strip() or ident.display_value
    customer = Customer(display_name=name, attributes={})
    try:
        session.add(customer)
        session.flush()
        _add(session, customer, ident)
        session.flush()
        append_event(session, customer_id=customer.id, kind="profile", channel="system", author=author,
                     body=f"Customer {name} created from {ident.kind} {ident.display_value}",
                     payload={"action": "created", "identities": [[ident.kind, ident.value]]})
        session.commit()
    except IntegrityError:
        session.rollback()  # someone else created it meanwhile
        owner = _identity_owner(session, ident)
        if owner is None:
            raise
        return get_customer(session, owner.customer_id), False
    return get_customer(session, customer.id), True


def add_identity(session: Session, *, customer_id: int, kind: str, value: str, region: str,
                 author: Agent | None) -> Customer:
    customer = get_customer(session, customer_id)
    if customer.merged_into_id is not None:
        raise ApiError(409, "customer_merged",
                       f"Customer {customer_id} was merged into {customer.merged_into_id}; use that one.")
    ident = normalise_identity(kind=kind, value=value, region=region)
    owner = _identity_owner(session, ident)
    if owner is not None:
        if owner.customer_id == customer_id:
            return customer
        raise _taken(ident, owner.customer_id)
    try:
        _add(session, customer, ident)
        session.flush()
        append_event(session, customer_id=customer.id, kind="identity", channel="system", author=author,
                     body=f"Added {ident.kind} {ident.display_value}",
                     payload={"action": "added", "kind": ident.kind, "value": ident.value})
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise ApiError(409, "identity_taken", f"The {ident.kind} {ident.display_value} is already taken.") \
            from exc
    return get_customer(session, customer_id)


def search(session: Session, *, q: str, limit: int, region: str) -> list[Customer]:
    """By name (case-insensitive substring), phone (any format, or partial digits) or e-mail."""
    text = q.strip()
    base = select(Customer).where(Customer.merged_into_id.is_(None)).options(
        selectinload(Customer.identities))
    if not text:
        return list(session.scalars(base.order_by(Customer.id.desc()).limit(limit)))
    conditions = [Customer.display_name.icontains(text, autoescape=True)]
    ident_match = []
    if "@" in text:
        email_like = Identity.value.contains(text.casefold(), autoescape=True)
        ident_match.append((Identity.kind == "email") & email_like)
    if looks_like_phone(text):
        e164 = try_normalise_phone(text, region=region)
        digits = "".join(c for c in text if c.isdigit()).lstrip("0")  # a national trunk 0 is not stored
        phone_kind = Identity.kind.in_(sorted(PHONE_KINDS))
        ident_match.append(phone_kind & Identity.value.contains(digits, autoescape=True))
        if e164:
            ident_match.append(phone_kind & (Identity.value == e164))
    ident_match.append(Identity.kind.notin_(["email", *PHONE_KINDS]) & (Identity.value == text))
    conditions.append(Customer.id.in_(select(Identity.customer_id).where(or_(*ident_match))))
    query = base.where(or_(*conditions)).order_by(Customer.display_name, Customer.id).limit(limit)
    return list(session.scalars(query))
