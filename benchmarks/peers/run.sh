#!/usr/bin/env bash
# Measures raw Lucene.Net, the library, Java Lucene 4.10 and 8, Xapian 1.4 and Whoosh 2.7 under one protocol
# (README.md), one engine at a time, and prints the tables. Usage:
#
#   benchmarks/peers/run.sh [--fetch-jars] [CORPUS]
#
# CORPUS is a folder of seed-format *.txt files or a .tar.gz of one; by default the Reuters-21578 archive beside
# the repository (../shared/corpora/reuters21578.tar.gz), else seeds/, as the other benchmarks choose.
# Environment (all optional): PEERS_ENGINES (default "raw library lucene4 lucene8 xapian whoosh"), PEERS_RUNS (5),
# PEERS_WARMUP_SECONDS (2), PEERS_QUERY_SECONDS (1), PEERS_PYTHON (/usr/bin/python3, where Debian's python3-xapian
# and python3-whoosh go), LUCENE4_JARS and LUCENE8_JARS (folders holding the jars), TMPDIR (indexes and corpus copies).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
BUILD="$HERE/build"

FETCH_JARS=0
CORPUS=""
for arg in "$@"; do
    case "$arg" in
        --fetch-jars) FETCH_JARS=1 ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) CORPUS="$arg" ;;
    esac
done

ENGINES=${PEERS_ENGINES:-"raw library lucene4 lucene8 xapian whoosh"}
RUNS=${PEERS_RUNS:-5}
WARMUP=${PEERS_WARMUP_SECONDS:-2}
QUERY=${PEERS_QUERY_SECONDS:-1}
PYTHON=${PEERS_PYTHON:-/usr/bin/python3}
wants() { [[ " $ENGINES " == *" $1 "* ]]; }

# ---- prerequisites ----

# The two Lucene packages conflict (both ship /usr/share/java/lucene-*.jar links), so at most one can be installed:
# the jars are found installed, in LUCENEn_JARS, or unpacked from the .deb files under build/.
find_jars() { # $1 = version glob, e.g. 4.10.4 or 8.*; prints the folder holding lucene-core-$1.jar
    local glob=$1 dir
    for dir in "${2:-}" /usr/share/java "$BUILD"/debs/usr/share/java; do
        [[ -n "$dir" ]] || continue
        if compgen -G "$dir/lucene-core-$glob.jar" >/dev/null; then echo "$dir"; return 0; fi
    done
    return 1
}

if (( FETCH_JARS )); then
    mkdir -p "$BUILD/debs"
    (cd "$BUILD" && apt-get download liblucene4.10-java liblucene8-java &&
        for deb in liblucene*.deb; do dpkg-deb -x "$deb" debs && rm "$deb"; done)
fi

missing_packages=()
missing_jars=0
command -v dotnet >/dev/null || { echo "dotnet (the .NET SDK of global.json) is required." >&2; exit 1; }
if wants lucene4 || wants lucene8; then
    command -v javac >/dev/null && command -v java >/dev/null || missing_packages+=(default-jdk-headless)
    if wants lucene4; then LUCENE4_JARS=$(find_jars 4.10.4 "${LUCENE4_JARS:-}") || missing_jars=1; fi
    if wants lucene8; then LUCENE8_JARS=$(find_jars '8.*' "${LUCENE8_JARS:-}") || missing_jars=1; fi
fi
if wants xapian || wants whoosh; then
    [[ -x "$PYTHON" ]] || missing_packages+=(python3)
    if wants xapian && ! "$PYTHON" -c 'import xapian' 2>/dev/null; then missing_packages+=(python3-xapian); fi
    if wants whoosh && ! "$PYTHON" -W ignore -c 'import whoosh' 2>/dev/null; then missing_packages+=(python3-whoosh); fi
