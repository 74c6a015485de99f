"""Word pools for the demo data of `gridapp.demo`: names, hamlets, companies and phrase templates.

Everything here is plain data (tuples and dicts), built once at import, so the generator only
picks from ready lists. The names are synthetic: surname + given name drawn from pools typical of
Zhuang, Han, Miao, Dong and Yao families in 融安 and nearby counties; any match with a real person
is coincidence.
"""

from __future__ import annotations

from itertools import product

# Ethnicity (GB/T 3304 code) → weight and surnames used by families of that group in the area.
ETHNICITY_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("08", 44), ("01", 32), ("06", 10), ("12", 6), ("13", 6), ("32", 2),
)
SURNAMES: dict[str, tuple[str, ...]] = {
    "08": ("韦", "韦", "覃", "覃", "蓝", "莫", "黄", "梁", "潘", "陆", "卢", "农", "廖", "罗", "谭"),
    "01": ("李", "陈", "罗", "廖", "唐", "欧阳", "刘", "张", "王", "谢", "何", "周", "黄", "梁", "曾",
           "邓", "胡", "钟", "杨", "龙"),
    "06": ("龙", "吴", "杨", "石", "潘", "贾", "梁", "韦"),
    "12": ("吴", "杨", "石", "龙", "欧", "粟", "陆", "蒙"),
    "13": ("赵", "盘", "邓", "冯", "黄", "李", "蓝", "唐"),
    "32": ("银", "罗", "吴", "谢", "梁"),
}

# Given names by generation (born before 1960 / 1960–1989 / 1990 on) and sex: first × second
# characters, plus single-character names. Built once into tuples of ready names.
_GIVEN_PARTS: dict[tuple[str, str], tuple[str, str, str]] = {
    ("old", "1"): ("光德福贵荣金振国文永正有开仁忠昌炳培绍世家志学", "明华荣福才发昌生林山贵安全宝德兴",
                   "福贵荣昌发"),
    ("old", "2"): ("秀桂凤玉美翠金银月春素乃", "英兰芬珍梅花菊莲娥妹凤香", "妹英兰珍"),
    ("mid", "1"): ("建志海东新春成国永德小文明家伟", "军华伟勇强明平峰斌林刚成辉荣生", "军勇强斌刚峰"),
    ("mid", "2"): ("丽红艳春秋小金玉美桂雪海", "萍燕霞琴玲芳娟梅英兰花丽", "丽红萍燕霞芳"),
    ("young", "1"): ("浩宇俊子博家嘉梓思文志振", "轩杰涛鑫磊晨睿泽航宇豪铭", "浩杰涛磊睿"),
    ("young", "2"): ("欣雨佳思梦诗晓紫可婉", "怡婷琪涵萱悦彤瑶妍雯", "婷琪悦瑶"),
}
# Zhuang and Yao families often call daughters by birth order.
_ORDER_NAMES = ("大妹", "二妹", "三妹", "四妹", "满妹")


def _build_given() -> dict[tuple[str, str], tuple[str, ...]]:
    pools: dict[tuple[str, str], tuple[str, ...]] = {}
    for key, (first, second, single) in _GIVEN_PARTS.items():
        names = [a + b for a, b in product(first, second) if a != b]
        names += list(single) * 6
        if key == ("old", "2"):
            names += list(_ORDER_NAMES) * 4
        pools[key] = tuple(names)
    return pools


GIVEN_NAMES = _build_given()

# Hamlet (屯) names: a qualifier and a landscape word, as in 下岭尾屯, 上寨屯, 大塘屯.
HAMLET_HEADS = "上下大小新老东西中高长岩石木竹松枫龙凤马牛黄白青江河平坡塘"
HAMLET_TAILS = ("岭尾", "寨", "塘", "坪", "垌", "冲", "湾", "岭", "坳", "田", "洞", "口", "头", "岭脚",
                "背", "桥", "屯", "江", "村", "坡", "岸", "山", "寨脚", "木冲", "坝")
CN_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")

# Fixed hamlets of villages the county's own account names (background-rongan.txt).
FIXED_HAMLETS: dict[str, tuple[str, ...]] = {"泉头村委会": ("下岭尾屯", "上岭尾屯", "泉头屯")}

MOBILE_PREFIXES = ("130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150",
                   "151", "152", "153", "155", "156", "157", "158", "159", "177", "180", "181",
                   "182", "183", "185", "186", "187", "188", "189", "198", "199")

# Agricultural companies (受让方) and employers; the demo's own invented names.
COMPANIES = ("融安县金穗农业开发有限公司", "柳州市红椒农业科技有限公司", "融安县桔香农业发展有限公司",
             "广西融安山水生态农业有限公司")

STAFF_DUTIES = ("村党支部书记", "村委会主任", "村委会副主任", "村妇女主任", "村务监督委员会主任", "村文书")

# --- visits ---------------------------------------------------------------------------------

