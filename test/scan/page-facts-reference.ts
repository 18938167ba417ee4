// Page facts as they were read with htmlparser2's stock Parser before html-parser.ts, kept unchanged as the
// oracle of page-facts-reference.test.ts: the facts must stay the same.
// Page facts in one pass of htmlparser2's callback (SAX) interface: text runs tagged with where they came
// from, forms and their fields, links, images and meta. No DOM: a hostile page costs a tokeniser pass.
import { Parser } from 'htmlparser2';
import { normalize } from '../analysis/normalize-reference.js';
import type { FormField, PageFacts, PageForm, PageImage, PageLink, Segment, SegmentKind } from '../../src/engine/types.js';

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
const MAX_DEPTH = 512;
const MAX_SEGMENTS = 20_000;

interface OpenElement {
  tag: string;
  footer: boolean;
  skip: boolean;
  kind: SegmentKind | null;
}

export function extractPageFacts(html: string, pageUrl: string): PageFacts {
  const segments: Segment[] = [];
  const forms: PageForm[] = [];
  const links: PageLink[] = [];
  const images: PageImage[] = [];
  const meta: Record<string, string> = {};
  const labelsFor = new Map<string, string>();
  let title = '';
  let lang = '';

  const stack: OpenElement[] = [];
  let overflow = 0; // elements nested past MAX_DEPTH are not tracked, only counted
  let buffer = '';
  let bufferKind: SegmentKind | null = null;
  // Non-space characters of the buffer, and how many of them came from inside <a>: a run made only of link
  // text (a nav item, a link styled as a button) is tagged 'link'.
  let bufferChars = 0;
  let bufferLinkChars = 0;
  let currentForm: PageForm | null = null;
  let currentLink: PageLink | null = null;
  let currentSelect: FormField | null = null;
  let currentTextarea: FormField | null = null;
  let labelText: string | null = null;
  let labelFields: FormField[] = [];
  let optionText = '';

  const top = () => stack[stack.length - 1];
  const inFooter = () => top()?.footer ?? false;
  const skipping = () => top()?.skip ?? false;
  const base = safeUrl(pageUrl);

  const addSegment = (kind: SegmentKind, text: string) => {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (!clean || segments.length >= MAX_SEGMENTS) return;
    const norm = normalize(clean);
    if (!norm) return;
    const segment: Segment = { kind, text: clean, norm, page: pageUrl };
    if (currentForm) segment.form = currentForm.index;
    segments.push(segment);
  };
  const flush = () => {
    if (buffer.trim()) {
      const onlyLinkText = bufferChars > 0 && bufferLinkChars === bufferChars;
      addSegment(bufferKind ?? (inFooter() ? 'footer' : onlyLinkText ? 'link' : 'text'), buffer);
    }
    buffer = '';
    bufferKind = null;
    bufferChars = 0;
    bufferLinkChars = 0;
  };
  const appendText = (data: string) => {
    buffer += data;
    const chars = data.replace(/\s+/g, '').length;
    bufferChars += chars;
    if (currentLink) bufferLinkChars += chars;
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
      stack.push({ tag: '#implicit-form', footer: inFooter(), skip: false, kind: null });
    }
    currentForm.fields.push(field);
    if (labelText !== null) labelFields.push(field);
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const parent = top();
        if (stack.length >= MAX_DEPTH) {
          overflow++;
          return;
        }
        const a = attrs as Record<string, string>;
        const footer = (parent?.footer ?? false) || name === 'footer' || FOOTER_ATTR.test(`${a.id ?? ''} ${a.class ?? ''}`);
        const skip = (parent?.skip ?? false) || SKIP_CONTENT.has(name);
        if (BLOCK.has(name) || KIND_OF_TAG[name]) flush();
        stack.push({ tag: name, footer, skip, kind: KIND_OF_TAG[name] ?? parent?.kind ?? null });
        if (skip) return;
        if (KIND_OF_TAG[name]) bufferKind = KIND_OF_TAG[name];

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
              action: resolveUrl(a.action ?? '', base),
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
            (stack[stack.length - 1] as OpenElement & { for?: string }).for = a.for;
            break;
          case 'a':
            if (a.href !== undefined) {
              currentLink = { href: resolveUrl(a.href, base), text: '', page: pageUrl };
              links.push(currentLink);
            }
            break;
          case 'img': {
            const image: PageImage = { src: resolveUrl(a.src ?? '', base), alt: a.alt ?? '', title: a.title ?? '', inFooter: inFooter(), page: pageUrl };
            images.push(image);
            if (image.alt) addSegment('alt', image.alt);
            if (image.title && image.title !== image.alt) addSegment('alt', image.title);
            break;
          }
        }
      },
      ontext(data) {
        if (stack.length >= MAX_DEPTH && overflow > 0) {
          // Text deep inside an absurdly nested page still counts, as plain text.
          if (!skipping()) appendText(data);
          return;
        }
        const el = top();
        if (el?.tag === 'title') {
          title += data;
          return;
        }
        if (skipping()) return;
        if (el?.tag === 'textarea') return;
        if (currentLink) currentLink.text += data;
        if (labelText !== null) labelText += data;
        if (currentSelect && el?.tag === 'option') optionText += data;
        appendText(data);
      },
      onclosetag(name) {
        if (overflow > 0) {
          overflow--;
          return;
        }
        const el = top();
        if (!el) return;
        // Flush before popping: the text belongs to the region (footer or not) it was written in.
        if (!el.skip && (BLOCK.has(name) || KIND_OF_TAG[name])) flush();
        stack.pop();
        if (el.skip) return;
        switch (name) {
          case 'title':
            title = title.replace(/\s+/g, ' ').trim();
            addSegment('title', title);
            break;
          case 'a':
            if (currentLink) currentLink.text = currentLink.text.replace(/\s+/g, ' ').trim();
            currentLink = null;
            break;
          case 'option':
            if (currentSelect && optionText.trim()) currentSelect.options.push(optionText.replace(/\s+/g, ' ').trim());
            break;
          case 'select':
            currentSelect = null;
            break;
          case 'textarea':
            currentTextarea = null;
            break;
          case 'label': {
            const text = (labelText ?? '').replace(/\s+/g, ' ').trim();
            const target = (el as OpenElement & { for?: string }).for;
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
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
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

function safeUrl(u: string): URL | null {
  try {
    return new URL(u);
  } catch {
    return null;
  }
}

function resolveUrl(href: string, base: URL | null): string {
  try {
    return new URL(href.trim(), base ?? undefined).toString();
  } catch {
    return href;
  }
}
