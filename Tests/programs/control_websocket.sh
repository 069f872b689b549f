#!/usr/bin/env bash
# control_websocket: the control API over WebSocket (ws://HOST:PORT/rpc) of a real engine, driven
# by dragoman-ws-probe (websocketpp's client): the token in the URL, in an Authorization header or
# by an auth call; a wrong token or path refused at the handshake; a command and its notifications
# (delay printed); malformed JSON and an oversized frame (1009) closing only that connection.
# Usage: control_websocket.sh DRAGOMAN SOURCE_DIR WS_PROBE
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/control_lib.sh"
probe=${3:?usage: $0 DRAGOMAN SOURCE_DIR WS_PROBE}

start_control_engine
PYTHONPATH="$(dirname "$0")" "$python" - "$http_port" "$tcp_port" "$probe" <<'CHECK'
import json, queue, subprocess, sys, threading, time
from control_rpc import LineClient, percentile

http_port, tcp_port, probe = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
TECH, VIEW = "tech-astana-demo", "view-astana-demo"
url = "ws://127.0.0.1:%d/rpc" % http_port
problems = []

def check(condition, what):
    if not condition:
        problems.append(what)
        print("FAIL:", what, flush=True)

class Probe:
    """dragoman-ws-probe as a client: lines in, frames out."""
    def __init__(self, target, *headers):
        self.process = subprocess.Popen([probe, target, *headers], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, bufsize=1)
        self.lines = queue.Queue()
        threading.Thread(target=self.pump, daemon=True).start()
        self.next_id = 0
    def pump(self):
        for line in self.process.stdout:
            self.lines.put((time.monotonic(), line.rstrip("\n")))
        self.lines.put((time.monotonic(), None))
    def read(self, timeout=5):
        return self.lines.get(timeout=timeout)[1]
    def expect(self, predicate, timeout=5):
        deadline = time.monotonic() + timeout
        while True:
            line = self.read(max(0.01, deadline - time.monotonic()))
            if line is None:
                return None
            if predicate(line):
                return line
    def message(self, predicate, timeout=5):
        line = self.expect(lambda l: not l.startswith("#") and predicate(json.loads(l)), timeout)
        return json.loads(line) if line else None
    def send_raw(self, text):
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()
    def call(self, method, params=None):
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send_raw(json.dumps(message))
        return self.message(lambda m: m.get("id") == self.next_id)
    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=5)

# The token in the URL: authenticated at once, the state follows the handshake.
tech = Probe(url + "?token=" + TECH)
check(tech.expect(lambda l: l.startswith("#")) == "#open", "ws with ?token: not opened")
first = tech.message(lambda m: m.get("method") == "state")
check(first is not None and len(first["params"]["seats"]) == 30, "ws: no state after the handshake")

# A wrong token or path is refused at the handshake.
wrong = Probe(url + "?token=wrong-token-1")
line = wrong.expect(lambda l: l.startswith("#"))
check(line is not None and line.startswith("#failed 401"), "ws wrong token: %s" % line)
lost = Probe("ws://127.0.0.1:%d/nowhere?token=%s" % (http_port, TECH))
line = lost.expect(lambda l: l.startswith("#"))
check(line is not None and line.startswith("#failed 404"), "ws wrong path: %s" % line)

# The Authorization header, and an auth call.
header = Probe(url, "Authorization: Bearer " + VIEW)
check(header.expect(lambda l: l.startswith("#")) == "#open", "ws with a header: not opened")
check(header.message(lambda m: m.get("method") == "state") is not None, "ws header: no state")
plain = Probe(url)
check(plain.expect(lambda l: l.startswith("#")) == "#open", "ws without token: not opened")
reply = plain.call("state.get")
check(reply["error"]["code"] == -32001, "ws state.get before auth: %s" % reply)
reply = plain.call("auth", {"token": VIEW})
check(reply["result"]["role"] == "viewer", "ws auth: %s" % reply)
reply = plain.call("seat.mic", {"seat": "en-1", "on": True})
check(reply["error"]["code"] == -32002, "ws viewer seat.mic: %s" % reply)

# A command and its notifications, seen by the WebSocket and the TCP client alike.
line_client = LineClient(tcp_port)
line_client.call("auth", {"token": VIEW})
delays = []
for i in range(40):
    db = -2.0 - i
    sent = time.monotonic()
    tech.send_raw(json.dumps({"jsonrpc": "2.0", "method": "seat.volume",
                              "params": {"seat": "kk-1", "db": db}}))
    note = tech.message(lambda m: m.get("method") == "state" and
                        [s for s in m["params"]["seats"] if s["id"] == "kk-1"][0]["volume_db"] == db)
    check(note is not None, "ws: no state with kk-1 at %s dB" % db)
    delays.append((time.monotonic() - sent) * 1000)
    time.sleep(0.02)
print("websocket state notification delay over %d commands: median %.1f ms, p95 %.1f ms"
      % (len(delays), percentile(delays, 0.5), percentile(delays, 0.95)), flush=True)
seen = line_client.wait_note(lambda m: m["method"] == "state" and
                             [s for s in m["params"]["seats"] if s["id"] == "kk-1"][0]["volume_db"] == -41.0)
check(seen is not None, "the TCP client did not see the WebSocket client's change")

# Malformed JSON: -32700, then that connection only is closed.
bad = Probe(url + "?token=" + VIEW)
bad.expect(lambda l: l == "#open")
bad.send_raw("{nope")
reply = bad.message(lambda m: "error" in m)
check(reply is not None and reply["error"]["code"] == -32700, "ws malformed JSON: %s" % reply)
line = bad.expect(lambda l: l.startswith("#closed"))
check(line is not None, "ws malformed JSON: not closed")

# An oversized frame: websocketpp closes with 1009 (message too big).
big = Probe(url + "?token=" + VIEW)
big.expect(lambda l: l == "#open")
big.send_raw(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "auth", "params": {"token": "x" * 70000}}))
line = big.expect(lambda l: l.startswith("#closed"))
check(line is not None and line.startswith("#closed 1009"), "ws oversized: %s" % line)

reply = tech.call("state.get")
check("result" in reply and reply["result"]["engine"]["running"], "ws: the technician after the bad clients")
for client in (tech, header, plain):
    client.close()
line_client.close()
sys.exit(1 if problems else 0)
CHECK
stop_control_engine
