import { LRUCache } from 'lru-cache';

/** The language an app answers in when it is configured with none. */
export const DEFAULT_LANGUAGES: readonly string[] = Object.freeze(['en']);

/** A language tag as configured: `en`, `pt-BR`, `zh-Hant-TW` (RFC 5646 shape, no checking of registries). */
export const LANGUAGE_TAG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;

/** Header values and their answers kept: clients send few distinct values, an attacker's random ones just cycle. */
const REMEMBERED_VALUES = 64;
/** A longer header is not worth parsing: real ones are a few ranges long. */
const MAX_HEADER_LENGTH = 256;
const WEIGHT = /^q=(0(\.\d{0,3})?|1(\.0{0,3})?)$/i;

interface LanguageRange {
  /** Lower-cased range (`de-ch`, `*`). */
  range: string;
  weight: number;
}

/**
 * Picks the one supported language a request is answered in, from its
 * `Accept-Language` (RFC 9110 §12.5.4): ranges by weight, then by position; for each,
 * RFC 4647 lookup (`de-CH-1996` tries `de-CH-1996`, `de-CH`, `de`), then a supported
 * tag the range is a prefix of (`en` finds `en-GB`); `*` takes the first supported
 * language not refused with `q=0`; nothing acceptable, a malformed or a missing
 * header gets the first supported language.
 *
 * The answer is both the cache key's language and the `Accept-Language` sent
 * downstream, so `q=` noise can neither split a cached page into many entries nor
 * reach a service. Recent header values are remembered, so a client's repeated
 * header costs one map lookup.
 *
 * @example
 * const languages = new LanguageNegotiator(['en', 'de', 'fr']);
 * languages.negotiate('de-CH, fr;q=0.8'); // 'de'
 * languages.negotiate('it, *;q=0.1');     // 'en'
 * languages.negotiate(undefined);         // 'en'
 */
export class LanguageNegotiator {
  private readonly supported: readonly string[];
  private readonly byLowerCase: ReadonlyMap<string, string>;
  private readonly remembered = new LRUCache<string, string>({ max: REMEMBERED_VALUES });

  constructor(supported: readonly string[] = DEFAULT_LANGUAGES) {
    const languages = supported.length === 0 ? DEFAULT_LANGUAGES : supported;
    for (const language of languages) {
      if (!LANGUAGE_TAG.test(language)) throw new Error(`Not a language tag: ${JSON.stringify(language)}.`);
    }
    this.supported = languages;
    this.byLowerCase = new Map(languages.map((language) => [language.toLowerCase(), language]));
  }

  /** The language the app answers in by default. */
  get fallback(): string {
    return this.supported[0] as string;
  }

  negotiate(header: string | undefined): string {
    if (header === undefined || header === '' || header.length > MAX_HEADER_LENGTH) return this.fallback;
    let language = this.remembered.get(header);
    if (language === undefined) {
      language = this.choose(parseRanges(header));
      this.remembered.set(header, language);
    }
    return language;
  }

  private choose(ranges: LanguageRange[]): string {
    const refused = new Set(ranges.filter((range) => range.weight === 0).map((range) => range.range));
    for (const { range, weight } of ranges) {
      if (weight === 0) break;
      const found = range === '*' ? this.firstNotIn(refused) : this.lookup(range);
      if (found !== undefined) return found;
    }
    return this.fallback;
  }

  private lookup(range: string): string | undefined {
    for (let candidate = range; candidate !== ''; candidate = candidate.slice(0, Math.max(candidate.lastIndexOf('-'), 0))) {
      const exact = this.byLowerCase.get(candidate);
      if (exact !== undefined) return exact;
    }
    for (const [lower, language] of this.byLowerCase) {
      if (lower.startsWith(`${range}-`)) return language;
    }
    return undefined;
  }

  private firstNotIn(refused: ReadonlySet<string>): string | undefined {
    for (const [lower, language] of this.byLowerCase) {
      if (!refused.has(lower)) return language;
    }
    return undefined;
  }
}

/** The ranges of a header, most wanted first (stable for equal weights); malformed ranges are skipped. */
function parseRanges(header: string): LanguageRange[] {
  const ranges: LanguageRange[] = [];
  for (const part of header.split(',')) {
    const [tag = '', ...parameters] = part.split(';');
    const range = tag.trim().toLowerCase();
    if (range !== '*' && !LANGUAGE_TAG.test(range)) continue;
    let weight = 1;
    for (const parameter of parameters) {
      const trimmed = parameter.trim();
      if (!/^q=/i.test(trimmed)) continue;
      weight = WEIGHT.test(trimmed) ? Number(trimmed.slice(2)) : -1;
    }
    if (weight >= 0) ranges.push({ range, weight });
  }
  return ranges.sort((a, b) => b.weight - a.weight);
}
