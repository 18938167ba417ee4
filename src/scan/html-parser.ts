// A lean HTML parser on htmlparser2's Tokenizer: the same events as htmlparser2's Parser (lower-cased
// names, implied end tags, void elements, entities decoded) for the callbacks page facts use, at a
// tokeniser's cost. Two differences, both for speed on hostile pages:
//  - the open-element stack is pushed and popped at its top, and end tags of elements that are not open are
//    dropped in O(1), so a page nested 700,000 deep parses in linear time (the stock Parser shifts and
//    unshifts its stack: quadratic);
//  - attributes are collected only for the tags and names the caller asks for, on other tags into one reused
//    object: most tags cost no allocation.
import { QuoteType, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

export interface HtmlHandler {
  /** `attrs` is only valid during the call: on tags outside policy.tags one object is reused, and absent names
   *  read as undefined. */
  onopentag(name: string, attrs: Readonly<Record<string, string>>): void;
  /** Text as written, entities decoded; one run of text may come in several calls. */
  ontext(text: string): void;
  /** The name of the element closed: end tags close every element opened after it, at the end all are closed. */
  onclosetag(name: string): void;
}

export interface AttributePolicy {
  /** Tags whose every attribute is collected. */
  tags: ReadonlySet<string>;
  /** Attributes collected on any other tag. */
  names: ReadonlySet<string>;
}

const EMPTY: Readonly<Record<string, string>> = Object.freeze({});

// From htmlparser2's Parser (10.1): opening the key closes open elements of these names at the top.
const formTags = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const pTag = new Set(['p']);
const tableSectionTags = new Set(['thead', 'tbody']);
const ddtTags = new Set(['dd', 'dt']);
const rtpTags = new Set(['rt', 'rp']);
const openImpliesClose = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((t): [string, Set<string>] => [t, pTag]),
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((t): [string, Set<string>] => [t, formTags]),
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', ddtTags],
  ['dt', ddtTags],
  ...['address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer',
    'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'].map((t): [string, Set<string>] => [t, pTag]),
  ['rt', rtpTags],
  ['rp', rtpTags],
  ['tbody', tableSectionTags],
  ['tfoot', tableSectionTags],
]);
const voidElements = new Set([
  'area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen',
  'link', 'meta', 'param', 'source', 'track', 'wbr',
]);
const foreignContextElements = new Set(['math', 'svg']);
const htmlIntegrationElements = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);
// What a tag name is, in one lookup: kept with the name in its slot below.
const VOID = 1;
const FOREIGN = 2;
const INTEGRATION = 4;
const kindOf = (name: string) =>
  (voidElements.has(name) ? VOID : 0) | (foreignContextElements.has(name) ? FOREIGN : 0) |
  (htmlIntegrationElements.has(name) ? INTEGRATION : 0);

// Tag and attribute names, lower-cased, by a hash of their lower-cased ASCII: a name seen before costs no
// slice and no toLowerCase. Names with other characters take the slow path (toLowerCase folds some of them
// to ASCII: the Kelvin sign K is a k).
const NAME_SLOTS = 1024;
const names: (string | undefined)[] = new Array(NAME_SLOTS);
const slotKinds = new Uint8Array(NAME_SLOTS);
const slotImplies: (Set<string> | undefined)[] = new Array(NAME_SLOTS);
// The slot of the name nameAt returned last, or -1 when the name is not held in a slot.
let nameSlot = -1;
// Common names as the literals callers compare them with (internalized strings: compared by pointer).
const LITERAL = new Map(
  ['a', 'img', 'input', 'meta', 'form', 'select', 'textarea', 'option', 'label', 'html', 'button', 'title', 'footer', 'noscript',
    'script', 'style', 'div', 'span', 'p', 'li', 'ul', 'ol', 'nav', 'header', 'main', 'section', 'article', 'aside', 'table',
    'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'b', 'i', 'strong', 'em', 'br', 'body', 'head', 'link',
    'id', 'class', 'href', 'src', 'alt', 'name', 'type', 'value', 'content', 'placeholder', 'for', 'action', 'method', 'lang',
    'property', 'http-equiv', 'aria-label', 'style', 'rel', 'charset'].map((n) => [n, n]),
);

