// Page facts in one pass of a SAX parser (html-parser.ts): text runs tagged with where they came from, forms
// and their fields, links, images and meta. No DOM: a hostile page costs a tokeniser pass.
import { normalize, normalizeCollapsed } from '../analysis/normalize.js';
import type { FormField, PageFacts, PageForm, PageImage, PageLink, Segment, SegmentKind } from '../engine/types.js';
import { parseHtml, type AttributePolicy, type HtmlHandler } from './html-parser.js';
import { hrefBase, resolveHref } from './resolve-href.js';

const SKIP_CONTENT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main',
  'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
  'body', 'html', 'center', 'caption', 'legend',
]);
// Own-kind text runs: their text is a segment of its own kind.
const KIND_OF_TAG: Record<string, SegmentKind> = {
  h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading',
  button: 'button', label: 'label', option: 'option', title: 'title', legend: 'label',
};
// Footer regions: <footer> or a container whose id/class says so (company info blocks, copyright bars).
const FOOTER_ATTR = /(^|[\s_-])(foot|footer|ft|bottom|copyright|copy|company[-_]?info|biz[-_]?info|site[-_]?info|business[-_]?info|info[-_]?company|corp[-_]?info)([\s_-]|$)|footer/i;
// What opening or closing a tag means for the text, in one lookup.
interface TagRole {
  /** Ends the current text run (a block, or an own-kind element). */
  flush: boolean;
  kind: SegmentKind | null;
  skip: boolean;
}
const TAG_ROLES = new Map<string, TagRole>(
  [...new Set([...BLOCK, ...SKIP_CONTENT, ...Object.keys(KIND_OF_TAG)])].map((tag) => [
    tag,
    { flush: BLOCK.has(tag) || KIND_OF_TAG[tag] !== undefined, kind: KIND_OF_TAG[tag] ?? null, skip: SKIP_CONTENT.has(tag) },
  ]),
);
const INLINE: TagRole = { flush: false, kind: null, skip: false };
const MAX_DEPTH = 512;
// Every attribute of the tags read below; on any other tag only what footer detection and tooltips need.
const ATTRIBUTES: AttributePolicy = {
  tags: new Set(['html', 'meta', 'form', 'input', 'select', 'textarea', 'label', 'a', 'img']),
  names: new Set(['id', 'class', 'title']),
};
const MAX_SEGMENTS = 20_000;
const BUTTON_TYPES = new Set(['submit', 'button', 'image', 'reset']);
const TEXT_META = new Set(['description', 'og:description', 'og:title', 'keywords']);

// What the open elements say about their text, kept in parallel arrays (no object per element).
const IN_FOOTER = 1;
const SKIPPED = 2;
const FLUSHES = 4; // the element ends a text run: noted when it opens, read when it closes

export function extractPageFacts(html: string, pageUrl: string): PageFacts {
  const collector = new FactsCollector(pageUrl);
  parseHtml(html, collector, ATTRIBUTES);
  return collector.finish();
}

// The parser's handler as a class, not closures made per page: V8 optimises a closure made per page on its
// own, and the analysis thread's collections drop that code between pages (html-parser.ts says more).
class FactsCollector implements HtmlHandler {
  private readonly segments: Segment[] = [];
  private readonly forms: PageForm[] = [];
  private readonly links: PageLink[] = [];
  private readonly images: PageImage[] = [];
  private readonly meta: Record<string, string> = {};
  private readonly labelsFor = new Map<string, string>();
  // Texts that repeat within a page, normalised once: option and placeholder texts, and field descriptions.
  private readonly repeated = new Map<string, { clean: string; norm: string }>();
  private readonly fieldNorms = new Map<string, string>();
  private title = '';
  private lang = '';

  private readonly tags: string[] = [];
  private readonly regions: number[] = []; // IN_FOOTER | SKIPPED | FLUSHES
  private readonly labelTargets: (string | undefined)[] = []; // a label's for=, at its depth
  private overflow = 0; // elements nested past MAX_DEPTH are not tracked, only counted
  // The current text run: its first piece, and all its pieces once there are two, joined once when it ends (one
  // flat string, not a rope of slices). Most runs are one piece, and cost no array.
  private bufferFirst = '';
  private bufferPieces: string[] | null = null;
  private bufferKind: SegmentKind | null = null;
  // Whether the buffer holds non-space characters, and whether any of them came from outside <a>: a run made
  // only of link text (a nav item, a link styled as a button) is tagged 'link'.
  private bufferHasText = false;
  private bufferHasNonLinkText = false;
  private currentForm: PageForm | null = null;
  private currentLink: PageLink | null = null;
  private currentSelect: FormField | null = null;
  private currentTextarea: FormField | null = null;
  private labelText: string | null = null;
  private labelFields: FormField[] = [];
  private optionText = '';
  private readonly base: ReturnType<typeof hrefBase>;

