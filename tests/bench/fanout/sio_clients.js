// N socket.io clients (websocket transport) counting events and ingest-to-client latency, like bench_fanout's
// client mode. Usage: node sio_clients.js <port> <clients> <expected_per_client>
const { io } = require('socket.io-client');

const [port, clients, expected] = process.argv.slice(2).map(Number);
const nowUs = () => Math.round((performance.timeOrigin + performance.now()) * 1000);
const latencies = [];
let firstSent = 0;
let lastReceived = 0;
let done = 0;
let delivered = 0;

function finish() {
  latencies.sort((a, b) => a - b);
  const pct = (q) => (latencies.length ? latencies[Math.floor(q * (latencies.length - 1))] / 1000 : 0);
  const seconds = (lastReceived - firstSent) / 1e6;
  console.log('RESULT ' + JSON.stringify({
    clients, expected_per_client: expected, delivered, complete_clients: done, seconds,
    events_per_s: seconds > 0 ? delivered / clients / seconds : 0, deliveries_per_s: seconds > 0 ? delivered / seconds : 0,
    p50_ms: pct(0.5), p99_ms: pct(0.99), max_ms: pct(1),
  }));
  process.exit(done === clients ? 0 : 1);
}

for (let i = 0; i < clients; ++i) {
  const socket = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true });
  let received = 0;
  socket.on('connect', () => socket.emit('subscribe'));
  socket.on('event', (frame) => {
    const at = nowUs();
    const sent = frame.data.data.sent_us;
    if (!firstSent || sent < firstSent) firstSent = sent;
    lastReceived = at;
    latencies.push(at - sent);
    ++delivered;
    if (++received === expected && ++done === clients) finish();
  });
}
setTimeout(finish, 120000);
