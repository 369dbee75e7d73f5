#!/usr/bin/env python3
"""Stream clients for benchmark/dashboard.sh: N concurrent readers of dashboard-service's SSE stream.

    sse-probe.py --base http://localhost:8084 --token-file T --clients 200 --after 1234 --out DIR

Python 3 standard library only (asyncio, one thread for all clients). Every client trades the bearer
token for its own stream ticket (POST /dashboard/stream-tickets), opens
GET /dashboard/stream?ticket=..&lastEventId=<after> and reads the body (HTTP/1.1 chunked) as it comes.

Per client it checks the feed ids: the first must be after+1, each next one the previous + 1 (the feed
is gap-free and the token sees every department), so "received every item" is: no gap, no duplicate,
and the last id reaches the feed's final id. Client 0 also notes, for every activity item, the wall
clock (time.time_ns) right after the read that completed its frame, with the item's type, subject,
title and occurredAt: the clock points for the commit -> browser latency.

Files in DIR: ready (written when every client has its 200 response headers), and, after DIR/target
appears (holding the final feed id) and every client reached it or --drain-timeout passed:
clients.json (per client: first, last, count, gaps, duplicates, resets, error) and arrivals.tsv
(client 0: id, arrival epoch ns, type, subject, occurredAt, title).

Latency (a separate mode, after the run):
    sse-probe.py latency --arrivals DIR/arrivals.tsv --tag RUNTAG [--responses WRKDIR]
prints JSON with p50/p99/max of arrival - occurredAt for the idea.submitted items whose title carries
RUNTAG (the wrk run id), and, with the wrk response log, of arrival - the client's receipt of the 201 response.
"""
import argparse
import asyncio
import datetime
import glob
import json
import os
import re
import sys
import time
import urllib.parse
import urllib.request

ID_LINE = re.compile(rb"^id: ?(\d+)\r?$", re.M)
RESET = re.compile(rb"^event: ?reset\r?$", re.M)


