#!/usr/bin/env bash
# Regenerates the reveal.js theme fonts in assets/fonts/themes, unmodified:
# - Source Sans Pro (regular, semibold) and League Gothic: the TTFs reveal.js 5.2.1 ships
#   (npm package reveal.js, dist/theme/fonts).
# - Lato, Open Sans, Montserrat, News Cycle, Quicksand, Ubuntu, Fira Code: the files Google Fonts
#   serves, from the @fontsource npm packages, split by script as Google splits them; each WOFF
#   is unwrapped to the TTF it holds (a container conversion: the font's tables are copied as
#   they are, no glyph or name changes, so no Reserved Font Name is touched).
# - TeX Gyre Pagella (regular, bold), serif's Palatino substitute, from Debian's fonts-texgyre.
# Needs: npm, apt-get, pip install fonttools.
set -euo pipefail
out="$(cd "$(dirname "$0")/../assets/fonts" && pwd)/themes"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
cd "$work"
npm install --silent reveal.js@5.2.1 @fontsource/lato@5.3.0 @fontsource/open-sans@5.3.0 \
  @fontsource/montserrat@5.3.0 @fontsource/news-cycle@5.3.0 @fontsource/quicksand@5.3.0 \
  @fontsource/ubuntu@5.3.0 @fontsource/fira-code@5.3.0 >/dev/null
fonts=node_modules/reveal.js/dist/theme/fonts
cp "$fonts/source-sans-pro/source-sans-pro-regular.ttf" "$out/SourceSansPro-Regular.ttf"
cp "$fonts/source-sans-pro/source-sans-pro-semibold.ttf" "$out/SourceSansPro-Semibold.ttf"
cp "$fonts/source-sans-pro/LICENSE" "$out/LICENSE-SourceSansPro.txt"
cp "$fonts/league-gothic/league-gothic.ttf" "$out/LeagueGothic-Regular.ttf"
cp "$fonts/league-gothic/LICENSE" "$out/LICENSE-LeagueGothic.txt"
# package:Name:weights:scripts
for spec in \
  "lato:Lato:400,700:latin,latin-ext" \
  "open-sans:OpenSans:400,700:latin,latin-ext,cyrillic" \
  "montserrat:Montserrat:700:latin,latin-ext,cyrillic" \
  "news-cycle:NewsCycle:400:latin,latin-ext" \
  "quicksand:Quicksand:400:latin,latin-ext" \
  "ubuntu:Ubuntu:300,400,700:latin,latin-ext,cyrillic" \
  "fira-code:FiraCode:400:latin,latin-ext,cyrillic"; do
  IFS=: read -r pkg name weights scripts <<<"$spec"
  cp "node_modules/@fontsource/$pkg/LICENSE" "$out/LICENSE-$name.txt"
  for w in ${weights//,/ }; do
    for s in ${scripts//,/ }; do
      python3 - "node_modules/@fontsource/$pkg/files/$pkg-$s-$w-normal.woff" \
        "$out/$name-$w-$s.ttf" <<'PY'
import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1], recalcBBoxes=False, recalcTimestamp=False)
f.flavor = None
f.save(sys.argv[2], reorderTables=False)
PY
    done
  done
done
apt-get download fonts-texgyre >/dev/null
dpkg -x fonts-texgyre_*.deb tg
tex=tg/usr/share/texmf/fonts/opentype/public/tex-gyre
cp "$tex/texgyrepagella-regular.otf" "$out/TeXGyrePagella-Regular.otf"
cp "$tex/texgyrepagella-bold.otf" "$out/TeXGyrePagella-Bold.otf"
cp tg/usr/share/doc/fonts-texgyre/copyright "$out/LICENSE-TeXGyrePagella.txt"
