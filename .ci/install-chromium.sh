#!/usr/bin/env bash
# The console's browser tests drive Debian's Chromium through its ChromeDriver. Installs both when
# missing (apt-get, as root or through sudo); does nothing when they are there.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
echo "Installing Chromium and ChromeDriver for the console's browser tests (Debian packages)..."
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "!! Chromium is missing and this user cannot install it: apt-get install -y chromium chromium-driver (as root)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq || true
$sudo apt-get install -y -qq chromium chromium-driver >/dev/null
echo "Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}') installed"
