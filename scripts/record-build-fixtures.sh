#!/usr/bin/env bash
# Records real build progress streams from the local engine into test/fixtures/{buildx,classic}/.
# Needs: docker with the buildx plugin, and the offline base image oh-tui/e2e-base:bookworm.
# The fixtures are what the parser, the progress model and the build screen are tested against,
# so re-record them when the buildx version on the CI image changes.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out_buildx="$root/test/fixtures/buildx"
out_classic="$root/test/fixtures/classic"
tag="oh-tui-fixture:tmp"
base="${OH_TUI_FIXTURE_BASE:-oh-tui/e2e-base:bookworm}"
work="$(mktemp -d)"
trap 'rm -rf "$work"; docker image rm -f "$tag" >/dev/null 2>&1 || true' EXIT
mkdir -p "$out_buildx" "$out_classic"

# A nonce keeps the "fresh" recording uncached even when an earlier run left layers behind.
nonce="$(date +%s%N)"
make_context() { # $1: dir, $2: exit code of the last RUN
  mkdir -p "$1"
  printf 'hello from the build context\n' > "$1/greeting.txt"
  cat > "$1/Dockerfile" <<DOCKERFILE
FROM $base
RUN echo "fixture $nonce"
COPY greeting.txt /opt/greeting.txt
RUN for i in 1 2 3 4 5; do echo "line \$i of the slow step"; sleep 0.3; done; echo "to stderr" >&2; cat /opt/greeting.txt; exit $2
DOCKERFILE
}

make_context "$work/ok" 0
make_context "$work/fail" 3

record_buildx() { # $1: name, $2: context
  local rc=0
  docker buildx build --progress=rawjson --load -t "$tag" "$2" 2>"$out_buildx/$1.txt" >/dev/null || rc=$?
  echo "buildx $1: exit $rc ($(wc -c <"$out_buildx/$1.txt") bytes)"
}
record_buildx success "$work/ok"
record_buildx cached "$work/ok"
record_buildx failure "$work/fail"
docker image rm -f "$tag" >/dev/null

# The classic builder's stream, exactly as the Engine API returns it (one JSON object per line).
record_classic() { # $1: name, $2: context
  tar -C "$2" -c . | curl -sS --unix-socket /var/run/docker.sock -X POST \
    -H 'Content-Type: application/x-tar' --data-binary @- \
    "http://localhost/v1.41/build?t=${tag/:/%3A}&version=1&rm=1&forcerm=1" >"$out_classic/$1.jsonl"
  echo "classic $1: $(wc -l <"$out_classic/$1.jsonl") lines"
}
nonce="$(date +%s%N)"
make_context "$work/ok2" 0
make_context "$work/fail2" 3
record_classic success "$work/ok2"
record_classic cached "$work/ok2"
record_classic failure "$work/fail2"
