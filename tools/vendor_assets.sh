#!/usr/bin/env bash
# Copy the front-end files the site and the browser tests need out of node_modules, so that a
# clone works without npm: the Thai and Latin Sarabun faces (regular, bold) with their OFL
# licence, and axe-core for the accessibility tests. Run after `npm ci`; commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules/@fontsource/sarabun ] || npm ci --no-audit --no-fund

fonts=node_modules/@fontsource/sarabun
mkdir -p lawportal/static/fonts tests/e2e/vendor
for subset in thai latin; do
  for weight in 400 700; do
    cp "$fonts/files/sarabun-$subset-$weight-normal.woff2" lawportal/static/fonts/
  done
done
cp "$fonts/LICENSE" lawportal/static/fonts/OFL.txt

cp node_modules/axe-core/axe.min.js tests/e2e/vendor/axe.min.js
cp node_modules/axe-core/LICENSE tests/e2e/vendor/axe-core.LICENSE
node -e 'console.log(require("./node_modules/axe-core/package.json").version)' > tests/e2e/vendor/axe-core.VERSION
echo "vendored Sarabun $(node -e 'console.log(require("./node_modules/@fontsource/sarabun/package.json").version)')" \
  "and axe-core $(cat tests/e2e/vendor/axe-core.VERSION)"
