#!/usr/bin/env bash
# A 500-slide deck with 100 large photographs (4000 x 3000 JPEG), generated (not committed),
# paged through as fast as frames come by `rostra bench --fast`: no frame should take over
# 33 ms and memory should stay bounded (images beyond a few slides are released).
#   scripts/drill-photos.sh [ROSTRA_BINARY]   (needs ImageMagick's `convert`, and a display:
#   run it under Xvfb, e.g. `xvfb-run -s "-screen 0 1920x1080x24" scripts/drill-photos.sh`)
set -euo pipefail
bin=${1:-target/release/rostra}
dir=${DRILL_DIR:-/tmp/rostra-drill}
mkdir -p "$dir"
if [ ! -f "$dir/photo-099.jpg" ]; then
  for i in $(seq 0 9); do
    # A different gradient and angle per base image, so no two decode alike.
    convert -size 4000x3000 "gradient:hsb($((i * 36)),80%,90%)-hsb($((i * 36 + 120)),60%,40%)" \
      -rotate $((i * 17)) -gravity center -extent 4000x3000 -quality 90 "$dir/base-$i.jpg"
  done
  for i in $(seq 0 99); do cp "$dir/base-$((i % 10)).jpg" "$(printf "$dir/photo-%03d.jpg" "$i")"; done
fi
{
  for s in $(seq 0 499); do
    [ "$s" -gt 0 ] && printf -- '---\n'
    if [ $((s % 5)) -eq 0 ]; then
      printf '## Photo %d\n\n![photo](%s)\n' "$s" "$(printf 'photo-%03d.jpg' $((s / 5)))"
    else
      printf '## Slide %d\n\n- a point\n- another point\n' "$s"
    fi
  done
} > "$dir/deck.md"
"$bin" bench --fast "$dir/deck.md" "${@:2}"
