// The chat page: history on load, a live tail over server-sent events, and a form that publishes.
const list = document.getElementById('messages');
const status = document.getElementById('status');
const olderButton = document.getElementById('older');
const shown = new Set();   // entry ids already on the page, so a resumed stream never shows one twice
let nextBefore = null;     // cursor for the next page of older messages
let newestId = null;       // id of the newest message shown; the live stream resumes after it

function show(text, isError) {
  status.textContent = text;
  status.className = isError ? 'error' : '';
}

function render(message) {
  const item = document.createElement('li');
  const user = document.createElement('span');
  user.className = 'user';
  user.textContent = message.user;
  const id = document.createElement('span');
  id.className = 'id';
  id.textContent = message.id;
  item.append(user, document.createTextNode(message.message), id);
  return item;
}

async function failure(response) {
  const body = await response.json().catch(() => ({}));
  return body.message || ('HTTP ' + response.status);
}

async function loadPage(before) {
  const query = before ? '?limit=20&before=' + encodeURIComponent(before) : '?limit=20';
  const response = await fetch('/api/messages' + query);
  if (!response.ok) {
    throw new Error(await failure(response));
  }
  return response.json();
}

async function loadHistory() {
  const page = await loadPage(null);
  for (const message of page.messages) {
    shown.add(message.id);
    list.append(render(message));
  }
  if (page.messages.length > 0) {
    newestId = page.messages[page.messages.length - 1].id;
  }
  nextBefore = page.nextBefore;
  olderButton.disabled = nextBefore === null;
  list.scrollTop = list.scrollHeight;
}

async function loadOlder() {
  const page = await loadPage(nextBefore);
  const first = list.firstChild;
  for (const message of page.messages) {
    if (!shown.has(message.id)) {
      shown.add(message.id);
      list.insertBefore(render(message), first);
    }
  }
  nextBefore = page.nextBefore;
  olderButton.disabled = nextBefore === null;
}

// Resume after the newest message shown; with no history, 0-0 is right: there is nothing to replay.
function followLive() {
  const events = new EventSource('/api/messages/live?after=' + encodeURIComponent(newestId || '0-0'));
  events.addEventListener('message', event => {
    const message = JSON.parse(event.data);
    if (shown.has(message.id)) {
      return;
    }
    shown.add(message.id);
    list.append(render(message));
    list.scrollTop = list.scrollHeight;
  });
  events.addEventListener('error', () => show('Live stream interrupted; the browser reconnects by itself.', true));
  events.addEventListener('open', () => show('Live.', false));
}

document.getElementById('send').addEventListener('submit', async event => {
  event.preventDefault();
  const text = document.getElementById('text');
  const body = {
    user: document.getElementById('user').value,
    message: text.value,
    messageId: crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random(),
  };
  const response = await fetch('/api/messages', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.ok) {
    text.value = '';
    show('Live.', false);
  } else {
    show(await failure(response), true);
  }
});

olderButton.addEventListener('click', () => loadOlder().catch(error => show(error.message, true)));

loadHistory()
  .then(followLive)
  .catch(error => show(error.message, true));
