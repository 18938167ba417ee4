import { DEFAULT_POINTS } from '../../rules/weights.js';
import type { MemoryFacts } from '../../src/engine/types.js';
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { rules, rulesetVersion } from '../../rules/index.js';
import { factsFromFixture } from '../support/facts.js';

const RULES_DIR = new URL('../../rules/', import.meta.url);
const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

// What the store could know, so the memory rules fire too: a linked critical domain, three reports.
const at = new Date().toISOString();
const MEMORY: MemoryFacts = {
  reading: 'offer',
  seen: { firstSeen: at, lastSeen: at, scans: 2 },
  related: [
    {
      domain: 'old-cash.top',
      band: 'critical',
      score: 90,
      lastScanAt: at,
      analystVerdict: null,
      links: [
        { via: 'indicator', kind: 'kakao', value: 'cash77', scanId: 'a', seenAt: at },
        { via: 'template', distance: 1, scanId: 'a', seenAt: at },
      ],
    },
  ],
  reports: ['a', 'b', 'c'].map((source, i) => ({ id: String(i), kind: 'victim', channel: 'phone', at, matched: 'domain' as const, source })),
  verdict: null,
  suppressions: [],
};

describe('rules index', () => {
  it('has the ruleset version', () => {
    expect(rulesetVersion).toBe('2026.12.1');
  });

  it('lists every rule file (all but index and the weights table), sorted by id, each id matching its file name', () => {
    const files = readdirSync(RULES_DIR)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'weights.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    const ids = rules.map((r) => r.meta.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(files);
  });

  it.each(rules.map((r) => [r.meta.id, r] as const))('%s has meta in both languages and valid signals', (_id, rule) => {
    const { meta } = rule;
    for (const text of [meta.title, meta.description]) {
      expect(text.en.trim()).not.toBe('');
      expect(text.ko.trim()).not.toBe('');
    }
    expect(meta.needs.every((n) => n === 'page' || n === 'domain' || n === 'memory')).toBe(true);
    expect(Object.keys(meta.signals).length).toBeGreaterThan(0);
    for (const signal of Object.values(meta.signals)) {
      expect(Number.isFinite(signal.points)).toBe(true);
      expect(signal.message.en.trim()).not.toBe('');
      expect(signal.message.ko.trim()).not.toBe('');
    }
  });

  it('fills every message placeholder with the vars its findings carry, on the fixture pages', () => {
    const names = readdirSync(new URL('../fixtures/pages/', import.meta.url)).map((f) => f.replace(/\.html$/, ''));
    let checked = 0;
    for (const name of names) {
      const facts = { ...factsFromFixture(name, { domain: { ageDays: 10, privacy: true, lines: { privacy: 'Registrant: REDACTED' } } }), memory: MEMORY };
      for (const rule of rules) {
        for (const finding of rule.evaluate(facts)) {
          const signal = rule.meta.signals[finding.signal];
          expect(signal, `${rule.meta.id}/${finding.signal} is declared`).toBeDefined();
          for (const template of [signal!.message.en, signal!.message.ko]) {
            for (const p of placeholders(template)) expect(finding.vars?.[p], `${rule.meta.id}/${finding.signal} {${p}}`).toBeDefined();
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('takes every default from the one weights table, which lists nothing else', () => {
    const signals = rules.flatMap((r) => Object.entries(r.meta.signals).map(([id, m]) => [`${r.meta.id}/${id}`, m.points] as const));
    expect(Object.fromEntries(signals)).toEqual(DEFAULT_POINTS);
  });
});
