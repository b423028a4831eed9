#!/usr/bin/env bash
# Installs everything (scripts/setup.sh) and runs the whole test suite: lint, types, layer contracts, pytest.
# Extra arguments go to pytest (e.g. scripts/test.sh tests/backend -k merge).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
bash scripts/setup.sh
export PATH="$here/.venv/bin:$PATH"
export QT_QPA_PLATFORM=offscreen
# Stray session buses must not leak into tests; the keyring fixture starts its own private one.
export DBUS_SESSION_BUS_ADDRESS="disabled:"

echo "== ruff";         ruff check .
echo "== mypy";         mypy
echo "== lint-imports"; lint-imports
echo "== pytest"
python -m pytest "$@"
