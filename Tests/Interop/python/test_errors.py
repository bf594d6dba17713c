"""What a foreign client sees when it gets things wrong: the status and a message naming the
field, no token, the wrong role, and a retried request_id."""

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from conftest import bearer
from county import person, request_id
from vets.registry.v1 import registry_pb2, registry_pb2_grpc


def add(channel, token, data, rid=None):
    return registry_pb2_grpc.PeopleServiceStub(channel).AddPerson(
        registry_pb2.AddPersonRequest(request_id=rid or request_id(), person=data), metadata=bearer(token) if token else None)


def test_a_bad_id_number_names_the_field(daemon, channel):
    bad = person(id_number="370830195003120019")  # wrong check character
    with pytest.raises(grpc.RpcError) as error:
        add(channel, daemon.admin, bad)
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    # The field's path in the request, in the message and in the status details.
    assert error.value.details().startswith("person.id_number: check character"), error.value.details()
    status = rpc_status.from_call(error.value)
    bad = error_details_pb2.BadRequest()
    assert status.details[0].Unpack(bad)
    assert [v.field for v in bad.field_violations] == ["person.id_number"]


def test_a_bad_page_size_names_the_field(daemon, channel):
    with pytest.raises(grpc.RpcError) as error:
        registry_pb2_grpc.PeopleServiceStub(channel).SearchPersons(
            registry_pb2.SearchPersonsRequest(page={"page_size": 100000}), metadata=bearer(daemon.admin))
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "page" in error.value.details()


def test_no_token_is_unauthenticated(channel):
    with pytest.raises(grpc.RpcError) as error:
        add(channel, None, person())
    assert error.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_the_wrong_role_is_denied(daemon, channel):
    auditor = daemon.token("auditor")
    with pytest.raises(grpc.RpcError) as error:
        add(channel, auditor, person())
    assert error.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert "auditor" in error.value.details()
    # The role, the roles that may and the method travel as a google.rpc.ErrorInfo, for a
    # client (vetsctl, the console) to say in its own words.
    status = rpc_status.from_call(error.value)
    info = error_details_pb2.ErrorInfo()
    assert status.details[0].Unpack(info)
    assert (info.reason, info.domain) == ("ROLE_NOT_ALLOWED", "vetsd")
    assert info.metadata["role"] == "auditor" and "clerk" in info.metadata["needs"].split(","), info.metadata
    assert info.metadata["method"] == "vets.registry.v1.PeopleService/AddPerson"


def test_a_retried_request_id_has_its_effect_once(daemon, channel):
    from test_modules import divisions

    divisions(channel, daemon.admin)
    rid = request_id()
    data = person("李红梅")
    first = add(channel, daemon.admin, data, rid)
    second = add(channel, daemon.admin, data, rid)
    assert first.id == second.id
    found = registry_pb2_grpc.PeopleServiceStub(channel).SearchPersons(
        registry_pb2.SearchPersonsRequest(id_number=data.id_number), metadata=bearer(daemon.admin))
    assert [p.id for p in found.persons] == [first.id]
    other = person("李红梅")
    with pytest.raises(grpc.RpcError) as error:
        add(channel, daemon.admin, other, rid)
    assert error.value.code() == grpc.StatusCode.FAILED_PRECONDITION, "the same request_id with other content is refused"


def test_an_oversized_body_without_a_token_is_resource_exhausted_not_cancelled(channel):
    """Issue 16, item 2, as grpcio sees it: the daemon refuses from the length prefix, and its
    trailers (then RST_STREAM NO_ERROR) reach the client as RESOURCE_EXHAUSTED."""
    check = channel.unary_unary("/grpc.health.v1.Health/Check")
    body = b"\x0a" + bytes([0xa0, 0x8d, 0x06]) + b"x" * 100_000  # field 1: 100,000 bytes
    with pytest.raises(grpc.RpcError) as error:
        check(body, timeout=30)
    assert error.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED, error.value
    assert "may send at most 4096 bytes" in error.value.details()
