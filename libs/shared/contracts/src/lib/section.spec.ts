import { isUnavailable, type Section } from './section';

describe('isUnavailable', () => {
  it('recognises the unavailable marker, whatever its reason', () => {
    for (const reason of ['timeout', 'unavailable', 'not-found', 'error'] as const) {
      expect(isUnavailable({ status: 'unavailable', reason })).toBe(true);
    }
  });

  it('does not take a loaded part, an empty part or a part with its own status for the marker', () => {
    expect(isUnavailable({ status: 'ok', items: [] })).toBe(false);
    expect(isUnavailable({})).toBe(false);
    expect(isUnavailable({ status: 'draft' })).toBe(false);
  });

  it('narrows a section so that its loaded fields are reachable only when it is ok', () => {
    const sections: Section<{ items: string[] }>[] = [
      { status: 'ok', items: ['a', 'b'] },
      { status: 'unavailable', reason: 'timeout' },
    ];

    const rendered = sections.map((section) =>
      isUnavailable(section) ? `retry: ${section.reason}` : section.items.join(','),
    );

    expect(rendered).toEqual(['a,b', 'retry: timeout']);
  });
});
