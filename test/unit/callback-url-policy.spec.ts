import { ProblemException } from '../../src/http/problem';
import { callbackUrlProblem, checkCallbackUrl, type CallbackUrlPolicy } from '../../src/callbacks/callback-url-policy';

const STRICT: CallbackUrlPolicy = { allowInsecure: false, allowPrivateNetworks: false };
const OPEN: CallbackUrlPolicy = { allowInsecure: true, allowPrivateNetworks: true };

const refused = (url: string, policy = STRICT) => callbackUrlProblem(url, policy);

describe('the callbackUrl policy', () => {
  it('takes public https: URLs, by name, IPv4 and IPv6', () => {
    for (const url of ['https://example.com/hook', 'https://8.8.8.8/hook', 'https://[2001:4860:4860::8888]:8443/x', 'https://hooks.example.com.']) {
      expect(refused(url)).toBeUndefined();
    }
  });

  it('refuses http: unless WEBHOOK_ALLOW_INSECURE, and every other scheme always', () => {
    expect(refused('http://example.com/hook')).toMatch(/http:.*WEBHOOK_ALLOW_INSECURE/);
    expect(refused('http://example.com/hook', { ...STRICT, allowInsecure: true })).toBeUndefined();
    // A local http: receiver needs both settings: the one refusal names both.
    expect(refused('http://127.0.0.1:9000/hook')).toMatch(/WEBHOOK_ALLOW_INSECURE is not true\); and 127\.0\.0\.1 is a .* \(WEBHOOK_ALLOW_PRIVATE_NETWORKS is not true\)$/);
    expect(refused('http://localhost:9000/hook')).toMatch(/WEBHOOK_ALLOW_INSECURE.*; and localhost is this machine \(WEBHOOK_ALLOW_PRIVATE_NETWORKS/);
    expect(refused('http://127.0.0.1:9000/hook', { ...STRICT, allowInsecure: true })).toMatch(/^127\.0\.0\.1 is a .*WEBHOOK_ALLOW_PRIVATE_NETWORKS/);
    for (const url of ['ftp://example.com/x', 'file:///etc/passwd', 'gopher://example.com/', 'javascript:alert(1)']) {
      expect(refused(url, OPEN)).toMatch(/only https: is taken/);
    }
  });

  it('refuses what is not an absolute URL, credentials and over-long URLs', () => {
    expect(refused('/relative/hook')).toMatch(/not an absolute URL/);
    expect(refused('https://user:pass@example.com/')).toMatch(/credentials/);
    expect(refused(`https://example.com/${'a'.repeat(2100)}`)).toMatch(/longer than 2048/);
  });

  it.each([
    ['loopback', 'https://127.0.0.1/', 'loopback'],
    ['loopback, not 127.0.0.1', 'https://127.8.9.10/', 'loopback'],
    ['IPv6 loopback', 'https://[::1]/', 'loopback'],
    ['10/8', 'https://10.1.2.3/', 'private'],
    ['172.16/12', 'https://172.31.255.1/', 'private'],
    ['192.168/16', 'https://192.168.0.1/', 'private'],
    ['CGNAT', 'https://100.64.0.1/', 'carrierGradeNat'],
    ['unique-local v6', 'https://[fd12:3456::1]/', 'uniqueLocal'],
    ['unique-local v6 fc00', 'https://[fc00::1]/', 'uniqueLocal'],
    ['unspecified', 'https://0.0.0.0/', 'unspecified'],
    ['IPv6 unspecified', 'https://[::]/', 'unspecified'],
    ['multicast', 'https://224.0.0.1/', 'multicast'],
    ['broadcast', 'https://255.255.255.255/', 'broadcast'],
    ['reserved', 'https://240.0.0.1/', 'reserved'],
    ['v4-mapped v6 loopback', 'https://[::ffff:127.0.0.1]/', 'loopback'],
    ['v4-mapped v6 private, hex form', 'https://[::ffff:a00:1]/', 'private'],
    ['NAT64 of loopback', 'https://[64:ff9b::7f00:1]/', 'rfc6052'],
    ['6to4 of loopback', 'https://[2002:7f00:1::]/', '6to4'],
    ['IPv4-compatible loopback', 'https://[::127.0.0.1]/', 'carries 127.0.0.1, a loopback'],
    ['IPv4-compatible private', 'https://[::10.0.0.1]/', 'carries 10.0.0.1, a private'],
    ['decimal IPv4', 'https://2130706433/', 'loopback'],
    ['octal IPv4', 'https://0177.0.0.1/', 'loopback'],
    ['hex IPv4', 'https://0x7f000001/', 'loopback'],
    ['short IPv4', 'https://127.1/', 'loopback'],
    ['short private IPv4', 'https://10.1/', 'private'],
    ['localhost', 'https://localhost/', 'this machine'],
    ['a localhost subdomain', 'https://api.localhost./', 'this machine'],
  ])('refuses %s (%s) unless private networks are allowed', (_name, url, why) => {
    expect(refused(url)).toContain(why);
    expect(refused(url, OPEN)).toBeUndefined();
  });

  it.each([
    ['AWS, GCP, Azure metadata', 'https://169.254.169.254/latest/meta-data/'],
    ['ECS task metadata', 'https://169.254.170.2/v2/credentials'],
    ['link-local', 'https://169.254.1.1/'],
    ['IPv6 link-local', 'https://[fe80::1]/'],
    ['AWS metadata over IPv6', 'https://[fd00:ec2::254]/'],
    ['Alibaba metadata', 'https://100.100.100.200/'],
    ['v4-mapped metadata', 'https://[::ffff:169.254.169.254]/'],
    ['NAT64 of metadata', 'https://[64:ff9b::a9fe:a9fe]/'],
    ['NAT64 (local use) of metadata', 'https://[64:ff9b:1::a9fe:a9fe]/'],
    ['IPv4-compatible metadata', 'https://[::169.254.169.254]/'],
    ['6to4 of metadata', 'https://[2002:a9fe:a9fe::]/'],
    ['Teredo with a metadata server', 'https://[2001:0:a9fe:a9fe::1]/'],
    ['Teredo with a metadata client (inverted)', 'https://[2001:0:4136:e378:8000:63bf:5601:5601]/'],
    ['NAT64 of Alibaba metadata', 'https://[64:ff9b::6464:64c8]/'],
    ['decimal metadata', 'https://2852039166/'],
    ['octal metadata', 'https://0251.0376.0251.0376/'],
    ['GCP metadata by name', 'https://metadata.google.internal/computeMetadata/v1/'],
    ['GCP metadata by name, upper case and dot', 'https://METADATA.google.internal./'],
  ])('refuses %s always, private networks allowed or not', (_name, url) => {
    expect(refused(url)).toMatch(/link-local or cloud metadata|metadata service/);
    expect(refused(url, OPEN)).toMatch(/link-local or cloud metadata|metadata service/);
  });

  it('is answered as invalid_callback_url naming the field and why', () => {
    expect(() => checkCallbackUrl('https://169.254.169.254/', STRICT)).toThrow(ProblemException);
    try {
      checkCallbackUrl('https://169.254.169.254/', STRICT, 'callbackUrl');
    } catch (error) {
      const body = (error as ProblemException).toBody() as unknown as Record<string, unknown>;
      expect(body).toMatchObject({ status: 400, code: 'invalid_callback_url', field: 'callbackUrl' });
      expect(body.detail).toMatch(/^callbackUrl 169\.254\.169\.254 is a link-local or cloud metadata address/);
    }
    expect(checkCallbackUrl('https://example.com/', STRICT)).toBe('https://example.com/');
  });
});
