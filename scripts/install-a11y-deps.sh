#!/usr/bin/env bash
# Installs what the accessibility check (`make a11y`, tests/test_html.py) needs:
# Debian's chromium (apt) and axe-core + playwright-core (npm, into tests/a11y/node_modules).
# Idempotent: does nothing that is already done. Needs root (or sudo) for apt.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -q
    $SUDO apt-get install -y -q --no-install-recommends chromium
fi

if [ ! -f tests/a11y/node_modules/axe-core/axe.min.js ] || [ ! -d tests/a11y/node_modules/playwright-core ]; then
    if [ -f tests/a11y/package-lock.json ]; then
        npm ci --prefix tests/a11y --no-audit --no-fund --loglevel=error
    else
        npm install --prefix tests/a11y --no-audit --no-fund --loglevel=error
    fi
fi
echo "a11y tools ready: $(chromium --version 2>/dev/null | head -1), axe-core $(node -p "require('./tests/a11y/node_modules/axe-core/package.json').version")"
