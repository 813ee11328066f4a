#!/bin/sh
# One-time set-up on Debian 12 (bookworm) with Python 3.11: system packages, then a virtual
# environment in .venv with hcomm and its test tools. Safe to run again.
set -eu
cd "$(dirname "$0")/.."
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
PKGS="python3-venv fonts-noto-cjk fonts-noto-color-emoji fontconfig libharfbuzz-subset0 poppler-utils chromium zbar-tools"
# fonts-noto-cjk: the CJK font embedded in every PDF; fonts-noto-color-emoji: emoji copied into
# titles from WeChat (🔥 ⚠️ 💧) print instead of failing their sheet; libharfbuzz-subset0: fast font subsetting
# (without it one Chinese page takes ~14 s); poppler-utils: pdftotext/pdftoppm for tests;
# chromium: browser tests; zbar-tools: reading QR codes back in tests; fontconfig: fc-match finds
# the CJK font files that hcomm cuts down to each sheet's characters (small PDFs).
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
