"""A second agent's phone in its own process (pjsua2 allows one Endpoint per process), registering with
server-issued credentials; written against pjsua2 directly, not app.telephony.

    HUITONG_PEER_PASSWORD=... python -m tests.sip_server.agent_peer --domain 127.0.0.1:5060 \
        --user agent2 --auth-user 1795000000:agent2

Prints `registered <code>` / `unregistered <code>`, `incoming <from> rr=<Record-Route>`, `state CONFIRMED`,
`disconnected <code>`; answers every call at once; reads `call <uri>`, `hangup`, `quit` on stdin.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import queue
import sys
import threading

import pjsua2 as pj


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class PeerCall(pj.Call):
    def onCallState(self, prm):
        ci = self.getInfo()
        if ci.state == pj.PJSIP_INV_STATE_DISCONNECTED:
            say(f"disconnected {ci.lastStatusCode}")
        elif ci.state == pj.PJSIP_INV_STATE_CONFIRMED:
            say("state CONFIRMED")


class PeerAccount(pj.Account):
    def __init__(self, calls):
        super().__init__()
        self.calls = calls

    def onRegState(self, prm):
        say(f"registered {prm.code}" if self.getInfo().regIsActive else f"unregistered {prm.code}")

    def onIncomingCall(self, prm):
        call = PeerCall(self, prm.callId)
        self.calls.append(call)
        rr = next((ln.split(":", 1)[1].strip() for ln in prm.rdata.wholeMsg.splitlines()
                   if ln.lower().startswith("record-route:")), "-")
        say(f"incoming {call.getInfo().remoteUri} rr={rr}")
        op = pj.CallOpParam()
        op.statusCode = 200
        call.answer(op)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--domain", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--auth-user", required=True)
    args = parser.parse_args()
    ctypes.CDLL(pj._pjsua2.__file__).pj_log_set_level(0)
    ep = pj.Endpoint()
    ep.libCreate()
    cfg = pj.EpConfig()
    cfg.uaConfig.threadCnt = 0
    cfg.uaConfig.mainThreadOnly = True
    cfg.logConfig.level = cfg.logConfig.consoleLevel = 0
    ep.libInit(cfg)
    tc = pj.TransportConfig()
    tc.boundAddress = tc.publicAddress = "127.0.0.1"
    ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, tc)
    ep.libStart()
    ep.audDevManager().setNullDev()
    acfg = pj.AccountConfig()
    acfg.idUri = f"sip:{args.user}@{args.domain}"
    acfg.regConfig.registrarUri = f"sip:{args.domain}"
    acfg.sipConfig.proxies.append(f"sip:{args.domain};lr")
    acfg.sipConfig.authCreds.append(pj.AuthCredInfo("digest", "*", args.auth_user, 0,
                                                    os.environ["HUITONG_PEER_PASSWORD"]))
    acfg.natConfig.contactRewriteUse = acfg.natConfig.viaRewriteUse = acfg.natConfig.sdpNatRewriteUse = 0
    acfg.natConfig.iceEnabled = False
    media = acfg.mediaConfig.transportConfig
    media.boundAddress = media.publicAddress = "127.0.0.1"
    calls: list[PeerCall] = []
    acc = PeerAccount(calls)
    acc.create(acfg)
    commands: queue.SimpleQueue[str] = queue.SimpleQueue()
    threading.Thread(target=lambda: [commands.put(ln.strip()) for ln in sys.stdin] and None,
                     daemon=True).start()
    running = True
    while running:
        ep.libHandleEvents(10)
        while running and not commands.empty():
            verb, _, rest = commands.get().partition(" ")
            if verb == "call":
                call = PeerCall(acc)
                call.makeCall(rest, pj.CallOpParam(True))
                calls.append(call)
            elif verb == "hangup":
                for call in calls:
                    if call.isActive():
                        call.hangup(pj.CallOpParam())
            elif verb == "quit":
                running = False
    for call in calls:
        if call.isActive():  # hanging up an ended call trips an assertion that aborts the process
            call.hangup(pj.CallOpParam())
    for _ in range(20):
        ep.libHandleEvents(10)
    acc.shutdown()
    # Call objects stay referenced and no destructor runs after libDestroy (os._exit): destroying the Call
    # of a call pjsua had already freed tripped pjsua_call_set_user_data's call_id assertion (an abort).
    ep.libDestroy(pj.PJSUA_DESTROY_NO_RX_MSG)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