  constructor(private readonly pageUrl: string) {
    this.base = hrefBase(pageUrl);
  }

  private region(): number {
    const { regions } = this;
    return regions.length > 0 ? regions[regions.length - 1]! : 0;
  }

  private inFooter(): boolean {
    return (this.region() & IN_FOOTER) !== 0;
  }

  private skipping(): boolean {
    return (this.region() & SKIPPED) !== 0;
  }

  private push(tag: string, flags: number): void {
    this.tags.push(tag);
    this.regions.push(flags);
  }

  private addSegment(kind: SegmentKind, text: string): void {
    if (this.segments.length >= MAX_SEGMENTS) return;
    // Option and placeholder texts repeat within a page (a carrier list in every form, days 1-31 in every date
    // picker): each is normalised once. Other text rarely repeats, and a lookup would cost more than it saves.
    const repeats = kind === 'option' || kind === 'field';
    const known = repeats ? this.repeated.get(text) : undefined;
    let clean: string;
    let norm: string | null;
    if (known) ({ clean, norm } = known);
    else {
      // Most text runs have no whitespace to collapse: normalised as they are, in one pass.
      clean = text;
      norm = normalizeCollapsed(text);
      if (norm === null) {
        clean = collapseSpaces(text);
        norm = clean ? normalize(clean) : '';
      }
      if (repeats) this.repeated.set(text, { clean, norm });
    }
    if (!norm) return;
    // One shape for every segment: a form index added afterwards would move each such segment to a second
    // shape and give it an out-of-object property store (a page of many forms made thousands).
    this.segments.push({ kind, text: clean, norm, page: this.pageUrl, form: this.currentForm?.index });
  }

  private flush(): void {
    if (this.bufferHasText) {
      const onlyLinkText = !this.bufferHasNonLinkText;
      this.addSegment(this.bufferKind ?? (this.inFooter() ? 'footer' : onlyLinkText ? 'link' : 'text'), this.bufferPieces?.join('') ?? this.bufferFirst);
    }
    this.bufferFirst = '';
    this.bufferPieces = null;
    this.bufferKind = null;
    this.bufferHasText = false;
    this.bufferHasNonLinkText = false;
  }

  private appendText(data: string): void {
    if (this.bufferPieces) this.bufferPieces.push(data);
    else if (this.bufferFirst) this.bufferPieces = [this.bufferFirst, data];
    else this.bufferFirst = data;
    if (hasNonSpace(data)) {
      this.bufferHasText = true;
      if (!this.currentLink) this.bufferHasNonLinkText = true;
    }
  }

  private addField(field: FormField): void {
    if (!this.currentForm) {
      // Fields outside any <form> still collect data (script-submitted): group them in a form of their own.
      this.currentForm = { index: this.forms.length, page: this.pageUrl, action: '', method: 'get', fields: [] };
      this.forms.push(this.currentForm);
      this.push('#implicit-form', this.region() & IN_FOOTER);
    }
    this.currentForm.fields.push(field);
    if (this.labelText !== null) this.labelFields.push(field);
  }

  private resolve(href: string): string {
    return resolveHref(href, this.base);
  }

