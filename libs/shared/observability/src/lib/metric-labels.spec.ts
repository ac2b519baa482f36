import { methodLabel, statusClass } from './metric-labels';

describe('metric labels', () => {
  it.each([
    [100, '1xx'],
    [200, '2xx'],
    [204, '2xx'],
    [304, '3xx'],
    [404, '4xx'],
    [429, '4xx'],
    [503, '5xx'],
    [599, '5xx'],
  ])('status %i is in class %s', (status, label) => {
    expect(statusClass(status)).toBe(label);
  });

  it('labels the methods a gateway answers by name and any other as OTHER', () => {
    expect(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].map(methodLabel)).toEqual([
      'GET',
      'HEAD',
      'POST',
      'PUT',
      'PATCH',
      'DELETE',
      'OPTIONS',
    ]);
    expect(['PROPFIND', 'TRACE', 'get'].map(methodLabel)).toEqual(['OTHER', 'OTHER', 'OTHER']);
  });
});
