// The county report's extension point: each module turns its yearly figures into one
// section of `vetsctl report county`, through `VetsModule.countySummary(year:)`.
// Titles and labels are for people: Chinese, with the English beside them for `--lang en`;
// programs read the keys.

public import VetsAPI

extension Vets_Daemon_V1_ReportSection {
  public init(module: String, title: String, english: String) {
    self.init()
    self.module = module
    self.title = title
    self.titleEn = english
  }

  /// Adds a count, or an amount in fen when `money` is set.
  public mutating func add(_ key: String, _ label: String, _ english: String, _ value: Int64, money: Bool = false) {
    var figure = Vets_Daemon_V1_ReportFigure()
    figure.key = key
    figure.label = label
    figure.labelEn = english
    figure.value = value
    figure.money = money
    figures.append(figure)
  }
}
