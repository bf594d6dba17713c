"""Every module's main calls from Python, over the Unix socket and over TCP with TLS."""

import datetime

from google.protobuf import timestamp_pb2

from conftest import bearer
from county import DIVISIONS, person, request_id, resident_id
from vets.alliance.v1 import alliance_pb2, alliance_pb2_grpc
from vets.common.v1 import common_pb2
from vets.registry.v1 import registry_pb2, registry_pb2_grpc
from vets.relief.v1 import fund_pb2, fund_pb2_grpc
from vets.volunteers.v1 import volunteers_pb2, volunteers_pb2_grpc


def divisions(channel, token):
    registry_pb2_grpc.DivisionServiceStub(channel).ImportDivisions(
        registry_pb2.ImportDivisionsRequest(request_id=request_id(), csv=DIVISIONS), metadata=bearer(token))


def test_registry_adds_gets_and_searches_people(daemon, channel):
    admin = bearer(daemon.admin)
    divisions(channel, daemon.admin)
    people = registry_pb2_grpc.PeopleServiceStub(channel)
    added = people.AddPerson(registry_pb2.AddPersonRequest(request_id=request_id(), person=person("荣庆华")), metadata=admin)
    assert added.id.startswith("per_")
    got = people.GetPerson(registry_pb2.GetPersonRequest(id=added.id), metadata=admin)
    assert got.data.name == "荣庆华"
    assert got.data.village_code == "370830001001"
    found = people.SearchPersons(registry_pb2.SearchPersonsRequest(name="荣", name_prefix=True), metadata=admin)
    assert added.id in [p.id for p in found.persons]


def test_import_streams_csv_in_and_export_streams_it_out(daemon, channel):
    admin = bearer(daemon.admin)
    divisions(channel, daemon.admin)
    ids = [resident_id("19600101") for _ in range(3)]
    csv = "身份证号,姓名,性别,出生日期,类别,村代码\n" + "".join(
        "%s,志愿者%d,男,1960-01-01,退役士兵,370830001002\n" % (number, i) for i, number in enumerate(ids))
    data = csv.encode()

    def parts():
        yield registry_pb2.ImportPersonsRequest(options=registry_pb2.ImportOptions(request_id=request_id(), atomic=True))
        for start in range(0, len(data), 40):  # chunks that cut through characters
            yield registry_pb2.ImportPersonsRequest(chunk=data[start:start + 40])

    result = registry_pb2_grpc.PeopleServiceStub(channel).ImportPersons(parts(), metadata=admin)
    assert (result.rows_read, result.rows_imported, result.error_count) == (3, 3, 0), result

    chunks = registry_pb2_grpc.PeopleServiceStub(channel).ExportPersons(
        registry_pb2.ExportPersonsRequest(filter=registry_pb2.SearchPersonsRequest(division_code="370830001002")), metadata=admin)
    exported = b"".join(chunk.data for chunk in chunks).decode("utf-8-sig")
    for number in ids:
        assert number in exported


def test_relief_deposits_once_per_request_id(daemon, channel):
    admin = bearer(daemon.admin)
    fund = fund_pb2_grpc.FundServiceStub(channel)
    code = "fund-" + request_id()[:8]
    fund.CreateAccount(fund_pb2.CreateAccountRequest(request_id=request_id(), code=code, name="帮扶基金", kind=fund_pb2.ACCOUNT_KIND_FUND), metadata=admin)
    fund.CreateAccount(fund_pb2.CreateAccountRequest(request_id=request_id(), code=code + "-src", name="爱心企业", kind=fund_pb2.ACCOUNT_KIND_SOURCE),
                       metadata=admin)
    deposit = fund_pb2.DepositRequest(request_id=request_id(), fund=code, source=code + "-src", amount=common_pb2.Money(fen=123456))
    first = fund.Deposit(deposit, metadata=admin)
    again = fund.Deposit(deposit, metadata=admin)
    assert first.id == again.id
    balance = fund.GetBalance(fund_pb2.GetBalanceRequest(fund=code), metadata=admin)
    assert balance.received.fen == 123456, "the retry had no second effect"
    assert balance.available.fen == 123456