  onopentag(name: string, a: Readonly<Record<string, string>>): void {
    const { tags } = this;
    if (tags.length >= MAX_DEPTH) {
      this.overflow++;
      return;
    }
    const parent = this.region();
    const footer = (parent & IN_FOOTER) !== 0 || name === 'footer' || footerAttributes(a.id, a.class);
    const role = TAG_ROLES.get(name) ?? INLINE;
    const skip = (parent & SKIPPED) !== 0 || role.skip;
    if (role.flush) this.flush();
    this.push(name, (footer ? IN_FOOTER : 0) | (skip ? SKIPPED : 0) | (role.flush ? FLUSHES : 0));
    if (skip) return;
    if (role.kind) this.bufferKind = role.kind;

    // Tooltips carry text too ("카톡 상담 ID: …" on a button or link); images are handled below.
    if (a.title && name !== 'img' && name !== 'title') this.addSegment('alt', a.title);
    switch (name) {
      case 'html':
        this.lang = a.lang ?? '';
        break;
      case 'meta': {
        const key = (a.name ?? a.property ?? a['http-equiv'] ?? '').toLowerCase();
        if (key && a.content !== undefined) {
          this.meta[key] = a.content;
          if (TEXT_META.has(key)) this.addSegment('meta', a.content);
        }
        break;
      }
      case 'form':
        this.currentForm = {
          index: this.forms.length,
          page: this.pageUrl,
          action: this.resolve(a.action ?? ''),
          method: a.method === undefined ? 'get' : lowerCase(a.method),
          fields: [],
        };
        this.forms.push(this.currentForm);
        break;
      case 'input': {
        const field = newField('input', a);
        if (field.type === 'hidden') break;
        if (BUTTON_TYPES.has(field.type)) {
          this.addSegment('button', a.value ?? a.alt ?? '');
          break;
        }
        this.addField(field);
        if (field.placeholder) this.addSegment('field', field.placeholder);
        break;
      }
      case 'select':
        this.currentSelect = newField('select', a);
        this.addField(this.currentSelect);
        break;
      case 'textarea':
        this.currentTextarea = newField('textarea', a);
        this.addField(this.currentTextarea);
        if (this.currentTextarea.placeholder) this.addSegment('field', this.currentTextarea.placeholder);
        break;
      case 'option':
        this.optionText = '';
        break;
      case 'label':
        this.labelText = '';
        this.labelFields = [];
        if (a.for) this.labelsFor.set(a.for, '');
        this.labelTargets[tags.length - 1] = a.for;
        break;
      case 'a':
        if (a.href !== undefined) {
          this.currentLink = { href: this.resolve(a.href), text: '', page: this.pageUrl };
          this.links.push(this.currentLink);
        }
        break;
      case 'img': {
        const image: PageImage = { src: this.resolve(a.src ?? ''), alt: a.alt ?? '', title: a.title ?? '', inFooter: this.inFooter(), page: this.pageUrl };
        this.images.push(image);
        if (image.alt) this.addSegment('alt', image.alt);
        if (image.title && image.title !== image.alt) this.addSegment('alt', image.title);
        break;
      }
    }
  }

  ontext(data: string): void {
    const { tags } = this;
    if (tags.length >= MAX_DEPTH && this.overflow > 0) {
      // Text deep inside an absurdly nested page still counts, as plain text.
      if (!this.skipping()) this.appendText(data);
      return;
    }
    const tag = tags.length > 0 ? tags[tags.length - 1] : undefined;
    if (tag === 'title') {
      this.title += data;
      return;
    }
    if (this.skipping()) return;
    if (tag === 'textarea') return;
    if (this.currentLink) this.currentLink.text += data;
    if (this.labelText !== null) this.labelText += data;
    if (this.currentSelect && tag === 'option') this.optionText += data;
    this.appendText(data);
  }

  onclosetag(name: string): void {
    const { tags } = this;
    if (this.overflow > 0) {
      this.overflow--;
      return;
    }
    if (tags.length === 0) return;
    const skipped = this.skipping();
    // The element closed is the one on top, unless one was pushed in its place (an implicit form) or it
    // never opened (a tag cut off at the end of the page).
    const flushes = tags[tags.length - 1] === name ? (this.region() & FLUSHES) !== 0 : (TAG_ROLES.get(name) ?? INLINE).flush;
    // Flush before popping: the text belongs to the region (footer or not) it was written in.
    if (!skipped && flushes) this.flush();
    const closed = tags.pop();
    this.regions.pop();
    if (skipped) return;
    switch (name) {
      case 'title':
        this.title = collapseSpaces(this.title);
        this.addSegment('title', this.title);
        break;
      case 'a':
        if (this.currentLink) this.currentLink.text = collapseSpaces(this.currentLink.text);
        this.currentLink = null;
        break;
      case 'option':
        if (this.currentSelect && hasNonSpace(this.optionText)) this.currentSelect.options.push(collapseSpaces(this.optionText));
        break;
      case 'select':
        if (this.currentSelect) this.currentSelect.options = fitted(this.currentSelect.options);
        this.currentSelect = null;
        break;
      case 'textarea':
        this.currentTextarea = null;
        break;
      case 'label': {
        const text = collapseSpaces(this.labelText ?? '');
        // Set when the label opened; an element opened in its place (an implicit form) has none.
        const target = closed === 'label' ? this.labelTargets[tags.length] : undefined;
        if (target) this.labelsFor.set(target, text);
        for (const f of this.labelFields) {
          if (f.type === 'radio' || f.type === 'checkbox') f.options.push(text);
          else if (!f.label) f.label = text;
        }
        this.labelText = null;
        this.labelFields = [];
        break;
      }
      case 'form':
        if (this.currentForm) this.currentForm.fields = fitted(this.currentForm.fields);
        this.currentForm = null;
        break;
    }
  }

