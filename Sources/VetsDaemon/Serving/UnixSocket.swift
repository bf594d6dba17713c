// The local socket's file-system side: a private parent folder, stale-socket replacement,
// refusing to steal a live daemon's socket, and mode and group after binding.

import CoreFoundation
import Foundation
import VetsKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

enum UnixSocket {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Refuses, creating nothing, a path that cannot be bound: too long, not a socket, or a
  /// socket a live daemon answers on. Checked before anything else at start.
  static func check(path: String) throws {
    guard path.utf8.count < 108 else {
      throw Failure(description: "socket path '\(path)' is too long for a Unix socket (\(path.utf8.count) bytes, at most 107)")
    }
    var info = Glibc.stat()
    guard lstat(path, &info) == 0 else { return }
    guard (info.st_mode & S_IFMT) == S_IFSOCK else {
      throw Failure(description: "'\(path)' exists and is not a socket; move it away or choose another socket path")
    }
    if isAnswering(path) {
      throw Failure(description: "another vetsd is already serving on \(path); stop it first or choose another socket")
    }
  }

  /// Makes the socket path ready to bind: checks it again, creates the parent folder (no
  /// world access) if needed, and removes a stale socket file.
  static func prepare(path: String) throws {
    try check(path: path)
    let parent = (path as NSString).deletingLastPathComponent
    if !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) {
      try FileManager.default.createDirectory(
        atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
    }
    unlink(path)
  }

  static func isAnswering(_ path: String) -> Bool {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = Glibc.sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      buffer.copyBytes(from: path.utf8.prefix(buffer.count - 1))
    }
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    return result == 0
  }

  /// Gives the bound socket its configured mode and group.
  static func secure(path: String, mode: UInt32, group: String?) throws {
    if let group {
      guard let entry = getgrnam(group) else {
        throw Failure(description: "socket_group \(quoted: group) is not a group on this system")
      }
      guard chown(path, uid_t(bitPattern: -1), entry.pointee.gr_gid) == 0 else {
        throw Failure(description: "cannot give \(path) to group \(quoted: group): \(String(cString: strerror(errno)))")
      }
    }
    guard chmod(path, mode_t(mode)) == 0 else {
      throw Failure(description: "cannot set the mode of \(path): \(String(cString: strerror(errno)))")
    }
  }
}
