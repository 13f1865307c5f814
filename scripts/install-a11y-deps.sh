#!/usr/bin/env bash
# Kept for old habits: the test tools are installed by scripts/install-test-deps.sh.
exec "$(dirname "$0")/install-test-deps.sh" "$@"
