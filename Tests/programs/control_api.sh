#!/usr/bin/env bash
# control_api: the control API of a real `dragoman engine` on a JACK dummy server, over plain TCP
# (newline JSON-RPC, python's socket module) and HTTP (urllib): authentication and roles, a
# command that changes the state with the `event` and `state` notifications that follow (their
# delay measured over 100 commands and printed), GET /api/state, /metrics and /sdp, 401 and 403,
# malformed JSON and an oversized line closing only their own connection, a flood throttled with
# -32003, a client that never reads dropped while the engine's memory stays bounded, everyone
# disconnecting and reconnecting to the same state, and two clients seeing the same state.
# Audio keeps running throughout (the callback count keeps rising).
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/control_lib.sh"

start_control_engine
PYTHONPATH="$(dirname "$0")" "$python" - "$http_port" "$tcp_port" "$engine_pid" "$work" <<'CHECK'
import json, os, socket, sys, time
from control_rpc import LineClient, http_get, percentile

http_port, tcp_port, engine_pid, work = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
TECH, VIEW, SEAT = "tech-astana-demo", "view-astana-demo", "seat-en-1-demo"
problems = []

def check(condition, what):
    if not condition:
        problems.append(what)
        print("FAIL:", what, flush=True)

def rss_kib():
    for line in open("/proc/%d/status" % engine_pid):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])

def callbacks(client):
    return client.call("state.get")["result"]["engine"]["callbacks"]

# --- HTTP: tokens, roles, the three resources ----------------------------------------------
status, _ = http_get(http_port, "/api/state")
check(status == 401, "GET /api/state without a token: %d, expected 401" % status)
status, _ = http_get(http_port, "/api/state", "wrong-token-123")
check(status == 401, "GET /api/state with a wrong token: %d, expected 401" % status)
status, _ = http_get(http_port, "/metrics", SEAT)
check(status == 403, "GET /metrics as a seat: %d, expected 403" % status)
status, body = http_get(http_port, "/api/state?token=" + VIEW, header=False)
check(status == 200, "GET /api/state?token=viewer: %d" % status)
state = json.loads(body) if status == 200 else {}
check(len(state.get("seats", [])) == 30 and "meters" in state,
      "GET /api/state: 30 seats and meters expected")
status, body = http_get(http_port, "/metrics", TECH)
check(status == 200 and "dragoman_callbacks_total" in body and
      'dragoman_stream_packets_total{channel="en"}' in body, "GET /metrics: %d" % status)
status, body = http_get(http_port, "/sdp/en.sdp", VIEW)
check(status == 200 and "m=audio" in body and "opus/48000/2" in body, "GET /sdp/en.sdp: %d" % status)
status, _ = http_get(http_port, "/sdp/xx.sdp", VIEW)
check(status == 404, "GET /sdp/xx.sdp: %d, expected 404" % status)

# --- TCP: authentication ---------------------------------------------------------------------
tech = LineClient(tcp_port)
reply = tech.call("state.get")
check(reply.get("error", {}).get("code") == -32001, "state.get before auth: %s" % reply)
reply = tech.call("auth", {"token": "not-a-token"})
check(reply.get("error", {}).get("code") == -32001, "auth with a wrong token: %s" % reply)
reply = tech.call("auth", {"token": TECH})
check(reply.get("result", {}).get("role") == "technician", "auth as technician: %s" % reply)
tech.wait_note(lambda m: m.get("method") == "state")  # the state, at once after auth

viewer = LineClient(tcp_port)
viewer.call("auth", {"token": VIEW})
reply = viewer.call("seat.mic", {"seat": "en-2", "on": True})
check(reply.get("error", {}).get("code") == -32002, "seat.mic as viewer: %s" % reply)
seat = LineClient(tcp_port)
seat.call("auth", {"token": SEAT})
reply = seat.call("seat.mic", {"seat": "en-2", "on": True})
check(reply.get("error", {}).get("code") == -32002, "seat en-1 switching en-2: %s" % reply)
reply = seat.call("seat.volume", {"seat": "en-1", "db": -3})
check(reply.get("result", {}).get("queued") is True, "seat en-1 its own volume: %s" % reply)
reply = tech.call("seat.volume", {"seat": "en-1", "db": 40})
check(reply.get("error", {}).get("code") == -32602 and
      "expected volume in dB from -60 to 12" in reply["error"]["message"],
      "seat.volume 40: the engine's words expected: %s" % reply)

