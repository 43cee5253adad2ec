#!/bin/sh
# Runs Coact's Python peer (runner/bench/peer.py) with the arguments given, after installing
# its Debian packages if an import fails (apt-get, through sudo unless already root).
#   runner/bench/peer.sh --model M.onnx --data D.npz [--algorithm leiden] ... --out OUT.json
set -eu
PY=/usr/bin/python3
PKGS="python3-torch python3-numpy python3-onnx python3-igraph python3-leidenalg python3-networkx"
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)

if ! "$PY" -c 'import torch, numpy, onnx, igraph, leidenalg, networkx' 2>/dev/null; then
    echo "peer.sh: installing $PKGS" >&2
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "peer.sh: not root and no sudo; install as root: apt-get install -y $PKGS" >&2
        exit 1
    fi
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
    # shellcheck disable=SC2086
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $PKGS
    "$PY" -c 'import torch, numpy, onnx, igraph, leidenalg, networkx'
fi

exec "$PY" "$HERE/peer.py" "$@"
