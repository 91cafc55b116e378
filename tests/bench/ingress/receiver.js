// The Node.js peer of the ingress benchmark: what a minimal, honest webhook receiver does. Express,
// HMAC-SHA256 verification of x-webhook-signature over the raw body (constant time), JSON parse, and a
// durable append: requests are answered only after their line is written and fsynced; lines that arrive
// while a write+fsync is running are grouped into the next one (group commit, like the engine's journal).
// Usage: node receiver.js PORT FILE SECRET
'use strict';
const express = require('express');
const crypto = require('crypto');
const fs = require('fs');

const [port, file, secret] = process.argv.slice(2);
const fd = fs.openSync(file, 'a');
let pending = [];   // {line, res, id}
let writing = false;
const seen = new Set(); // idempotency: event ids already stored

function flush() {
  if (writing || pending.length === 0) return;
  writing = true;
  const batch = pending;
  pending = [];
  const data = Buffer.from(batch.map((p) => p.line).join(''));
  fs.write(fd, data, (err) => {
    if (err) return done(batch, err);
    fs.fsync(fd, (err2) => done(batch, err2));
  });
}

function done(batch, err) {
  writing = false;
  const now = new Date().toISOString();
  for (const p of batch) {
    if (err) {
      p.res.status(503).json({ success: false, error: { code: 'STORE_UNAVAILABLE', message: String(err) } });
    } else {
      p.res.json({ success: true, data: { event_id: p.id, processed_at: now, actions_taken: ['journaled'] } });
    }
  }
  flush();
}

const app = express();
app.disable('x-powered-by');
app.disable('etag');
app.post('/webhooks/:source', express.raw({ type: 'application/json', limit: '1mb' }), (req, res) => {
  const header = String(req.get('x-webhook-signature') || '').replace(/^sha256=/, '');
  const expected = crypto.createHmac('sha256', secret).update(req.body).digest();
  let given;
  try { given = Buffer.from(header, 'hex'); } catch (e) { given = Buffer.alloc(0); }
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return res.status(401).json({ success: false, error: { code: 'INVALID_SIGNATURE', message: 'bad signature' } });
  }
  let event;
  try { event = JSON.parse(req.body.toString('utf8')); } catch (e) {
    return res.status(400).json({ success: false, error: { code: 'INVALID_JSON', message: e.message } });
  }
  if (typeof event.event_id !== 'string' || typeof event.event_type !== 'string') {
    return res.status(422).json({ success: false, error: { code: 'VALIDATION_FAILED', message: 'event_id and event_type are required' } });
  }
  const key = req.params.source + ':' + event.event_id;
  if (seen.has(key)) {
    return res.json({ success: true, data: { event_id: event.event_id, duplicate: true } });
  }
  seen.add(key);
  pending.push({ line: JSON.stringify({ source: req.params.source, received_at: Date.now(), event }) + '\n', res, id: event.event_id });
  flush();
});

app.listen(Number(port), '127.0.0.1', () => console.error(`receiver listening on 127.0.0.1:${port}`));
