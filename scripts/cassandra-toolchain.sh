#!/usr/bin/env bash
# Apache Cassandra for the tests (a real node standing in for a data-center cluster and for Amazon Keyspaces),
# as the jars of org.apache.cassandra:cassandra-all and all its runtime dependencies, from Maven Central.
#
# Usage: scripts/cassandra-toolchain.sh
#   Prints progress on stderr and, as the last line on stdout, the absolute folder holding the jars
#   (test/support/cassandra.ts starts CassandraDaemon from it with java).
#
# The cache ${XDG_CACHE_HOME:-$HOME/.cache}/migration-cockpit/cassandra-X.Y.Z/lib is resolved once: a throwaway
# pom in a temporary folder beside it, `mvn dependency:copy-dependencies` (runtime scope) into that folder, then a
# marker file written last and the folder renamed into place, so an interrupted download never leaves a half
# cache. Concurrent runs wait on a lock. Maven keeps what it downloads in its own local repository (~/.m2).
# Environment: MVN (the mvn binary; default: mvn on PATH), JAVA (default: java on PATH), XDG_CACHE_HOME, HOME.
set -euo pipefail

CASSANDRA_VERSION="5.0.6"
DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.6.1"

log() { printf 'cassandra-toolchain: %s\n' "$*" >&2; }
die() { printf 'cassandra-toolchain: error: %s\n' "$*" >&2; exit 1; }

case "${1:-}" in
  "") ;;
  -h|--help) sed -n '5,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
  *) die "unknown argument: $1 (usage: scripts/cassandra-toolchain.sh)" ;;
esac

cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/migration-cockpit"
dest="$cache_root/cassandra-$CASSANDRA_VERSION"
marker="$dest/.toolchain-complete"
main_jar="$dest/lib/cassandra-all-$CASSANDRA_VERSION.jar"

java_bin="${JAVA:-$(command -v java 2>/dev/null || true)}"
[ -n "$java_bin" ] && command -v "$java_bin" >/dev/null 2>&1 ||
  die "java is needed to run Cassandra $CASSANDRA_VERSION (a JDK 17: apt-get install openjdk-17-jdk-headless; or set JAVA=/path/to/java)"

if [ -f "$marker" ] && [ -f "$main_jar" ]; then
  log "using cached Cassandra $CASSANDRA_VERSION jars ($dest/lib)"
  printf '%s\n' "$dest/lib"
  exit 0
fi

mvn_bin="${MVN:-$(command -v mvn 2>/dev/null || true)}"
[ -n "$mvn_bin" ] && command -v "$mvn_bin" >/dev/null 2>&1 ||
  die "Maven (mvn) is needed to resolve Cassandra $CASSANDRA_VERSION from Maven Central (apt-get install maven; or set MVN=/path/to/mvn)"

mkdir -p "$cache_root"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache_root/cassandra-$CASSANDRA_VERSION.lock"
  if ! flock -n 9; then
    log "another download of Cassandra $CASSANDRA_VERSION is running; waiting for it"
    flock 9
  fi
  if [ -f "$marker" ] && [ -f "$main_jar" ]; then
    log "using cached Cassandra $CASSANDRA_VERSION jars ($dest/lib)"
    printf '%s\n' "$dest/lib"
    exit 0
  fi
  # We hold the lock: folders left by a killed run are garbage.
  rm -rf "$cache_root/.cassandra-$CASSANDRA_VERSION.build."*
fi

if [ -e "$dest" ]; then
  log "removing incomplete cache folder $dest"
  rm -rf "$dest"
fi

work="$(mktemp -d "$cache_root/.cassandra-$CASSANDRA_VERSION.build.XXXXXX")"
chmod 755 "$work"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
trap 'die "resolving Cassandra $CASSANDRA_VERSION failed (see the messages above); nothing was cached"' ERR

start=$SECONDS
log "resolving org.apache.cassandra:cassandra-all:$CASSANDRA_VERSION and its runtime dependencies with $("$mvn_bin" -v 2>/dev/null | sed -n '1{s/\x1b\[[0-9;]*m//g;p}') (once)"
mkdir -p "$work/pom" "$work/lib"
cat > "$work/pom/pom.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 http://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>invalid.migration-cockpit</groupId>
  <artifactId>cassandra-toolchain</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.cassandra</groupId>
      <artifactId>cassandra-all</artifactId>
      <version>$CASSANDRA_VERSION</version>
    </dependency>
  </dependencies>
</project>
XML
# Maven's own messages (colour codes stripped: Debian's Maven 3.8 prints them even in batch mode).
mvn_status=0
mvn_output="$("$mvn_bin" -q -B -Dstyle.color=never -f "$work/pom/pom.xml" "$DEPENDENCY_PLUGIN:copy-dependencies" \
  -DincludeScope=runtime -DoutputDirectory="$work/lib" 2>&1)" || mvn_status=$?
mvn_output="$(printf '%s\n' "$mvn_output" | sed 's/\x1b\[[0-9;]*m//g' | grep -v '^[[:space:]]*$' || true)"
[ -z "$mvn_output" ] || printf '%s\n' "$mvn_output" >&2
if [ "$mvn_status" -ne 0 ]; then
  die "Maven could not resolve cassandra-all:$CASSANDRA_VERSION (Maven Central must be reachable): $(printf '%s\n' "$mvn_output" | grep -m 1 '^\[ERROR\]' | sed 's/^\[ERROR\] *//' | cut -c1-300)"
fi
rm -rf "$work/pom"

[ -f "$work/lib/cassandra-all-$CASSANDRA_VERSION.jar" ] || die "Maven did not deliver cassandra-all-$CASSANDRA_VERSION.jar"
jars="$(find "$work/lib" -maxdepth 1 -name '*.jar' | wc -l)"
elapsed=$((SECONDS - start))
{
  echo "version=$CASSANDRA_VERSION"
  echo "jars=$jars"
  echo "resolved=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "resolve_seconds=$elapsed"
} > "$work/.toolchain-complete"

mv -T "$work" "$dest"
trap - ERR EXIT
log "resolved Cassandra $CASSANDRA_VERSION ($jars jars, $(du -sh "$dest/lib" | cut -f1)) in ${elapsed}s"
printf '%s\n' "$dest/lib"
