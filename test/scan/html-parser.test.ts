import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { parseHtml, type AttributePolicy } from '../../src/scan/html-parser.js';
import { adversarialPages, realisticPage } from '../bench/pages.js';
import { seededRandom } from '../support/prng.js';

const POLICY: AttributePolicy = { tags: new Set(['a', 'meta', 'input']), names: new Set(['id', 'class', 'title']) };

/** The events as text, adjacent text runs joined (both parsers may split a run differently). */
function events(parse: (push: (e: string) => void) => void): string[] {
  const out: string[] = [];
  parse((e) => {
    if (e.startsWith('text:') && out.at(-1)?.startsWith('text:')) out[out.length - 1] += e.slice(5);
    else out.push(e);
  });
  return out;
}
// The attributes asked for, in name order (a reused object lists its names in its own order; absent ones are undefined).
const kept = (name: string, attrs: Record<string, string>) =>
  Object.entries(attrs)
    .filter(([k, v]) => v !== undefined && (POLICY.tags.has(name) || POLICY.names.has(k)))
    .sort(([a], [b]) => (a < b ? -1 : 1));
const open = (name: string, attrs: Record<string, string>) => `open:${name} ${JSON.stringify(kept(name, attrs))}`;

const stock = (html: string) =>
  events((push) => {
    const p = new Parser(
      { onopentag: (n, a) => push(open(n, a)), ontext: (t) => push(`text:${t}`), onclosetag: (n) => push(`close:${n}`) },
      { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
    );
    p.write(html);
    p.end();
  });
const lean = (html: string) =>
  events((push) => parseHtml(html, { onopentag: (n, a) => push(open(n, a)), ontext: (t) => push(`text:${t}`), onclosetag: (n) => push(`close:${n}`) }, POLICY));

const ODD = [
  '<p>one<p>two<div>three</p>four</div>',
  '<ul><li>a<li>b<li>c</ul><ol><li>x</ol>',
  '<table><tr><td>1<td>2<tr><th>h<td>3</table>',
  '<select><option>A<option>B<optgroup><option>C</select>',
  '<DIV CLASS="Footer" ID=x Title="t&amp;t">Up&amp;Case &lt;b&gt; &#44032;&#x1F600; &nbsp; &notanentity; &copy</DIV>',
  '<a href="/x?a=1&amp;b=2" href="/dup" data-x=1>link<b>bold</a>after</b>',
  '<!-- a comment <p>not a tag</p> --><![CDATA[ cdata <b> ]]><!doctype html><?xml pi?>',
  '<script>var s = "<p>no</p>"; if (a < b) {}</script><style>p > a { x: "</p>" }</style><title>T &amp; <b>x</b></title>',
  '<textarea name=t>raw <b>text</b> &amp;</textarea><xmp><p>raw</xmp><noscript><p>ns</p></noscript>',
  '<svg><circle/><title>t</title><path d="x"/></svg><math><mi/></math><p/>after<br/>x</br></p></p>',
  '<input type=text value="a"><input disabled><meta name=x content="y"><img src=a alt="b">',
  '<h1>a<h2>b</h1>c<dl><dt>t<dd>d<dt>u</dl><ruby>x<rt>a<rp>b</ruby>',
  '<form><input name=a><select><option>1</select><textarea>t</textarea><button>b<input></button></form>',
  '<a href="x',
  '<p>unclosed <b>bold <i>italic',
  '<div></span></span></div></br></img>',
  '<body><head><link rel=x><script>x</script></head><body>t',
  'text & more &lt &amp; < > <3 <a<b>',
];

describe('parseHtml', () => {
  it('gives the stock Parser events on odd HTML', () => {
    for (const html of ODD) expect(lean(html), html).toEqual(stock(html));
  });

  it('gives the stock Parser events on the bench pages', () => {
    expect(lean(realisticPage(60 * 1024))).toEqual(stock(realisticPage(60 * 1024)));
    for (const [name, html] of Object.entries(adversarialPages(20 * 1024))) expect(lean(html), name).toEqual(stock(html));
  });

  it('gives the stock Parser events on random tag soup', () => {
    const r = seededRandom(3);
    const pieces = ['<p>', '</p>', '<li>', '</li>', '<ul>', '</ul>', '<div class="a">', '</div>', '<td>', '<tr>', '<table>', '</table>',
      '<option>', '<select>', '</select>', '<svg>', '</svg>', '<path/>', '<br>', '</br>', '<a href="h">', '</a>', '<b>', '</b>',
      '<h1>', '</h1>', '<input name=x>', '<textarea>', '</textarea>', '<script>', '</script>', '<title>', '</title>', '&amp;', 'text ',
      '현금화', '<!-- c -->', '<form>', '</form>', '<math>', '</math>', '<mi>', '</mi>', '<dd>', '<dt>', '</span>', '<P>', '</DIV>'];
    for (let n = 0; n < 300; n++) {
      const html = Array.from({ length: 40 }, () => pieces[Math.floor(r() * pieces.length)]).join('');
      expect(lean(html), html).toEqual(stock(html));
    }
  });

  it('gives the stock Parser events with more tag names open than its name cache has slots', () => {
    // 1,500 names share 1,024 slots: some open elements share a slot; non-ASCII names are held in none.
    const r = seededRandom(5);
    const names = [...Array.from({ length: 1500 }, (_, k) => `t${k}`), 'tä', '\u212Ab', 'kb', 'ДИВ'];
    const tag = () => names[Math.floor(r() * names.length)]!;
    for (let n = 0; n < 10; n++) {
      const opened = [...names].sort(() => r() - 0.5).map((t) => `<${t}>x`);
      const soup = Array.from({ length: 3000 }, () => (r() < 0.7 ? `</${tag()}>` : `<${tag()}>`));
      const html = opened.join('') + soup.join('');
      expect(lean(html)).toEqual(stock(html));
    }
  });

  it('parses deep nesting in linear time', () => {
    const deep = (n: number) => `<html><body>${'<b>'.repeat(n)}x${'</i>'.repeat(n)}</body></html>`;
    const time = (html: string) => {
      const t = performance.now();
      parseHtml(html, { onopentag() {}, ontext() {}, onclosetag() {} }, POLICY);
      return performance.now() - t;
    };
    time(deep(20_000));
    // The fastest of three runs, the one a loaded machine disturbed least (one run of each once gave 31).
    const fastest = (html: string) => Math.min(time(html), time(html), time(html));
    // Ten times the depth: about ten times the time, not a hundred.
    expect(fastest(deep(400_000)) / fastest(deep(40_000))).toBeLessThan(30);
  });
});
