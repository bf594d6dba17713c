import ArgumentParser
import Foundation
import SwiftProtobuf
import VetsAPI
import VetsKit

/// Calendar dates on the command line: 1968-03-15, 1968/3/15, 1968.3.15 or 1968年3月15日,
/// checked by VetsKit's CalendarDate.
enum Dates {
  static func parse(_ text: String, option: String) throws -> Vets_Common_V1_Date {
    do {
      return try CalendarDate(written: text, field: option).proto
    } catch {
      // The rule reads "must be a date such as …" or "is not a real date: …".
      let english = "\(option) '\(text)' \(error.message.dropFirst(option.count + 2))"
      throw ValidationError(error.chinese.map { Language.say("\(option) '\(text)' \($0)", english) } ?? english)
    }
  }

  /// Today in the bureau's time zone, for a record of something done today.
  static var today: Vets_Common_V1_Date { CalendarDate.localDay(of: Date()).proto }

  /// "2025-03-05 09:30" (or with a "T"), in the bureau's time zone.
  static func parseTime(_ text: String, option: String) throws -> Google_Protobuf_Timestamp {
    let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" }).map(String.init)
    let clock = parts.count == 2 ? parts[1].split(separator: ":").compactMap { Int($0) } : []
    guard parts.count == 2, clock.count == 2, (0...23).contains(clock[0]), (0...59).contains(clock[1]) else {
      throw ValidationError(Language.say("\(option) '\(text)' 不是时间；请写成 'YYYY-MM-DD HH:MM'（北京时间），如 '2025-03-05 09:30'", "\(option) '\(text)' is not a time; write it as 'YYYY-MM-DD HH:MM' (China time), e.g. '2025-03-05 09:30'"))
    }
    let day = try CalendarDate(parse(parts[0], option: option), field: option)
    return Google_Protobuf_Timestamp(date: day.startOfLocalDay.addingTimeInterval(Double(clock[0] * 3600 + clock[1] * 60)))
  }

  /// "2025-03-05 09:30" in the bureau's time zone; "-" when absent.
  static func time(_ timestamp: Google_Protobuf_Timestamp) -> String {
    guard timestamp.seconds != 0 else { return "-" }
    return String(clock(timestamp.date).dropLast(3))
  }

  /// "2025-03-05 09:30:15" in the bureau's time zone, for records read in order (audit, ledger,
  /// history); "-" when absent. Every instant vetsctl prints is in that zone (China time unless
  /// VETSCTL_TIME_ZONE says otherwise), as the daemon's days are.
  static func stamp(_ timestamp: Google_Protobuf_Timestamp?) -> String {
    guard let timestamp, timestamp.seconds != 0 else { return "-" }
    return clock(timestamp.date)
  }

  private static func clock(_ date: Date) -> String {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + BureauTime.offset(at: date)
    let time = (seconds % 86_400 + 86_400) % 86_400
    return CalendarDate.localDay(of: date).iso + " " + String(format: "%02d:%02d:%02d", time / 3600, time / 60 % 60, time % 60)
  }

  /// "1968-03-15"; the year alone for a masked birth date; "-" when absent.
  static func text(_ date: Vets_Common_V1_Date, present: Bool = true) -> String {
    guard present, date.year != 0 else { return "-" }
    guard date.month != 0 else { return String(date.year) }
    return (try? CalendarDate(date, field: "").iso) ?? "-"
  }
}
