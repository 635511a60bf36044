// The browser side of the chat: the same protocol and reconnect logic as ChatClient.java.
const byId = (id) => document.getElementById(id);

let socket = null;
let token = null;
let room = null;
let lastSeq = -1;          // last sequence seen in the room; -1 before the first history
let failedAttempts = 0;
let reconnectTimer = null;
let wanted = false;        // whether the user wants to be connected
let nextId = 1;

function log(text, kind, seq) {
  const line = document.createElement('div');
  line.className = kind || '';
  if (seq !== undefined) {
    const number = document.createElement('span');
    number.className = 'seq';
    number.textContent = '#' + seq;
    line.append(number);
  }
  line.append(text);
  byId('log').append(line);
  byId('log').scrollTop = byId('log').scrollHeight;
}

function setStatus(text) {
  byId('status').textContent = text;
}

// Exponential backoff with jitter: a random delay in the upper half of a ceiling that doubles.
function backoffDelay(attempt) {
  const ceiling = Math.min(10000, 500 * 2 ** attempt);
  return ceiling / 2 + Math.random() * ceiling / 2;
}

async function chatUrl() {
  const endpoints = await (await fetch('/endpoints')).json();
  const query = '?token=' + encodeURIComponent(token);
  if (byId('server').value === 'java-websocket') {
    return 'ws://' + location.hostname + ':' + endpoints.javaWebSocketPort + '/chat' + query;
  }
  return 'ws://' + location.host + endpoints.javalin + query;
}

// A token for the name; fetched again before every attempt, because a restarted demo has a new secret.
async function fetchToken() {
  const name = byId('name').value.trim();
  const response = await fetch('/token?name=' + encodeURIComponent(name), { method: 'POST' });
  const body = await response.json();
  if (!response.ok) {
    throw new Error('Could not sign in: ' + (body.message || JSON.stringify(body)));
  }
  return body.token;
}

function connect() {
  if (room !== byId('room').value.trim()) {
    room = byId('room').value.trim();
    lastSeq = -1;
  }
  wanted = true;
  open();
}

function retry() {
  const delay = backoffDelay(failedAttempts++);
  setStatus('reconnecting in ' + Math.round(delay) + ' ms');
  reconnectTimer = setTimeout(open, delay);
}

async function open() {
  clearTimeout(reconnectTimer);
  setStatus('connecting');
  let url;
  try {
    token = await fetchToken();
    url = await chatUrl();
  } catch (error) {
    log(error.message, 'error');
    if (wanted) {
      retry();
    }
    return;
  }
  socket = new WebSocket(url);
  const current = socket;

  current.onopen = () => {
    failedAttempts = 0;
    setStatus('connected');
    const join = { type: 'join', room };
    if (lastSeq >= 0) {
      join.since = lastSeq;   // resume: the server sends only what came after it
    }
    current.send(JSON.stringify(join));
  };
  current.onmessage = (event) => handle(JSON.parse(event.data));
  current.onclose = (event) => {
    if (current !== socket) {
      return;
    }
    log('Connection closed: ' + event.code + ' ' + event.reason, 'system');
    if (!wanted) {
      setStatus('not connected');
      return;
    }
    retry();
  };
}

function handle(message) {
  switch (message.type) {
    case 'say':
    case 'presence':
      show(message);
      break;
    case 'history':
      log('History: ' + message.messages.length + ' events; members: ' + message.members.join(', '), 'system');
      message.messages.forEach(show);
      remember(message.latest);
      break;
    case 'reset':
      byId('log').replaceChildren();
      log('Reset: events after ' + message.since + ' are no longer kept; showing ' + message.oldest + ' to ' + message.latest, 'system');
      message.messages.forEach(show);
      remember(message.latest);
      break;
    case 'ack':
      break;
    case 'error':
      log('Error: ' + message.error, 'error');
      break;
  }
}

function show(event) {
  if (event.type === 'say') {
    log(event.user + ': ' + event.text, '', event.seq);
  } else {
    log(event.user + ' ' + event.event, 'presence', event.seq);
  }
  remember(event.seq);
}

function remember(seq) {
  lastSeq = Math.max(lastSeq, seq);
  byId('last-seq').textContent = lastSeq;
}

byId('connect').onclick = () => {
  wanted = false;
  if (socket) {
    socket.close();
  }
  connect();
};
byId('disconnect').onclick = () => {
  wanted = false;
  clearTimeout(reconnectTimer);
  if (socket) {
    socket.close(1000, 'bye');
  }
};
byId('say-form').onsubmit = (event) => {
  event.preventDefault();
  const text = byId('text').value;
  if (!text || !socket || socket.readyState !== WebSocket.OPEN) {
    return;
  }
  socket.send(JSON.stringify({ type: 'say', room, text, id: 'm-' + nextId++ }));
  byId('text').value = '';
};
