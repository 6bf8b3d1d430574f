#!/usr/bin/env bash
# Scores rostra against reveal.js on every built-in theme: tests/fixtures/theme-check.md under
# each of the fourteen themes, reveal.js's pictures made by the reveal oracle (with the themes'
# web fonts) into a scratch corpus, then look-conformance over it.
#   scripts/theme-conformance.sh BIN [WORKDIR]
# Needs REVEAL_ORACLE_MODULES (reveal.js + playwright-core) and REVEAL_ORACLE_WEBFONTS (the
# @fontsource packages, see ../shared/tools/reveal-oracle/README.md).
set -euo pipefail
bin=$(realpath "$1")
here="$(cd "$(dirname "$0")/.." && pwd)"
work=${2:-$(mktemp -d)}
tools="$here/../shared/tools"
mkdir -p "$work/decks" "$work/reveal-shots"
printf "file\tseparator\tvertical_separator\tnotes_separator\ttemplate\tslides\trepo\tpath\ttheme\n" >"$work/MANIFEST.tsv"
for t in black white league beige night serif simple solarized moon dracula sky blood black-contrast white-contrast; do
  deck="$work/decks/themes-$t.md"
  { printf -- "---\ntheme: %s\n---\n" "$t"; cat "$here/tests/fixtures/theme-check.md"; } >"$deck"
  mkdir -p "$work/reveal-shots/themes-$t"
  node "$tools/reveal-oracle/oracle.mjs" "$deck" --template reveal-md --theme "$t" \
    --shots "$work/reveal-shots/themes-$t" --shots-last --bare --size 640x360 >/dev/null
  printf "themes-%s.md\t\t\t\treveal-md\t5\t-\t-\t%s\n" "$t" "$t" >>"$work/MANIFEST.tsv"
done
"$tools/look-conformance" --bin "$bin" --corpus "$work"
