// The execution benchmark's tool: answers every request at once with a small JSON body, over HTTP/1.1
// keep-alive, on Node's plain sockets (the machine's two cores are shared with Payara and PostgreSQL; a
// full HTTP stack here would measure itself). It reads request heads and Content-Length bodies and
// nothing else. usage: node noop-tool.cjs PORT
'use strict';
const net = require('net');
const port = Number(process.argv[2] || 28090);
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
      const length = /\r\ncontent-length: *(\d+)/i.exec(buffered.toString('latin1', 0, headEnd));
      const end = headEnd + 4 + (length ? Number(length[1]) : 0);
      if (buffered.length < end) return;
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
