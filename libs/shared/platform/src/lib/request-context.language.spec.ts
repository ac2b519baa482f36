import { loadConfig } from '@bff/config';
import { z } from 'zod';
import { requestContextConfigShape } from './request-context-config.schema';
import { LanguageNegotiator } from './request-context.language';

describe('LanguageNegotiator', () => {
  const languages = new LanguageNegotiator(['en', 'de', 'fr', 'pt-BR']);

  it.each([
    ['a supported language', 'fr', 'fr'],
    ['any spelling of it', ' FR ', 'fr'],
    ['the most wanted supported range, by weight', 'it, fr;q=0.5, de;q=0.9', 'de'],
    ['the first of equal weights', 'fr;q=0.7, de;q=0.7', 'fr'],
    ['a more specific range, by RFC 4647 lookup', 'de-CH-1996', 'de'],
    ['a less specific range that prefixes a supported tag', 'pt', 'pt-BR'],
    ['the configured spelling of the tag', 'PT-br', 'pt-BR'],
    ['a wildcard: the first supported language not refused', 'it, *;q=0.1, en;q=0', 'de'],
    ['nothing supported: the first supported language', 'it, ja;q=0.8', 'en'],
    ['only refusals: the first supported language', 'fr;q=0, de;q=0', 'en'],
    ['a malformed weight: the range is skipped', 'fr;q=high, de;q=0.2', 'de'],
    ['a weight above 1: the range is skipped', 'fr;q=2, de;q=0.2', 'de'],
    ['garbage', '<script>;;;,,,', 'en'],
    ['an empty header', '', 'en'],
    ['no header', undefined, 'en'],
    ['a header too long to be real', `${'x-'.repeat(200)}fr`, 'en'],
  ])('answers %s', (_case, header, expected) => {
    expect(languages.negotiate(header)).toBe(expected);
  });

  it('maps any q= noise around the same preferences to one language', () => {
    const answers = new Set<string>();
    for (let i = 0; i < 500; i++) {
      answers.add(languages.negotiate(`de-DE;q=0.${900 + (i % 99)}, en;q=0.${100 + i}`.slice(0, 60)));
    }
    expect([...answers]).toEqual(['de']);
  });

  it('answers in English when configured with nothing', () => {
    expect(new LanguageNegotiator().negotiate('fr')).toBe('en');
    expect(new LanguageNegotiator([]).fallback).toBe('en');
  });

  it('refuses a configured value that is not a language tag', () => {
    expect(() => new LanguageNegotiator(['en', 'e n'])).toThrow(/language tag/);
  });
});

describe('SUPPORTED_LANGUAGES', () => {
  const schema = z.object(requestContextConfigShape());

  it('defaults to English', () => {
    expect(loadConfig(schema, {}).SUPPORTED_LANGUAGES).toEqual(['en']);
  });

  it('reads a comma list in order, without blanks or duplicates', () => {
    expect(loadConfig(schema, { SUPPORTED_LANGUAGES: 'de, en ,, fr, DE' }).SUPPORTED_LANGUAGES).toEqual(['de', 'en', 'fr']);
  });

  it.each(['', ' , ', 'en, e_n', 'en;q=1'])('refuses %j at start-up, naming the variable', (value) => {
    expect(() => loadConfig(schema, { SUPPORTED_LANGUAGES: value })).toThrow(/SUPPORTED_LANGUAGES/);
  });
});
