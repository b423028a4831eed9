#!/usr/bin/env bash
# Installs everything (scripts/setup.sh) and runs the product: the server on an embedded SQLite
# database filled with demo data, Kamailio when installed, and the agent client logged in as agent1.
#   HUITONG_DEMO_USER=lead scripts/run-demo.sh     # log in as the demo supervisor instead
# Demo agents: agent1, agent2 (agent), lead (supervisor), admin (admin); password below.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
bash scripts/setup.sh

export PATH="$here/.venv/bin:$PATH"
export HUITONG_DATA_DIR="${HUITONG_DATA_DIR:-$here/var/demo}"
export DATABASE_URL="${DATABASE_URL:-sqlite:///$HUITONG_DATA_DIR/huitong.sqlite3}"
export HUITONG_DEMO_PASSWORD="${HUITONG_DEMO_PASSWORD:-demo-pass-2026}"
export HUITONG_RECORD_CALLS="${HUITONG_RECORD_CALLS:-1}"  # the demo records calls (the Calls page plays them)
port="${HUITONG_PORT:-8600}"
user="${HUITONG_DEMO_USER:-agent1}"
mkdir -p "$HUITONG_DATA_DIR"

# No session bus means no keyring: give the demo a private bus with an unlocked gnome-keyring,
# so the refresh token goes where it belongs (never into a plain file).
if [ -z "${HUITONG_DEMO_IN_SESSION:-}" ] && ! dbus-send --session --dest=org.freedesktop.DBus \
      --print-reply /org/freedesktop/DBus org.freedesktop.DBus.ListNames >/dev/null 2>&1; then
  if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
    exec env HUITONG_DEMO_IN_SESSION=1 dbus-run-session -- bash -c \
      'eval "$(printf "\n" | gnome-keyring-daemon --unlock --components=secrets)"; export GNOME_KEYRING_CONTROL; exec "$0" "$@"' \
      "$0" "$@"
  fi
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

python -m backend migrate
python -m backend seed-demo --conversations  # and web chats waiting in the inbox

if command -v kamailio >/dev/null; then
  # Agents register with short-lived credentials from this server (POST /api/v1/sip/credentials);
  # Kamailio checks them with the same secret, written beside its config (0600) from the data dir.
  cp packaging/kamailio/kamailio-demo.cfg "$HUITONG_DATA_DIR/kamailio.cfg"
  cp packaging/kamailio/huitong-routes.cfg "$HUITONG_DATA_DIR/"  # its include_file: queue and transfer routes
  python -m backend sip-secret --kamailio-include "$HUITONG_DATA_DIR/huitong-secret.cfg"
  # WITH_QUEUES: calls to queue numbers (demo: 8000 Sales, 8100 Support) ask this server which agent rings
  if kamailio -DD -E -f "$HUITONG_DATA_DIR/kamailio.cfg" -A WITH_AUTH -A WITH_QUEUES \
       -A "VOICE_ROUTER=\"http://127.0.0.1:$port\"" -P "$HUITONG_DATA_DIR/kamailio.pid" \
       >"$HUITONG_DATA_DIR/kamailio.log" 2>&1 & then
    pids+=($!)
    echo "demo: Kamailio (SIP registrar/proxy, server-issued credentials) on udp/tcp 127.0.0.1:5060," \
         "voice queues 8000/8100, log $HUITONG_DATA_DIR/kamailio.log"
  fi
else
  echo "demo: Kamailio not installed; softphone features need it (apt-get install kamailio)"
fi

python -m backend serve --host 127.0.0.1 --port "$port" &
pids+=($!)
for _ in $(seq 100); do
  python - "$port" <<'PY' && break
import sys, urllib.request
try:
    urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=0.5)
except OSError:
    sys.exit(1)
PY
  sleep 0.1
done
echo "demo: server on http://127.0.0.1:$port (OpenAPI at /docs); agent client logging in as $user"

# A headless machine gets a virtual screen so the client still runs (screenshots via xwd/import).
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  if command -v Xvfb >/dev/null; then
    Xvfb :99 -screen 0 1600x900x24 -nolisten tcp >/dev/null 2>&1 &
    pids+=($!)
    export DISPLAY=:99
    echo "demo: no display found; the client runs on virtual display :99"
  else
    export QT_QPA_PLATFORM=offscreen
  fi
fi

HUITONG_PASSWORD="$HUITONG_DEMO_PASSWORD" python -m app --server "http://127.0.0.1:$port" --username "$user" "$@"
