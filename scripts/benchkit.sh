# Shared set-up for the measurement scripts (scripts/load, scripts/crash, scripts/sqlmap, scripts/lighthouse);
# sourced, not run. Installs what is missing — OS packages with apt, Python tools into the venv at
# $SAMVERKAN_TOOLS_DIR/venv (default /var/tmp/samverkan-tools) — and finds the release binary: SAMVERKAN_BIN
# when set, otherwise target/release/samverkan, built with `cargo build --release -p samverkan` only when it is
# missing.

TOOLS_DIR="${SAMVERKAN_TOOLS_DIR:-/var/tmp/samverkan-tools}"
# No __pycache__ folders in scripts/.
export PYTHONDONTWRITEBYTECODE=1
VENV="$TOOLS_DIR/venv"

step() { printf '\n==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

_apt_updated=""
apt_install() {
  step "Installing OS packages: $*"
  if [ -z "$_apt_updated" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    _apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# ensure_command COMMAND PACKAGE: installs the Debian PACKAGE when COMMAND is not on PATH.
ensure_command() {
  command -v "$1" >/dev/null 2>&1 || apt_install "$2"
}

# ensure_venv [PIP-REQUIREMENT...]: creates the tool venv when missing and installs the requirements whose
# distribution is not there yet (a requirement's name is what precedes its first version operator).
ensure_venv() {
  ensure_command python3 python3
  if [ ! -x "$VENV/bin/python" ]; then
    step "Creating the Python tool venv in $VENV"
    mkdir -p "$TOOLS_DIR"
    if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
      rm -rf "$VENV"
      apt_install python3-venv  # Debian keeps venv's pip bootstrap in its own package
      python3 -m venv "$VENV"
    fi
  fi
  local req name missing=()
  for req in "$@"; do
    name="${req%%[<>=!~ ]*}"
    "$VENV/bin/pip" show -q "$name" >/dev/null 2>&1 || missing+=("$req")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    step "Installing into the venv: ${missing[*]}"
    "$VENV/bin/pip" install -q "${missing[@]}"
  fi
}

# samverkan_bin: prints the path of the release binary to measure.
samverkan_bin() {
  if [ -n "${SAMVERKAN_BIN:-}" ]; then
    [ -x "$SAMVERKAN_BIN" ] || { echo "error: SAMVERKAN_BIN=$SAMVERKAN_BIN is not executable" >&2; return 1; }
    echo "$SAMVERKAN_BIN"
    return
  fi
  local target_dir="${CARGO_TARGET_DIR:-}"
  if [ -z "$target_dir" ]; then
    target_dir="$(cargo metadata --format-version 1 --no-deps 2>/dev/null \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])' 2>/dev/null || true)"
  fi
  [ -n "$target_dir" ] || target_dir=/var/tmp/samverkan-target
  if [ ! -x "$target_dir/release/samverkan" ]; then
    step "No release binary in $target_dir: building it"
    cargo build --release --locked -p samverkan >&2
  fi
  echo "$target_dir/release/samverkan"
}
