"""The contract other systems program against, checked over every RPC of every service in
proto/vets, the way a foreign client meets it:

- an INVALID_ARGUMENT names the field by its path in the request message ("person.id_number"),
  in the message and in the status details (google.rpc.BadRequest), and that path exists;
- every field a handler refuses when it is left empty says "Required" in its comment in the
  .proto file.

Each method is called as a role its access rule admits, starting from an empty request: a
field refused while empty is checked, filled with a plausible value, and the call made again,
until the daemon answers with anything but the refusal of an empty field."""

import datetime
import os
import shutil
import tempfile
import uuid

import grpc
import pytest
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from conftest import Daemon, bearer
from county import resident_id

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
ROLES = ["admin", "clerk", "approver", "auditor", "coordinator", "system"]


def source_descriptors():
    """proto/vets compiled with its comments (source info), as protoc sees the files."""
    from grpc_tools import protoc
    import grpc_tools

    include = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    out = os.path.join(os.environ.get("TMPDIR", "/tmp"), "vets-contract-%s.pb" % uuid.uuid4().hex[:8])
    protos = sorted(
        os.path.relpath(os.path.join(d, f), os.path.join(ROOT, "proto"))
        for d, _, files in os.walk(os.path.join(ROOT, "proto", "vets"))
        for f in files
        if f.endswith(".proto")
    )
    args = ["protoc", "-I" + os.path.join(ROOT, "proto"), "-I" + include, "--include_source_info", "--include_imports",
            "--descriptor_set_out=" + out] + protos
    assert protoc.main(args) == 0, "protoc failed on proto/vets"
    with open(out, "rb") as f:
        files = descriptor_pb2.FileDescriptorSet.FromString(f.read())
    os.remove(out)
    return files


class Contract:
    """Comments and shapes of every message, and every method of every service."""

    def __init__(self):
        self.comments = {}  # "pkg.Message.field" -> leading and trailing comment text
        self.methods = []  # (service full name, method name, input full name)
        self.pool = descriptor_pool.DescriptorPool()
        files = source_descriptors()
        for f in files.file:
            self.pool.Add(f)
        for f in files.file:
            if not f.package.startswith("vets."):
                continue
            locations = {tuple(l.path): l for l in f.source_code_info.location}
            for i, m in enumerate(f.message_type):
                self._message(f.package, m, (4, i), locations)
            for s in f.service:
                for m in s.method:
                    if not m.client_streaming and not m.server_streaming:
                        self.methods.append(("%s.%s" % (f.package, s.name), m.name, m.input_type.lstrip(".")))

    def _message(self, prefix, m, path, locations):
        name = "%s.%s" % (prefix, m.name)
        for j, field in enumerate(m.field):
            l = locations.get(path + (2, j))
            text = (l.leading_comments + " " + l.trailing_comments) if l else ""
            self.comments["%s.%s" % (name, field.name)] = text
        for j, nested in enumerate(m.nested_type):
            self._message(name, nested, path + (3, j), locations)

    def message_class(self, full_name):
        return message_factory.GetMessageClass(self.pool.FindMessageTypeByName(full_name))

    def resolve(self, message_name, path):
        """The (message, field) descriptors a dotted path names, or None where it names nothing."""
        descriptor = self.pool.FindMessageTypeByName(message_name)
        field = None
        for part in path.split("."):
            part = part.split("[")[0]
            if descriptor is None or part not in descriptor.fields_by_name:
                return None
            field = descriptor.fields_by_name[part]
            owner = descriptor
            descriptor = field.message_type
        return owner, field


@pytest.fixture(scope="module")
def contract():
    return Contract()