def test_alliance_checks_eligibility_with_an_enterprise_token(daemon, channel):
    admin = bearer(daemon.admin)
    divisions(channel, daemon.admin)
    number = resident_id("19480505")
    registry_pb2_grpc.PeopleServiceStub(channel).AddPerson(
        registry_pb2.AddPersonRequest(request_id=request_id(), person=person("王建国", number)), metadata=admin)
    alliance = alliance_pb2_grpc.AllianceServiceStub(channel)
    enterprise = alliance.AddEnterprise(alliance_pb2.AddEnterpriseRequest(
        request_id=request_id(), enterprise=alliance_pb2.Enterprise(
            name="汶上县拥军诊所" + request_id()[:4], credit_code=credit_code(), category=alliance_pb2.ENTERPRISE_CATEGORY_MEDICAL,
            town_code="370830001")), metadata=admin)
    today = datetime.date.today()
    offer = alliance.AddOffer(alliance_pb2.AddOfferRequest(request_id=request_id(), offer=alliance_pb2.Offer(
        enterprise_id=enterprise.id, title="体检八折", benefit=alliance_pb2.BENEFIT_KIND_PERCENT_OFF, percent_off=20,
        valid_from=common_pb2.Date(year=today.year, month=1, day=1), valid_to=common_pb2.Date(year=today.year, month=12, day=31),
        limit_count=1)), metadata=admin)
    shop = bearer(daemon.token("enterprise", "enterprise:" + enterprise.id))
    answer = alliance.CheckEligibility(alliance_pb2.CheckEligibilityRequest(
        offer_id=offer.id, customer=alliance_pb2.Customer(id_number=number)), metadata=shop)
    assert answer.confirmed
    assert answer.masked_name == "王*国"


def test_volunteers_plan_an_activity(daemon, channel):
    admin = bearer(daemon.admin)
    divisions(channel, daemon.admin)
    volunteers = volunteers_pb2_grpc.VolunteerServiceStub(channel)
    org = volunteers.AddOrganisation(volunteers_pb2.AddOrganisationRequest(request_id=request_id(), organisation=volunteers_pb2.Organisation(
        name="爱国拥军促进会", type=volunteers_pb2.ORGANISATION_TYPE_ASSOCIATION, town_code="370830001")), metadata=admin)
    group = volunteers.AddGroup(volunteers_pb2.AddGroupRequest(request_id=request_id(), group=volunteers_pb2.ServiceGroup(
        name="雷锋家政" + request_id()[:4], organisation_id=org.id, direction=volunteers_pb2.DIRECTION_SUPPORT_MILITARY)), metadata=admin)
    start = timestamp_pb2.Timestamp(seconds=1_741_136_400)  # 2025-03-05 09:00 China time
    end = timestamp_pb2.Timestamp(seconds=1_741_143_600)
    activity = volunteers.PlanActivity(volunteers_pb2.PlanActivityRequest(request_id=request_id(), activity=volunteers_pb2.Activity(
        group_ids=[group.id], title="上门保洁", kind=volunteers_pb2.ACTIVITY_KIND_HOUSEKEEPING, starts_at=start, ends_at=end,
        place_code="370830001001", beneficiaries=volunteers_pb2.Beneficiaries(head_count=3))), metadata=admin)
    assert activity.status == volunteers_pb2.ACTIVITY_STATUS_PLANNED
    assert activity.group_ids == [group.id]


def credit_code():
    """A unified social credit code (GB 32100-2015) with its check character."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    body = "91370830" + "".join(alphabet[int(c, 16) % 31] for c in request_id().replace("-", "")[:9]).upper()
    check = (31 - sum(alphabet.index(c) * w for c, w in zip(body, weights)) % 31) % 31
    return body + alphabet[check]