# --- a command changes the state; the notifications and their delay --------------------------
reply = tech.call("seat.mic", {"seat": "en-1", "on": True})
check(reply.get("result", {}).get("command") == "seat en-1 mic on", "seat.mic: %s" % reply)
note = tech.wait_note(lambda m: m.get("method") == "event" and m["params"].get("type") == "mic-on")
check(note["params"].get("seat") == "en-1" and note["params"].get("seq", 0) > 0, "mic-on event: %s" % note)
note = tech.wait_note(lambda m: m.get("method") == "state" and
                      any(s["id"] == "en-1" and s["live"] for s in m["params"]["seats"]))
en = [c for c in note["params"]["channels"] if c["id"] == "en"][0]
check(en["holder"] == "en-1", "state after mic on: en held by %s" % en["holder"])

event_ms, state_ms = [], []
for i in range(100):
    db = -1.0 - (i % 40)
    if i > 0 and db == -1.0:
        db = -41.0 - i % 3
    tech.notes.clear()
    sent = time.monotonic()
    tech.send("seat.volume", {"seat": "en-2", "db": db}, id_=False)
    event = tech.wait_note(lambda m: m.get("method") == "event" and m["params"].get("type") == "seat-level"
                           and m["params"].get("seat") == "en-2" and abs(m["params"].get("db", 99) - db) < 0.05)
    event_ms.append((time.monotonic() - sent) * 1000)
    tech.wait_note(lambda m: m.get("method") == "state" and
                   [s for s in m["params"]["seats"] if s["id"] == "en-2"][0]["volume_db"] == db)
    state_ms.append((time.monotonic() - sent) * 1000)
    for other in (viewer, seat):
        other.drain()
        other.notes = other.notes[-5:]
    time.sleep(0.02)
last_db = db
print("notification delay over %d commands: event median %.1f ms, p95 %.1f ms; "
      "state median %.1f ms, p95 %.1f ms" % (len(event_ms), percentile(event_ms, 0.5),
      percentile(event_ms, 0.95), percentile(state_ms, 0.5), percentile(state_ms, 0.95)), flush=True)
check(percentile(state_ms, 0.95) < 100, "state notification p95 over 100 ms")

# --- two clients see the same state ----------------------------------------------------------
tech.call("floor.language", {"language": "zh"})
time.sleep(0.3)
def last_state(client):
    client.drain(0.2)
    return client.latest_state()
a, b = last_state(tech), last_state(viewer)
check(a is not None and a == b, "two clients: their last state notifications differ")
check(a is not None and a["floor"]["language"] == "zh", "floor language zh in the state")

# --- meters at 20 Hz --------------------------------------------------------------------------
viewer.call("meters.subscribe", {"hz": 20})
viewer.notes.clear()
start = time.monotonic()
count = 0
while time.monotonic() - start < 1.0:
    try:
        message = viewer.read(0.2)
    except TimeoutError:
        continue
    if message and message.get("method") == "meters":
        count += 1
        meters = message["params"]
print("meters: %d messages in 1 s; en %s" % (count, meters["channels"]["en"] if count else None), flush=True)
check(count >= 16, "meters at 20 Hz: %d in 1 s" % count)
viewer.call("meters.subscribe", {"hz": 0})

# --- messages: an anonymous slow-down ---------------------------------------------------------
seat.call("messages.send", {"to": "technician", "kind": "slow-down"})
note = tech.wait_note(lambda m: m.get("method") == "message")
check(note["params"]["from"] == "anonymous" and note["params"]["kind"] == "slow-down",
      "slow-down reaches the technician anonymously: %s" % note)

# --- malformed JSON and an oversized line close only their own connection ---------------------
before = callbacks(tech)
bad = LineClient(tcp_port)
bad.send_raw(b"{this is not json\n")
reply = bad.read()
check(reply is not None and reply.get("error", {}).get("code") == -32700, "malformed JSON: %s" % reply)
check(bad.closed(), "malformed JSON: the connection stays open")
big = LineClient(tcp_port)
try:
    big.send_raw(b'{"jsonrpc":"2.0","id":1,"method":"auth","params":{"token":"' + b"x" * 70000 + b'"}}\n')
except (BrokenPipeError, ConnectionResetError):
    pass
