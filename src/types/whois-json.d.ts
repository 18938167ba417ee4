// whois-json ships no types. We use only its parser: `Key: value` lines → camelCase keys (non-ASCII keys
// such as 등록일 are kept, with spaces removed); repeated keys are joined with a space. CommonJS module.
declare module 'whois-json/parse-raw-data.js' {
  function parseRawData(rawData: string): Record<string, string>;
  export = parseRawData;
}