POLICIES = (
    ("城乡居民基本医疗保险缴费政策", "讲解了缴费时间、标准和手机缴费方法"),
    ("防止返贫监测帮扶政策", "说明了监测对象的识别标准和申报渠道"),
    ("耕地保护和防止耕地非农化要求", "提醒不得在承包地上建房、挖塘"),
    ("森林防火和野外用火规定", "讲解了清明、秋冬季节野外用火的禁令"),
    ("防范电信网络诈骗", "提醒不轻信陌生来电，安装国家反诈中心App"),
    ("农村低保申请条件", "说明了申请材料和民主评议程序"),
    ("金桔种植技术补贴", "介绍了县农业农村局的补贴申报时间"),
    ("《信访工作条例》和依法逐级反映诉求", "发放了便民服务卡，告知扫码反映诉求的方法"),
    ("防溺水安全教育", "提醒家长看管好孩子，不到河边、水塘玩耍"),
    ("农村宅基地审批规定", "说明了建房须先申请审批"),
)

VISIT_OPENINGS = ("入户走访{family}家，", "到{family}家走访，", "走访{family}家时，", "电话回访{family}家，",
                  "与村干部一起走访{family}家，", "在田间遇到{family}家人，")
VISIT_FINDINGS = {
    "policy_explanation": ("宣讲了{policy}，户主表示听明白了", "重点讲解了{policy}，家人提了几个问题，已一一解答"),
    "dispute_screening": ("排查矛盾纠纷，家庭和睦，邻里关系融洽", "询问邻里关系，暂未发现矛盾纠纷",
                          "了解到与邻居因排水沟有些口角，已提醒双方互谅互让"),
    "hazard_check": ("检查了厨房和电线，发现插座老化，已提醒更换", "查看房屋周边边坡，雨季注意防范滑坡",
                     "检查了液化气罐和灶具，使用规范"),
    "info_collection": ("核实了家庭成员和联系电话，信息无变化", "更新了外出务工人员的去向和联系方式"),
    "opinion_collection": ("户主建议硬化屯里的机耕路", "群众反映自来水在用水高峰期水压不足",
                           "收集到希望增设路灯的意见"),
    "service_proxy": ("代办了医保缴费", "帮助老人办理了高龄补贴认证", "代为领取了残疾人证年审材料"),
    "psych_support": ("与{person}谈心，情绪比上次平稳", "疏导{person}因家事产生的烦闷情绪"),
    "followup_mediation": ("回访调解协议履行情况，双方均按约履行", "回访上次调解事项，关系已缓和"),
    "followup_request": ("回访上次反映的路灯问题，已修好，群众满意", "回访饮水管维修情况，已恢复供水"),
}
VISIT_CLOSINGS = ("", "下次继续跟进。", "已记录在册。", "群众表示满意。", "约定下次走访时间。")
# Special tag → (what the summary says with {person}, what the risk follow-up observes).
RISK_NOTES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "left_behind_child": (("{person}在家由祖辈照看，学习情况正常", "询问了{person}的上学和安全情况，提醒暑期防溺水"),
                          ("由祖父母照看，上学正常", "父母每周视频联系，情绪稳定")),
    "left_behind_elderly": (("看望{person}，精神状态较好，生活能自理", "了解到{person}腿脚不便，已联系村医上门"),
                            ("生活能自理，子女按时来电", "行动较慢，需定期看望")),
    "empty_nest_elderly": (("看望独居的{person}，帮忙检查了用电用气", "了解到{person}腿脚不便，已联系村医上门"),
                           ("独自在家，行动较慢，需定期看望", "生活能自理，邻居常来照看")),
    "disabled": (("了解{person}的生活和康复情况，已协助办理残疾人两项补贴", "看望{person}，家人照料到位"),
                 ("家人照料到位", "需要协助办理补贴和辅具")),
    "serious_illness": (("{person}近期身体欠佳，已提醒按时就医并联系家庭医生", "看望{person}，了解医疗费用报销进度"),
                        ("近期身体欠佳，已联系村医", "正在治疗，情绪稳定")),
    "veteran": (("走访退役军人{person}，宣传了优抚政策", "看望退役军人{person}，了解生活情况"),
                ("生活稳定，无特殊诉求", "关心子女就业政策")),
}
ISSUES = (
    ("fire_hazard", "厨房电线老化裸露，存在火灾隐患", True),
    ("public_facility", "屯内路灯损坏两盏", False),
    ("environment_sanitation", "屯口垃圾池清运不及时", False),
    ("disaster_risk", "屋后边坡有裂缝，雨季有滑坡风险", False),
    ("request", "老人申请办理高龄补贴", True),
    ("request", "希望协调修复灌溉水渠", False),
    ("traffic_safety", "村道急弯处缺少警示标志", False),
    ("suggestion", "建议在屯里增设健身器材", True),
    ("production_safety", "农药与粮食混放", True),
)

# --- meetings ---------------------------------------------------------------------------------

