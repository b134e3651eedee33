#!/usr/bin/env bash
# Installs Debian's chromium, which the HTML report test (HtmlReportRenderTest) renders the page with, when it is
# missing and this machine can install it (root, apt-get). The build runs this before the tests; it never fails the
# build itself: without chromium the test fails and says how to install it.
set -uo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium is missing and cannot be installed here; install it with: sudo apt-get update && sudo apt-get install -y chromium" >&2
  exit 0
fi
echo "Installing Debian's chromium for the HTML report test: apt-get update && apt-get install -y chromium" >&2
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/tmp/fulcrum-install-chromium.log 2>&1; then
  echo "apt-get could not install chromium (see /tmp/fulcrum-install-chromium.log)" >&2
fi
exit 0
