#!/usr/bin/env bash
# Packs every library module under src/ into NuGet packages (.nupkg with XML docs and README, .snupkg with symbols).
# Usage: scripts/pack.sh [output-dir]   (default: artifacts/packages)
# Pass extra MSBuild properties through PACK_ARGS, e.g. PACK_ARGS="-p:Version=0.2.0 -p:RepositoryUrl=https://..." scripts/pack.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/artifacts/packages}"
mkdir -p "$out"
for project in "$root"/src/*/PhyToolkit.*.csproj; do
  # shellcheck disable=SC2086
  dotnet pack "$project" -c Release -o "$out" ${PACK_ARGS:-}
done
echo "packages in $out:"
ls -1 "$out"
