// Every rule, sorted by id, with the ruleset version reported in each answer.
import type { Rule } from '../src/engine/types.js';
import { rule as advanceFee } from './advance-fee.js';
import { rule as carrierAuthCode } from './carrier-auth-code.js';
import { rule as cashoutOffer } from './cashout-offer.js';
import { rule as domainAge } from './domain-age.js';
import { rule as domainSignals } from './domain-signals.js';
import { rule as identityCapture } from './identity-capture.js';
import { rule as licensing } from './licensing.js';
import { rule as lures } from './lures.js';
import { rule as messengerContact } from './messenger-contact.js';
import { rule as payoutRate } from './payout-rate.js';
import { rule as remoteControl } from './remote-control.js';
import { rule as warningPage } from './warning-page.js';

export const rulesetVersion = '2026.11.1';

export const rules: Rule[] = [
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
].sort((a, b) =>
  a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0,
);
