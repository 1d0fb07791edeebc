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
# A throwaway keyring for this run, in its own data dir so an existing login
# keyring (with another password) is neither unlocked nor touched. The daemon
# reads the unlock password on stdin.
keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/flotilla-keyring.XXXXXX")
trap 'rm -rf "$keyring_home"' EXIT
XDG_DATA_HOME="$keyring_home" dbus-run-session -- bash -c '
  printf %s flotilla-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  FLOTILLA_KEYRING_READY=1 exec "$@"' with-keyring "$@"
