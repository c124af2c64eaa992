// Words for search in any of the pack's scripts. Latin, Arabic and the like split on word
// boundaries; Chinese has no spaces, so Intl.Segmenter finds the words and overlapping
// character pairs back it up, so "垃圾" still finds "垃圾桶" however the segmenter splits it.

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

let segmenter: Intl.Segmenter | null | undefined;
function wordSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    segmenter =
      typeof Intl.Segmenter === 'function'
        ? new Intl.Segmenter('zh', { granularity: 'word' })
        : null;
  }
  return segmenter;
}

/** Lower case without accents or Arabic vowel marks: "Śmieci" and "smieci" meet. */
export function normalise(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function words(text: string): string[] {
  const seg = wordSegmenter();
  if (seg) {
    const out: string[] = [];
    for (const part of seg.segment(text)) if (part.isWordLike) out.push(part.segment);
    return out;
  }
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const word of words(normalise(text))) {
    tokens.push(word);
    if (CJK.test(word) && word.length > 2) {
      for (let i = 0; i + 2 <= word.length; i++) tokens.push(word.slice(i, i + 2));
    }
  }
  return tokens;
}