  /** The facts, once the parse has ended. */
  finish(): PageFacts {
    this.flush();
    for (const form of this.forms) {
      for (const f of form.fields) {
        const byFor = f.id ? this.labelsFor.get(f.id) : undefined;
        if (byFor && !f.label) f.label = byFor;
        const description = describeField(f);
        let norm = this.fieldNorms.get(description);
        if (norm === undefined) this.fieldNorms.set(description, (norm = normalize(description)));
        f.norm = norm;
      }
    }
    return {
      url: this.pageUrl,
      title: this.title,
      lang: this.lang,
      segments: this.segments,
      forms: this.forms,
      links: this.links,
      images: this.images,
      meta: this.meta,
    };
  }
}

function newField(tag: FormField['tag'], a: Readonly<Record<string, string>>): FormField {
  return {
    tag,
    type: a.type === undefined ? (tag === 'input' ? 'text' : tag) : lowerCase(a.type),
    name: a.name ?? '',
    id: a.id ?? '',
    placeholder: a.placeholder ?? '',
    label: a['aria-label'] ?? a.title ?? '',
    options: [],
    norm: '',
  };
}

// A list grown by push has room for 16 more: a form's fields and a select's options, kept for the whole
// analysis, are copied to lists of their own length when the element closes (a page of 4,303 forms kept 1.3 MB
// of empty room alive through every collection during its parse).
const fitted = <T>(list: T[]): T[] => (list.length > 0 ? list.slice() : list);

/** s.toLowerCase(), returning s itself when it has no upper-case ASCII and no other characters to fold. */
function lowerCase(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c >= 128) return s.toLowerCase();
  }
  return s;
}

/** label name id placeholder options, the empty ones left out, joined by spaces. */
function describeField(f: FormField): string {
  let text = '';
  for (const part of [f.label, f.name, f.id, f.placeholder]) if (part) text = text ? `${text} ${part}` : part;
  for (const part of f.options) if (part) text = text ? `${text} ${part}` : part;
  return text;
}

// Whitespace as the regex \s reads it.
const isSpace = (c: number) =>
  c <= 32
    ? c === 32 || (c >= 9 && c <= 13)
    : c >= 0xa0 && (c > 0x3000 ? c === 0xfeff : c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000);

function hasNonSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return true;
  return false;
}

// Whitespace other than a space, or two spaces: what collapsing changes besides a space at either end.
const UNCOLLAPSED = /[^\S ]| {2}/;

/** s.replace(/\s+/g, ' ').trim(), returning s itself (most text runs) after one native scan. */
function collapseSpaces(s: string): string {
  if (s.length === 0 || (s.charCodeAt(0) !== 32 && s.charCodeAt(s.length - 1) !== 32 && !UNCOLLAPSED.test(s))) return s;
  return s.replace(/\s+/g, ' ').trim();
}

// A footer word in the id or in the class (the pattern matches within one word or at a word's edge, so
// testing the two apart is testing them joined by a space). Class values repeat from tag to tag: each is
// tested once per process.
const footerClasses = new Map<string, boolean>();
function footerAttributes(id: string | undefined, cls: string | undefined): boolean {
  if (id !== undefined && FOOTER_ATTR.test(id)) return true;
  if (cls === undefined) return false;
  let footer = footerClasses.get(cls);
  if (footer === undefined) {
    footer = FOOTER_ATTR.test(cls);
    if (footerClasses.size < 10_000) footerClasses.set(cls, footer);
  }
  return footer;
}
