#!/usr/bin/env bash
# Builds the documentation site (the docs/ pages plus the API reference generated from the XML docs) with DocFX,
# which runs as a local dotnet tool (.config/dotnet-tools.json).
# Usage: scripts/build-docs.sh [--serve]
#   output: artifacts/site/index.html (open it in a browser; --serve starts DocFX's local web server on port 8080)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet tool restore
# DocFX reads the projects through MSBuild; build them once so the metadata step sees compiled references.
for project in src/*/PhyToolkit.*.csproj; do dotnet build "$project" -c Release --nologo -v q; done
if [[ "${1:-}" == "--serve" ]]; then
  dotnet docfx docs/docfx.json --serve
else
  dotnet docfx docs/docfx.json
  echo "site: $root/artifacts/site/index.html"
fi
