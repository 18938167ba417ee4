// whois-json ships no types. It forwards options to the `whois` package's lookup and parses `Key: value`
// lines into camelCase keys (non-ASCII keys such as 등록일 are kept, with spaces removed).
declare module 'whois-json' {
  export interface WhoisJsonServer {
    host: string;
    port?: number;
    /** Query template, `$addr` is replaced by the domain (default `$addr\r\n`). */
    query?: string;
  }

  export interface WhoisJsonOptions {
    /** 'host:port' or an object; omitted = the registry's server for the TLD from the whois package's table. */
    server?: string | WhoisJsonServer;
    /** How many referrals (Registrar WHOIS Server, ReferralServer) to follow; the whois package defaults to 2. */
    follow?: number;
    /** Socket idle timeout in ms. */
    timeout?: number;
    /** Return one {server, data} entry per server asked instead of the bare record. */
    verbose?: boolean;
    /** Socket encoding; 'utf8' keeps multi-byte characters split across chunks intact. */
    encoding?: BufferEncoding;
    punycode?: boolean;
    bind?: string;
  }

  export type WhoisJsonRecord = Record<string, string>;

  export interface WhoisJsonPart {
    /** Host name of the server that answered (no port). */
    server: string;
    data: WhoisJsonRecord;
  }

  function whoisJson(domain: string, options: WhoisJsonOptions & { verbose: true }): Promise<WhoisJsonPart[]>;
  function whoisJson(domain: string, options?: WhoisJsonOptions): Promise<WhoisJsonRecord>;
  export default whoisJson;
}
