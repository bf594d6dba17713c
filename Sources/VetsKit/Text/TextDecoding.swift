// Decoding uploaded text files, which come from Excel and WPS on Chinese Windows as UTF-8 or GBK.
public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Turns the bytes of an uploaded file into text. Chinese-locale Windows tools save "CSV" in
/// GBK (code page 936) unless told otherwise, and "CSV UTF-8" with a byte-order mark, so both
/// must be read; GB18030 is decoded because it is a superset of GBK that also covers rare
/// characters in names.
public enum TextDecoding {
  /// Returns the text and the encoding it was read as: "UTF-8 with BOM" (the mark is removed),
  /// "UTF-8", or "GB18030". Anything else is refused, naming `field`.
  public static func decode(_ data: Data, field: String) throws(VetsError) -> (text: String, encoding: String) {
    let bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      guard let text = String(validating: bytes.dropFirst(3), as: UTF8.self) else {
        throw .invalidArgument(
          field: field, rule: "the file starts with a UTF-8 byte-order mark but is not valid UTF-8; save it again as CSV UTF-8")
      }
      return (text, "UTF-8 with BOM")
    }
    if let text = String(validating: bytes, as: UTF8.self) {
      return (text, "UTF-8")
    }
    // Excel's "Unicode text" is UTF-16; say so rather than calling it undecodable.
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      throw .invalidArgument(field: field, rule: "the file is UTF-16 (\"Unicode text\"); save it as CSV UTF-8 or plain CSV")
    }
    return (try gb18030(bytes, field: field), "GB18030")
  }

  /// `initialCapacity` lets tests start small enough to make iconv report E2BIG.
  static func gb18030(_ bytes: [UInt8], field: String, initialCapacity: Int? = nil) throws(VetsError) -> String {
    guard let converter = iconv_open("UTF-8", "GB18030"), converter != UnsafeMutableRawPointer(bitPattern: -1) else {
      throw .internal("cannot read GB18030 text: iconv has no GB18030 converter (errno \(errno))")
    }
    defer { iconv_close(converter) }

    var input = bytes
    // UTF-8 needs at most 1.5 times the GB18030 bytes (two become three), so this estimate
    // should not need to grow; E2BIG still grows it rather than trusting the arithmetic.
    var output = [UInt8](repeating: 0, count: max(1, initialCapacity ?? (bytes.count * 3 / 2 + 16)))
    var written = 0
    var failure: (errno: Int32, offset: Int)? = nil

    input.withUnsafeMutableBytes { inputBuffer in
      var inPointer = inputBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
      var inLeft = inputBuffer.count
      while inLeft > 0 {
        let code: Int32 = output.withUnsafeMutableBytes { outputBuffer in
          var outPointer: UnsafeMutablePointer<CChar>? = outputBuffer.baseAddress!.advanced(by: written)
            .assumingMemoryBound(to: CChar.self)
          var outLeft = outputBuffer.count - written
          let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
          let code = result == -1 ? errno : 0
          written = outputBuffer.count - outLeft
          return code
        }
        switch code {
        case 0: return
        case E2BIG: output.append(contentsOf: repeatElement(0, count: output.count))
        default:
          failure = (code, inputBuffer.count - inLeft)
          return
        }
      }
    }

    if let failure {
      let what = failure.errno == EINVAL ? "ends in the middle of a character" : "has bytes that are not text"
      throw .invalidArgument(
        field: field,
        rule: "the file is neither UTF-8 nor GB18030/GBK: it \(what) at byte \(failure.offset + 1); save it as CSV UTF-8")
    }
    guard let text = String(validating: output[0..<written], as: UTF8.self) else {
      throw .internal("iconv turned GB18030 text into invalid UTF-8")
    }
    return text
  }
}
