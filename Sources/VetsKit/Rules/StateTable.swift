// Which step of a workflow is allowed from which state: the one form of every state machine
// of the daemon (relief cases, appeals, volunteer activities). A module declares its table
// as data beside its steps; the check and the words of its refusal come from here.

public struct StateTable<State: Hashable & Sendable, Step: Hashable & Sendable>: Sendable {
  /// The states each step is allowed from.
  public let allowed: [Step: Set<State>]
  /// The states' stored words, in the order a refusal lists them.
  public let words: Terms<State>

  public init(_ allowed: [Step: Set<State>], words: Terms<State>) {
    self.allowed = allowed
    self.words = words
  }

  public func allows(_ step: Step, from state: State) -> Bool { allowed[step]?.contains(state) ?? false }

  /// The states a step is allowed from, in table order.
  public func states(allowing step: Step) -> [State] {
    let from = allowed[step] ?? []
    return words.terms.map(\.value).filter(from.contains)
  }

  /// Refuses (FAILED_PRECONDITION) a step the record's state does not allow. `refusal` words
  /// the sentence from the state the record is in and the states the step needs, both as
  /// stored words; `chinese` the same from the clerk's words (the glossary's labels), which
  /// travel with the refusal.
  public func require(
    _ step: Step, from state: State, refusal: (_ state: String, _ allowed: [String]) -> String,
    chinese: (_ state: String, _ allowed: String) -> String
  ) throws(VetsError) {
    guard allows(step, from: state) else {
      let allowed = states(allowing: step)
      let labels = allowed.map { "“\(words.label(of: $0) ?? "")”" }.joined(separator: "或")
      throw .said(
        .failedPrecondition(refusal(words.word(of: state) ?? "unknown", words.words(of: allowed))),
        chinese: chinese("“\(words.label(of: state) ?? "未知")”", labels))
    }
  }
}
