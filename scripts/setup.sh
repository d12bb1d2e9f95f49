#!/usr/bin/env bash
# Set up a fresh Debian 12 machine for oh-tui's tests (run as root): Docker engine with buildx,
# the offline base image the end-to-end tests build from, and tmux for driving the app.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/provision-docker.sh"
bash "$here/build-base-image.sh"
if ! command -v tmux >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends tmux >/dev/null
fi