def ticket(base, token):
    req = urllib.request.Request(base + "/dashboard/stream-tickets", data=b"", method="POST",
                                 headers={"Authorization": "Bearer " + token, "Accept": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.load(resp)["ticket"]


class Client:
    def __init__(self, index, after, timing):
        self.index = index
        self.expected = after + 1
        self.first = None
        self.last = after
        self.count = 0
        self.gaps = 0
        self.duplicates = 0
        self.resets = 0
        self.error = None
        self.timing = timing
        self.arrivals = []  # client 0 only
        self.connected = False
        self.tail = b""  # an incomplete line/frame carried to the next read

    def ids(self, text):
        """Count the feed ids in complete SSE text (whole lines)."""
        if RESET.search(text):
            self.resets += 1
        for m in ID_LINE.finditer(text):
            n = int(m.group(1))
            if self.first is None:
                self.first = n
            if n == self.expected:
                pass
            elif n <= self.last:
                self.duplicates += 1
                continue
            else:
                self.gaps += 1
            self.count += 1
            self.last = n
            self.expected = n + 1

    def frames(self, text, now_ns):
        """Client 0: parse whole frames (blank-line separated) for the timing of each activity item."""
        data = self.tail + text
        parts = data.split(b"\n\n")
        self.tail = parts.pop()
        for frame in parts:
            event, ident, payload = None, None, None
            for line in frame.split(b"\n"):
                if line.startswith(b"event:"):
                    event = line[6:].strip()
                elif line.startswith(b"id:"):
                    ident = line[3:].strip()
                elif line.startswith(b"data:"):
                    payload = line[5:].strip()
            if event == b"activity" and payload:
                item = json.loads(payload)
                self.arrivals.append((int(ident), now_ns, item.get("type", ""), item.get("subject", ""),
                                      item.get("occurredAt", ""), item.get("title", "")))
            self.ids(frame + b"\n")


async def run_client(client, host, port, path, ready):
    try:
        reader, writer = await asyncio.open_connection(host, port, limit=1 << 20)
        writer.write(("GET %s HTTP/1.1\r\nHost: %s:%d\r\nAccept: text/event-stream\r\n\r\n"
                      % (path, host, port)).encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status = head.split(b" ", 2)[1]
        if status != b"200":
            body = await reader.read(2000)
            client.error = "HTTP %s %s" % (status.decode(), body[:300].decode(errors="replace"))
            ready()
            return
        if b"chunked" not in head.lower():
            client.error = "expected a chunked response"
            ready()
            return
        client.connected = True
        ready()
        # HTTP/1.1 chunked body: size line, data, CRLF. Lines inside the SSE text are handled on whole lines:
        # a chunk may end mid-line, so text is passed on only up to its last newline.
        pending = b""
        while True:
            size_line = await reader.readline()
            if not size_line:
                client.error = client.error or "closed by the server"
                return
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                client.error = "end of stream"
                return
            chunk = await reader.readexactly(size + 2)
            now_ns = time.time_ns()
            pending += chunk[:-2]
            cut = pending.rfind(b"\n")
            if cut < 0:
                continue
            text, pending = pending[:cut + 1], pending[cut + 1:]
            if client.timing:
                client.frames(text, now_ns)
            else:
                client.ids(text)
    except asyncio.CancelledError:
        raise
    except Exception as e:  # noqa: BLE001 - reported per client
        client.error = "%s: %s" % (type(e).__name__, e)
        ready()


async def probe(args):
    token = open(args.token_file).read().strip()
    base = args.base.rstrip("/")
    u = urllib.parse.urlparse(base)
    host, port = u.hostname, u.port or 80
    clients = [Client(i, args.after, i == 0) for i in range(args.clients)]
    tickets = [ticket(base, token) for _ in clients]
    remaining = [len(clients)]

    def ready():
        remaining[0] -= 1
        if remaining[0] == 0:
            with open(os.path.join(args.out, "ready"), "w") as f:
                f.write("%d connected of %d\n" % (sum(c.connected for c in clients), len(clients)))

    tasks = []
    for c, t in zip(clients, tickets):
        path = "/dashboard/stream?" + urllib.parse.urlencode({"ticket": t, "lastEventId": args.after})
        tasks.append(asyncio.create_task(run_client(c, host, port, path, ready)))
    target_file = os.path.join(args.out, "target")
    while not os.path.exists(target_file):
        await asyncio.sleep(0.2)
    await asyncio.sleep(0.1)
    target = int(open(target_file).read().strip())
    deadline = time.monotonic() + args.drain_timeout
    while time.monotonic() < deadline and any(c.last < target and not c.error for c in clients):
        await asyncio.sleep(0.2)
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    per = [{"client": c.index, "first": c.first, "last": c.last, "count": c.count, "gaps": c.gaps,
            "duplicates": c.duplicates, "resets": c.resets, "error": c.error} for c in clients]
    complete = [p for p in per if p["last"] >= target and p["gaps"] == 0 and p["duplicates"] == 0
                and p["count"] == target - args.after]
    summary = {"after": args.after, "target": target, "expected_per_client": target - args.after,
               "clients": len(clients), "complete": len(complete),
               "connected": sum(c.connected for c in clients),
               "with_gaps": sum(1 for p in per if p["gaps"]), "with_duplicates": sum(1 for p in per if p["duplicates"]),
               "with_resets": sum(1 for p in per if p["resets"]),
               "errors": sorted({p["error"] for p in per if p["error"]}),
               "received_min": min(p["count"] for p in per), "received_max": max(p["count"] for p in per)}
    with open(os.path.join(args.out, "clients.json"), "w") as f:
        json.dump({"summary": summary, "clients": per}, f, indent=1)
    with open(os.path.join(args.out, "arrivals.tsv"), "w") as f:
        for a in clients[0].arrivals:
            f.write("\t".join(str(x).replace("\t", " ") for x in a) + "\n")
    print(json.dumps(summary))


def instant_ns(text):
    """ISO-8601 instant (Z or offset, up to 9 fraction digits) -> epoch ns."""
    m = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$", text)
    if not m:
        raise ValueError("not an instant: " + text)
    zone = "+00:00" if m.group(3) == "Z" else m.group(3)
    whole = datetime.datetime.fromisoformat(m.group(1) + zone)
    frac = (m.group(2) or "").ljust(9, "0")[:9]
    return int(whole.timestamp()) * 1_000_000_000 + int(frac)


def percentiles(values):
    if not values:
        return {"n": 0}
    v = sorted(values)

    def p(q):  # nearest rank
        return round(v[max(0, min(len(v) - 1, int(-(-q * len(v) // 100)) - 1))], 1)
    return {"n": len(v), "p50": p(50), "p90": p(90), "p99": p(99), "max": round(v[-1], 1),
            "min": round(v[0], 1), "mean": round(sum(v) / len(v), 1)}


def latency(args):
    from_occurred, from_response, by_subject = [], [], {}
    with open(args.arrivals) as f:
        for line in f:
            ident, arrival, typ, subject, occurred, title = line.rstrip("\n").split("\t", 5)
            if typ != "idea.submitted" or args.tag + "-t" not in title:
                continue
            by_subject[subject] = int(arrival)
            from_occurred.append((int(arrival) - instant_ns(occurred)) / 1e6)
    matched, posted = 0, 0
    if args.responses:
        for path in glob.glob(os.path.join(args.responses, "responses-*.txt")):
            with open(path) as f:
                for line in f:
                    parts = line.split()
                    if len(parts) != 3 or parts[2] != args.tag:
                        continue
                    posted += 1
                    arrival = by_subject.get(parts[0])
                    if arrival is not None:
                        matched += 1
                        from_response.append(arrival / 1e6 - float(parts[1]))
    print(json.dumps({"items": len(from_occurred), "posted": posted, "matched": matched,
                      "from_occurred_ms": percentiles(from_occurred),
                      "from_response_ms": percentiles(from_response)}))


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "latency":
        ap = argparse.ArgumentParser(prog="sse-probe.py latency")
        ap.add_argument("--arrivals", required=True)
        ap.add_argument("--tag", required=True)
        ap.add_argument("--responses")
        latency(ap.parse_args(sys.argv[2:]))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--token-file", required=True)
    ap.add_argument("--clients", type=int, default=1)
    ap.add_argument("--after", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--drain-timeout", type=float, default=120)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    asyncio.run(probe(args))


if __name__ == "__main__":
    main()
