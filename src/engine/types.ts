// The contract between fact gathering, the rules and the engine. Rules are pure functions of Facts.

export type Lang = 'en' | 'ko';
export interface Localized {
  en: string;
  ko: string;
}

/** 'report' = a hotline report, 'history' = another stored scan (linked domains). */
export type EvidenceSource = 'text' | 'form' | 'link' | 'meta' | 'url' | 'whois' | 'header' | 'report' | 'history';
export interface Evidence {
  source: EvidenceSource;
  /** Quoted from the original page, URL or record (not the normalised form). */
  excerpt: string;
  /** Where it was found: 'footer', 'form#apply', 'img[alt]', 'https://site/apply'... */
  location?: string;
}

// ---------- facts ----------

export interface UrlFacts {
  /** The URL as scanned (final URL after redirects when the page was fetched). */
  href: string;
  hostname: string;
  /** Hostname with punycode labels decoded, for evidence. */
  hostnameUnicode: string;
  /** Registrable domain per the Public Suffix List (eTLD+1), or null for IP literals. */
  domain: string | null;
  publicSuffix: string | null;
  isIp: boolean;
}

/** Where a piece of page text came from. */
export type SegmentKind =
  | 'title'
  | 'text'
  | 'heading'
  | 'footer'
  | 'link'
  | 'button'
  | 'label'
  | 'field'
  | 'option'
  | 'alt'
  | 'meta';

/** One run of text of the page, with its origin. `norm` is the normalised form the rules match on. */
export interface Segment {
  kind: SegmentKind;
  text: string;
  norm: string;
  /** Page URL it came from (the home page or a linked application page). */
  page: string;
  /** Index of the form it belongs to, when inside a <form>. */
  form?: number;
}

export interface FormField {
  tag: 'input' | 'select' | 'textarea';
  type: string;
  name: string;
  id: string;
  placeholder: string;
  /** Text of the <label for=id> or an enclosing label, when there is one. */
  label: string;
  /** Option texts for selects and radio/checkbox labels. */
  options: string[];
  /** Everything that describes the field, normalised: name id placeholder label options. */
  norm: string;
}

export interface PageForm {
  index: number;
  page: string;
  action: string;
  method: string;
  fields: FormField[];
}

export interface PageLink {
  href: string;
  text: string;
  page: string;
}

export interface PageImage {
  src: string;
  alt: string;
  title: string;
  /** Inside the footer region. */
  inFooter: boolean;
  page: string;
}

export interface PageFacts {
  /** URL of the main page. */
  url: string;
  title: string;
  lang: string;
  segments: Segment[];
  forms: PageForm[];
  links: PageLink[];
  images: PageImage[];
  /** <meta name|property> → content, lower-cased names. */
  meta: Record<string, string>;
}

export interface DomainFacts {
  domain: string;
  createdAt: string | null;
  ageDays: number | null;
  registrar: string | null;
  /** Registrant hidden (privacy service / REDACTED / Publishes: N); null when the record says nothing. */
  privacy: boolean | null;
  /** Which protocol answered: RDAP where the TLD's registry offers it, WHOIS otherwise (domain-facts.ts). */
  source: 'rdap' | 'whois';
  /** WHOIS server that answered (host:port), or the RDAP URL asked. */
  server: string;
  /** Lines of the record quoted as evidence, keyed by field: createdAt, registrar, privacy (RDAP: JSON members). */
  lines: Partial<Record<'createdAt' | 'registrar' | 'privacy', string>>;
  /** RDAP only: the expiration event, and the EPP status values ("client transfer prohibited"...). */
  expiresAt?: string | null;
  status?: string[];
}

/** 사업자등록 status of a business number, from the optional registry provider (scan/business-registry.ts). */
export interface RegistryEntry {
  status: 'active' | 'closed' | 'suspended' | 'unknown';
  /** The registry's own wording ("폐업자", "휴업자"), quoted in findings; '' when it gave none. */
  label: string;
  /** Date of closure as the registry gives it (YYYYMMDD), or null. */
  closedOn: string | null;
}

/** A fact that could not be gathered is 'unavailable' with the reason, never 'fine'. */
export type FactName = 'page' | 'domain' | 'memory';

