// The page loads the recent history once, then streams every event after it. The browser's
// EventSource reconnects by itself and sends Last-Event-ID; the server replays what was missed.
"use strict";

const MAX_NOTIFICATIONS = 50;
let source = null;
let lastShownId = 0;

function log(text) {
  const line = new Date().toLocaleTimeString() + "  " + text + "\n";
  const element = document.getElementById("log");
  element.textContent = (line + element.textContent).slice(0, 4000);
}

function setStatus(text) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.className = text;
}

// Events can arrive twice only around a reset (from the history and from the stream), so the page
// shows each id once.
function show(id, type, data) {
  if (id <= lastShownId) {
    return;
  }
  lastShownId = id;
  document.getElementById("last-id").textContent = String(id);
  if (type === "price") {
    showPrice(id, data);
  } else if (type === "notification") {
    showNotification(id, data);
  }
}

function showPrice(id, data) {
  let row = document.getElementById("price-" + data.symbol);
  if (!row) {
    row = document.createElement("tr");
    row.id = "price-" + data.symbol;
    row.innerHTML = "<td></td><td class='price'></td><td class='id'></td>";
    row.cells[0].textContent = data.symbol;
    document.getElementById("prices").appendChild(row);
  }
  const old = parseFloat(row.cells[1].textContent);
  row.cells[1].textContent = Number(data.price).toFixed(2);
  let direction = "";
  if (!isNaN(old) && data.price > old) {
    direction = "up";
  } else if (!isNaN(old) && data.price < old) {
    direction = "down";
  }
  row.cells[1].className = "price " + direction;
  row.cells[2].textContent = "#" + id;
}

function showNotification(id, data) {
  const item = document.createElement("li");
  const title = document.createElement("strong");
  title.textContent = data.title;
  item.appendChild(title);
  if (data.body) {
    item.appendChild(document.createTextNode(" — " + data.body));
  }
  const idLabel = document.createElement("span");
  idLabel.className = "id";
  idLabel.textContent = "  #" + id;
  item.appendChild(idLabel);
  const list = document.getElementById("notifications");
  list.insertBefore(item, list.firstChild);
  while (list.children.length > MAX_NOTIFICATIONS) {
    list.removeChild(list.lastChild);
  }
}

async function loadHistory() {
  const response = await fetch("/history");
  if (!response.ok) {
    throw new Error("GET /history returned " + response.status + ": " + await response.text());
  }
  const history = await response.json();
  for (const event of history.events) {
    show(event.id, event.type, event.data);
  }
  lastShownId = Math.max(lastShownId, history.latestId);
  return history.latestId;
}

// A first connection cannot send Last-Event-ID, so the id goes in the query; on every reconnect
// the browser sends the header, which the server prefers.
function connect(afterId) {
  if (source) {
    source.close();
  }
  setStatus("connecting");
  source = new EventSource("/events?lastEventId=" + afterId);
  source.onopen = () => {
    setStatus("open");
    log("connected; the browser resumes after id " + (source.lastEventId || afterId));
  };
  source.onerror = () => {
    // readyState CONNECTING means the browser will retry by itself after the server's retry delay.
    setStatus(source.readyState === EventSource.CONNECTING ? "connecting" : "closed");
    log(source.readyState === EventSource.CONNECTING ? "connection lost; retrying" : "connection closed by the server");
  };
  for (const type of ["price", "notification"]) {
    source.addEventListener(type, (event) => show(Number(event.lastEventId), type, JSON.parse(event.data)));
  }
  source.addEventListener("reset", async (event) => {
    log("reset: " + JSON.parse(event.data).reason);
    document.getElementById("notifications").replaceChildren();
    lastShownId = 0;
    try {
      connect(await loadHistory());
    } catch (error) {
      log(error.message);
    }
  });
}

document.getElementById("publish").addEventListener("submit", async (event) => {
  event.preventDefault();
  const response = await fetch("/notifications", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      title: document.getElementById("title").value,
      body: document.getElementById("body").value,
    }),
  });
  if (!response.ok) {
    log("publish failed: " + response.status + " " + await response.text());
  }
  document.getElementById("title").value = "";
  document.getElementById("body").value = "";
});

loadHistory().then(connect).catch((error) => {
  setStatus("closed");
  log(error.message + " (is the server running?)");
});
