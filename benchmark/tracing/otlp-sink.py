#!/usr/bin/env python3
"""An OTLP/HTTP traces sink for benchmark/tracing-cost.sh: accepts POST /v1/traces (protobuf), answers
200 with an empty ExportTraceServiceResponse and counts requests and bytes; writes the counts to the
file named by its second argument when it is stopped (SIGTERM). Not a collector: nothing is decoded."""
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
STATS = sys.argv[2]
lock = threading.Lock()
counts = {"requests": 0, "bytes": 0}


class Sink(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock:
            counts["requests"] += 1
            counts["bytes"] += len(body)
        self.send_response(200 if self.path.endswith("/v1/traces") else 404)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", PORT), Sink)


def stop(*_):
    with open(STATS, "w") as out:
        out.write("otlp_requests=%d\notlp_bytes=%d\n" % (counts["requests"], counts["bytes"]))
    threading.Thread(target=server.shutdown).start()


signal.signal(signal.SIGTERM, stop)
server.serve_forever()
