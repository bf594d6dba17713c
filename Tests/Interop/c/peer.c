/* A protobuf-c peer: proves a C system reads and writes vets.registry.v1 and vets.common.v1 bytes. */
/*
 * Usage:
 *   peer roundtrip <full.message.Name> <in.bin> <out.bin>
 *       unpacks in.bin as the message with protobuf-c, packs it again into out.bin, and prints
 *       "<name>: <n> bytes in, <n> bytes out, <n> unknown fields" (the top-level unknown fields).
 *   peer write <dir>
 *       builds messages field by field in C and writes them as <dir>/<file>.bin; the values are
 *       mirrored in Tests/EndToEndTests/ProtobufCTests.swift.
 * Any failure prints "peer: ..." on stderr and exits 1. This file is UTF-8.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <protobuf-c/protobuf-c.h>

#include "google/protobuf/timestamp.pb-c.h"
#include "vets/common/v1/common.pb-c.h"
#include "vets/registry/v1/registry.pb-c.h"

/* The messages `roundtrip` knows by their full proto name. */
static const ProtobufCMessageDescriptor *const known_messages[] = {
  &google__protobuf__timestamp__descriptor,
  &vets__common__v1__money__descriptor,
  &vets__common__v1__date__descriptor,
  &vets__common__v1__page_request__descriptor,
  &vets__registry__v1__person_category__descriptor,
  &vets__registry__v1__person_input__descriptor,
  &vets__registry__v1__person__descriptor,
  &vets__registry__v1__update_person_request__descriptor,
  &vets__registry__v1__history_entry__descriptor,
  &vets__registry__v1__list_person_history_response__descriptor,
  &vets__registry__v1__search_persons_request__descriptor,
  &vets__registry__v1__search_persons_response__descriptor,
  &vets__registry__v1__duplicate_group__descriptor,
  &vets__registry__v1__import_options__descriptor,
  &vets__registry__v1__import_persons_request__descriptor,
  &vets__registry__v1__row_error__descriptor,
  &vets__registry__v1__import_persons_response__descriptor,
  &vets__registry__v1__count_by_key__descriptor,
  &vets__registry__v1__stats__descriptor,
  &vets__registry__v1__household__descriptor,
  &vets__registry__v1__household_member__descriptor,
  &vets__registry__v1__household_file_section__descriptor,
  &vets__registry__v1__household_file_entry__descriptor,
  &vets__registry__v1__household_file__descriptor,
  &vets__registry__v1__import_divisions_request__descriptor,
  &vets__registry__v1__station__descriptor,
};

