import Foundation
import GRPCCore
import GRPCProtobuf
import VetsAPI
import VetsKit

/// A daemon's refusal in the clerk's terms. The daemon names the request's field and the RPC,
/// for programs (in the message and in the status details); the clerk typed a flag and a
/// command, so vetsctl says those: `--date`, not `visited_on`; the roles and the command typed
/// (`vetsctl relief case approve`), not `vets.relief.v1.CaseService/ApproveCase`; and, in
/// Chinese, the daemon's Chinese for the sentence where it sends one.
enum Refusal {
  /// The sentence to print, or nil when the status details hold nothing to translate.
  /// `usage` is the command's help text, where its flags and arguments are spelt.
  static func sentence(_ error: RPCError, usage: () -> String) -> String? {
    guard let status = try? error.unpackGoogleRPCStatus() else { return nil }
    for detail in status.details {
      if let violation = detail.badRequest?.violations.first {
        let flag = flag(for: violation.field, typed: CommandLine.arguments, usage: usage())
        let chinese = violation.localizedMessage.flatMap { $0.locale == "zh-CN" && Language.isChinese ? $0.message : nil }
        if let chinese { return "\(flag ?? violation.field)：\(chinese)" }
        if let flag { return "\(flag): \(violation.violationDescription)" }
      }
      if let said = detail.localizedMessage, said.locale == "zh-CN", Language.isChinese { return said.message }
      if let info = detail.errorInfo, info.reason == "ROLE_NOT_ALLOWED" {
        return roleRefused(role: info.metadata["role"] ?? "", needs: (info.metadata["needs"] ?? "").split(separator: ",").map(String.init))
      }
    }
    return nil
  }

  /// Request fields whose flag is not their own name (nor the name without `_id`, `_code`…).
  static let renamed: [String: String] = [
    "visited_on": "--date", "died_on": "--date", "name_prefix": "--name", "name_contains": "--contains", "ttl_seconds": "--expires",
    "department_name": "--department", "starts_at": "--start", "ends_at": "--end",
  ]

  /// The flag (or `<argument>`) that filled `field`: one the clerk typed if any, else one the
  /// command has; nil when none matches, and the field's own name is printed.
  static func flag(for field: String, typed: [String], usage: String) -> String? {
    let last = String(field.split(separator: ".").last ?? Substring(field))
    var stems = [last]
    for suffix in ["_id", "_ids", "_code", "_on", "_at", "_date", "_no"] where last.hasSuffix(suffix) {
      stems.append(String(last.dropLast(suffix.count)))
    }
    let kebab = stems.map { $0.replacingOccurrences(of: "_", with: "-") }
    let candidates = (renamed[last].map { [$0] } ?? []) + kebab.map { "--\($0)" } + kebab.map { "<\($0)>" }
    if let flag = candidates.first(where: { flag in typed.contains { $0 == flag || $0.hasPrefix(flag + "=") } }) { return flag }
    return candidates.first { usage.contains($0 + " ") || usage.contains($0 + "\n") || usage.contains($0 + ",") }
  }

  /// "a clerk token may not run 'vetsctl relief case approve'; it needs the role approver or admin".
  static func roleRefused(role: String, needs: [String]) -> String {
    let spoken = { (code: String) in
      Language.isChinese ? Vets_Daemon_V1_Role.terms.label(ofWord: code) : code
    }
    let command = (["vetsctl"] + CommandLine.arguments.dropFirst().prefix { $0.allSatisfy { $0.isLowercase || $0 == "-" } && !$0.hasPrefix("-") })
      .joined(separator: " ")
    return Language.say(
      "你的令牌角色是\(spoken(role))，不能执行“\(command)”；这一步要由\(needs.map(spoken).joined(separator: "或"))来做，请交给有这个角色的人办理。",
      "a \(role) token may not run '\(command)'; it needs the role \(needs.joined(separator: " or "))")
  }
}
