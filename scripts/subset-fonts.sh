#!/usr/bin/env bash
# Regenerates the bundled fonts in assets/fonts from Debian's packages.
# - NanumGothic and NanumGothicBold (NAVER, SIL OFL 1.1): subset to Latin, Hangul and common
#   symbols. A subset is a Modified Version under the OFL and "NanumGothic" is a Reserved Font
#   Name, so the subsets are renamed "Rostra Gothic".
# - JetBrains Mono Regular and Bold without their ligatures (`calt`), named JetBrains Mono NL.
# Needs: apt-get install fonts-nanum fonts-jetbrains-mono; pip install fonttools.
set -euo pipefail
cd "$(dirname "$0")/../assets/fonts"
# Basic Latin, Latin-1, Latin Extended-A, punctuation, currency, letterlike, arrows, math
# operators, enclosed numbers, box drawing, shapes, symbols, CJK punctuation, Hangul Jamo,
# compatibility Jamo, Hangul syllables, full-width forms.
unicodes="U+0020-007E,U+00A0-017F,U+2000-206F,U+20A9,U+20AC,U+2100-214F,U+2190-21FF,U+2200-22FF,U+2460-24FF,U+2500-25FF,U+2600-26FF,U+3000-303F,U+1100-11FF,U+3130-318F,U+AC00-D7A3,U+FF01-FF5E"
for pair in "NanumGothic:RostraGothic-Regular:Regular" "NanumGothicBold:RostraGothic-Bold:Bold"; do
  IFS=: read -r src dst style <<<"$pair"
  pyftsubset "/usr/share/fonts/truetype/nanum/$src.ttf" --unicodes="$unicodes" \
    --layout-features='*' --no-hinting --output-file="$dst.ttf" 2>/dev/null
  python3 - "$dst.ttf" "$style" <<'PY'
import sys
from fontTools.ttLib import TTFont
path, style = sys.argv[1], sys.argv[2]
f = TTFont(path)
names = {1: "Rostra Gothic", 2: style, 3: f"Rostra Gothic {style}", 4: f"Rostra Gothic {style}",
         6: f"RostraGothic-{style}", 16: "Rostra Gothic", 17: style}
for rec in list(f["name"].names):
    if rec.nameID in names:
        f["name"].setName(names[rec.nameID], rec.nameID, rec.platformID, rec.platEncID, rec.langID)
f.save(path)
PY
done
# JetBrains Mono Regular without its `calt` feature (its ligatures: `>=` drawn as one sign),
# named "JetBrains Mono NL" as the family names its no-ligature build.
for style in Regular Bold; do
python3 - "/usr/share/fonts/truetype/jetbrains-mono/JetBrainsMono-$style.ttf" "JetBrainsMonoNL-$style.ttf" "$style" <<'PY'
import sys
from fontTools.ttLib import TTFont
from fontTools import subset
src, dst, style = sys.argv[1], sys.argv[2], sys.argv[3]
f = TTFont(src)
opts = subset.Options()
# Every feature the font has but `calt`.
opts.layout_features = ["aalt", "case", "ccmp", "frac", "locl", "ordn", "sinf", "subs", "sups", "zero", "kern", "mark", "mkmk"]
opts.name_IDs = ["*"]
opts.name_languages = ["*"]
opts.notdef_outline = True
opts.glyph_names = True
opts.hinting = True
opts.legacy_kern = True
s = subset.Subsetter(opts)
s.populate(unicodes=f.getBestCmap().keys())
s.subset(f)
names = {1: "JetBrains Mono NL", 4: f"JetBrains Mono NL {style}", 6: f"JetBrainsMonoNL-{style}"}
for rec in list(f["name"].names):
    if rec.nameID in names:
        f["name"].setName(names[rec.nameID], rec.nameID, rec.platformID, rec.platEncID, rec.langID)
f.save(dst)
PY
done
