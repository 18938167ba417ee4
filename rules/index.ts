// Every rule, sorted by id, with the ruleset version reported in each answer.
import type { Rule } from '../src/engine/types.js';
import { rule as advanceFee } from './advance-fee.js';
import { rule as carrierAuthCode } from './carrier-auth-code.js';
import { rule as cashoutOffer } from './cashout-offer.js';
import { rule as domainAge } from './domain-age.js';
import { rule as domainSignals } from './domain-signals.js';
import { rule as hotlineReports } from './hotline-reports.js';
import { rule as identityCapture } from './identity-capture.js';
import { rule as licensing } from './licensing.js';
import { rule as linkedDomains } from './linked-domains.js';
import { rule as lures } from './lures.js';
import { rule as messengerContact } from './messenger-contact.js';
import { rule as payoutRate } from './payout-rate.js';
import { rule as remoteControl } from './remote-control.js';
import { rule as warningPage } from './warning-page.js';

export const rulesetVersion = '2026.12.1';

const byId = (a: Rule, b: Rule) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0);

/** Rules over the page, URL and domain: run off the event loop with the page (scan/analysis.ts). */
export const pageRules: Rule[] = [
  advanceFee,
  carrierAuthCode,
  cashoutOffer,
  domainAge,
  domainSignals,
  identityCapture,
  licensing,
  lures,
  messengerContact,
  payoutRate,
  remoteControl,
  warningPage,
].sort(byId);

/** Rules over what the store knows (reports, linked domains): run once the store was asked (scan/scanner.ts). */
export const memoryRules: Rule[] = [hotlineReports, linkedDomains].sort(byId);

/** Every rule, for the rule list, the weights and the ruleset version. */
export const rules: Rule[] = [...pageRules, ...memoryRules].sort(byId);
