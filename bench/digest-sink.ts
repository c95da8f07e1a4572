import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// A counting SMTP sink for the digest benchmark, in its own process so that receiving mail does not
// share a core with the sender being measured. Prints its port, then answers "count" messages
// over IPC with the number of mails and recipients received (bodies are read and dropped).

let mails = 0;
let bytes = 0;
const recipients = new Set<string>();
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  size: 10 * 1024 * 1024,
  onRcptTo(address, _session, cb) { recipients.add(address.address.toLowerCase()); cb(); },
  onData(stream, _session, cb) {
    stream.on('data', (c: Buffer) => { bytes += c.length; });
    stream.on('end', () => { mails++; cb(); });
  },
});
server.on('error', () => undefined);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.server.address() as AddressInfo).port}\n`);
});
process.on('message', (m: unknown) => {
  if (m === 'reset') { mails = 0; bytes = 0; recipients.clear(); process.send?.({ mails, bytes, recipients: 0 }); return; }
  if (m === 'count') process.send?.({ mails, bytes, recipients: recipients.size });
  if (m === 'stop') server.close(() => process.exit(0));
});
