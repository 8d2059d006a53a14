# Shared set-up for scripts/run and scripts/test. Sourced, not run.
# Idempotent: each step checks first and does nothing when all is in place,
# so a second run with nothing changed takes a second or two.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.deskeditor-stamp"

say() { printf 'deskeditor: %s\n' "$*" >&2; }

can_sudo() { [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

find_python() {
  for py in "${DESKEDITOR_PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$py" ] || continue
    if command -v "$py" >/dev/null 2>&1 &&
       "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      command -v "$py"; return 0
    fi
  done
  say "Python 3.11 or newer is needed (apt-get install python3 python3-venv)"; return 1
}

ensure_venv() {
  local want
  want="$( (cat "$ROOT/pyproject.toml" "$ROOT/requirements.lock"; echo "${1:-}") | sha1sum | cut -c1-16)"
  if [ -x "$VENV/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
    return 0
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    "$(find_python)" -m venv "$VENV"
  fi
  say "installing deskeditor and its pinned dependencies into .venv"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
      -c "$ROOT/requirements.lock" -e "$ROOT[${1:-gui}]"
  echo "$want" > "$STAMP"
}

# Debian packages Qt needs at run time (xcb platform under X11/Xvfb; WebEngine).
QT_DEBS="libegl1 libgl1 libfontconfig1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 \
libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 \
libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxkbfile1 libasound2 libdbus-1-3"

# The freedesktop validators the tests run on the desktop entry and the AppStream
# metainfo (tests/packaging): desktop-file-validate and appstreamcli.
VALIDATOR_DEBS="desktop-file-utils appstream"

missing_debs() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  echo "${missing[*]:-}"
}

ensure_debs() {
  command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian: nothing we can check
  local missing
  missing="$(missing_debs "$@")"
  [ -z "$missing" ] && return 0
  if can_sudo; then
    say "installing system packages: $missing"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null 2>&1 || {
      as_root apt-get update -qq >/dev/null 2>&1
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
    }
  else
    say "these system packages are missing; install them with:"
    say "  sudo apt-get install $missing"
    return 1
  fi
}

# QtWebEngine's Chromium refuses to run as root with its sandbox on.
webengine_env() {
  if [ "$(id -u)" = 0 ]; then
    case " ${QTWEBENGINE_CHROMIUM_FLAGS:-} " in *" --no-sandbox "*) ;; *)
      export QTWEBENGINE_CHROMIUM_FLAGS="${QTWEBENGINE_CHROMIUM_FLAGS:-} --no-sandbox" ;;
    esac
  fi
  export QTWEBENGINE_DISABLE_SANDBOX="${QTWEBENGINE_DISABLE_SANDBOX:-$([ "$(id -u)" = 0 ] && echo 1 || echo 0)}"
}

# -- servers the test suite may start (scripts/wordpress-test-server) -------------
# note_running_servers before the suite, stop_servers_started_since after it: what
# was not running before and is now gets stopped, so no server is left listening.
WP_SCRIPT="${DESKEDITOR_WP_SCRIPT:-$ROOT/scripts/wordpress-test-server}"
mariadb_up() { command -v mysqladmin >/dev/null 2>&1 && mysqladmin --silent ping >/dev/null 2>&1; }
note_running_servers() {
  WP_WAS_UP=0; "$WP_SCRIPT" status >/dev/null 2>&1 && WP_WAS_UP=1
  DB_WAS_UP=0; mariadb_up && DB_WAS_UP=1
  return 0
}
stop_servers_started_since() {
  [ -z "${DESKEDITOR_WORDPRESS_URL:-}" ] || return 0  # a site given from outside is not ours to stop
  if [ "${WP_WAS_UP:-1}" = 0 ] && "$WP_SCRIPT" status >/dev/null 2>&1; then
    if [ "${DB_WAS_UP:-1}" = 0 ]; then "$WP_SCRIPT" stop --with-mariadb; else "$WP_SCRIPT" stop; fi
  fi
  return 0
}
