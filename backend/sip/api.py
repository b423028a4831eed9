"""POST /api/v1/sip/credentials (any logged-in agent): short-lived SIP credentials for Kamailio."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Response

from backend.deps import AnyAgent, SettingsDep
from backend.sip import service
from backend.sip.schemas import SipCredentialsOut

router = APIRouter(prefix="/api/v1", tags=["sip"])


@router.post("/sip/credentials")
def sip_credentials(agent: AnyAgent, settings: SettingsDep, response: Response) -> SipCredentialsOut:
    response.headers["Cache-Control"] = "no-store"  # a password: never kept by a cache
    return SipCredentialsOut(**asdict(service.issue(settings.sip, agent.username)))