static int fail(const char *what, const char *detail) {
  fprintf(stderr, "peer: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
  return 1;
}

static const ProtobufCMessageDescriptor *descriptor_named(const char *name) {
  for (size_t i = 0; i < sizeof known_messages / sizeof known_messages[0]; i++) {
    if (strcmp(known_messages[i]->name, name) == 0) return known_messages[i];
  }
  return NULL;
}

/* Reads a whole file into a malloc'd buffer; returns 0 on success. */
static int read_file(const char *path, uint8_t **bytes, size_t *length) {
  FILE *file = fopen(path, "rb");
  if (!file) return fail(strerror(errno), path);
  size_t capacity = 4096, used = 0;
  uint8_t *buffer = malloc(capacity);
  if (!buffer) { fclose(file); return fail("out of memory", path); }
  for (;;) {
    if (used == capacity) {
      uint8_t *bigger = realloc(buffer, capacity *= 2);
      if (!bigger) { free(buffer); fclose(file); return fail("out of memory", path); }
      buffer = bigger;
    }
    size_t got = fread(buffer + used, 1, capacity - used, file);
    used += got;
    if (got == 0) break;
  }
  int failed = ferror(file);
  fclose(file);
  if (failed) { free(buffer); return fail("cannot read", path); }
  *bytes = buffer;
  *length = used;
  return 0;
}

static int write_file(const char *path, const uint8_t *bytes, size_t length) {
  FILE *file = fopen(path, "wb");
  if (!file) return fail(strerror(errno), path);
  size_t written = length ? fwrite(bytes, 1, length, file) : 0;
  if (fclose(file) != 0 || written != length) return fail("cannot write", path);
  return 0;
}

/* Packs a message with protobuf-c and writes it to path. */
static int pack_to_file(const ProtobufCMessage *message, const char *path) {
  size_t size = protobuf_c_message_get_packed_size(message);
  uint8_t *buffer = malloc(size ? size : 1);
  if (!buffer) return fail("out of memory", path);
  size_t packed = protobuf_c_message_pack(message, buffer);
  int status = packed == size ? write_file(path, buffer, packed) : fail("packed size differs from get_packed_size", path);
  free(buffer);
  return status;
}

static int roundtrip(const char *name, const char *in_path, const char *out_path) {
  const ProtobufCMessageDescriptor *descriptor = descriptor_named(name);
  if (!descriptor) return fail("no such message in this peer", name);
  uint8_t *bytes = NULL;
  size_t length = 0;
  if (read_file(in_path, &bytes, &length) != 0) return 1;
  ProtobufCMessage *message = protobuf_c_message_unpack(descriptor, NULL, length, bytes);
  free(bytes);
  if (!message) return fail("protobuf-c cannot unpack the bytes as", name);
  if (!protobuf_c_message_check(message)) {
    protobuf_c_message_free_unpacked(message, NULL);
    return fail("protobuf-c unpacked an inconsistent message", name);
  }
  int status = pack_to_file(message, out_path);
  if (status == 0) {
    printf("%s: %zu bytes in, %zu bytes out, %u unknown fields\n", name, length,
           protobuf_c_message_get_packed_size(message), message->n_unknown_fields);
  }
  protobuf_c_message_free_unpacked(message, NULL);
  return status;
}

/* ---- `write`: messages built in C. Keep in step with ProtobufCTests.swift. ---- */

static int write_person(const char *dir) {
  Vets__Common__V1__Date birth = VETS__COMMON__V1__DATE__INIT;
  birth.year = 1950; birth.month = 3; birth.day = 12;
  Vets__Common__V1__Date enlisted = VETS__COMMON__V1__DATE__INIT;
  enlisted.year = 1968; enlisted.month = 2; enlisted.day = 1;
  Vets__Common__V1__Date discharged = VETS__COMMON__V1__DATE__INIT;
  discharged.year = 1973; discharged.month = 12; discharged.day = 20;
  Vets__Common__V1__Date died = VETS__COMMON__V1__DATE__INIT;
  died.year = 2023; died.month = 11; died.day = 5;

  Vets__Registry__V1__PersonCategory soldier = VETS__REGISTRY__V1__PERSON_CATEGORY__INIT;
  soldier.category = VETS__REGISTRY__V1__CATEGORY__CATEGORY_DISCHARGED_SOLDIER;
  Vets__Registry__V1__PersonCategory martyr_family = VETS__REGISTRY__V1__PERSON_CATEGORY__INIT;
  martyr_family.category = VETS__REGISTRY__V1__CATEGORY__CATEGORY_MARTYR_FAMILY;
  martyr_family.kinship = VETS__REGISTRY__V1__KINSHIP__KINSHIP_SIBLING;
  Vets__Registry__V1__PersonCategory *categories[] = {&soldier, &martyr_family};
  char *tags[] = {"参战", "𠀀𠀁", "老兵话吧"};

  Vets__Registry__V1__PersonInput data = VETS__REGISTRY__V1__PERSON_INPUT__INIT;
  data.id_number = "37083019500312001X";
  data.name = "荣庆华";
  data.sex = VETS__REGISTRY__V1__SEX__SEX_MALE;
  data.birth_date = &birth;
  data.phone = "0537-7212345";
  data.n_categories = 2;
  data.categories = categories;
  data.village_code = "370830001001";
  data.address = "中都街道东关村𠀀巷7号";
  data.enlisted_on = &enlisted;
  data.discharged_on = &discharged;
  data.branch = "陆军";
  data.party_member = 1;
  data.certificate_no = "YD-2019-000123";
  data.n_tags = 3;
  data.tags = tags;
  data.notes = "三等功 ✓, 1969 珍宝岛";

  Google__Protobuf__Timestamp created = GOOGLE__PROTOBUF__TIMESTAMP__INIT;
  created.seconds = -631152000; /* 1950-01-01T00:00:00Z */
  created.nanos = 123456789;
  Google__Protobuf__Timestamp updated = GOOGLE__PROTOBUF__TIMESTAMP__INIT;
  updated.seconds = 1700000000;
  updated.nanos = 999999999;

  Vets__Registry__V1__Person person = VETS__REGISTRY__V1__PERSON__INIT;
  person.id = "psn-0001";
  person.data = &data;
  person.status = VETS__REGISTRY__V1__PERSON_STATUS__PERSON_STATUS_DECEASED;
  person.died_on = &died;
  person.household_id = "hh-42";
  person.relation_to_head = "户主";
  person.version = INT64_C(9007199254740993); /* 2^53 + 1: not exact as a double */
  person.created_at = &created;
  person.updated_at = &updated;
  person.masked = 1;

  char path[4096];
  snprintf(path, sizeof path, "%s/person.bin", dir);
  return pack_to_file(&person.base, path);
}

static int write_household(const char *dir) {
  Vets__Registry__V1__HouseholdMember head = VETS__REGISTRY__V1__HOUSEHOLD_MEMBER__INIT;
  head.person_id = "psn-0001";
  head.name = "荣庆华";
  head.relation = "户主";
  head.status = VETS__REGISTRY__V1__PERSON_STATUS__PERSON_STATUS_ACTIVE;
  Vets__Registry__V1__HouseholdMember wife = VETS__REGISTRY__V1__HOUSEHOLD_MEMBER__INIT;
  wife.person_id = "psn-0002";
  wife.name = "王秀英";
  wife.relation = "配偶";
  wife.status = VETS__REGISTRY__V1__PERSON_STATUS__PERSON_STATUS_DECEASED;
  Vets__Registry__V1__HouseholdMember grandson = VETS__REGISTRY__V1__HOUSEHOLD_MEMBER__INIT;
  grandson.person_id = "psn-0003";
  grandson.name = "𠀀荣";
  grandson.relation = "孙子女";
  grandson.status = VETS__REGISTRY__V1__PERSON_STATUS__PERSON_STATUS_MOVED_OUT;
  Vets__Registry__V1__HouseholdMember *members[] = {&head, &wife, &grandson};

  Vets__Registry__V1__Household household = VETS__REGISTRY__V1__HOUSEHOLD__INIT;
  household.id = "hh-42";
  household.head_person_id = "psn-0001";
  household.village_code = "370830001001";
  household.address = "东关村 3 组";
  household.n_members = 3;
  household.members = members;

  char path[4096];
  snprintf(path, sizeof path, "%s/household.bin", dir);
  return pack_to_file(&household.base, path);
}

static int write_money(const char *dir) {
  Vets__Common__V1__Money refund = VETS__COMMON__V1__MONEY__INIT;
  refund.fen = INT64_C(-123456789012345);
  char path[4096];
  snprintf(path, sizeof path, "%s/money.bin", dir);
  return pack_to_file(&refund.base, path);
}

static int write_import_response(const char *dir) {
  Vets__Registry__V1__RowError bad_id = VETS__REGISTRY__V1__ROW_ERROR__INIT;
  bad_id.line = 2;
  bad_id.column = "身份证号";
  bad_id.reason = "校验码错误";
  Vets__Registry__V1__RowError far_line = VETS__REGISTRY__V1__ROW_ERROR__INIT;
  far_line.line = INT64_MAX;
  far_line.column = "村";
  far_line.reason = "村庄代码不存在: 𠀀";
  Vets__Registry__V1__RowError *errors[] = {&bad_id, &far_line};

  Vets__Registry__V1__ImportPersonsResponse response = VETS__REGISTRY__V1__IMPORT_PERSONS_RESPONSE__INIT;
  response.rows_read = INT64_MAX;
  response.rows_valid = -1;
  response.rows_imported = 0;
  response.n_errors = 2;
  response.errors = errors;
  response.error_count = INT64_MIN;
  response.encoding = "GB18030";
  response.dry_run = 1;

  char path[4096];
  snprintf(path, sizeof path, "%s/import-response.bin", dir);
  return pack_to_file(&response.base, path);
}

static int write_import_chunk(const char *dir) {
  /* A UTF-8 BOM, a NUL, 0xFF, and "荣" in GB18030 (C8 D9): bytes, not text. */
  static uint8_t chunk[] = {0xEF, 0xBB, 0xBF, 'i', 'd', 0x00, 0xFF, 0xC8, 0xD9, '\n'};
  Vets__Registry__V1__ImportPersonsRequest request = VETS__REGISTRY__V1__IMPORT_PERSONS_REQUEST__INIT;
  request.part_case = VETS__REGISTRY__V1__IMPORT_PERSONS_REQUEST__PART_CHUNK;
  request.chunk.len = sizeof chunk;
  request.chunk.data = chunk;
  char path[4096];
  snprintf(path, sizeof path, "%s/import-chunk.bin", dir);
  return pack_to_file(&request.base, path);
}

int main(int argc, char **argv) {
  if (argc == 5 && strcmp(argv[1], "roundtrip") == 0) return roundtrip(argv[2], argv[3], argv[4]);
  if (argc == 3 && strcmp(argv[1], "write") == 0) {
    const char *dir = argv[2];
    if (write_person(dir) || write_household(dir) || write_money(dir) || write_import_response(dir) ||
        write_import_chunk(dir)) {
      return 1;
    }
    return 0;
  }
  return fail("usage", "peer roundtrip <full.message.Name> <in.bin> <out.bin> | peer write <dir>");
}
