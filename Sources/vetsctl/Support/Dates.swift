import ArgumentParser
import Foundation
import SwiftProtobuf
import VetsAPI
import VetsKit

/// Calendar dates on the command line: YYYY-MM-DD, checked by VetsKit's CalendarDate.
enum Dates {
  static func parse(_ text: String, option: String) throws -> Vets_Common_V1_Date {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2 else {
      throw ValidationError("\(option) '\(text)' is not a date; write it as YYYY-MM-DD, e.g. 1968-03-15")
    }
    do {
      return try CalendarDate(iso: text, field: option).proto
    } catch {
      throw ValidationError("\(option) '\(text)' is not a real calendar date")
    }
  }

  /// "2025-03-05 09:30" (or with a "T"), in the bureau's time zone (UTC+8).
  static func parseTime(_ text: String, option: String) throws -> Google_Protobuf_Timestamp {
    let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" }).map(String.init)
    let clock = parts.count == 2 ? parts[1].split(separator: ":").compactMap { Int($0) } : []
    guard parts.count == 2, clock.count == 2, (0...23).contains(clock[0]), (0...59).contains(clock[1]) else {
      throw ValidationError("\(option) '\(text)' is not a time; write it as 'YYYY-MM-DD HH:MM' (China time), e.g. '2025-03-05 09:30'")
    }
    let day = try CalendarDate(parse(parts[0], option: option), field: option)
    return Google_Protobuf_Timestamp(date: day.startOfLocalDay.addingTimeInterval(Double(clock[0] * 3600 + clock[1] * 60)))
  }

  /// "2025-03-05 09:30" in China time; "-" when absent.
  static func time(_ timestamp: Google_Protobuf_Timestamp) -> String {
    guard timestamp.seconds != 0 else { return "-" }
    let local = timestamp.date.addingTimeInterval(8 * 3600)
    let minutes = Int(local.timeIntervalSince1970.rounded(.down)) / 60 % (24 * 60)
    let day = CalendarDate.localDay(of: timestamp.date).iso
    return day + " " + String(format: "%02d:%02d", minutes / 60, minutes % 60)
  }

  /// "1968-03-15"; the year alone for a masked birth date; "-" when absent.
  static func text(_ date: Vets_Common_V1_Date, present: Bool = true) -> String {
    guard present, date.year != 0 else { return "-" }
    guard date.month != 0 else { return String(date.year) }
    return (try? CalendarDate(date, field: "").iso) ?? "-"
  }
}
