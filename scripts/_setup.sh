# Shared by scripts/run, scripts/test and scripts/bench: make .venv and install the project.
# Usage: source scripts/_setup.sh [extras]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

need() { echo "scripts: $*" >&2; exit 1; }

PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then PYTHON="$candidate"; break; fi
  done
fi
[ -n "$PYTHON" ] || need "Python 3.11 or newer is missing. Install it with: apt-get install -y python3 python3-venv"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || need "Python 3.11 or newer is needed; $("$PYTHON" --version) was found."

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv 2>/dev/null \
    || need "Could not create .venv. On Debian install the venv module: apt-get install -y python3-venv"
fi
extras="${1:-}"
stamp=".venv/.installed${extras:+-$extras}"
# Reinstall only when the dependencies changed, so repeated runs start fast.
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip >/dev/null \
    || need "pip could not reach the package index; check the network."
  .venv/bin/python -m pip install --quiet -e ".${extras:+[$extras]}" \
    || need "Installing the Python packages failed; see the messages above."
  touch "$stamp"
fi