@pytest.fixture(scope="module")
def probed():
    """A daemon of its own: the probe's filled-in calls may succeed and write."""
    root = tempfile.mkdtemp(prefix="vetsd-py-contract-")
    # The probe's many refused and failed writes are what it checks; the per-token allowance
    # of audit records for them (refused_writes_per_minute) is not.
    d = Daemon(root, tcp=False, config="[daemon.limits]\nrefused_writes_per_minute = 100000\n")
    yield d
    d.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def tokens(probed):
    return {role: probed.admin if role == "admin" else probed.token(role) for role in ROLES}


# Values of the right form for fields with one, so that the probe gets past their format.
FORMS = {
    "village_code": "370830001001", "town_code": "370830001", "division_code": "370830001",
    "id_number": resident_id(), "phone": "13812345678", "scope": "county", "fund": "assistance",
    "source": "army-support", "name": "荣庆华", "reported_by": "东关村老兵话吧",
}


def plausible(request, owner, field):
    """Fills `field` of the message at the end of the path with a value of its type."""
    today = datetime.date.today()
    repeated = field.is_repeated if hasattr(field, "is_repeated") else field.label == field.LABEL_REPEATED
    if repeated:
        target = getattr(request, field.name)
        if field.message_type is not None:
            target.add()
        elif field.type == field.TYPE_ENUM:
            target.append(field.enum_type.values[1].number)
        elif field.type == field.TYPE_STRING:
            target.append("x")
        else:
            target.append(1)
        return
    if field.message_type is not None:
        sub = getattr(request, field.name)
        full = field.message_type.full_name
        if full == "vets.common.v1.Date":
            sub.year, sub.month, sub.day = today.year, today.month, today.day
        elif full == "vets.common.v1.Money":
            sub.fen = 100
        elif full == "google.protobuf.Timestamp":
            sub.GetCurrentTime()
        else:
            sub.SetInParent()
    elif field.type == field.TYPE_ENUM:
        setattr(request, field.name, field.enum_type.values[1].number)
    elif field.type == field.TYPE_STRING:
        setattr(request, field.name, str(uuid.uuid4()) if field.name == "request_id" else FORMS.get(field.name, "x"))
    elif field.type == field.TYPE_BOOL:
        setattr(request, field.name, True)
    else:
        setattr(request, field.name, 1)


def leaf(request, path):
    """The message that holds the last field of a dotted path, made present along the way."""
    target = request
    for part in path.split(".")[:-1]:
        name, _, index = part.partition("[")
        target = getattr(target, name)
        if index:
            i = int(index.rstrip("]"))
            while len(target) <= i:
                target.add()
            target = target[i]
    return target


def call(channel, tokens, service, method, request, response_class):
    """The method's answer as the first role its access rule admits."""
    stub = channel.unary_unary(
        "/%s/%s" % (service, method),
        request_serializer=lambda m: m.SerializeToString(),
        response_deserializer=response_class.FromString,
    )
    last = None
    for role in ROLES:
        try:
            stub(request, metadata=bearer(tokens[role]), timeout=30)
            return None
        except grpc.RpcError as error:
            last = error
            if error.code() == grpc.StatusCode.PERMISSION_DENIED and "role" in error.details():
                continue
            return error
    return last


def test_every_refused_field_is_named_by_its_path_and_every_required_field_is_marked(probed, contract, tokens):
    problems = []
    checked = required = 0
    with probed.unix() as channel:
        for service, method, input_name in contract.methods:
            request_class = contract.message_class(input_name)
            method_descriptor = contract.pool.FindServiceByName(service).methods_by_name[method]
            response_class = message_factory.GetMessageClass(method_descriptor.output_type)
            request = request_class()
            filled = set()
            for _ in range(16):
                error = call(channel, tokens, service, method, request, response_class)
                if error is None or error.code() != grpc.StatusCode.INVALID_ARGUMENT:
                    break
                checked += 1
                where = "%s/%s" % (service.split(".")[-1], method)
                text = error.details()
                path, _, rule = text.partition(": ")
                named = violations(error)
                if named != [path]:
                    problems.append("%s: details name %r, the message %r" % (where, named, text))
                resolved = contract.resolve(input_name, path)
                if resolved is None:
                    problems.append("%s: %r names no field of %s" % (where, path, input_name))
                    break
                owner, field = resolved
                # A refusal of a field the request left empty makes it required, whatever
                # the words; one of a value the probe gave ends the probe of this method.
                if path in filled:
                    break
                filled.add(path)
                required += 1
                comment = contract.comments.get("%s.%s" % (owner.full_name, field.name), "")
                if "Required" not in comment:
                    problems.append("%s: %s is required but the comment of %s.%s does not say so"
                                    % (where, path, owner.full_name, field.name))
                plausible(leaf(request, path), owner, field)
    assert checked > 100, "the probe met only %d refusals: is the daemon answering?" % checked
    assert required > 50, "only %d required fields met" % required
    assert not problems, "\n".join(problems)


