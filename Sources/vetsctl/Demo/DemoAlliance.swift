import Foundation
import GRPCCore
import VetsAPI
import VetsKit

/// An army-supporting enterprise of the demo and its preferential offers (优惠项目).
struct DemoEnterprise {
  struct Offer {
    enum Benefit {
      case percentOff(Int32), amountOff(Int64), freeService(String), other(String)
    }

    let title: String
    let description: String
    let benefit: Benefit
    var limitDays: Int32 = 0
    var quota: Int64 = 0
  }

  let key: String
  let name: String
  let category: Vets_Alliance_V1_EnterpriseCategory
  let town: String
  let address: String
  let offers: [Offer]

  static let all: [DemoEnterprise] = [
    DemoEnterprise(
      key: "clinic", name: "汶上县拥军诊所", category: .medical, town: "370830001", address: "中都街道健康路12号",
      offers: [Offer(title: "体检八折", description: "每年一次全面体检", benefit: .percentOff(20), limitDays: 365)]),
    DemoEnterprise(
      key: "pharmacy", name: "汶上县中都大药房", category: .retail, town: "370830001", address: "中都大街88号",
      offers: [Offer(title: "购药九折", description: "非处方药品九折", benefit: .percentOff(10), limitDays: 30)]),
    DemoEnterprise(
      key: "restaurant", name: "南旺运河人家饭店", category: .catering, town: "370830004", address: "南旺镇运河路6号",
      offers: [Offer(title: "满100减20", description: "堂食满100元减20元", benefit: .amountOff(20), limitDays: 30, quota: 500)]),
    DemoEnterprise(
      key: "housekeeping", name: "汶上县雷锋家政服务中心", category: .housekeeping, town: "370830001", address: "中都街道东关路3号",
      offers: [
        Offer(
          title: "免费上门保洁", description: "退役军人家庭每年一次", benefit: .freeService("上门保洁一次"), limitDays: 365)
      ]),
    DemoEnterprise(
      key: "bus", name: "汶上县公共交通有限公司", category: .transport, town: "370830002", address: "汶上街道客运站",
      offers: [Offer(title: "免费乘坐公交", description: "凭优待证免费乘车", benefit: .freeService("县内公交免费"))]),
    DemoEnterprise(
      key: "bank", name: "汶上农商银行", category: .finance, town: "370830002", address: "汶上街道金融街1号",
      offers: [Offer(title: "免收账户管理费", description: "拥军卡免年费和管理费", benefit: .other("免年费"))]),
    DemoEnterprise(
      key: "temple", name: "汶上县宝相寺景区", category: .culture, town: "370830001", address: "中都街道宝相寺路",
      offers: [Offer(title: "门票全免", description: "退役军人及随行一人免票", benefit: .freeService("免门票"), limitDays: 365)]),
    DemoEnterprise(
      key: "school", name: "汶上县育才培训学校", category: .education, town: "370830005", address: "次丘镇育才路9号",
      offers: [
        Offer(title: "子女学费七折", description: "退役军人子女培训学费七折", benefit: .percentOff(30), limitDays: 365)
      ]),
    DemoEnterprise(
      key: "market", name: "康驿镇农资超市", category: .retail, town: "370830008", address: "康驿镇商贸街15号",
      offers: [
        Offer(title: "农资满200减10", description: "化肥种子满200元减10元", benefit: .amountOff(10), limitDays: 7),
        Offer(title: "送货上门", description: "免费送货到村", benefit: .freeService("免费送货")),
      ]),
  ]
}

extension DemoLoader {
  func loadAlliance() async throws {
    Self.progress("alliance: enterprises, offers and redemptions")
    let alliance = Vets_Alliance_V1_AllianceService.Client(wrapping: client)
    var random = SeededRandom(seed: seed, stream: "alliance")
    var offers: [String] = []
    for enterprise in DemoEnterprise.all {
      var add = Vets_Alliance_V1_AddEnterpriseRequest()
      add.requestID = requestID("enterprise", enterprise.key)
      add.enterprise.name = enterprise.name
      add.enterprise.creditCode = DemoCounty.creditCode(&random)
      add.enterprise.category = enterprise.category
      add.enterprise.townCode = enterprise.town
      add.enterprise.address = enterprise.address
      add.enterprise.contact = "0537-72" + String(format: "%05d", random.int(0...99_999))
      add.enterprise.joinedOn = DemoCounty.date(random.int(2018...2024), random.int(1...12), 1)
      let id = try await alliance.addEnterprise(add, metadata: admin, options: options).id
      for (index, offer) in enterprise.offers.enumerated() {
        var request = Vets_Alliance_V1_AddOfferRequest()
        request.requestID = requestID("offer", enterprise.key, String(index + 1))
        request.offer.enterpriseID = id
        request.offer.title = offer.title
        request.offer.description_p = offer.description
        switch offer.benefit {
        case .percentOff(let percent): (request.offer.benefit, request.offer.percentOff) = (.percentOff, percent)
        case .amountOff(let yuan): (request.offer.benefit, request.offer.amountOff) = (.amountOff, DemoCounty.money(yuan: yuan))
        case .freeService(let text): (request.offer.benefit, request.offer.benefitText) = (.freeService, text)
        case .other(let text): (request.offer.benefit, request.offer.benefitText) = (.other, text)
        }
        // Long-standing offers, so that the demo's own dates never expire them.
        request.offer.validFrom = DemoCounty.date(2024, 1, 1)
        request.offer.validTo = DemoCounty.date(2035, 12, 31)
        request.offer.limitCount = 1
        request.offer.limitDays = offer.limitDays
        request.offer.quota = offer.quota
        offers.append(try await alliance.addOffer(request, metadata: admin, options: options).id)
      }
    }
    summary.add("alliance", "enterprises", DemoEnterprise.all.count)
    summary.add("alliance", "offers", offers.count)

    // Three veterans per offer (every offer is for all veteran categories: AddOffer refuses any
    // `eligible` list today), by 优待证 number when they hold one, else by ID number.
    let eligible = livingHouseholds.flatMap(\.members).filter(\.isVeteran)
    var redeemed = 0
    for (index, offer) in offers.enumerated() {
      var chosen: [DemoPerson] = []
      while chosen.count < min(3, eligible.count) {
        let person = random.pick(eligible)
        if !chosen.contains(where: { $0.key == person.key }) { chosen.append(person) }
      }
      for person in chosen {
        var request = Vets_Alliance_V1_RedeemRequest()
        request.requestID = requestID("redeem", String(index + 1), person.key)
        request.offerID = offer
        let held = registered[person.key] ?? person.input
        if held.certificateNo.isEmpty {
          request.customer.idNumber = held.idNumber
        } else {
          request.customer.certificateNo = held.certificateNo
        }
        if try await alliance.redeem(request, metadata: admin, options: options).confirmed { redeemed += 1 }
      }
    }
    summary.add("alliance", "redemptions", redeemed)
  }
}
