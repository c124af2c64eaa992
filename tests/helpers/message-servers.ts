// Real receivers for the hub's messages: an SMTP server (the smtp-server package) that keeps
// every message it is given, parsed; and a stand-in of GOV.UK Notify's HTTP API (the real one
// is unreachable here) that checks each request's JWT as Notify does (HS256 with the key's
// secret, the service id as issuer) and keeps what it accepted.
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestSmtp {
  url: string;
  messages: ParsedMail[];
  /** Resolves once `count` messages have arrived (or rejects after a while). */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtp> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(count) {
      for (let i = 0; i < 100 && messages.length < count; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface NotifyRequest {
  path: string;
  body: {
    template_id: string;
    email_address?: string;
    phone_number?: string;
    personalisation: Record<string, string>;
    reference?: string;
  };
}

export interface TestNotify {
  url: string;
  /** An API key in Notify's format: name, service id, secret. */
  apiKey: string;
  accepted: NotifyRequest[];
  /** Requests refused for a bad token (none expected). */
  refused: number;
  /** The next `n` requests get a 500, as a provider having a bad minute. */
  failNext(n: number): void;
  close(): Promise<void>;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startNotifyStandIn(): Promise<TestNotify> {
  const serviceId = randomUUID();
  const secret = randomUUID();
  const accepted: NotifyRequest[] = [];
  let failures = 0;
  const state = { refused: 0 };
  const server = createServer((request, response) => {
    void (async () => {
      const raw = await bodyOf(request);
      const send = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      // Notify's authentication: a JWT signed with the key's secret, issued by the service.
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      const [header = '', payload = '', signature = ''] = token.split('.');
      const expected = base64url(
        createHmac('sha256', secret).update(`${header}.${payload}`).digest(),
      );
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8') || '{}') as {
        iss?: string;
        iat?: number;
      };
      if (
        signature !== expected ||
        claims.iss !== serviceId ||
        Math.abs(Date.now() / 1000 - (claims.iat ?? 0)) > 30
      ) {
        state.refused++;
        send(403, { status_code: 403, errors: [{ error: 'AuthError', message: 'Invalid token' }] });
        return;
      }
      const path = request.url ?? '';
      if (request.method !== 'POST' || !/^\/v2\/notifications\/(email|sms)$/.test(path)) {
        send(404, { status_code: 404, errors: [{ error: 'NotFound', message: 'Not found' }] });
        return;
      }
      if (failures > 0) {
        failures--;
        send(500, {
          status_code: 500,
          errors: [{ error: 'Exception', message: 'Internal error' }],
        });
        return;
      }
      const body = JSON.parse(raw) as NotifyRequest['body'];
      accepted.push({ path, body });
      const id = randomUUID();
      send(201, {
        id,
        reference: body.reference ?? null,
        content: {
          body: body.personalisation.body ?? '',
          ...(path.endsWith('email')
            ? { subject: body.personalisation.subject ?? '', from_email: 'anydoor@notify.example' }
            : { from_number: 'AnyDoor' }),
        },
        uri: `/v2/notifications/${id}`,
        template: { id: body.template_id, version: 1, uri: `/v2/template/${body.template_id}` },
      });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey: `anydoor_test-${serviceId}-${secret}`,
    accepted,
    get refused() {
      return state.refused;
    },
    failNext(n) {
      failures = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