def shaped_fields(descriptor, prefix="", depth=0):
    """(path, field) of every enum and repeated scalar field a request can carry, through
    nested messages (two levels deep, which every request message fits in)."""
    for field in descriptor.fields:
        repeated = field.is_repeated if hasattr(field, "is_repeated") else field.label == field.LABEL_REPEATED
        path = prefix + field.name
        if field.message_type is not None:
            if depth < 2 and not field.message_type.GetOptions().map_entry:
                yield from shaped_fields(field.message_type, path + ("[0]." if repeated else "."), depth + 1)
        elif field.type == field.TYPE_ENUM or repeated:
            yield path, field


def violations(error):
    status = rpc_status.from_call(error)
    found = []
    for detail in status.details if status else []:
        bad = error_details_pb2.BadRequest()
        if detail.Unpack(bad):
            found += [v.field for v in bad.field_violations]
    return found


def test_every_enum_out_of_its_values_and_every_repeated_entry_given_twice_is_refused_naming_the_field(
        probed, contract, tokens):
    """Issue 16, items 13 and 17, for every request message: an enum number outside the
    enum's values, a repeated field with one entry twice, and one with 1,001 entries are
    INVALID_ARGUMENT naming the field, before any handler reads the request."""
    problems = []
    checked = 0
    with probed.unix() as channel:
        for service, method, input_name in contract.methods:
            request_class = contract.message_class(input_name)
            response_class = message_factory.GetMessageClass(
                contract.pool.FindServiceByName(service).methods_by_name[method].output_type)
            for path, field in shaped_fields(request_class.DESCRIPTOR):
                repeated = field.is_repeated if hasattr(field, "is_repeated") else field.label == field.LABEL_REPEATED
                cases = []
                if field.type == field.TYPE_ENUM:
                    cases.append(("99", path + ("[0]" if repeated else ""), [99] if repeated else 99))
                if repeated:
                    one = field.enum_type.values[1].number if field.type == field.TYPE_ENUM else (
                        "x" if field.type == field.TYPE_STRING else 1)
                    cases.append(("twice", path, [one, one]))
                    if field.type == field.TYPE_STRING:
                        cases.append(("1001", path, ["x%d" % i for i in range(1001)]))
                for case, expected, value in cases:
                    request = request_class()
                    target = leaf(request, path)
                    name = path.split(".")[-1]
                    if repeated:
                        getattr(target, name).extend(value)
                    else:
                        setattr(target, name, value)
                    error = call(channel, tokens, service, method, request, response_class)
                    checked += 1
                    where = "%s/%s %s=%s" % (service.split(".")[-1], method, path, case)
                    if error is None or error.code() != grpc.StatusCode.INVALID_ARGUMENT:
                        problems.append("%s: answered %s" % (where, "OK" if error is None else error.code()))
                    elif violations(error) != [expected]:
                        problems.append("%s: names %r, not %r (%s)" % (where, violations(error), expected, error.details()))
    assert checked > 50, "only %d cases checked" % checked
    assert not problems, "\n".join(problems)
