import Foundation
import VetsKit

/// A valid 18-character resident ID number (GB 11643-1999) for a person born on `born`
/// ("1950-03-12" or "19500312"): the check character computed from the first 17 digits.
/// The sequence's last digit is odd for a man, even for a woman.
public func residentID(area: String = "370830", born: String, sequence: String = "001") -> String {
  let first17 = area + born.replacingOccurrences(of: "-", with: "") + sequence
  precondition(first17.count == 17 && first17.allSatisfy(\.isASCII), "17 digits expected")
  return first17 + String(ResidentID.checkCharacter(first17)!)
}
