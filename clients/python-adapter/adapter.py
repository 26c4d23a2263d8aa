#!/usr/bin/env python3
"""Reference client adapter (docs/client-adapter.md) in Python 3, standard library only.

A minimal HeyGen Streaming REST client (streaming.new, start, task, interrupt, keep_alive, stop) behind the kit's
client adapter protocol. Capabilities: "rest" only: this client has no media and emits no events, so the kit skips
the scenarios that need them and names the capability.

    python3 clients/python-adapter/adapter.py --port 0     # prints "listening on http://127.0.0.1:PORT"
"""
import argparse
import json
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PROTOCOL = "heygen-client-adapter/1"
CALL_TIMEOUT_S = 30
_start = time.monotonic()


def now_ms():
    """The adapter's monotonic clock, the one every calledAt/settledAt/t is on."""
    return round((time.monotonic() - _start) * 1000, 1)


class ApiError(Exception):
    """A failed call as this client reports it: like the official SDK, the message names only the status."""

    def __init__(self, status, body):
        super().__init__(f"API request failed with status {status}")
        self.status = status
        self.body = body


class HeyGenRest:
    """The REST calls of a streaming session, with a session token (Bearer) or an API key (x-api-key)."""

    def __init__(self, base_url, token=None, api_key=None):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.api_key = api_key
        self.session_id = None

    def call(self, endpoint, body):
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        elif self.api_key:
            headers["x-api-key"] = self.api_key
        request = urllib.request.Request(f"{self.base_url}/v1/{endpoint}", data=json.dumps(body).encode(),
                                         headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=CALL_TIMEOUT_S) as response:
                text = response.read().decode()
        except urllib.error.HTTPError as e:
            raise ApiError(e.code, e.read().decode(errors="replace")) from None
        return (json.loads(text) if text else {}).get("data")

    def create_start_avatar(self, avatar_name, quality, version):
        body = {"version": version or "v2", "quality": quality, "avatar_name": avatar_name}
        data = self.call("streaming.new", {k: v for k, v in body.items() if v is not None})
        self.session_id = data["session_id"]
        self.call("streaming.start", {"session_id": self.session_id})
        return {"sessionId": self.session_id}

    def speak(self, text, task_type, task_mode):
        body = {"session_id": self.session(), "text": text, "task_type": task_type or "repeat"}
        if task_mode:
            body["task_mode"] = task_mode
        data = self.call("streaming.task", body) or {}
        return {"taskId": data.get("task_id"), "durationMs": data.get("duration_ms")}

    def simple(self, endpoint):
        self.call(endpoint, {"session_id": self.session()})
        return None

    def session(self):
        if self.session_id is None:
            raise RuntimeError("create_start_avatar has not succeeded on this client")
        return self.session_id


class Client:
    """One client per scenario: its REST client and the events it emitted (none, for this one)."""

    def __init__(self, tag):
        self.tag = tag
        self.rest = None
        self.events = []

    def run(self, command, args):
        if command == "create_start_avatar":
            self.rest = HeyGenRest(args["baseUrl"], token=args.get("token"), api_key=args.get("apiKey"))
            return self.rest.create_start_avatar(args.get("avatarName"), args.get("quality"), args.get("version"))
        if self.rest is None:
            raise RuntimeError("create_start_avatar has not been called on this client")
        if command == "speak":
            return self.rest.speak(args.get("text"), args.get("taskType"), args.get("taskMode"))
        if command == "interrupt":
            return self.rest.simple("streaming.interrupt")
        if command == "keep_alive":
            return self.rest.simple("streaming.keep_alive")
        if command == "stop_avatar":
            return self.rest.simple("streaming.stop")
        raise NotImplementedError(command)


COMMANDS = {"create_start_avatar", "speak", "interrupt", "keep_alive", "stop_avatar"}


class Adapter:
    def __init__(self):
        self.lock = threading.Lock()
        self.clients = {}
        self.next_id = 1

    # Clients alive at once, as in the kit's own adapters: a caller that never deletes must not grow this forever.
    MAX_CLIENTS = 32

    def create(self, tag):
        with self.lock:
            if len(self.clients) >= self.MAX_CLIENTS:
                return None
            client_id = str(self.next_id)
            self.next_id += 1
            self.clients[client_id] = Client(tag)
            return client_id


