// A real OpenID Connect provider (the `oidc-provider` package) for the single sign-on tests. Its built-in
// development login page accepts any account name; the account's e-mail is that name, and it counts as
// verified unless the name starts with "unverified".
//
// Usage: node e2e/lib/oidc-provider.js PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI
// Prints "ready <issuer>" on stdout once it listens.
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: !id.startsWith('unverified') };
      },
    };
  },
});
// Plain http on loopback: let the provider accept it.
provider.proxy = true;
const server = provider.listen(Number(port), '127.0.0.1', () => {
  process.stdout.write(`ready ${issuer}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
