// The execution benchmark's tool: answers every request at once with a small JSON body, over HTTP/1.1
// keep-alive, on Node's plain sockets (the machine's two cores are shared with Payara and PostgreSQL; a
// full HTTP stack here would measure itself). It reads request heads and Content-Length bodies and
// nothing else. usage: node noop-tool.cjs PORT [RECEIVED_FILE]
// With RECEIVED_FILE, each request's Idempotency-Key and the time it arrived (epoch milliseconds, fractional)
// are appended to it, one line each: the approval benchmark measures from the approve call to this moment.
'use strict';
const net = require('net');
const fs = require('fs');
const port = Number(process.argv[2] || 28090);
const received = process.argv[3] ? fs.openSync(process.argv[3], 'a') : null;
const BODY = '{"ok":true}';
const ANSWER = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: '
  + BODY.length + '\r\n\r\n' + BODY);
let answered = 0;

net.createServer(socket => {
  socket.setNoDelay(true);
  let buffered = Buffer.alloc(0);
  socket.on('data', chunk => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    for (;;) {
      const headEnd = buffered.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const head = buffered.toString('latin1', 0, headEnd);
      const length = /\r\ncontent-length: *(\d+)/i.exec(head);
      const end = headEnd + 4 + (length ? Number(length[1]) : 0);
      if (buffered.length < end) return;
      if (received !== null) {
        const key = /\r\nidempotency-key: *(\S+)/i.exec(head);
        if (key) fs.writeSync(received, key[1] + ' ' + (performance.timeOrigin + performance.now()).toFixed(3) + '\n');
      }
      buffered = buffered.subarray(end);
      answered++;
      socket.write(ANSWER);
    }
  });
  socket.on('error', () => {});
}).listen(port, '127.0.0.1');

process.on('SIGTERM', () => {
  console.error(`noop tool answered ${answered} requests`);
  process.exit(0);
});
