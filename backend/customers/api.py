"""Customer routes: search, create, get, resolve, identities, merge and undo."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from backend.customers import merge as merging
from backend.customers import service
from backend.customers.schemas import (
    CustomerCreate,
    CustomerList,
    CustomerOut,
    IdentityIn,
    MergeIn,
    MergeOut,
    ResolveIn,
    ResolveOut,
    UndoOut,
)
from backend.deps import AgentRole, SessionDep, SettingsDep, SupervisorAgent, client_address

router = APIRouter(prefix="/api/v1", tags=["customers"])


@router.get("/customers")
def search(session: SessionDep, settings: SettingsDep, _agent: AgentRole,
           q: Annotated[str, Query(max_length=200)] = "",
           limit: Annotated[int, Query(ge=1, le=200)] = 20) -> CustomerList:
    found = service.search(session, q=q, limit=limit, region=settings.default_region)
    return CustomerList(items=[CustomerOut.model_validate(c) for c in found])


@router.post("/customers", status_code=201)
def create(body: CustomerCreate, response: Response, session: SessionDep, settings: SettingsDep,
           agent: AgentRole) -> CustomerOut:
    customer, created = service.create_customer(
        session, client_id=str(body.client_id), display_name=body.display_name,
        identities=[(i.kind, i.value) for i in body.identities], region=settings.default_region, author=agent)
    if not created:
        response.status_code = 200
    return CustomerOut.model_validate(customer)


@router.get("/customers/{customer_id}")
def get(customer_id: int, session: SessionDep, _agent: AgentRole) -> CustomerOut:
    return CustomerOut.model_validate(service.get_customer(session, customer_id))


@router.post("/customers/resolve")
def resolve(body: ResolveIn, session: SessionDep, settings: SettingsDep, agent: AgentRole) -> ResolveOut:
    customer, created = service.resolve(session, kind=body.kind, value=body.value,
                                        display_name=body.display_name, region=settings.default_region,
                                        author=agent)
    return ResolveOut(customer=CustomerOut.model_validate(customer), created=created)


@router.post("/customers/{customer_id}/identities")
def add_identity(customer_id: int, body: IdentityIn, session: SessionDep, settings: SettingsDep,
                 agent: AgentRole) -> CustomerOut:
    customer = service.add_identity(session, customer_id=customer_id, kind=body.kind, value=body.value,
                                    region=settings.default_region, author=agent)
    return CustomerOut.model_validate(customer)


@router.post("/customers/{customer_id}/merge")
def merge(customer_id: int, body: MergeIn, request: Request, session: SessionDep,
          agent: SupervisorAgent) -> MergeOut:
    row, customer = merging.merge(session, target_id=customer_id, source_id=body.source_id, actor=agent,
                                  address=client_address(request))
    return MergeOut(merge_id=row.id, customer=CustomerOut.model_validate(customer))


@router.post("/merges/{merge_id}/undo")
def undo_merge(merge_id: int, request: Request, session: SessionDep, agent: SupervisorAgent) -> UndoOut:
    target, source = merging.undo(session, merge_id=merge_id, actor=agent, address=client_address(request))
    return UndoOut(customer=CustomerOut.model_validate(target), restored=CustomerOut.model_validate(source))
