import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// An exclusive lock on the data folder, so two daemons never share one database.
final class DataDirLock {
  private let fd: Int32

  init(dataDir: String) throws {
    let path = (dataDir as NSString).appendingPathComponent("vetsd.lock")
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      throw StartupError("cannot open \(path): \(String(cString: strerror(errno)))")
    }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
      close(fd)
      throw StartupError("another vetsd\(holder.isEmpty ? "" : " (pid \(holder))") is using the data folder \(dataDir)")
    }
    ftruncate(fd, 0)
    let pid = "\(getpid())\n"
    _ = pid.withCString { write(fd, $0, strlen($0)) }
  }

  deinit {
    close(fd)
  }
}

struct StartupError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
