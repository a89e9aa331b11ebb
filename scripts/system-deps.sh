#!/usr/bin/env bash
# System packages the project needs: WeasyPrint's Pango/HarfBuzz, fonts, poppler's pdfsig,
# jq/openssl for the offline verification recipe, and chromium + chromium-driver for the
# console's browser tests, a Java runtime for Spark. (PostgreSQL for tests: scripts/pg-test-server.sh.)
# Installs only what is missing, only when we may (root + apt-get), and never fails the build
# for an optional tool: the tests that need one skip with a clear message.
set -euo pipefail

need=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib libpango-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
have_lib libharfbuzz.so || need+=(libharfbuzz0b)
have_lib libharfbuzz-subset || need+=(libharfbuzz-subset0)
command -v pdfsig >/dev/null 2>&1 || need+=(poppler-utils)
command -v jq >/dev/null 2>&1 || need+=(jq)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
fc-list >/dev/null 2>&1 && [ -n "$(fc-list 2>/dev/null | head -1)" ] || need+=(fonts-dejavu-core fontconfig)
# Headless Chromium and its WebDriver for the console's browser tests (tests/console).
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
# A Java runtime for the Spark engine (pyspark, docs/scale-out.md) and its tests (tests/spark).
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: missing ${need[*]} (not root or no apt-get); PDF output or browser tests may be unavailable" >&2
  exit 0
fi
echo "system-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
  || echo "system-deps: could not install ${need[*]}; PDF output or browser tests may be unavailable" >&2
