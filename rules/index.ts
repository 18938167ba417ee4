// Every rule, sorted by id, with the ruleset version reported in each answer.
import type { Rule } from '../src/engine/types.js';
import { rule as carrierAuthCode } from './carrier-auth-code.js';
import { rule as domainAge } from './domain-age.js';
import { rule as licensing } from './licensing.js';
import { rule as payoutRate } from './payout-rate.js';

export const rulesetVersion = '2026.11.1';

export const rules: Rule[] = [carrierAuthCode, domainAge, licensing, payoutRate].sort((a, b) =>
  a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0,
);
