"""A bounded load test of `opapm serve` on loopback: CLIENTS concurrent clients, each on its own kept-alive
connection, send REQUESTS check requests in all, of the ordinary submissions given, and the server's resident
memory is sampled throughout. Prints one JSON line: requests, errors, p50/p99/max latency in ms, requests per
second, and resident memory (MiB) after the first quarter of the requests, at the end, and at most.
Exits 1 when a request failed or memory grew after warm-up by more than 25% (and 16 MiB): a leak per request.
Usage: load-workbench.py BASE_URL SERVER_PID CLIENTS REQUESTS FILE.xml..."""
import http.client
import json
import sys
import threading
import time
import urllib.parse

base, pid, clients, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
bodies = [(name.rsplit("/", 1)[-1], open(name, "rb").read()) for name in sys.argv[5:]]
address = urllib.parse.urlparse(base)


def resident_mib():
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


latencies, errors, lock = [], [], threading.Lock()
next_request = [0]
samples = []  # (requests done, MiB)


def client():
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    while True:
        with lock:
            index = next_request[0]
            if index >= total:
                break
            next_request[0] += 1
        name, body = bodies[index % len(bodies)]
        start = time.perf_counter()
        try:
            connection.request("POST", "/api/check?name=" + urllib.parse.quote(name), body=body,
                               headers={"Content-Type": "application/xml"})
            response = connection.getresponse()
            payload = response.read()
            ok = response.status == 200 and payload.startswith(b"{")
        except Exception as error:  # a dropped connection is an error, then reconnect
            ok = False
            payload = str(error).encode()
            connection.close()
            connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        elapsed = (time.perf_counter() - start) * 1000
        with lock:
            latencies.append(elapsed)
            if not ok:
                errors.append(f"request {index} ({name}): {payload[:200]!r}")
    connection.close()


def sampler(stop):
    while not stop.is_set():
        with lock:
            done = len(latencies)
        samples.append((done, resident_mib()))
        time.sleep(0.1)


stop = threading.Event()
watcher = threading.Thread(target=sampler, args=(stop,))
watcher.start()
began = time.perf_counter()
threads = [threading.Thread(target=client) for _ in range(clients)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
seconds = time.perf_counter() - began
stop.set()
watcher.join()
samples.append((len(latencies), resident_mib()))

latencies.sort()


def percentile(p):
    return round(latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))], 2) if latencies else None


warm = next((mib for done, mib in samples if done >= total // 4), samples[-1][1])
end = samples[-1][1]
peak = max(mib for _, mib in samples)
result = {"requests": len(latencies), "clients": clients, "errors": len(errors), "p50_ms": percentile(50),
          "p99_ms": percentile(99), "max_ms": round(latencies[-1], 2) if latencies else None,
          "per_second": round(len(latencies) / seconds, 1), "rss_warm_mib": round(warm, 1), "rss_end_mib": round(end, 1),
          "rss_peak_mib": round(peak, 1)}
print(json.dumps(result))
for error in errors[:10]:
    print(error)
grew = end - warm > max(16, 0.25 * warm)
if grew:
    print(f"memory grew after warm-up: {warm:.1f} MiB -> {end:.1f} MiB")
sys.exit(1 if errors or grew or len(latencies) != total else 0)
