#!/bin/sh
# Seeds fuzz/corpus/<target>/ from the repository's fixtures (run from the repository root or
# from fuzz/). libFuzzer adds what it finds to the same folders; they are git-ignored.
set -eu
cd "$(dirname "$0")"
root=..
mkdir -p corpus/page_parser corpus/html_extract corpus/date_parser corpus/tmx_reader \
         corpus/segment corpus/switcher
# page_parser: the first byte picks the mode (see fuzz_targets/page_parser.rs); seed modes 0 and 3.
for f in "$root"/tests/data/pages/*.txt "$root"/corpora/sample/*/*.txt; do
  n=$(basename "$(dirname "$f")")-$(basename "$f")
  { printf '\000'; cat "$f"; } > "corpus/page_parser/0-$n"
  { printf '\003'; cat "$f"; } > "corpus/page_parser/3-$n"
done
for f in "$root"/tests/data/html/*.html; do
  cp "$f" corpus/html_extract/
  { printf '\002'; cat "$f"; } > "corpus/page_parser/2-$(basename "$f")"
done
# Deep nesting (issue 12): 5,000 nested <div>s around a statement, under html_extract's 64 KB.
deep=$(printf '<div>%.0s' $(seq 5000))
undeep=$(printf '</div>%.0s' $(seq 5000))
printf '<html><body>%s<h1>Deep</h1><p>Deep text.</p>%s</body></html>' "$deep" "$undeep" > corpus/html_extract/deep-nesting-5000.html
{ printf '\002'; cat corpus/html_extract/deep-nesting-5000.html; } > corpus/page_parser/2-deep-nesting-5000.html
for f in "$root"/tests/data/export/expected/*.tmx "$root"/tests/data/export/expected/tmx/*.tmx; do
  [ -f "$f" ] && cp "$f" "corpus/tmx_reader/$(basename "$(dirname "$f")")-$(basename "$f")"
done
# date_parser, segment, switcher: lines of the page fixtures, one file per distinct short line.
i=0
for f in "$root"/tests/data/pages/*.txt; do
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    i=$((i + 1))
    if [ ${#line} -le 80 ]; then
      printf '%s' "$line" > "corpus/date_parser/l$i"
      printf '%s' "$line" > "corpus/switcher/l$i"
    fi
    printf '\001%s' "$line" > "corpus/segment/l$i"
  done < "$f"
done
for d in '16 October 201912:11' '30.09.2019' 'Mittwoch, 16. Oktober 2019' '14.07.2020 - Title' \
         'Sochi, October 16, 2019' 'le 16 octobre 2019' '16 октября 2019 года' '31.02.2020' \
         '5 de marzo de 2021' '2019-10-16'; do
  i=$((i + 1)); printf '%s' "$d" > "corpus/date_parser/d$i"
done
printf '%s' '• de-DE1 en-GB1 es-ES1 ru-RU1 fr-FR1' > corpus/switcher/s1
echo "seeded: $(find corpus -type f | wc -l) files"
