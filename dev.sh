#!/usr/bin/env bash
# shapekit's one entry point for newcomers, CI and developers.
#
#   ./dev.sh gallery   build every figure in gallery/ into _site/ (the main job)
#   ./dev.sh test      run the whole test suite (what CI runs)
#   ./dev.sh bench     run the benchmarks (tests/benchmarks, pytest-benchmark)
#   ./dev.sh docs      build the documentation into docs/_build/html
#   ./dev.sh shell     a shell inside the project's virtualenv
#
# Each command installs what it needs first (Debian packages when run as root,
# a virtualenv in .venv with shapekit and its extras) and is safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
VENV=.venv
APT_UPDATED=0

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

apt_install() {
    # apt_install PKG... : install the Debian packages that are not installed yet
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        say "missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})"
        return 1
    fi
    say "installing Debian packages: ${missing[*]}"
    if [ "$APT_UPDATED" -eq 0 ]; then
        apt-get update -qq
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

font_deps() {
    # the one font every figure uses (Graphviz itself comes in the pygraphviz wheel)
    [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || apt_install fonts-dejavu-core \
        || say "going on without DejaVu Sans: shapekit will say which font it draws with instead"
}

dot_deps() {
    # the dot program: only the fallback backend's tests and the benchmarks' baselines need it
    command -v dot >/dev/null 2>&1 || apt_install graphviz \
        || say "going on without dot: the fallback backend's tests are skipped"
}

browser_deps() {
    command -v chromium >/dev/null 2>&1 || apt_install chromium
}

NODE_DIR=.cache/node

mystmd_deps() {
    # Node.js (Debian's) and, in $NODE_DIR, mystmd and its HTML renderer for tests/myst
    # (versions in tests/myst/package.json); without them those tests skip, saying why
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        apt_install nodejs npm || { say "no Node.js: the mystmd tests will be skipped"; return 0; }
    fi
    if ! cmp -s tests/myst/package.json "$NODE_DIR/package.json" \
        || [ ! -x "$NODE_DIR/node_modules/.bin/myst" ]; then
        say "installing mystmd into $NODE_DIR (log: $NODE_DIR/npm.log)"
        mkdir -p "$NODE_DIR"
        cp tests/myst/package.json "$NODE_DIR/package.json"
        npm install --prefix "$NODE_DIR" --no-audit --no-fund > "$NODE_DIR/npm.log" 2>&1 \
            || say "npm could not install mystmd (see $NODE_DIR/npm.log): the mystmd tests will be skipped"
    fi
}

venv() {
    if ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
        say "creating the virtualenv $VENV"
        rm -rf "$VENV"
        if ! "$PYTHON" -m venv "$VENV" >/dev/null 2>&1; then
            # Debian's python3 ships venv separately
            apt_install python3-venv
            "$PYTHON" -m venv "$VENV"
        fi
    fi
    local stamp
    stamp=$(cat pyproject.toml | sha256sum | cut -c1-16)
    if [ "$(cat "$VENV/.shapekit-stamp" 2>/dev/null)" != "$stamp" ] \
        || ! "$VENV/bin/python" -c 'import shapekit, shapekit_cli' >/dev/null 2>&1; then
        say "installing shapekit and its test/docs extras into $VENV (log: $VENV/pip.log)"
        if ! { "$VENV/bin/python" -m pip install --upgrade pip \
                && "$VENV/bin/python" -m pip install -e ".[test,docs]"; } > "$VENV/pip.log" 2>&1; then
            tail -n 30 "$VENV/pip.log" >&2
            say "pip failed; the whole log is in $VENV/pip.log"
            exit 1
        fi
        echo "$stamp" > "$VENV/.shapekit-stamp"
    fi
}

cmd=${1:-help}
shift || true
case "$cmd" in
    gallery)
        font_deps
        venv
        "$VENV/bin/shapekit" build gallery --out _site "$@"
        say "open _site/index.html in a browser (or: $VENV/bin/shapekit serve _site)"
        ;;
    test)
        font_deps
        dot_deps
        browser_deps
        mystmd_deps
        venv
        "$VENV/bin/python" -m pytest "$@"
        ;;
    bench)
        font_deps
        dot_deps
        venv
        "$VENV/bin/python" -m pytest tests/benchmarks -p no:randomly --benchmark-columns=min,mean,median,rounds \
            -o addopts="" "$@"
        ;;
    docs)
        font_deps
        venv
        "$VENV/bin/python" -m sphinx -W --keep-going -j 2 -b html docs docs/_build/html "$@"
        ;;
    shell)
        venv
        exec bash --rcfile <(echo ". $VENV/bin/activate")
        ;;
    *)
        sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
        [ "$cmd" = help ] || exit 2
        ;;
esac
