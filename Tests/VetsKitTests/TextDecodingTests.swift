import Foundation
import TestSupport
import Testing
@testable import VetsKit

// Byte arrays made with Python: '张三'.encode('gbk'), and so on.
private let gbkZhangSan: [UInt8] = [0xD5, 0xC5, 0xC8, 0xFD]
/// "姓名,身份证号\n张三,11010519491231002X\n" in GBK, as Excel on Chinese Windows saves a CSV.
private let gbkCSV: [UInt8] = [
  0xD0, 0xD5, 0xC3, 0xFB, 0x2C, 0xC9, 0xED, 0xB7, 0xDD, 0xD6, 0xA4, 0xBA, 0xC5, 0x0A, 0xD5, 0xC5, 0xC8, 0xFD, 0x2C,
  0x31, 0x31, 0x30, 0x31, 0x30, 0x35, 0x31, 0x39, 0x34, 0x39, 0x31, 0x32, 0x33, 0x31, 0x30, 0x30, 0x32, 0x58, 0x0A,
]
/// "王𠀀明" in GB18030: the Extension B character takes four bytes, beyond GBK.
private let gb18030WithExtensionB: [UInt8] = [0xCD, 0xF5, 0x95, 0x32, 0x82, 0x36, 0xC3, 0xF7]

struct TextDecodingTests {
  @Test func plainUTF8WithExtensionBIsReadAsIs() throws {
    let text = "姓名,身份证号\n王𠀀明,11010519491231002X\n"
    let decoded = try TextDecoding.decode(Data(text.utf8), field: "file")
    #expect(decoded.text == text)
    #expect(decoded.encoding == "UTF-8")
    #expect(decoded.text.unicodeScalars.contains("\u{20000}"))
  }

  @Test func byteOrderMarkIsStrippedAndReported() throws {
    let decoded = try TextDecoding.decode(Data([0xEF, 0xBB, 0xBF] + Array("𠀀,张三\r\n".utf8)), field: "file")
    #expect(decoded.text == "𠀀,张三\r\n")
    #expect(decoded.encoding == "UTF-8 with BOM")
    #expect(decoded.text.unicodeScalars.first == "\u{20000}")
  }

  @Test func emptyFileIsEmptyUTF8() throws {
    let decoded = try TextDecoding.decode(Data(), field: "file")
    #expect(decoded.text.isEmpty)
    #expect(decoded.encoding == "UTF-8")
    #expect(try TextDecoding.decode(Data([0xEF, 0xBB, 0xBF]), field: "file") == ("", "UTF-8 with BOM"))
  }

  @Test func gbkBytesAreReadAsGB18030() throws {
    let name = try TextDecoding.decode(Data(gbkZhangSan), field: "file")
    #expect(name.text == "张三")
    #expect(name.encoding == "GB18030")

    let csv = try TextDecoding.decode(Data(gbkCSV), field: "file")
    #expect(csv.text == "姓名,身份证号\n张三,11010519491231002X\n")
    #expect(csv.encoding == "GB18030")
  }

  @Test func gb18030FourByteExtensionBCharacterIsRead() throws {
    let decoded = try TextDecoding.decode(Data(gb18030WithExtensionB), field: "file")
    #expect(decoded.text == "王𠀀明")
    #expect(decoded.encoding == "GB18030")
  }

  @Test(arguments: [1, 2, 3, 5])
  func outputBufferGrowsWhenIconvRunsOutOfRoom(_ capacity: Int) throws {
    #expect(try TextDecoding.gb18030(gbkCSV, field: "file", initialCapacity: capacity) == "姓名,身份证号\n张三,11010519491231002X\n")
    #expect(try TextDecoding.gb18030(gb18030WithExtensionB, field: "file", initialCapacity: capacity) == "王𠀀明")
  }

  @Test func largeGBKFileDecodes() throws {
    let bytes = Array(repeating: gbkCSV, count: 2_000).flatMap { $0 }
    let decoded = try TextDecoding.decode(Data(bytes), field: "file")
    #expect(decoded.text == String(repeating: "姓名,身份证号\n张三,11010519491231002X\n", count: 2_000))
  }

  @Test(arguments: [
    [0xFF, 0x41, 0x42], [0x41, 0x42, 0x80, 0xFF], [0xD5, 0xC5, 0xC8, 0xFF], [0x95, 0x32, 0x82, 0xFF],
  ] as [[UInt8]])
  func undecodableBytesAreRefusedNamingTheField(_ bytes: [UInt8]) {
    let rule = refusal("import_file") { () throws(VetsError) in try TextDecoding.decode(Data(bytes), field: "import_file") }
    #expect(rule?.contains("neither UTF-8 nor GB18030/GBK") == true)
  }

  @Test func truncatedGBKCharacterIsRefusedWithItsOffset() {
    let rule = refusal("import_file") { () throws(VetsError) in
      try TextDecoding.decode(Data(gbkZhangSan + [0xD5]), field: "import_file")
    }
    #expect(rule?.contains("neither UTF-8 nor GB18030/GBK") == true)
    #expect(rule?.contains("byte 5") == true)
  }

  @Test func utf16IsRefusedAsUTF16() {
    // "张三" in UTF-16LE with its byte-order mark, as Excel's "Unicode text" saves it.
    let rule = refusal("import_file") { () throws(VetsError) in
      try TextDecoding.decode(Data([0xFF, 0xFE, 0x20, 0x5F, 0x09, 0x4E]), field: "import_file")
    }
    #expect(rule?.contains("UTF-16") == true)
  }
}
