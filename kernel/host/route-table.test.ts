import { describe, expect, it } from 'vitest';
import { RouteTable } from './route-table.js';

describe('RouteTable', () => {
  it('lets one owner declare a path with and without its trailing slash', () => {
    const table = new RouteTable();
    const routes = [
      { method: 'GET', url: '/ui/' },
      { method: 'GET', url: '/ui' },
    ];
    expect(table.conflicts('control-ui', routes)).toEqual([]);
    table.set('control-ui', routes);
    expect(table.match('GET', '/ui')).toBe('control-ui');
    expect(table.match('GET', '/ui/?x=1')).toBe('control-ui');
  });

  it('still refuses the same path (trailing slash aside) from another owner', () => {
    const table = new RouteTable();
    table.set('control-ui', [{ method: 'GET', url: '/ui/' }]);
    expect(table.conflicts('other', [{ method: 'GET', url: '/ui' }])).toEqual(['GET /ui']);
  });
});
