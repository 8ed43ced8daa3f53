#!/usr/bin/env bash
# Build step of the viewer (org.sculpt4d.viewer): fetches three.js with the ordinary npm client (`npm pack`, from the
# registry npm is configured with, or from npm's cache when offline), checks the tarball against the pinned integrity
# and unpacks the files the viewer page needs into a resource folder that goes into the jar.
#
# usage: fetch-three.sh VERSION INTEGRITY WORK_DIR RESOURCE_DIR
set -euo pipefail
version=$1 integrity=$2 work=$3 dest=$4/org/sculpt4d/viewer/three
files=(build/three.core.js build/three.module.js examples/jsm/controls/OrbitControls.js LICENSE)

if [ "$(cat "$dest/VERSION" 2>/dev/null)" = "$version" ]; then
  exit 0 # already unpacked by an earlier build
fi
if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
  echo "ERROR: the build needs npm (and node) to fetch three@$version for the viewer; install them" \
       "(Debian: apt-get install npm) and build again" >&2
  exit 1
fi

mkdir -p "$work"
tarball="$work/three-$version.tgz"
if ! npm pack "three@$version" --prefer-offline --silent --pack-destination "$work" >/dev/null; then
  echo "ERROR: npm pack three@$version failed (offline with an empty npm cache?)" >&2
  exit 1
fi
actual=$(node -e 'const c = require("crypto"), fs = require("fs");
  process.stdout.write("sha512-" + c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"));' "$tarball")
if [ "$actual" != "$integrity" ]; then
  echo "ERROR: $tarball has integrity $actual, expected $integrity (pinned in sculpt4d-model/pom.xml)" >&2
  exit 1
fi

rm -rf "$work/package" "$dest"
tar -xzf "$tarball" -C "$work" "${files[@]/#/package/}"
mkdir -p "$dest"
for f in "${files[@]}"; do cp "$work/package/$f" "$dest/$(basename "$f")"; done
echo "$version" > "$dest/VERSION"