def handler_for(adapter, server_ref):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # the kit reports; per-request lines would only be noise
            pass

        def reply(self, status, body=None, headers=None):
            data = b"" if body is None else json.dumps(body).encode()
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if body is not None:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def fail(self, status, code, message):
            self.reply(status, {"error": code, "message": message})

        def body(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length > 1_000_000:
                raise ValueError("request body over 1 MB")
            text = self.rfile.read(length).decode() if length else ""
            value = json.loads(text) if text else {}
            if not isinstance(value, dict):
                raise ValueError("the body must be a JSON object")
            return value

        def parts(self):
            return [p for p in self.path.split("?")[0].split("/") if p]

        def client(self, client_id):
            with adapter.lock:
                return adapter.clients.get(client_id)

        def do_GET(self):
            parts = self.parts()
            if not parts:
                return self.reply(200, {"protocol": PROTOCOL,
                                        "adapter": {"name": "python-rest", "version": "0.1.0"},
                                        "client": {"name": "heygen-rest-python (clients/python-adapter)", "version": "0.1.0"},
                                        "capabilities": ["rest"]})
            if len(parts) == 3 and parts[0] == "clients" and parts[2] == "events":
                client = self.client(parts[1])
                if client is None:
                    return self.fail(404, "no-such-client", f"no client {parts[1]}")
                query = dict(q.split("=", 1) for q in self.path.partition("?")[2].split("&") if "=" in q)
                try:
                    after = int(query.get("after", "0"))
                except ValueError:
                    return self.fail(400, "invalid-argument", "after must be an integer")
                events = [e for e in client.events if e["seq"] > after]
                if not events:  # a long poll: this client never emits, so the wait simply runs out
                    time.sleep(min(int(query.get("waitMs", "0") or 0), 5000) / 1000)
                return self.reply(200, {"events": events, "next": events[-1]["seq"] if events else after})
            return self.fail(404, "not-found", self.path)

        def do_POST(self):
            parts = self.parts()
            try:
                body = self.body()
            except ValueError as e:
                return self.fail(400, "invalid-argument", str(e))
            if parts == ["clients"]:
                client_id = adapter.create(body.get("tag"))
                if client_id is None:
                    return self.fail(429, "too-many-clients", f"{Adapter.MAX_CLIENTS} clients are alive; delete one or POST /reset")
                return self.reply(201, {"id": client_id}, {"Location": f"/clients/{client_id}"})
            if parts == ["reset"]:
                with adapter.lock:
                    adapter.clients.clear()
                return self.reply(204)
            if len(parts) == 3 and parts[0] == "clients" and parts[2] == "commands":
                client = self.client(parts[1])
                if client is None:
                    return self.fail(404, "no-such-client", f"no client {parts[1]}")
                command, args = body.get("command"), body.get("args") or {}
                if command not in COMMANDS:
                    return self.fail(501, "unsupported-command", f"{command} is not supported by this adapter")
                called = now_ms()
                try:
                    value = client.run(command, args)
                    return self.reply(200, {"ok": True, "value": value, "calledAt": called, "settledAt": now_ms()})
                except ApiError as e:
                    error = {"name": "APIError", "message": str(e), "status": e.status, "body": e.body}
                except (KeyError, TypeError) as e:
                    return self.fail(400, "invalid-argument", f"{command}: bad or missing argument {e}")
                except Exception as e:  # a failure of the client itself (network, state) is a result too
                    error = {"name": type(e).__name__, "message": str(e), "status": None, "body": None}
                return self.reply(200, {"ok": False, "error": error, "calledAt": called, "settledAt": now_ms()})
            return self.fail(404, "not-found", self.path)

        def do_DELETE(self):
            parts = self.parts()
            if len(parts) == 2 and parts[0] == "clients":
                with adapter.lock:
                    adapter.clients.pop(parts[1], None)
                return self.reply(204)
            if not parts:
                self.reply(204)
                threading.Thread(target=server_ref[0].shutdown, daemon=True).start()
                return None
            return self.fail(404, "not-found", self.path)

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free one)")
    options = parser.parse_args()
    server_ref = []
    server = ThreadingHTTPServer(("127.0.0.1", options.port), handler_for(Adapter(), server_ref))
    server.daemon_threads = True
    server_ref.append(server)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
