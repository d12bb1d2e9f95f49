#!/usr/bin/env bash
# Prints the Debian mirror this machine's apt already uses (deb822 .sources or sources.list), so
# the provisioning scripts fetch from the same place as apt-get. Fails when there is none.
set -euo pipefail
mirror=$(grep -hoE '^URIs: *http[^ ]*/debian/?$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1 | awk '{print $2}' || true)
if [ -z "$mirror" ]; then
  mirror=$(grep -hoE '^deb +(\[[^]]*\] +)?http[^ ]*/debian/? ' /etc/apt/sources.list 2>/dev/null | head -n1 | awk '{print $NF}' || true)
fi
if [ -z "$mirror" ]; then
  echo "no Debian mirror found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list" >&2
  exit 1
fi
printf '%s\n' "${mirror%/}"
