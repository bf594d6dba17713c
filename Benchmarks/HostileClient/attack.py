"""Issue 16, items 2 and 5, against a vetsd binary (debug or release): RSS under 200 x 15 MB Health/Check
bodies without a token over 8 TCP connections, then descriptors under 3,000 idle TCP
connections, and whether health still answers on the socket."""
import os, re, socket, subprocess, sys, tempfile, threading, time
import grpc

binary = sys.argv[1]
root = tempfile.mkdtemp(prefix="vetsd-attack-")
conf = os.path.join(root, "v.toml")
open(conf, "w").write('[daemon.tcp]\nlisten = "127.0.0.1:0"\ninsecure = true\n')
log = open(os.path.join(root, "log"), "w+")
p = subprocess.Popen([binary, "--data-dir", root + "/data", "--socket", root + "/s.sock", "--config", conf], stderr=log)
port = None
for _ in range(300):
    log.seek(0); m = re.search(r"tcp=127\.0\.0\.1:(\d+)", log.read())
    if m: port = int(m.group(1)); break
    time.sleep(0.1)
def status(field):
    for line in open("/proc/%d/status" % p.pid):
        if line.startswith(field + ":"): return int(line.split()[1])
def fds(): return len(os.listdir("/proc/%d/fd" % p.pid))
def health_on_socket():
    ch = grpc.insecure_channel("unix:" + root + "/s.sock")
    try:
        ch.unary_unary("/grpc.health.v1.Health/Check")(b"", timeout=10); return "ok"
    except grpc.RpcError as e: return str(e.code())
    finally: ch.close()
print("binary", binary)
print("start: VmRSS %d kB, VmHWM %d kB, fds %d" % (status("VmRSS"), status("VmHWM"), fds()))
body = b"\x0a" + bytes([0x80, 0xc3, 0x93, 0x07]) + b"x" * 15_000_000  # field 1, 15,000,000 bytes
codes = {}
lock = threading.Lock()
def attack():
    ch = grpc.insecure_channel("127.0.0.1:%d" % port, options=[("grpc.max_send_message_length", -1)])
    call = ch.unary_unary("/grpc.health.v1.Health/Check")
    for _ in range(25):
        try: call(body, timeout=60); c = "OK"
        except grpc.RpcError as e: c = str(e.code())
        with lock: codes[c] = codes.get(c, 0) + 1
    ch.close()
t0 = time.time()
threads = [threading.Thread(target=attack) for _ in range(8)]
[t.start() for t in threads]; [t.join() for t in threads]
print("item 2: 200 x 15 MB in %.1f s: %s; VmHWM %d kB, VmRSS after %d kB" % (time.time() - t0, codes, status("VmHWM"), status("VmRSS")))
idle = []
for i in range(3000):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5); idle.append(s)
    except OSError as e:
        print("connect failed at", i, e); break
time.sleep(1)
print("item 5: 3000 idle TCP connections opened: daemon fds %d; health on the socket: %s" % (fds(), health_on_socket()))
closed = 0
for s in idle:
    s.setblocking(False)
    try:
        if s.recv(1) == b"": closed += 1
    except BlockingIOError: pass
    except OSError: closed += 1
print("item 5: closed by the daemon at once: %d of %d" % (closed, len(idle)))
p.terminate(); p.wait()
