// A list file means the same thing whether it holds one URL a line or a CSV.
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/exit-codes.js';
import { looksLikeCsv, rowsFromText } from '../../src/cli/input.js';

describe('reading a list', () => {
  it('takes one URL a line, skipping blank lines and # comments, keeping line numbers', () => {
    expect(rowsFromText('# list\n\nhttp://a.example/\r\n  http://b.example/x  \n#http://c.example/\n', 'list.txt')).toEqual([
      { line: 3, url: 'http://a.example/' },
      { line: 4, url: 'http://b.example/x' },
    ]);
  });

  it('takes the url column of a CSV, or its only column with or without a header', () => {
    expect(rowsFromText('name,URL\nA,http://a.example/\nB,"http://b.example/?q=1,2"\n', 'sites.csv').map((r) => r.url)).toEqual([
      'http://a.example/',
      'http://b.example/?q=1,2',
    ]);
    expect(rowsFromText('url\nhttp://a.example/\n', '-').map((r) => r.url)).toEqual(['http://a.example/']);
    expect(rowsFromText('http://a.example/\nhttp://b.example/\n', 'single.csv').map((r) => r.url)).toEqual(['http://a.example/', 'http://b.example/']);
  });

  it('knows a CSV by its name, a url header or a comma, and a plain list otherwise', () => {
    expect(looksLikeCsv('http://a.example/\n', 'list.CSV')).toBe(true);
    expect(looksLikeCsv('# note\nurl\nhttp://a.example/\n', '-')).toBe(true);
    expect(looksLikeCsv('name,link\n', '-')).toBe(true);
    expect(looksLikeCsv('http://a.example/\n', '-')).toBe(false);
  });

  it('refuses a CSV with several columns and none named url, as a data error (65)', () => {
    let caught: unknown;
    try {
      rowsFromText('a,b\n1,2\n', 'bad.csv');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CliError);
    expect((caught as CliError).exitCode).toBe(65);
    expect((caught as CliError).message).toMatch(/^bad\.csv: .*none is named "url"/);
  });
});
