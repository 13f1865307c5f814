#!/usr/bin/env bash
# Installs what the tests need beyond the Python packages: Debian's chromium, qpdf,
# poppler-utils (pdftoppm), librsvg2-bin (rsvg-convert) and node/npm by apt, and axe-core +
# playwright-core by npm into tests/a11y/node_modules. `make test` runs it first.
# Idempotent and silent when everything is there; apt needs root (or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

# command -> Debian package
declare -A PACKAGES=([chromium]=chromium [qpdf]=qpdf [pdftoppm]=poppler-utils [rsvg-convert]=librsvg2-bin
                     [node]=nodejs [npm]=npm)
missing=()
for tool in chromium qpdf pdftoppm rsvg-convert node npm; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("${PACKAGES[$tool]}")
done
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || { echo "install-test-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
        SUDO="sudo"
    fi
    echo "install-test-deps: installing ${missing[*]} (apt)" >&2
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq >/dev/null
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f tests/a11y/node_modules/axe-core/axe.min.js ] || [ ! -f tests/a11y/node_modules/playwright-core/package.json ]; then
    command -v npm >/dev/null 2>&1 || { echo "install-test-deps: npm is needed for the accessibility tests (apt-get install npm)" >&2; exit 1; }
    echo "install-test-deps: installing axe-core and playwright-core (npm)" >&2
    if [ -f tests/a11y/package-lock.json ]; then
        npm ci --prefix tests/a11y --no-audit --no-fund --loglevel=error >/dev/null
    else
        npm install --prefix tests/a11y --no-audit --no-fund --loglevel=error >/dev/null
    fi
fi
