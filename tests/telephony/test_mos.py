"""The G.107 E-model in app.telephony.mos, table-driven (pure: no pjsua2)."""

from __future__ import annotations

import pytest

from app.telephony import mos


@pytest.mark.parametrize(("r", "expected"), [
    (-5.0, 1.0), (0.0, 1.0), (50.0, 2.575), (60.0, 3.1), (70.0, 3.597), (80.0, 4.0240),
    (93.2, 4.4094), (100.0, 4.5), (120.0, 4.5),
])
def test_r_to_mos_follows_g107_annex_b(r, expected):
    assert mos.mos_from_r(r) == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize(("one_way_ms", "expected"), [
    (0.0, 0.0), (100.0, 0.0), (150.0, 0.1635), (200.0, 3.0444), (400.0, 24.0701), (800.0, 40.8325),
])
def test_delay_impairment_idd(one_way_ms, expected):
    assert mos.delay_impairment(one_way_ms) == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize(("codec", "loss", "expected"), [
    ("PCMU/8000", 0.0, 0.0),
    ("PCMU/8000", 1.0, 95 * 1 / 26.1),
    ("PCMA/8000", 5.0, 95 * 5 / 30.1),
    ("G722/16000", 2.0, 95 * 2 / 27.1),
    ("GSM/8000", 0.0, 20.0),
    ("opus/48000", 0.0, 10.0),  # unknown codecs are rated cautiously
    ("PCMU/8000", 250.0, 95 * 100 / 125.1),  # nonsense loss is clamped to 100 %
])
def test_effective_equipment_impairment(codec, loss, expected):
    impairment = mos.codec_impairment(codec)
    assert mos.effective_equipment_impairment(impairment, loss) == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize(("codec", "rtt", "jitter", "loss", "low", "high"), [
    ("PCMU/8000", 0.0, 0.0, 0.0, 4.40, 4.41),     # a perfect G.711 line: R 93.2
    ("G722/16000", 40.0, 2.0, 0.0, 4.40, 4.41),   # LAN
    ("PCMU/8000", 150.0, 10.0, 1.0, 4.2, 4.4),    # a decent Internet call
    ("PCMU/8000", 300.0, 30.0, 5.0, 3.0, 3.6),    # a poor one
    ("PCMU/8000", 800.0, 80.0, 20.0, 1.0, 1.8),   # unusable
])
def test_mos_for_typical_lines(codec, rtt, jitter, loss, low, high):
    assert low <= mos.mos(codec, rtt, jitter, loss) <= high


def test_mos_falls_as_loss_and_delay_grow():
    by_loss = [mos.mos("PCMU/8000", 50, 5, loss) for loss in (0, 1, 3, 10)]
    by_rtt = [mos.mos("PCMU/8000", rtt, 5, 0) for rtt in (50, 200, 400, 800)]
    assert by_loss == sorted(by_loss, reverse=True)
    assert by_loss[0] > by_loss[-1]
    assert by_rtt == sorted(by_rtt, reverse=True)
    assert by_rtt[0] > by_rtt[-1]