/** `open` counts a parse's open elements by slot: a slot keeps its name while any are open. */
function nameAt(html: string, start: number, end: number, open: Int32Array): string {
  let hash = end - start;
  for (let i = start; i < end; i++) {
    let c = html.charCodeAt(i);
    if (c >= 128) {
      nameSlot = -1;
      return html.slice(start, end).toLowerCase();
    }
    if (c >= 65 && c <= 90) c += 32;
    hash = (hash * 31 + c) | 0;
  }
  const slot = hash & (NAME_SLOTS - 1);
  const known = names[slot];
  if (known !== undefined && known.length === end - start) {
    let same = true;
    for (let i = start, k = 0; i < end; i++, k++) {
      const c = html.charCodeAt(i);
      const lower = c >= 65 && c <= 90 ? c + 32 : c;
      if (lower !== known.charCodeAt(k)) {
        same = false;
        break;
      }
    }
    if (same) {
      nameSlot = slot;
      return known;
    }
  }
  const sliced = html.slice(start, end).toLowerCase();
  const name = LITERAL.get(sliced) ?? sliced;
  if (open[slot]! > 0) {
    nameSlot = -1;
    return name;
  }
  names[slot] = name;
  slotKinds[slot] = kindOf(name);
  slotImplies[slot] = openImpliesClose.get(name);
  nameSlot = slot;
  return name;
}

export function parseHtml(html: string, handler: HtmlHandler, policy: AttributePolicy): void {
  const builder = new TreeBuilder(html, handler, policy);
  const tokenizer = new Tokenizer({ decodeEntities: true }, builder);
  tokenizer.write(html);
  tokenizer.end();
}

// The Tokenizer's callbacks as methods of one class, not closures made per parse: V8 optimises a closure made
// per page on its own, and the analysis thread's collections drop that code between pages (in the service
// every page's parse re-optimised its callbacks, about 13 ms of compiler time a 500 KB scan).
class TreeBuilder implements TokenizerCallbacks {
  private readonly stack: string[] = [];
  private readonly stackSlots: number[] = []; // each open element's name slot, -1 for none
  // How many elements of each name are open, counted by name slot (by name in a map for the few names held in
  // no slot): an end tag for none of them costs no stack search, and most tags no map update.
  private readonly openInSlot = new Int32Array(NAME_SLOTS);
  private readonly openOutside = new Map<string, number>();
  // Inside svg/math a self-closing tag closes itself (true on top); HTML integration points push false.
  private readonly foreign: boolean[] = [false];
  private tagName = '';
  private tagKind = 0;
  private attrs: Record<string, string> = {};
  private collectAll = false;
  private collecting = false;
  // The policy's names on any tag, in one object of a fixed shape, cleared after a tag that set some.
  private readonly someNames: string[];
  private readonly some: Record<string, string | undefined>;
  private someSet = false;
  private attrName = '';
  private attrValue = '';
  private keepAttr = false;

  constructor(
    private readonly html: string,
    private readonly handler: HtmlHandler,
    private readonly policy: AttributePolicy,
  ) {
    this.someNames = [...policy.names];
    this.some = Object.fromEntries(this.someNames.map((n) => [n, undefined]));
  }

  private openCount(name: string, slot: number): number {
    return (slot >= 0 ? this.openInSlot[slot]! : 0) + (this.openOutside.size > 0 ? (this.openOutside.get(name) ?? 0) : 0);
  }

  private push(name: string, slot: number): void {
    this.stack.push(name);
    this.stackSlots.push(slot);
    if (slot >= 0) this.openInSlot[slot]!++;
    else this.openOutside.set(name, (this.openOutside.get(name) ?? 0) + 1);
  }

  private pop(): void {
    const name = this.stack.pop()!;
    const slot = this.stackSlots.pop()!;
    if (slot >= 0) this.openInSlot[slot]!--;
    else {
      const left = this.openOutside.get(name)! - 1;
      if (left > 0) this.openOutside.set(name, left);
      else this.openOutside.delete(name);
    }
    this.handler.onclosetag(name);
  }

