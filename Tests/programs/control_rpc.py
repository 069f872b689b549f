# A JSON-RPC client over the control API's TCP port, stdlib only: what the control program tests
# (control_api.sh) use to talk to a running `dragoman engine`.
import json
import socket
import time
import urllib.error
import urllib.request


class LineClient:
    """One TCP connection: newline-delimited JSON-RPC, notifications kept in arrival order."""

    def __init__(self, port, host="127.0.0.1", timeout=5.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.buffer = b""
        self.next_id = 0
        self.notes = []  # (arrival time, message)

    def send_raw(self, data):
        self.sock.sendall(data)

    def send(self, method, params=None, id_=True):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        if id_:
            self.next_id += 1
            message["id"] = self.next_id
        self.sock.sendall((json.dumps(message) + "\n").encode())
        return message.get("id")

    def read(self, timeout=5.0):
        """The next message, or None when the server closed the connection."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no message within %.1f s" % timeout)
            self.sock.settimeout(remaining)
            try:
                chunk = self.sock.recv(1 << 20)
            except ConnectionResetError:
                return None
            if not chunk:
                return None
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)

    def call(self, method, params=None, timeout=5.0):
        id_ = self.send(method, params)
        while True:
            message = self.read(timeout)
            if message is None:
                raise ConnectionError("closed while waiting for %s" % method)
            if message.get("id") == id_:
                return message
            self.notes.append((time.monotonic(), message))

    def wait_note(self, predicate, timeout=5.0):
        """The first notification (kept or new) that predicate accepts."""
        for index, (_, message) in enumerate(self.notes):
            if predicate(message):
                del self.notes[: index + 1]
                return message
        self.notes.clear()
        deadline = time.monotonic() + timeout
        while True:
            message = self.read(max(0.01, deadline - time.monotonic()))
            if message is None:
                raise ConnectionError("closed while waiting for a notification")
            if "id" not in message and predicate(message):
                return message

    def drain(self, timeout=0.02):
        """Reads whatever has arrived (a client that stops reading is dropped by the server);
        keeps the notifications."""
        try:
            while True:
                message = self.read(timeout)
                if message is None:
                    return
                if "id" not in message:
                    self.notes.append((time.monotonic(), message))
        except TimeoutError:
            return

    def latest_state(self):
        """The newest state notification kept so far, or None."""
        states = [m["params"] for _, m in self.notes if m.get("method") == "state"]
        return max(states, key=lambda p: p["revision"]) if states else None

    def closed(self, timeout=5.0):
        """True once the server has closed the connection (replies before that are skipped)."""
        try:
            while True:
                if self.read(timeout) is None:
                    return True
        except TimeoutError:
            return False

    def close(self):
        self.sock.close()


def http_get(port, path, token=None, header=True):
    request = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path))
    if token and header:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]
