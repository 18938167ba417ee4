// Points live apart from detection: the defaults are the table in rules/weights.ts (read by each rule's
// meta); an operator's weights file (SCAMSCORE_WEIGHTS) overrides points and band thresholds without
// touching code.
import fs from 'node:fs';
import { z } from 'zod';
import { DEFAULT_BANDS as RULESET_BANDS } from '../../rules/weights.js';
import type { Band, Rule } from './types.js';

export interface BandThresholds {
  medium: number;
  high: number;
  critical: number;
}

export interface Weights {
  /** 'default' or the file the overrides came from. */
  source: string;
  /** Points per 'rule/signal'. */
  points: Record<string, number>;
  bands: BandThresholds;
}

export const DEFAULT_BANDS: BandThresholds = { ...RULESET_BANDS };

const weightsFileSchema = z
  .object({
    points: z.record(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'keys are "rule/signal"'), z.number().min(-100).max(100)).default({}),
    bands: z
      .object({ medium: z.number().min(0).max(100), high: z.number().min(0).max(100), critical: z.number().min(0).max(100) })
      .refine((b) => b.medium < b.high && b.high < b.critical, 'band thresholds must rise: medium < high < critical')
      .optional(),
  })
  .strict();

export const signalKey = (rule: string, signal: string) => `${rule}/${signal}`;

export function defaultWeights(rules: readonly Rule[]): Weights {
  const points: Record<string, number> = {};
  for (const r of rules) for (const [signal, meta] of Object.entries(r.meta.signals)) points[signalKey(r.meta.id, signal)] = meta.points;
  return { source: 'default', points, bands: { ...DEFAULT_BANDS } };
}

/** Defaults overridden by a JSON weights file; unknown rule/signal keys are an error, not silently ignored. */
export function loadWeights(rules: readonly Rule[], file: string | null): Weights {
  const weights = defaultWeights(rules);
  if (!file) return weights;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read weights file ${file}: ${(err as Error).message}`);
  }
  const parsed = weightsFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`invalid weights file ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  for (const [key, value] of Object.entries(parsed.data.points)) {
    if (!(key in weights.points)) throw new Error(`invalid weights file ${file}: no signal ${key}`);
    weights.points[key] = value;
  }
  return { source: file, points: weights.points, bands: parsed.data.bands ?? weights.bands };
}

export function bandOf(score: number, bands: BandThresholds): Band {
  if (score >= bands.critical) return 'critical';
  if (score >= bands.high) return 'high';
  if (score >= bands.medium) return 'medium';
  return 'low';
}
