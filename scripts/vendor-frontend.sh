#!/usr/bin/env bash
# Re-vendors the front-end files from the npm registry (no CDN at run time).
# The versions live in static/vendor/VERSIONS; bump one there and run this script.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

while read -r name version; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  (cd "$work" && npm pack "$name@$version" --silent >/dev/null)
  tarball=$(ls "$work"/*.tgz)
  mkdir -p "$work/$name" && tar -xzf "$tarball" -C "$work/$name" && rm "$tarball"
  pkg="$work/$name/package"
  out="$dest/$name"
  rm -rf "$out" && mkdir -p "$out"
  case "$name" in
    bootstrap)
      cp "$pkg/dist/css/bootstrap.min.css" "$pkg/dist/css/bootstrap.min.css.map" "$out/"
      cp "$pkg/dist/js/bootstrap.bundle.min.js" "$pkg/dist/js/bootstrap.bundle.min.js.map" "$out/" ;;
    bootstrap-icons)
      cp "$pkg/font/bootstrap-icons.min.css" "$out/"
      mkdir -p "$out/fonts" && cp "$pkg"/font/fonts/bootstrap-icons.woff* "$out/fonts/" ;;
    chart.js)
      cp "$pkg/dist/chart.umd.min.js" "$pkg/dist/chart.umd.min.js.map" "$out/" ;;
    axe-core)
      # For the browser tests only (tests/accessibility.py injects it); no template loads it.
      cp "$pkg/axe.min.js" "$out/" ;;
    *) echo "unknown package $name" >&2; exit 1 ;;
  esac
  cp "$pkg/LICENSE"* "$out/" 2>/dev/null || true
  echo "vendored $name@$version"
done < "$dest/VERSIONS"

# The production build (ManifestStaticFilesStorage) refuses a file that names a source map it cannot
# find: check every sourceMappingURL here rather than at the first deployment.
missing=0
while IFS= read -r file; do
  map=$(sed -n 's|.*[#@] sourceMappingURL=\([^ *]*\).*|\1|p' "$file" | tail -n 1)
  if [[ -n "$map" && ! -f "$(dirname "$file")/$map" ]]; then
    echo "$file names the source map $map, which is not vendored" >&2
    missing=1
  fi
done < <(find "$dest" -type f \( -name '*.js' -o -name '*.css' \))
exit "$missing"
