#!/usr/bin/env bash
# Installs everything Huitong needs on a fresh Debian/Ubuntu machine: system packages via apt
# (when run as root and they are missing), a .venv/ at the repo root with pinned Python packages,
# and compiled translations. Safe to run again: every step checks before it acts.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

APT_PACKAGES=(
  postgresql                                  # the scale-out database (tests run both)
  gnome-keyring dbus-x11 libsecret-tools      # a real Secret Service for the OS keyring
  xvfb fonts-noto-cjk                         # real windows for screenshots; CJK glyphs
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3
  kamailio kamailio-autheph-modules kamailio-utils-modules kamailio-tls-modules
  sip-tester baresip
  dovecot-imapd                               # a real IMAP server for the e-mail tests
  chromium chromium-driver                    # the web chat widget driven in headless Chromium (tests, benchmark)
  libasound2 pulseaudio pulseaudio-utils libasound2-plugins  # Linux sound (ALSA driver); a private sound server in its tests
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    # Debian starts services from packages it installs; the product starts its own instances.
    for svc in kamailio postgresql dovecot; do
      (command -v systemctl >/dev/null && systemctl disable --now "$svc" >/dev/null 2>&1) || true
      (command -v service >/dev/null && service "$svc" stop >/dev/null 2>&1) || true
    done
  else
    echo "setup: missing system packages (run as root to install): ${missing[*]}" >&2
  fi
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=".venv/.requirements-$(sha256sum requirements.lock pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip==25.3
  .venv/bin/python -m pip install -q -r requirements.lock
  .venv/bin/python -m pip install -q --no-deps -e .
  rm -f .venv/.requirements-* && touch "$stamp"
fi
.venv/bin/python -m app.ui.translations_build
