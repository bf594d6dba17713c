/// A person's name as shown to someone who may only confirm who stands before them (an
/// army-support enterprise checking a customer). Masks live beside the values they hide, as
/// `Phone.masked` and `ResidentID.masked` do; Registry's `PersonMask` composes those.
public enum PersonName {
  /// "刘*文": the first and last characters, the rest hidden; "刘*" for two, "*" for one.
  /// Characters, not scalars, so a rare character (Extension B) or a combined one counts once.
  public static func masked(_ name: String) -> String {
    let characters = Array(name)
    switch characters.count {
    case 0: return ""
    case 1: return "*"
    case 2: return String(characters[0]) + "*"
    default: return String(characters[0]) + String(repeating: "*", count: characters.count - 2) + String(characters[characters.count - 1])
    }
  }
}
