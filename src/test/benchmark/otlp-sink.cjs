// A local OTLP/HTTP receiver for the tracing benchmark: accepts POST /v1/traces (protobuf or JSON), answers
// 200 with an empty ExportTraceServiceResponse, and keeps only counts: requests and bytes received. The
// counts are written to COUNT_FILE (JSON) every second, so the benchmark can show that spans really left.
// usage: node otlp-sink.cjs PORT COUNT_FILE
'use strict';
const http = require('http');
const fs = require('fs');
const port = Number(process.argv[2] || 28318);
const countFile = process.argv[3];
let requests = 0, bytes = 0, rejected = 0;

http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/v1/traces') {
    rejected++;
    res.writeHead(404).end();
    return;
  }
  req.on('data', chunk => { bytes += chunk.length; });
  req.on('end', () => {
    requests++;
    res.writeHead(200, { 'Content-Type': 'application/x-protobuf', 'Content-Length': 0 }).end();
  });
}).listen(port, '127.0.0.1');

setInterval(() => {
  if (countFile) fs.writeFileSync(countFile, JSON.stringify({ requests, bytes, rejected }));
}, 1000);
