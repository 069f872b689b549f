#!/usr/bin/env python3
"""A stand-in for the engine's tcp:// control port, for `dragoman ctl` tests: newline-delimited
JSON-RPC; `auth` accepts the token "good"; `echo` returns its params; `fail` answers -32602;
`silent` never answers; `notify` sends an `event` and a `state` notification to every client, then answers. With --mute it
accepts connections and never reads or answers (an engine that hangs).
Prints the port it listens on (127.0.0.1, picked by the system) to the file given."""
import json
import os
import socket
import sys
import threading


clients = []
clients_lock = threading.Lock()


def broadcast(message):
    with clients_lock:
        for client in clients:
            try:
                client.sendall(message)
            except OSError:
                pass


def serve(connection, mute):
    if mute:
        threading.Event().wait()
    with clients_lock:
        clients.append(connection)
    buffer = b""
    with connection:
        while True:
            data = connection.recv(65536)
            if not data:
                return
            buffer += data
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                request = json.loads(line)
                method, ident = request.get("method"), request.get("id")
                params = request.get("params")
                replies = []
                if method == "auth":
                    if (params or {}).get("token") == "good":
                        replies.append({"id": ident, "result": {"role": "technician"}})
                    else:
                        replies.append({"id": ident, "error": {"code": -32001, "message": "unauthenticated: wrong token"}})
                elif method == "echo":
                    replies.append({"id": ident, "result": params})
                elif method == "fail":
                    replies.append({"id": ident, "error": {"code": -32602, "message": "invalid params: seat 'xx-9' does not exist"}})
                elif method == "notify":
                    broadcast(b'{"jsonrpc": "2.0", "method": "event", "params": {"seq": 1}}\n')
                    broadcast(b'{"jsonrpc": "2.0", "method": "state", "params": {"revision": 1}}\n')
                    replies.append({"id": ident, "result": {}})
                elif method == "silent":
                    pass
                else:
                    replies.append({"id": ident, "error": {"code": -32601, "message": "method not found: %s" % method}})
                for reply in replies:
                    reply["jsonrpc"] = "2.0"
                    connection.sendall(json.dumps(reply).encode() + b"\n")


def main():
    port_file = sys.argv[1]
    mute = "--mute" in sys.argv
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    with open(port_file + ".tmp", "w") as out:
        out.write(str(listener.getsockname()[1]))
    os.rename(port_file + ".tmp", port_file)
    while True:
        connection, _ = listener.accept()
        threading.Thread(target=serve, args=(connection, mute), daemon=True).start()


if __name__ == "__main__":
    main()
