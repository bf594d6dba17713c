"""Starts the real vetsd for the suite: a Unix socket and TCP with TLS, certificates made with
openssl, and tokens of several roles created through the token service."""

import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import uuid

import grpc
import pytest

from vets.daemon.v1 import tokens_pb2, tokens_pb2_grpc


class Daemon:
    def __init__(self, root, enabled=None, tcp=True, config=""):
        self.root = root
        self.data = os.path.join(root, "data")
        self.socket = os.path.join(root, "run", "vetsd.sock")
        self.certs = os.path.join(root, "tls")
        self.lines = []
        self.cond = threading.Condition()
        if enabled is not None:
            config += "[modules]\nenabled = [%s]\n" % ", ".join('"%s"' % m for m in enabled)
        if tcp:
            make_certificates(self.certs)
            config += (
                '[daemon.tcp]\nlisten = "127.0.0.1:0"\ntls_cert = "{0}/server.pem"\ntls_key = "{0}/server.key"\n'
                "reflection = true\n".format(self.certs)
            )
        path = os.path.join(root, "vetsd.toml")
        with open(path, "w") as f:
            f.write(config)
        self.process = subprocess.Popen(
            [os.environ["VETSD_BIN"], "--config", path, "--data-dir", self.data, "--socket", self.socket],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for("socket=")
        self.port = None
        if tcp:
            line = self.wait_for("tcp=")
            self.port = int(re.search(r"tcp=[^ ]*:(\d+)", line).group(1))
        with open(os.path.join(self.data, "admin.token")) as f:
            self.admin = f.read().strip()

    def _read(self):
        for line in self.process.stderr:
            with self.cond:
                self.lines.append(line)
                self.cond.notify_all()
        with self.cond:
            self.lines.append(None)
            self.cond.notify_all()

    def wait_for(self, needle, timeout=60):
        def found():
            return next((l for l in self.lines if l is None or needle in l), False)

        with self.cond:
            line = self.cond.wait_for(found, timeout)
        if not line:
            raise RuntimeError("vetsd did not log %r: %s" % (needle, "".join(l for l in self.lines if l)))
        return line

    def unix(self):
        return grpc.insecure_channel("unix://" + self.socket)

    def tls(self):
        with open(os.path.join(self.certs, "ca.pem"), "rb") as f:
            credentials = grpc.ssl_channel_credentials(root_certificates=f.read())
        return grpc.secure_channel("localhost:%d" % self.port, credentials)

    def token(self, role, scope="county", name=None):
        with self.unix() as channel:
            response = tokens_pb2_grpc.TokenServiceStub(channel).CreateToken(
                tokens_pb2.CreateTokenRequest(
                    request_id=str(uuid.uuid4()), name=name or role + "-" + uuid.uuid4().hex[:6],
                    role=tokens_pb2.Role.Value("ROLE_" + role.upper()), scope=scope,
                ),
                metadata=bearer(self.admin),
            )
        return response.secret

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)


def bearer(token):
    return (("authorization", "Bearer " + token),)


def make_certificates(folder):
    os.makedirs(folder, exist_ok=True)
    script = """
    set -e
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=test-ca -keyout ca.key -out ca.pem
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=server -keyout server.key -out server.csr
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\nbasicConstraints=CA:FALSE\\n' > server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext -out server.pem
    """
    subprocess.run(["sh", "-c", script], cwd=folder, check=True, capture_output=True)


@pytest.fixture(scope="session")
def daemon():
    root = tempfile.mkdtemp(prefix="vetsd-py-")
    d = Daemon(root)
    yield d
    d.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def registry_only():
    root = tempfile.mkdtemp(prefix="vetsd-py-")
    d = Daemon(root, enabled=["registry"], tcp=False)
    yield d
    d.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["unix", "tls"])
def channel(request, daemon):
    """Each module test runs over the Unix socket and over TCP with TLS."""
    with getattr(daemon, request.param)() as c:
        yield c
