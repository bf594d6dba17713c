import Foundation

/// Upload progress on stderr, rewritten in place; only on a terminal.
final class UploadProgress: Sendable {
  let total: Int64
  let enabled: Bool

  init(total: Int64, enabled: Bool) {
    self.total = total
    self.enabled = enabled
  }

  func show(_ sent: Int64) {
    guard enabled else { return }
    let percent = total > 0 ? min(100, Int(sent * 100 / total)) : 100
    // "\u{1B}[K" clears what a longer previous line left behind.
    let line = "\rsent \(UploadProgress.size(sent)) of \(UploadProgress.size(total)) (\(percent)%)\u{1B}[K"
    FileHandle.standardError.write(Data(line.utf8))
  }

  func finish(_ sent: Int64) {
    guard enabled else { return }
    show(sent)
    FileHandle.standardError.write(Data(", waiting for the daemon's report\n".utf8))
  }

  static func size(_ bytes: Int64) -> String {
    if bytes < 1024 { return "\(bytes) B" }
    if bytes < 1024 * 1024 { return String(format: "%.1f KiB", Double(bytes) / 1024) }
    return String(format: "%.1f MiB", Double(bytes) / (1024 * 1024))
  }
}
