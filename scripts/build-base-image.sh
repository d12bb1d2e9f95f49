#!/usr/bin/env bash
# Build the offline base image the end-to-end tests build FROM: Debian 12 made with debootstrap
# (no registry needed), with bash, Node.js, git and ca-certificates, imported with a CMD.
# Skipped when the image already exists. Needs root and a running Docker engine.
set -euo pipefail

image=${OH_TUI_E2E_BASE_IMAGE:-oh-tui/e2e-base:bookworm}
log() { printf '[build-base-image] %s\n' "$*"; }

if docker image inspect "$image" >/dev/null 2>&1; then
  log "$image already present"
  exit 0
fi

if ! command -v debootstrap >/dev/null 2>&1; then
  log "installing debootstrap"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

mirror=$(bash "$(dirname "$0")/debian-mirror.sh")
rootfs=$(mktemp -d /var/tmp/oh-tui-rootfs.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT

log "debootstrap bookworm from $mirror"
debootstrap --variant=minbase --include=bash,nodejs,git,ca-certificates,procps,sudo \
  bookworm "$rootfs" "$mirror" >/var/tmp/oh-tui-debootstrap.log 2>&1 || {
  tail -n 30 /var/tmp/oh-tui-debootstrap.log >&2
  exit 1
}
# Keep the image small and its apt state clean, as Docker's own mkimage scripts do.
chroot "$rootfs" apt-get clean
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin

log "importing as $image"
tar --numeric-owner -C "$rootfs" -c . | docker import -c 'CMD ["/bin/bash"]' -c 'ENV LANG=C.UTF-8' - "$image" >/dev/null
log "done: $(docker image inspect "$image" --format '{{.Size}}') bytes"
