// The socket.io peer of bench_fanout: waits for N clients, then broadcasts the same events (same JSON shape
// and size as the engine's event frames) at a fixed rate or as fast as it can, and reports through its
// client process. Usage: node sio_server.js <port> <clients> <rate|0> <duration_s> <total>
const http = require('http');
const { Server } = require('socket.io');

const [port, clients, rate, duration, total] = process.argv.slice(2).map(Number);
const expected = rate > 0 ? rate * duration : total;
const server = http.createServer();
const io = new Server(server, { transports: ['websocket'], perMessageDeflate: false });
let subscribed = 0;
let produced = 0;

const nowUs = () => Math.round((performance.timeOrigin + performance.now()) * 1000);
function makeEvent(n) {
  const now = new Date().toISOString();
  return {
    type: 'event', topic: 'events', seq: n + 1,
    data: {
      event_type: 'booking.updated', event_id: `bench-${n}`, source: 'booking_system', timestamp: now,
      received_at: now, delivery_attempt: 1, correlation_id: `bench-${n}`, wedding_id: `wed_${n % 500}`,
      data: {
        sent_us: nowUs(), booking_id: `bk_${n}`, venue: 'Old Rectory Barn', ceremony_time: '2026-06-13T15:00:00Z',
        guest_count: 120, channels: ['supplier:dashboard:42'],
      },
    },
  };
}

function start() {
  const t0 = Date.now();
  if (rate > 0) {
    const timer = setInterval(() => {
      const due = Math.min(expected, Math.floor(((Date.now() - t0) * rate) / 1000)) - produced;
      for (let i = 0; i < due; ++i) io.emit('event', makeEvent(produced++));
      if (produced >= expected) clearInterval(timer);
    }, 2);
  } else {
    const burst = () => {
      const n = Math.min(1000, expected - produced);
      for (let i = 0; i < n; ++i) io.emit('event', makeEvent(produced++));
      if (produced < expected) setImmediate(burst);
    };
    burst();
  }
}

io.on('connection', (socket) => {
  socket.on('subscribe', () => {
    if (++subscribed === clients) {
      console.log('READY');
      start();
    }
  });
});
server.listen(port, '127.0.0.1', () => console.log('LISTENING'));
