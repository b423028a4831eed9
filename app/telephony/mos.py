"""MOS estimate from network figures with the ITU-T G.107 E-model (pure, no pjsua2).

R = Ro - Is - Id - Ie,eff + A with G.107's default values for everything the softphone cannot
measure (room noise, loudness ratings, echo: Ro - Is = 93.2 at the defaults), so only the delay
impairment Id, the equipment impairment of the codec under packet loss Ie,eff and the advantage
factor A move. R is mapped to MOS-CQE with G.107 Annex B.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

R_DEFAULT = 93.2  # Ro - Is with every G.107 default (Table 3)


@dataclass(frozen=True, slots=True)
class CodecImpairment:
    ie: float   # equipment impairment factor (G.113 Appendix I)
    bpl: float  # packet-loss robustness factor (G.113 Appendix I)


# G.113 Appendix I values; wideband codecs are rated here on the narrowband scale (G.722 like
# G.711 with PLC), since the softphone's MOS is for comparison between calls, not an absolute score.
CODECS: dict[str, CodecImpairment] = {
    "pcmu": CodecImpairment(0.0, 25.1),   # G.711 with packet-loss concealment (pjmedia's PLC)
    "pcma": CodecImpairment(0.0, 25.1),
    "g722": CodecImpairment(0.0, 25.1),
    "gsm": CodecImpairment(20.0, 43.0),   # GSM-FR (Ie 20; Bpl by G.113 Table I.3 for GSM-EFR-like PLC)
    "ilbc": CodecImpairment(10.0, 32.0),
    "speex": CodecImpairment(11.0, 20.0),
}
UNKNOWN_CODEC = CodecImpairment(10.0, 20.0)


def codec_impairment(codec: str) -> CodecImpairment:
    """`PCMU/8000`, `G722`, `speex/16000` … → its impairment figures (unknown codecs rated cautiously)."""
    return CODECS.get(codec.split("/", 1)[0].lower(), UNKNOWN_CODEC)


def delay_impairment(one_way_ms: float) -> float:
    """Id for an absolute one-way delay Ta with perfect echo control: G.107 Idd (Idte, Idle ≈ 0)."""
    if one_way_ms <= 100.0:
        return 0.0
    x = math.log2(one_way_ms / 100.0)
    return 25.0 * ((1 + x**6) ** (1 / 6) - 3 * (1 + (x / 3) ** 6) ** (1 / 6) + 2)


def effective_equipment_impairment(codec: CodecImpairment, loss_percent: float, burst_ratio: float = 1.0,
                                   ) -> float:
    """Ie,eff = Ie + (95 - Ie) · Ppl / (Ppl / BurstR + Bpl)  (G.107 eq. 7-29)."""
    ppl = min(max(loss_percent, 0.0), 100.0)
    return codec.ie + (95.0 - codec.ie) * ppl / (ppl / burst_ratio + codec.bpl)


def r_factor(codec: str, one_way_ms: float, loss_percent: float, advantage: float = 0.0) -> float:
    return (R_DEFAULT - delay_impairment(max(one_way_ms, 0.0))
            - effective_equipment_impairment(codec_impairment(codec), loss_percent) + advantage)


def mos_from_r(r: float) -> float:
    """G.107 Annex B: MOS-CQE from R (1 below 0, 4.5 above 100)."""
    if r <= 0:
        return 1.0
    if r >= 100:
        return 4.5
    return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6


def one_way_delay_ms(rtt_ms: float, jitter_ms: float, packet_ms: float = 20.0) -> float:
    """Mouth-to-ear estimate: half the RTCP round trip, the jitter buffer (about twice the jitter),
    one packet of packetisation and one of decoder look-ahead."""
    return max(rtt_ms, 0.0) / 2 + 2 * max(jitter_ms, 0.0) + 2 * packet_ms


def mos(codec: str, rtt_ms: float, jitter_ms: float, loss_percent: float) -> float:
    """The estimate shown to the agent: 1.0 (bad) … 4.5 (best), two decimals."""
    r = r_factor(codec, one_way_delay_ms(rtt_ms, jitter_ms), loss_percent)
    return round(mos_from_r(r), 2)