fi
if (( ${#missing_packages[@]} )) || (( missing_jars )); then
    echo "Missing prerequisites. Install them with:" >&2
    (( ${#missing_packages[@]} )) && echo "  apt-get install ${missing_packages[*]}" >&2
    if (( missing_jars )); then
        echo "  $0 --fetch-jars   # apt-get download liblucene4.10-java liblucene8-java, unpacked under benchmarks/peers/build/" >&2
        echo "(liblucene4.10-java and liblucene8-java conflict, so they cannot both be installed; LUCENE4_JARS/LUCENE8_JARS may name other folders)" >&2
    fi
    exit 1
fi

WORK=$(mktemp -d -t search-peers.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT  # so that an interrupted run also removes its folder
trap 'exit 143' TERM
# Every engine's indexes, and the corpus copies the .NET side lays out, go to one folder that is removed at the end.
export TMPDIR="$WORK"
STAMP=$(date -u +%Y%m%d-%H%M%S)
RESULTS="$HERE/results/$STAMP"
mkdir -p "$RESULTS"

# ---- build ----

echo "== building" >&2
# A separate artifacts folder: the harness's build neither disturbs nor waits for other builds of the repository.
DOTNET_ARTIFACTS="$BUILD/dotnet"
dotnet build -c Release "$REPO/benchmarks/Search.Benchmarks/Search.Benchmarks.csproj" --artifacts-path "$DOTNET_ARTIFACTS" -nologo -v quiet >&2
BENCH_DLL="$DOTNET_ARTIFACTS/bin/Search.Benchmarks/release/Search.Benchmarks.dll"
classpath() { # $1 = jar folder, $2 = version glob
    local cp="" module jar
    # The classic highlighter needs memory (MemoryIndex) and queries; the query parser needs queries too.
    for module in core analyzers-common queryparser highlighter memory queries; do
        jar=$(compgen -G "$1/lucene-$module-$2.jar" | head -n 1)
        cp+="$jar:"
    done
    echo "${cp%:}"
}
if wants lucene4; then
    CP4=$(classpath "$LUCENE4_JARS" 4.10.4)
    rm -rf "$BUILD/classes-lucene4" && mkdir -p "$BUILD/classes-lucene4"
    javac -nowarn -d "$BUILD/classes-lucene4" -cp "$CP4" "$HERE"/java/common/*.java "$HERE"/java/lucene4/*.java
fi
if wants lucene8; then
    CP8=$(classpath "$LUCENE8_JARS" '8.*')
    rm -rf "$BUILD/classes-lucene8" && mkdir -p "$BUILD/classes-lucene8"
    javac -nowarn -d "$BUILD/classes-lucene8" -cp "$CP8" "$HERE"/java/common/*.java "$HERE"/java/lucene8/*.java
fi

# ---- corpus ----

corpus_args=()
[[ -n "$CORPUS" ]] && corpus_args=(--corpus "$CORPUS")
# The .NET side extracts the archive and writes the 4x copy (distinct ids under r0/ .. r3/); every engine reads those.
PREPARED=$(dotnet "$BENCH_DLL" "${corpus_args[@]}" --peers-protocol --prepare)
X1=$(awk -F'\t' '$1 == "x1" { print $2 }' <<<"$PREPARED")
X4=$(awk -F'\t' '$1 == "x4" { print $2 }' <<<"$PREPARED")
QUERIES=$(awk -F'\t' '$1 == "queries" { print $2 }' <<<"$PREPARED")
cp "$QUERIES" "$RESULTS/queries.tsv"
{
    echo "corpus: ${CORPUS:-default}; 1x: $(find "$X1" -name '*.txt' | wc -l) files"
    echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(uname -sr)"
    echo "load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$RESULTS/machine.txt"
cat "$RESULTS/machine.txt" >&2

# ---- engines, one at a time ----

common=(--runs "$RUNS" --warmup-seconds "$WARMUP" --query-seconds "$QUERY")
peer=(--x1 "$X1" --x4 "$X4" --queries "$QUERIES" "${common[@]}")
files=()
for engine in raw library lucene4 lucene8 xapian whoosh; do
    wants "$engine" || continue
    echo "== $engine" >&2
    out="$RESULTS/$engine.tsv"
    case "$engine" in
        raw|library) dotnet "$BENCH_DLL" "${corpus_args[@]}" --peers-protocol --engine "$engine" --output "$out" "${common[@]}" >&2 ;;
        lucene4) java -Djava.io.tmpdir="$WORK" -cp "$BUILD/classes-lucene4:$CP4" Lucene4Peer "${peer[@]}" --output "$out" ;;
        lucene8) java -Djava.io.tmpdir="$WORK" -cp "$BUILD/classes-lucene8:$CP8" Lucene8Peer "${peer[@]}" --output "$out" ;;
        xapian) "$PYTHON" "$HERE/python/peer_xapian.py" "${peer[@]}" --output "$out" ;;
        whoosh) "$PYTHON" "$HERE/python/peer_whoosh.py" "${peer[@]}" --output "$out" ;;
    esac
    files+=("$out")
done

{
    "$PYTHON" "$HERE/report.py" "${files[@]}"
    echo "Machine: $(sed -n 2p "$RESULTS/machine.txt" | cut -d' ' -f2-). $(sed -n 3p "$RESULTS/machine.txt")."
} | tee "$RESULTS/tables.md"
echo "Result files: $RESULTS" >&2