  private openTag(name: string, slot: number): void {
    const { stack } = this;
    this.tagName = name;
    this.tagKind = slot >= 0 ? slotKinds[slot]! : kindOf(name);
    const implied = slot >= 0 ? slotImplies[slot] : openImpliesClose.get(name);
    if (implied) while (stack.length > 0 && implied.has(stack[stack.length - 1]!)) this.pop();
    if (!(this.tagKind & VOID)) {
      this.push(name, slot);
      if (this.tagKind & FOREIGN) this.foreign.push(true);
      else if (this.tagKind & INTEGRATION) this.foreign.push(false);
    }
    this.collectAll = this.policy.tags.has(name);
    this.collecting = false;
    if (this.someSet) {
      for (const n of this.someNames) this.some[n] = undefined;
      this.someSet = false;
    }
  }

  private endOpenTag(): void {
    this.handler.onopentag(this.tagName, this.collecting ? this.attrs : this.someSet ? (this.some as Record<string, string>) : EMPTY);
    if (this.tagKind & VOID) this.handler.onclosetag(this.tagName);
    this.tagName = '';
  }

  private closeCurrentTag(): void {
    const name = this.tagName;
    this.endOpenTag();
    if (this.stack[this.stack.length - 1] === name) this.pop();
  }

  ontext(start: number, end: number): void {
    this.handler.ontext(this.html.slice(start, end));
  }

  ontextentity(cp: number): void {
    this.handler.ontext(String.fromCodePoint(cp));
  }

  onopentagname(start: number, end: number): void {
    this.openTag(nameAt(this.html, start, end, this.openInSlot), nameSlot);
  }

  onattribname(start: number, end: number): void {
    this.attrName = nameAt(this.html, start, end, this.openInSlot);
    this.keepAttr = this.collectAll || this.policy.names.has(this.attrName);
    this.attrValue = '';
  }

  onattribdata(start: number, end: number): void {
    if (this.keepAttr) this.attrValue += this.html.slice(start, end);
  }

  onattribentity(cp: number): void {
    if (this.keepAttr) this.attrValue += String.fromCodePoint(cp);
  }

  onattribend(_quote: QuoteType): void {
    if (!this.keepAttr) return;
    // The first of repeated attributes wins, as in the stock Parser.
    if (!this.collectAll) {
      if (this.some[this.attrName] === undefined) this.some[this.attrName] = this.attrValue;
      this.someSet = true;
      return;
    }
    if (!this.collecting) {
      this.attrs = {};
      this.collecting = true;
    }
    if (!Object.hasOwn(this.attrs, this.attrName)) this.attrs[this.attrName] = this.attrValue;
  }

  onopentagend(): void {
    this.endOpenTag();
  }

  onselfclosingtag(): void {
    if (this.foreign[this.foreign.length - 1]) this.closeCurrentTag();
    else this.endOpenTag();
  }

  onclosetag(start: number, end: number): void {
    const name = nameAt(this.html, start, end, this.openInSlot);
    const slot = nameSlot;
    const kind = slot >= 0 ? slotKinds[slot]! : kindOf(name);
    if (kind & (FOREIGN | INTEGRATION)) this.foreign.pop();
    if (!(kind & VOID)) {
      if (this.openCount(name, slot) > 0) {
        let closed = '';
        while (closed !== name) {
          closed = this.stack[this.stack.length - 1]!;
          this.pop();
        }
      } else if (name === 'p') {
        // </p> with no open p: an empty paragraph, as browsers do.
        this.openTag('p', slot);
        this.closeCurrentTag();
      }
    } else if (name === 'br') {
      // </br> is read as <br>.
      this.handler.onopentag('br', EMPTY);
      this.handler.onclosetag('br');
    }
  }

  oncdata(): void {}
  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}

  onend(): void {
    while (this.stack.length > 0) this.pop();
  }
}
