#!/usr/bin/env bash
# The system tools the print tests run: qpdf (`qpdf --check` on the PDF/X files) and
# rsvg-convert from Debian's librsvg2-bin (the SVGs drawn by a renderer without web fonts).
# Idempotent: installs only what is missing. Needs root (or sudo) for apt.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
missing=()
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
command -v rsvg-convert >/dev/null 2>&1 || missing+=(librsvg2-bin)
if [ ${#missing[@]} -gt 0 ]; then
    $SUDO apt-get update -q
    $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
echo "print test tools ready: $(qpdf --version | head -1), $(rsvg-convert --version)"
