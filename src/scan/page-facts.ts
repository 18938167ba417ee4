// Page facts in one pass of a SAX parser (html-parser.ts): text runs tagged with where they came from, forms
// and their fields, links, images and meta. No DOM: a hostile page costs a tokeniser pass.
import { normalize, normalizeCollapsed } from '../analysis/normalize.js';
import type { FormField, PageFacts, PageForm, PageImage, PageLink, Segment, SegmentKind } from '../engine/types.js';
import { parseHtml, type AttributePolicy } from './html-parser.js';
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

// What the open elements say about their text, kept in parallel arrays (no object per element).
const IN_FOOTER = 1;
const SKIPPED = 2;
const FLUSHES = 4; // the element ends a text run: noted when it opens, read when it closes

export function extractPageFacts(html: string, pageUrl: string): PageFacts {
  const segments: Segment[] = [];
  const forms: PageForm[] = [];
  const links: PageLink[] = [];
  const images: PageImage[] = [];
  const meta: Record<string, string> = {};
  const labelsFor = new Map<string, string>();
  let title = '';
  let lang = '';

  const tags: string[] = [];
  const regions: number[] = []; // IN_FOOTER | SKIPPED | FLUSHES
  const labelTargets: (string | undefined)[] = []; // a label's for=, at its depth
  let overflow = 0; // elements nested past MAX_DEPTH are not tracked, only counted
  // The current text run in pieces, joined once when it ends (one flat string, not a rope of slices).
  let buffer: string[] = [];
  let bufferKind: SegmentKind | null = null;
  // Whether the buffer holds non-space characters, and whether any of them came from outside <a>: a run made
  // only of link text (a nav item, a link styled as a button) is tagged 'link'.
  let bufferHasText = false;
  let bufferHasNonLinkText = false;
  let currentForm: PageForm | null = null;
  let currentLink: PageLink | null = null;
  let currentSelect: FormField | null = null;
  let currentTextarea: FormField | null = null;
  let labelText: string | null = null;
  let labelFields: FormField[] = [];
  let optionText = '';

  const region = () => (regions.length > 0 ? regions[regions.length - 1]! : 0);
  const inFooter = () => (region() & IN_FOOTER) !== 0;
  const skipping = () => (region() & SKIPPED) !== 0;
  const push = (tag: string, flags: number) => {
    tags.push(tag);
    regions.push(flags);
  };
  const base = hrefBase(pageUrl);

  const addSegment = (kind: SegmentKind, text: string) => {
    if (segments.length >= MAX_SEGMENTS) return;
    // Most text runs have no whitespace to collapse: normalised as they are, in one pass.
    let clean = text;
    let norm = normalizeCollapsed(text);
    if (norm === null) {
      clean = collapseSpaces(text);
      if (!clean) return;
      norm = normalize(clean);
    }
    if (!norm) return;
    const segment: Segment = { kind, text: clean, norm, page: pageUrl };
    if (currentForm) segment.form = currentForm.index;
    segments.push(segment);
  };
  const flush = () => {
    if (bufferHasText) {
      const onlyLinkText = !bufferHasNonLinkText;
      addSegment(bufferKind ?? (inFooter() ? 'footer' : onlyLinkText ? 'link' : 'text'), buffer.length === 1 ? buffer[0]! : buffer.join(''));
    }
    buffer = [];
    bufferKind = null;
    bufferHasText = false;
    bufferHasNonLinkText = false;
  };
  const appendText = (data: string) => {
    buffer.push(data);
    if (hasNonSpace(data)) {
      bufferHasText = true;
      if (!currentLink) bufferHasNonLinkText = true;
    }
  };
  const newField = (tag: FormField['tag'], a: Record<string, string>): FormField => ({
    tag,
    type: (a.type ?? (tag === 'input' ? 'text' : tag)).toLowerCase(),
    name: a.name ?? '',
    id: a.id ?? '',
    placeholder: a.placeholder ?? '',
    label: a['aria-label'] ?? a.title ?? '',
    options: [],
    norm: '',
  });
  const addField = (field: FormField) => {
    if (!currentForm) {
      // Fields outside any <form> still collect data (script-submitted): group them in a form of their own.
      currentForm = { index: forms.length, page: pageUrl, action: '', method: 'get', fields: [] };
      forms.push(currentForm);
      push('#implicit-form', region() & IN_FOOTER);
    }
    currentForm.fields.push(field);
    if (labelText !== null) labelFields.push(field);
  };

  const resolve = (href: string) => resolveHref(href, base);

  parseHtml(
    html,
    {
      onopentag(name, a) {
        if (tags.length >= MAX_DEPTH) {
          overflow++;
          return;
        }
        const parent = region();
        const footer = (parent & IN_FOOTER) !== 0 || name === 'footer' || footerAttributes(a.id, a.class);
        const role = TAG_ROLES.get(name) ?? INLINE;
        const skip = (parent & SKIPPED) !== 0 || role.skip;
        if (role.flush) flush();
        push(name, (footer ? IN_FOOTER : 0) | (skip ? SKIPPED : 0) | (role.flush ? FLUSHES : 0));
        if (skip) return;
        if (role.kind) bufferKind = role.kind;

        // Tooltips carry text too ("카톡 상담 ID: …" on a button or link); images are handled below.
        if (a.title && name !== 'img' && name !== 'title') addSegment('alt', a.title);
        switch (name) {
          case 'html':
            lang = a.lang ?? '';
            break;
          case 'meta': {
            const key = (a.name ?? a.property ?? a['http-equiv'] ?? '').toLowerCase();
            if (key && a.content !== undefined) {
              meta[key] = a.content;
              if (/^(description|og:description|og:title|keywords)$/.test(key)) addSegment('meta', a.content);
            }
            break;
          }
          case 'form':
            currentForm = {
              index: forms.length,
              page: pageUrl,
              action: resolve(a.action ?? ''),
              method: (a.method ?? 'get').toLowerCase(),
              fields: [],
            };
            forms.push(currentForm);
            break;
          case 'input': {
            const field = newField('input', a);
            if (field.type === 'hidden') break;
            if (/^(submit|button|image|reset)$/.test(field.type)) {
              addSegment('button', a.value ?? a.alt ?? '');
              break;
            }
            addField(field);
            if (field.placeholder) addSegment('field', field.placeholder);
            break;
          }
          case 'select':
            currentSelect = newField('select', a);
            addField(currentSelect);
            break;
          case 'textarea':
            currentTextarea = newField('textarea', a);
            addField(currentTextarea);
            if (currentTextarea.placeholder) addSegment('field', currentTextarea.placeholder);
            break;
          case 'option':
            optionText = '';
            break;
          case 'label':
            labelText = '';
            labelFields = [];
            if (a.for) labelsFor.set(a.for, '');
            labelTargets[tags.length - 1] = a.for;
            break;
          case 'a':
            if (a.href !== undefined) {
              currentLink = { href: resolve(a.href), text: '', page: pageUrl };
              links.push(currentLink);
            }
            break;
          case 'img': {
            const image: PageImage = { src: resolve(a.src ?? ''), alt: a.alt ?? '', title: a.title ?? '', inFooter: inFooter(), page: pageUrl };
            images.push(image);
            if (image.alt) addSegment('alt', image.alt);
            if (image.title && image.title !== image.alt) addSegment('alt', image.title);
            break;
          }
        }
      },
      ontext(data) {
        if (tags.length >= MAX_DEPTH && overflow > 0) {
          // Text deep inside an absurdly nested page still counts, as plain text.
          if (!skipping()) appendText(data);
          return;
        }
        const tag = tags.length > 0 ? tags[tags.length - 1] : undefined;
        if (tag === 'title') {
          title += data;
          return;
        }
        if (skipping()) return;
        if (tag === 'textarea') return;
        if (currentLink) currentLink.text += data;
        if (labelText !== null) labelText += data;
        if (currentSelect && tag === 'option') optionText += data;
        appendText(data);
      },
      onclosetag(name) {
        if (overflow > 0) {
          overflow--;
          return;
        }
        if (tags.length === 0) return;
        const skipped = skipping();
        // The element closed is the one on top, unless one was pushed in its place (an implicit form) or it
        // never opened (a tag cut off at the end of the page).
        const flushes = tags[tags.length - 1] === name ? (region() & FLUSHES) !== 0 : (TAG_ROLES.get(name) ?? INLINE).flush;
        // Flush before popping: the text belongs to the region (footer or not) it was written in.
        if (!skipped && flushes) flush();
        const closed = tags.pop();
        regions.pop();
        if (skipped) return;
        switch (name) {
          case 'title':
            title = collapseSpaces(title);
            addSegment('title', title);
            break;
          case 'a':
            if (currentLink) currentLink.text = collapseSpaces(currentLink.text);
            currentLink = null;
            break;
          case 'option':
            if (currentSelect && hasNonSpace(optionText)) currentSelect.options.push(collapseSpaces(optionText));
            break;
          case 'select':
            currentSelect = null;
            break;
          case 'textarea':
            currentTextarea = null;
            break;
          case 'label': {
            const text = collapseSpaces(labelText ?? '');
            // Set when the label opened; an element opened in its place (an implicit form) has none.
            const target = closed === 'label' ? labelTargets[tags.length] : undefined;
            if (target) labelsFor.set(target, text);
            for (const f of labelFields) {
              if (f.type === 'radio' || f.type === 'checkbox') f.options.push(text);
              else if (!f.label) f.label = text;
            }
            labelText = null;
            labelFields = [];
            break;
          }
          case 'form':
            currentForm = null;
            break;
        }
      },
    },
    ATTRIBUTES,
  );
  flush();

  for (const form of forms) {
    for (const f of form.fields) {
      const byFor = f.id ? labelsFor.get(f.id) : undefined;
      if (byFor && !f.label) f.label = byFor;
      f.norm = normalize([f.label, f.name, f.id, f.placeholder, ...f.options].filter(Boolean).join(' '));
    }
  }

  return {
    url: pageUrl,
    title,
    lang,
    segments,
    forms,
    links,
    images,
    meta,
  };
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