// ---------- memory: what the store knows, gathered before the rules that read it (store/recall.ts) ----------

/** Identifier kinds as the API names them (/v1/indicators/:kind/:value). */
export type IndicatorKindName = 'phone' | 'bank-account' | 'kakao' | 'open-chat' | 'telegram' | 'email' | 'link' | 'line' | 'wechat';

/** Why another domain is linked to this scan: an identifier both carried, or a page template within a few bits. */
export type RelatedLink =
  | { via: 'indicator'; kind: IndicatorKindName; value: string; scanId: string; seenAt: string }
  | { via: 'template'; distance: number; scanId: string; seenAt: string };

export interface RelatedDomain {
  domain: string;
  /** Band of that domain's latest scan. */
  band: VerdictBand;
  score: number;
  lastScanAt: string;
  /** An analyst's standing verdict on that domain, if any. */
  analystVerdict: 'scam' | 'legitimate' | null;
  links: RelatedLink[];
}

/** A hotline report as the rules and answers see it: no note, amount or reporter (personal data stays in the store). */
export interface ReportFact {
  id: string;
  kind: string;
  channel: string | null;
  at: string;
  /** What the report named that matched this scan: its domain, one of its URLs, or one of its identifiers. */
  matched: 'domain' | 'url' | 'indicator';
  /** Reports with the same source key are not independent (the same reporter, or the same channel the same day). */
  source: string;
}

export interface AnalystVerdict {
  id: string;
  verdict: 'scam' | 'legitimate';
  reason: string;
  by: string;
  at: string;
}

export interface RuleSuppression {
  id: string;
  rule: string;
  reason: string;
  by: string;
  at: string;
}

export interface MemoryFacts {
  /** How this scan's own page reads (analysis.ts's stance): a warning that quotes a scam's phone shares it
   *  without being run by the same people. null without a page. */
  reading: 'offer' | 'promotion' | 'disguised-promotion' | 'warning' | 'buyback' | 'mention' | 'none' | null;
  /** Earlier scans of the registrable domain (this scan not included). */
  seen: { firstSeen: string | null; lastSeen: string | null; scans: number };
  related: RelatedDomain[];
  /** Reports about the domain, its URLs or its identifiers, newest first. */
  reports: ReportFact[];
  verdict: AnalystVerdict | null;
  suppressions: RuleSuppression[];
}

export interface Facts {
  url: UrlFacts;
  page: PageFacts | null;
  domain: DomainFacts | null;
  /** Response headers of the main page (lower-case names), empty when not fetched. */
  headers: Record<string, string>;
  unavailable: Partial<Record<FactName, string>>;
  /** 10-digit business number → registry status, looked up before the rules; null or absent when the provider is
   *  off or failed (a failure only means there is no registry fact: it is never needed for a verdict). */
  registry?: Map<string, RegistryEntry> | null;
  /** Scan time, epoch ms: rules compare dates against it, never against Date.now(). */
  now: number;
  /** What the store knows about this site and its identifiers; null when there is no store (the CLI's check). */
  memory?: MemoryFacts | null;
}

// ---------- rules ----------

export interface SignalMeta {
  /** Default points; an operator's weights file overrides them. Negative = trust signal. */
  points: number;
  /** Message template; {name} placeholders are filled from the finding's vars. */
  message: Localized;
}

export interface RuleMeta {
  id: string;
  title: Localized;
  description: Localized;
  /** Facts the rule cannot run without: when one is unavailable the check is 'unavailable'. */
  needs: FactName[];
  signals: Record<string, SignalMeta>;
}

export interface RuleFinding {
  signal: string;
  vars?: Record<string, string | number>;
  evidence: Evidence[];
}

export interface Rule {
  meta: RuleMeta;
  evaluate(facts: Facts): RuleFinding[];
}

// ---------- result ----------

export type Band = 'low' | 'medium' | 'high' | 'critical';
/** The band an answer shows: 'unknown' when the page could not be read and nothing else says risk. */
export type VerdictBand = Band | 'unknown';

export interface Finding {
  rule: string;
  signal: string;
  points: number;
  message: Localized;
  evidence: Evidence[];
}

export interface Check {
  rule: string;
  status: 'hit' | 'clear' | 'unavailable';
  reason?: string;
}
