#!/usr/bin/env bash
# Installs the optional promptfoo peer (pinned) for a clone of alignment-tax, where `npm i promptfoo`
# does nothing: npm leaves a root package's optional peer dependencies alone. It goes into
# .promptfoo/ (git-ignored, about 1.4 GB) and is linked as node_modules/promptfoo, so the bridge,
# `atax import|export promptfoo` and their tests find it. Run it again after `npm ci` (which empties
# node_modules): the install is kept and only the link is made again.
# (A project that depends on alignment-tax installs promptfoo the ordinary way: npm i promptfoo@0.121.20.)
set -euo pipefail
cd "$(dirname "$0")/.."
version=0.121.20
export PROMPTFOO_DISABLE_TELEMETRY=1 PROMPTFOO_DISABLE_UPDATE=1 PROMPTFOO_DISABLE_SHARING=1
installed=$(node -p "try { require('./.promptfoo/node_modules/promptfoo/package.json').version } catch { '' }")
if [ "$installed" != "$version" ]; then
  mkdir -p .promptfoo
  npm install --prefix .promptfoo --no-save --no-audit --no-fund "promptfoo@$version" >/dev/null
fi
mkdir -p node_modules
ln -sfn "$PWD/.promptfoo/node_modules/promptfoo" node_modules/promptfoo
echo "promptfoo $version linked at node_modules/promptfoo"
