// One ledger transfer as stored. Transfers are written only by `FundLedger`, whose guarded
// moves insert them with raw SQL beside the balance they move; this type reads them back.

import Foundation
import GRDB
import SwiftProtobuf
import VetsAPI
import VetsKit

struct TransferRecord: Equatable, Sendable {
  var id: String
  var kind: Vets_Relief_V1_TransferKind
  var debit: String
  var credit: String
  var amount: Int64
  var pendingID: String?
  var memo: String
  var link: String
  var createdAt: String
  var createdBy: String
  /// Set on the answer when the transfer already existed: this call is a retry, and moved
  /// no money. Not stored.
  var isReplay = false
}

extension TransferRecord: FetchableRecord, TableRecord {
  static let databaseTableName = "relief_transfers"

  enum Columns: String, ColumnExpression {
    case seq, id, kind, amount, memo, link
    case debit = "debit_account", credit = "credit_account", pendingID = "pending_id", createdAt = "created_at"
    case createdBy = "created_by"
  }

  init(row: Row) {
    id = row[Columns.id]
    kind = Vets_Relief_V1_TransferKind.terms.value(row[Columns.kind]) ?? .unspecified
    debit = row[Columns.debit]
    credit = row[Columns.credit]
    amount = row[Columns.amount]
    pendingID = row[Columns.pendingID]
    memo = row[Columns.memo]
    link = row[Columns.link]
    createdAt = row[Columns.createdAt]
    createdBy = row[Columns.createdBy]
  }

  var proto: Vets_Relief_V1_Transfer {
    var p = Vets_Relief_V1_Transfer()
    p.id = id
    p.kind = kind
    p.debitAccount = debit
    p.creditAccount = credit
    p.amount = Money.proto(amount)
    p.pendingID = pendingID ?? ""
    p.memo = memo
    p.link = link
    if let at = Instant.date(createdAt) { p.createdAt = Google_Protobuf_Timestamp(date: at) }
    p.createdBy = createdBy
    return p
  }
}