MEETING_TOPICS = (
    # (topic_type, title template, background, resolution template)
    ("public_works", "{place}屯级道路硬化项目", "屯内主路为泥土路，雨天泥泞，群众出行不便。",
     "同意实施{place}道路硬化，群众投工投劳，按户分摊维护责任。"),
    ("public_works", "{place}饮水工程维修和水费收取办法", "旧水管老化漏水，旱季供水不足。",
     "同意更换主水管，按户每月收取水费用于日常维护。"),
    ("village_rules", "修订《{village}村规民约》", "原村规民约制定于2018年，部分条款已不适应新情况。",
     "通过修订后的村规民约，增加移风易俗、红白喜事简办等条款。"),
    ("collective_property", "{place}集体鱼塘发包方案", "集体鱼塘承包到期，需重新发包。",
     "同意以公开竞价方式发包，收益用于屯内公益事业。"),
    ("public_works", "{place}风雨桥修缮", "风雨桥木构件腐朽，存在安全隐患。",
     "同意修缮风雨桥，申请上级补助，不足部分群众自愿捐资。"),
    ("subsidy", "{village}产业奖补资金分配方案", "县里下达产业奖补资金，需议定分配办法。",
     "同意按种植面积和脱贫户优先原则分配奖补资金。"),
)
DISCUSSION_POINTS = ("同意，但要先把施工期间的通行安排好", "建议账目每季度张榜公布", "老人多的户希望多照顾",
                     "希望工程由本屯群众监督", "担心费用分摊不公平，建议按人口分摊", "支持，早做早受益")

# --- mediation --------------------------------------------------------------------------------

# dispute_type → (sub_type, summary template, facts, responsibilities, term template, amount range)
DISPUTES: dict[str, tuple[tuple[str | None, str, str, str, str, tuple[int, int]], ...]] = {
    "neighbour": (
        (None, "{a}与邻居{b}因屋檐滴水和排水沟走向发生争执，多次口角。",
         "{b}新建房屋屋檐伸出，雨水流入{a}家院坝；双方对排水沟走向意见不一。",
         "双方均有责任，{b}建房时未与邻居商量。", "{b}于{due}前在屋檐加装接水槽，排水沟改走屋后", (0, 0)),
        (None, "{a}反映邻居{b}家的鸡鸭多次进入其菜地，啄食青菜。",
         "{b}家散养鸡鸭，多次进入{a}家菜地，造成青菜损失。", "{b}负主要责任。",
         "{b}赔偿{a}青菜损失{amount}元，并圈养鸡鸭", (100, 500)),
    ),
    "marriage_family": (
        ("赡养", "{a}（{age}岁）反映其子{b}长期在外务工，未按约定支付赡养费。",
         "{a}年老体弱，无固定收入；{b}在广东务工，近一年未支付赡养费。", "{b}未尽赡养义务，应予纠正。",
         "{b}每月{day}日前支付{a}赡养费{amount}元", (300, 800)),
        ("继承", "{a}与{b}因父亲遗留的老屋和责任田分配发生争执。",
         "父亲去世后未立遗嘱，兄弟二人对老屋和责任田分配意见不一。", "双方均应遵守法定继承规定。",
         "老屋归{b}所有，{b}补偿{a}{amount}元；责任田按人口平分", (5000, 20000)),
    ),
    "housing_homestead": (
        (None, "{a}与{b}因宅基地界址发生争议，{a}砌围墙时被{b}阻止。",
         "双方房屋相邻，{a}建围墙占用界址约0.5米，{b}提出异议。", "{a}未按原界址施工。",
         "以1998年宅基地使用证界址为准，{a}于{due}前将围墙后退至界址线", (0, 0)),
    ),
    "forest_land": (
        ("承包经营", "{a}与{b}因杉木林承包地边界不清，采伐时发生争执。",
         "双方承包林地相邻，{b}采伐杉木时越界砍伐{a}家杉木十余棵。", "{b}越界采伐，负主要责任。",
         "{b}赔偿{a}杉木损失{amount}元，双方共同重新确认林地边界", (1500, 6000)),
    ),
    "damage_compensation": (
        (None, "{b}家的牛挣脱绳索，踩坏{a}家金桔苗。",
         "{b}放牛时看管不严，牛踩坏{a}家金桔苗约三十株。", "{b}负全部责任。",
         "{b}赔偿{a}金桔苗损失{amount}元", (600, 2500)),
        (None, "{a}骑摩托车与{b}在村道刮擦，双方对维修费用有争议。",
         "双方在村道会车时刮擦，车辆轻微受损，无人受伤。", "双方负同等责任。",
         "双方各自承担本方车辆维修费，{b}另付{a}误工费{amount}元", (200, 600)),
    ),
    "contract": (
        (None, "{a}反映收购商{b}拖欠其金桔收购款。",
         "{b}收购{a}金桔约两千斤，约定一个月内付清货款，至今尚欠部分款项。", "{b}应按约付款。",
         "{b}于{due}前支付{a}剩余货款{amount}元", (2000, 9000)),
    ),
}
DISPUTE_WEIGHTS = (("neighbour", 30), ("marriage_family", 22), ("housing_homestead", 16),
                   ("forest_land", 10), ("damage_compensation", 14), ("contract", 8))
