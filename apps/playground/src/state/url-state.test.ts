import { describe, expect, it } from 'vitest';
import { defaultState, SCHEMA, STATE_KEYS } from './schema';
import { MAX_HASH_LENGTH, MAX_NOTICES, parseHash, serializeState } from './url-state';

describe('parseHash', () => {
  it('gives the defaults and no notice for an empty hash', () => {
    for (const h of ['', '#', '#&&']) {
      const r = parseHash(h);
      expect(r.state).toEqual(defaultState());
      expect(r.notices).toEqual([]);
    }
  });

  it('reads every kind of field', () => {
    const r = parseHash(
      '#view=train&seed=7&s_depth=20&s_bias=0.25&nav_hide=true&t_inits=orthogonal:1.5,zeros&a_text=speech%20commands',
    );
    expect(r.notices).toEqual([]);
    expect(r.state.view).toBe('train');
    expect(r.state.seed).toBe(7);
    expect(r.state.s_depth).toBe(20);
    expect(r.state.s_bias).toBe(0.25);
    expect(r.state.nav_hide).toBe(true);
    expect(r.state.t_inits).toEqual([{ scheme: 'orthogonal', param: 1.5 }, { scheme: 'zeros' }]);
    expect(r.state.a_text).toBe('speech commands');
  });

  it('round-trips through serializeState', () => {
    const s = defaultState();
    s.view = 'rnn';
    s.seed = 123;
    s.s_act = 'tanh';
    s.r_len = 77;
    s.t_inits = [{ scheme: 'normal', param: 0.5 }];
    s.a_text = 'stock prediction & more';
    const hidden = new Set(['s_depth', 'r_task'] as const);
    const text = serializeState(s, hidden);
    const back = parseHash(`#${text}`);
    expect(back.notices).toEqual([]);
    expect(back.state).toEqual(s);
    expect([...back.hidden].sort()).toEqual(['r_task', 's_depth']);
  });

  it('writes only view, seed and changed keys', () => {
    const s = defaultState();
    s.s_depth = 20;
    expect(serializeState(s)).toBe('view=signal&seed=1&s_depth=20');
  });

  it('falls back to the default, with a notice, for out-of-range and malformed numbers', () => {
    for (const bad of ['1e308', '-1', '0x10', 'Infinity', 'NaN', '1.5', ' 3', '3 ', '', '1e', '--2']) {
      const r = parseHash(`#s_depth=${encodeURIComponent(bad)}`);
      expect(r.state.s_depth, bad).toBe(SCHEMA.s_depth.default);
      expect(r.notices.length, bad).toBe(1);
    }
  });

  it('rejects hostile text and names with a notice and never keeps them', () => {
    const hostile = [
      'a_text=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      'a_text=javascript:alert(1)',
      'a_text=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
      'a_text=line%0Abreak',
      'view=%3Cscript%3E',
      's_act=javascript:alert(1)',
    ];
    for (const h of hostile) {
      const r = parseHash(`#${h}`);
      expect(r.state, h).toEqual(defaultState());
      expect(r.notices.length, h).toBe(1);
    }
  });

  it('ignores prototype keys without touching any prototype', () => {
    const r = parseHash('#__proto__=x&constructor=y&prototype=z&__proto__%5Bpolluted%5D=1&toString=1');
    expect(r.state).toEqual(defaultState());
    expect(r.notices.length).toBe(5);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(r.state)).toBe(null);
  });

  it('ignores a hash over the size cap as a whole', () => {
    const big = `#s_depth=20&a_text=${'x'.repeat(100_000)}`;
    const r = parseHash(big);
    expect(r.state).toEqual(defaultState());
    expect(r.notices).toHaveLength(1);
    expect(r.notices[0]).toContain(String(MAX_HASH_LENGTH));
  });

  it('caps the number of notices', () => {
    const many = Array.from({ length: 30 }, (_, i) => `bogus${i}=1`).join('&');
    const r = parseHash(`#${many}`);
    expect(r.notices).toHaveLength(MAX_NOTICES + 1);
    expect(r.notices.at(-1)).toContain('22 more');
  });

  it('survives broken percent-encoding and keeps the good pairs', () => {
    const r = parseHash('#s_depth=%E0%A4%A&s_width=64');
    expect(r.state.s_width).toBe(64);
    expect(r.state.s_depth).toBe(SCHEMA.s_depth.default);
    expect(r.notices).toHaveLength(1);
  });

  it('keeps the first of repeated keys', () => {
    const r = parseHash('#s_depth=10&s_depth=30');
    expect(r.state.s_depth).toBe(10);
    expect(r.notices).toHaveLength(1);
  });

  it('rejects bad training inits item by item', () => {
    for (const bad of ['', 'he_normal,,zeros', 'nope', 'normal:abc', 'normal:1:2', 'a,b,c,d,e']) {
      const r = parseHash(`#t_inits=${bad}`);
      expect(r.state.t_inits, bad).toEqual(SCHEMA.t_inits.default);
    }
  });

  it('only quotes printable text in notices', () => {
    const r = parseHash('#bad%0Akey=1');
    expect(r.notices[0]).not.toContain('\n');
  });

  it('has a default for every key that its own parser accepts', () => {
    for (const k of STATE_KEYS) {
      const f = SCHEMA[k] as { default: unknown; parse(raw: string): unknown; format(v: unknown): string };
      expect(f.parse(f.format(f.default)), k).toEqual(f.default);
    }
  });
});
