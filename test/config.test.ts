import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('has a working default for everything', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', dnsServers: [], whoisServer: null, allowPrivate: [], allowedPorts: [80, 443, 8080, 8443], databaseUrl: null, threadNice: 10, threadPolicy: 'nice' });
    expect(c.dataDir).toMatch(/data$/);
  });

  it('reads the lists and addresses the scanner is pointed at', () => {
    const c = loadConfig({
      SCAMSCORE_DNS_SERVERS: '127.0.0.1:18053, [::1]:53',
      SCAMSCORE_WHOIS_SERVER: '127.0.0.1:18043',
      SCAMSCORE_ALLOW_PRIVATE: '127.0.0.0/8 10.1.0.0/16',
      SCAMSCORE_ALLOWED_PORTS: '80,8081',
    });
    expect(c.dnsServers).toEqual(['127.0.0.1:18053', '[::1]:53']);
    expect(c.whoisServer).toBe('127.0.0.1:18043');
    expect(c.allowPrivate).toEqual(['127.0.0.0/8', '10.1.0.0/16']);
    expect(c.allowedPorts).toEqual([80, 8081]);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ SCAMSCORE_DNS_SERVERS: 'dns.example:53' }, /SCAMSCORE_DNS_SERVERS/],
    [{ SCAMSCORE_WHOIS_SERVER: 'whois.example' }, /SCAMSCORE_WHOIS_SERVER/],
    [{ SCAMSCORE_ALLOWED_PORTS: '80,99999' }, /SCAMSCORE_ALLOWED_PORTS/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ SCAMSCORE_THREAD_POLICY: 'realtime' }, /SCAMSCORE_THREAD_POLICY/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });
});
