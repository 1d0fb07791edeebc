#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service (GNOME Keyring on a private
# D-Bus session), so the keychain tests use the real thing. Used by `npm test`
# and the web demo on Linux machines that have no desktop session keyring.
set -euo pipefail
# macOS and Windows have their keychain already; only Linux needs a Secret Service started.
if [ -n "${FLOTILLA_KEYRING_READY:-}" ] || [ "$(uname -s)" != "Linux" ]; then exec "$@"; fi
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keyring: dbus-run-session and gnome-keyring-daemon are needed (apt-get install dbus gnome-keyring libsecret-1-dev)" >&2
  exit 1
fi
# The daemon reads the unlock password on stdin; it is a throwaway keyring for this run.
exec dbus-run-session -- bash -c '
  printf %s flotilla-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  FLOTILLA_KEYRING_READY=1 exec "$@"' with-keyring "$@"
