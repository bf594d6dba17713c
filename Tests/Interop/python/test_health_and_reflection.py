"""The standard health client and the server reflection client, both from grpcio's own
packages, against vetsd."""

import grpc
import pytest
from google.protobuf import descriptor_pool
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

SERVING = health_pb2.HealthCheckResponse.SERVING
UNKNOWN = health_pb2.HealthCheckResponse.SERVICE_UNKNOWN


def check(channel, service):
    return health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=service), timeout=10).status


def test_health_is_serving_for_the_daemon_and_each_enabled_module(daemon):
    with daemon.unix() as channel:
        assert check(channel, "") == SERVING
        for service in ["vets.registry.v1.PeopleService", "vets.relief.v1.FundService", "vets.alliance.v1.AllianceService",
                        "vets.volunteers.v1.VolunteerService", "vets.daemon.v1.TokenService"]:
            assert check(channel, service) == SERVING, service
        with pytest.raises(grpc.RpcError) as error:
            check(channel, "vets.payroll.v1.PayrollService")
        assert error.value.code() == grpc.StatusCode.NOT_FOUND


def test_health_over_tls_answers_for_what_tcp_serves(daemon):
    with daemon.tls() as channel:
        assert check(channel, "") == SERVING
        assert check(channel, "vets.registry.v1.PeopleService") == SERVING
        with pytest.raises(grpc.RpcError) as error:
            check(channel, "vets.daemon.v1.TokenService")
        assert error.value.code() == grpc.StatusCode.NOT_FOUND, "the token service is on the socket only"


def test_a_disabled_modules_services_are_unknown(registry_only):
    with registry_only.unix() as channel:
        assert check(channel, "vets.registry.v1.PeopleService") == SERVING
        assert check(channel, "vets.relief.v1.FundService") == UNKNOWN
        assert check(channel, "vets.volunteers.v1.VolunteerService") == UNKNOWN


def test_the_reflection_client_lists_services_and_resolves_a_methods_input_type(daemon):
    with daemon.unix() as channel:
        database = ProtoReflectionDescriptorDatabase(channel)
        services = set(database.get_services())
        assert {"vets.registry.v1.PeopleService", "vets.relief.v1.CaseService", "vets.daemon.v1.TokenService",
                "grpc.health.v1.Health"} <= services
        pool = descriptor_pool.DescriptorPool(database)
        method = pool.FindMethodByName("vets.registry.v1.PeopleService.GetPerson")
        assert method.input_type.full_name == "vets.registry.v1.GetPersonRequest"
        assert method.output_type.fields_by_name["id"].type == method.output_type.fields_by_name["id"].TYPE_STRING
        money = pool.FindMessageTypeByName("vets.common.v1.Money")
        assert [f.name for f in money.fields] == ["fen"]


def test_reflection_over_tls_lists_only_what_tcp_serves(daemon):
    with daemon.tls() as channel:
        services = set(ProtoReflectionDescriptorDatabase(channel).get_services())
        assert "vets.registry.v1.PeopleService" in services
        assert "vets.daemon.v1.TokenService" not in services
        assert "vets.daemon.v1.AdminService" not in services


def test_the_v1_reflection_service_answers_too(daemon):
    """grpcio-reflection's client speaks v1alpha; v1 has the same messages on the wire."""
    with daemon.unix() as channel:
        call = channel.stream_stream(
            "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
            request_serializer=reflection_pb2.ServerReflectionRequest.SerializeToString,
            response_deserializer=reflection_pb2.ServerReflectionResponse.FromString,
        )
        requests = [reflection_pb2.ServerReflectionRequest(file_containing_symbol="vets.alliance.v1.AllianceService"),
                    reflection_pb2.ServerReflectionRequest(file_containing_symbol="vets.nothing.Here")]
        found, missing = list(call(iter(requests), timeout=10))
        assert len(found.file_descriptor_response.file_descriptor_proto) >= 3, "the file and its imports"
        assert missing.error_response.error_code == grpc.StatusCode.NOT_FOUND.value[0]