check(big.closed(), "a 70 KB line: the connection stays open")
time.sleep(0.2)
check(tech.call("state.get").get("result") is not None, "technician's connection after the bad clients")
check(callbacks(tech) > before, "audio callbacks stopped increasing")

# --- a flood is throttled ---------------------------------------------------------------------
flood = LineClient(tcp_port)
flood.call("auth", {"token": VIEW})
flood.send_raw(b"".join(b'{"jsonrpc":"2.0","id":%d,"method":"rpc.methods"}\n' % (i + 10) for i in range(400)))
throttled = answered = 0
while answered + throttled < 400:
    message = flood.read(10)
    if message is None:
        break
    if "id" not in message:
        continue
    if message.get("error", {}).get("code") == -32003:
        throttled += 1
    else:
        answered += 1
print("flood of 400 requests: %d answered, %d throttled (-32003)" % (answered, throttled), flush=True)
check(throttled >= 150 and answered >= 150, "flood: %d throttled, %d answered" % (throttled, answered))
flood.close()

# --- a client that never reads: bounded, then dropped; the others go on -----------------------
slow = socket.socket()
slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
slow.connect(("127.0.0.1", tcp_port))
slow.sendall(b'{"jsonrpc":"2.0","id":1,"method":"auth","params":{"token":"%s"}}\n' % TECH.encode())
slow.sendall(b'{"jsonrpc":"2.0","id":2,"method":"meters.subscribe","params":{"hz":50}}\n')
rss_start = rss_kib()
rss_peak = rss_start
dropped = False
start = time.monotonic()
sent = 0
while time.monotonic() - start < 40:
    try:
        slow.sendall(b"".join(b'{"jsonrpc":"2.0","id":%d,"method":"state.get"}\n' % (sent + i) for i in range(8)))
        sent += 8
    except (BrokenPipeError, ConnectionResetError):
        dropped = True
        break
    rss_peak = max(rss_peak, rss_kib())
    status, body = http_get(http_port, "/metrics", TECH)
    if "dragoman_control_slow_disconnects_total 1" in body:
        dropped = True
        break
    time.sleep(0.1)
print("slow client: %d requests sent, dropped after %.1f s; engine RSS %d -> peak %d KiB"
      % (sent, time.monotonic() - start, rss_start, rss_peak), flush=True)
check(dropped, "the slow client was not disconnected within 40 s")
check(rss_peak - rss_start < 64 * 1024, "engine memory grew by %d KiB for one slow client" % (rss_peak - rss_start))
slow.close()
check(tech.call("state.get").get("result") is not None, "the technician's connection after the slow client")

# --- everyone disconnects; the engine keeps its state; a new console sees it at once ----------
before = callbacks(tech)
for client in (tech, viewer, seat, bad, big):
    client.close()
time.sleep(1.0)
again = LineClient(tcp_port)
again.call("auth", {"token": TECH})
first = again.wait_note(lambda m: m.get("method") == "state", timeout=2)["params"]
en2 = [s for s in first["seats"] if s["id"] == "en-2"][0]
en1 = [s for s in first["seats"] if s["id"] == "en-1"][0]
check(en2["volume_db"] == last_db and en1["live"] and first["floor"]["language"] == "zh",
      "after reconnecting: en-2 volume %s (expected %s), en-1 live %s, floor %s"
      % (en2["volume_db"], last_db, en1["live"], first["floor"]["language"]))
check(first["engine"]["callbacks"] > before, "audio stopped while no console was connected")
check(first["clients"] == 1, "clients after reconnecting: %s" % first["clients"])

# --- presets ------------------------------------------------------------------------------------
reply = again.call("session.save", {"name": "plenary"})
check("result" in reply and os.path.exists(os.path.join(work, "presets", "plenary.yaml")), "session.save: %s" % reply)
reply = again.call("session.load", {"name": "plenary"})
check(reply.get("result", {}).get("queued", 0) > 100, "session.load: %s" % reply)
again.close()

sys.exit(1 if problems else 0)
CHECK
stop_control_engine
grep -q 'error -32700' "$work/stderr.txt" || fail "the malformed JSON was not logged"
grep -q 'error -32003' "$work/stderr.txt" || fail "the flood was not logged"
grep -q 'does not read' "$work/stderr.txt" || fail "the slow client's disconnection was not logged"
