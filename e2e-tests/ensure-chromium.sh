#!/bin/sh
# Makes sure Debian's chromium and chromium-driver are installed, for the dashboard's browser tests
# (e2e-tests, DashboardPageTest through Browser.java, so ./mvnw verify). Selenium is given
# /usr/bin/chromium and /usr/bin/chromedriver explicitly and never downloads a browser or a driver.
# When they are missing: installs them with apt-get if it runs as root, and otherwise fails saying how.
set -eu
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium.sh: chromium or chromium-driver missing, installing Debian's chromium and chromium-driver" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >&2
  exit 0
fi
echo "ensure-chromium.sh: the dashboard's browser tests need /usr/bin/chromium and /usr/bin/chromedriver." >&2
echo "  Install them (Debian/Ubuntu: sudo apt-get install -y chromium chromium-driver) and run ./mvnw verify again." >&2
exit 2
