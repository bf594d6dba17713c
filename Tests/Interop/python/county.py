"""Builders for valid county data: resident ID numbers with their GB 11643 check character,
and the divisions the registry needs before people."""

import itertools
import uuid

from vets.common.v1 import common_pb2
from vets.registry.v1 import registry_pb2

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
DIVISIONS = "code,name\n370830001,中都街道\n370830001001,东关村\n370830001002,西关村\n".encode()
_sequence = itertools.count(100)


def resident_id(born="19500312", sequence=None):
    """An ID number for a man (an odd 17th digit) born on `born` (YYYYMMDD)."""
    first17 = "370830" + born + "%03d" % (2 * (sequence if sequence is not None else next(_sequence)) + 1)
    return first17 + CHECK[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


def request_id():
    return str(uuid.uuid4())


def person(name="荣庆华", id_number=None, category=registry_pb2.CATEGORY_DISCHARGED_SOLDIER):
    """A man born on the date his ID number gives."""
    number = id_number or resident_id()
    return registry_pb2.PersonInput(
        id_number=number,
        name=name,
        sex=registry_pb2.SEX_MALE,
        birth_date=common_pb2.Date(year=int(number[6:10]), month=int(number[10:12]), day=int(number[12:14])),
        categories=[registry_pb2.PersonCategory(category=category)],
        village_code="370830001001",
        enlisted_on=common_pb2.Date(year=1968, month=3, day=1),
        discharged_on=common_pb2.Date(year=1975, month=4, day=1),
    )
