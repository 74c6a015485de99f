"""Code tables (domain.md §3.4, §10 and the small sets) as data: code → Chinese display label.

National tables keep their numeric codes (GB/T 2261, 3304, 4761, 4762, GA/T 517); domain tables
keep the English codes domain.md gives; where domain.md lists only Chinese values we chose short
English codes (see docs/domain-model.md) so stored data never depends on display wording.
"""

from __future__ import annotations

SEX = {"0": "未知", "1": "男", "2": "女", "9": "未说明"}

MARITAL_STATUS = {
    "10": "未婚", "20": "已婚", "21": "初婚", "22": "再婚", "23": "复婚",
    "30": "丧偶", "40": "离婚", "90": "未说明",
}

# GB/T 3304-1991, the 56 ethnic groups plus 97/98.
ETHNICITY = {
    "01": "汉族", "02": "蒙古族", "03": "回族", "04": "藏族", "05": "维吾尔族", "06": "苗族",
    "07": "彝族", "08": "壮族", "09": "布依族", "10": "朝鲜族", "11": "满族", "12": "侗族",
    "13": "瑶族", "14": "白族", "15": "土家族", "16": "哈尼族", "17": "哈萨克族", "18": "傣族",
    "19": "黎族", "20": "傈僳族", "21": "佤族", "22": "畲族", "23": "高山族", "24": "拉祜族",
    "25": "水族", "26": "东乡族", "27": "纳西族", "28": "景颇族", "29": "柯尔克孜族", "30": "土族",
    "31": "达斡尔族", "32": "仫佬族", "33": "羌族", "34": "布朗族", "35": "撒拉族", "36": "毛南族",
    "37": "仡佬族", "38": "锡伯族", "39": "阿昌族", "40": "普米族", "41": "塔吉克族", "42": "怒族",
    "43": "乌孜别克族", "44": "俄罗斯族", "45": "鄂温克族", "46": "德昂族", "47": "保安族",
    "48": "裕固族", "49": "京族", "50": "塔塔尔族", "51": "独龙族", "52": "鄂伦春族", "53": "赫哲族",
    "54": "门巴族", "55": "珞巴族", "56": "基诺族", "97": "其他", "98": "外国血统中国籍人士",
}

# GB/T 4761-2008 家庭关系代码 (the commonly used rows; verify the rarer ones against the standard).
RELATION_TO_HEAD = {
    "01": "本人", "02": "户主", "10": "配偶", "11": "夫", "12": "妻",
    "20": "子", "21": "独生子", "22": "长子", "23": "次子", "24": "三子", "25": "四子",
    "26": "五子", "27": "养子或继子", "28": "女婿", "29": "其他儿子",
    "30": "女", "31": "独生女", "32": "长女", "33": "次女", "34": "三女", "35": "四女",
    "36": "五女", "37": "养女或继女", "38": "儿媳", "39": "其他女儿",
    "40": "孙辈", "41": "孙子", "42": "孙女", "43": "外孙子", "44": "外孙女",
    "45": "孙媳妇或外孙媳妇", "46": "孙女婿或外孙女婿", "47": "曾孙子或外曾孙子",
    "48": "曾孙女或外曾孙女", "49": "其他孙子、孙女或外孙子、外孙女",
    "50": "父母", "51": "父亲", "52": "母亲", "53": "公公", "54": "婆婆", "55": "岳父",
    "56": "岳母", "57": "继父或养父", "58": "继母或养母", "59": "其他父母关系",
    "60": "祖父母或外祖父母", "61": "祖父", "62": "祖母", "63": "外祖父", "64": "外祖母",
    "69": "其他祖父母或外祖父母",
    "70": "兄弟姐妹", "71": "兄", "72": "嫂", "73": "弟", "74": "弟媳", "75": "姐姐",
    "76": "姐夫", "77": "妹妹", "78": "妹夫", "79": "其他兄弟姐妹",
    "80": "其他", "81": "伯父", "82": "伯母", "83": "叔父", "84": "婶母", "85": "舅父",
    "86": "舅母", "87": "姨父", "88": "姨母", "89": "姑父", "90": "姑母", "91": "堂兄弟、堂姐妹",
    "92": "表兄弟、表姐妹", "93": "侄子", "94": "侄女", "95": "外甥", "96": "外甥女",
    "97": "其他亲属", "99": "非亲属",
}
HEAD_RELATION = "02"

POLITICAL_STATUS = {
    "01": "中共党员", "02": "中共预备党员", "03": "共青团员", "04": "民革党员", "05": "民盟盟员",
    "06": "民建会员", "07": "民进会员", "08": "农工党党员", "09": "致公党党员", "10": "九三学社社员",
    "11": "台盟盟员", "12": "无党派人士", "13": "群众",
}

# GA/T 517-2004; 113 户口簿 and 990 其他 are our additions [proposal].
ID_DOC_TYPE = {
    "111": "居民身份证", "113": "户口簿", "114": "军官证", "335": "机动车驾驶证", "414": "普通护照",
    "511": "台湾居民来往大陆通行证", "516": "港澳居民来往内地通行证", "990": "其他证件",
}
RESIDENT_ID_CARD = "111"

RESIDENCE_STATUS = {"consistent": "人户一致", "person_here_hukou_away": "人在户不在",
                    "hukou_here_person_away": "户在人不在"}
AWAY_STATUS = {
    "at_home": "在家", "work_in_county": "县内务工", "work_in_region": "县外区内务工",
    "work_outside_region": "区外务工", "studying_away": "外出就学", "military": "服兵役",
    "other": "其他",
}
HEALTH_STATUS = {"good": "良好", "fair": "一般", "chronic": "慢性病", "disabled": "残疾", "serious": "重病"}
DISABILITY_CATEGORY = {
    "visual": "视力", "hearing": "听力", "speech": "言语", "physical": "肢体",
    "intellectual": "智力", "mental": "精神", "multiple": "多重",
}
DISABILITY_GRADE = {"1": "一级", "2": "二级", "3": "三级", "4": "四级"}

DISPUTE_TYPE = {
    "marriage_family": "婚姻家庭", "neighbour": "邻里", "housing_homestead": "房屋宅基地",
    "contract": "合同", "production_business": "生产经营", "damage_compensation": "损害赔偿",
    "forest_land": "山林土地", "land_requisition": "征地拆迁", "environment": "环境污染",
    "labour": "劳动争议", "medical": "医疗", "traffic": "道路交通事故", "property_mgmt": "物业",
    "village_affairs": "村务管理", "consumer": "消费", "tourism": "旅游", "e_commerce": "电子商务",
    "fire": "消防", "other": "其他",
}

VISIT_PURPOSE = {
    "policy_explanation": "政策法规宣传解读", "dispute_screening": "矛盾纠纷排查",
    "risk_followup": "重点对象风险跟进/关爱帮扶", "hazard_check": "安全隐患排查",
    "info_collection": "基础信息采集核实", "opinion_collection": "社情民意收集",
    "service_proxy": "公共服务代办", "psych_support": "心理疏导/危机干预",
    "followup_mediation": "调解协议履行回访", "followup_request": "诉求办理结果回访", "other": "其他",
}

ISSUE_CATEGORY = {
    "dispute": "矛盾纠纷", "public_security": "治安隐患", "fire_hazard": "消防隐患",
    "production_safety": "安全生产隐患", "traffic_safety": "交通安全隐患",
    "disaster_risk": "防汛/地质灾害隐患", "environment_sanitation": "环境卫生",
    "public_facility": "公共设施损坏", "request": "群众诉求", "suggestion": "意见建议",
    "special_population_alert": "重点人员动态异常", "minor_protection": "未成年人受侵害",
    "stability_risk": "涉稳/群体性苗头", "other": "其他",
}
ISSUE_SEVERITY = {"low": "一般", "medium": "较重", "high": "严重"}

SPECIAL_TAG = {
    "left_behind_child": "农村留守儿童", "left_behind_elderly": "留守老人",
    "left_behind_woman": "留守妇女", "empty_nest_elderly": "独居/空巢老人",
    "child_in_difficulty": "困境儿童", "disabled": "残疾人", "serious_illness": "大病/重病",
    "idle_youth": "闲散青少年", "misbehaving_youth": "不良行为青少年",
    "street_minor": "流浪乞讨未成年人", "child_of_inmate": "服刑在教人员未成年子女",
    "released_prisoner": "刑满释放人员", "community_corrections": "社区矫正对象",
    "severe_mental_disorder": "严重精神障碍患者", "drug_user": "吸毒人员",
    "key_petitioner": "重点信访人员", "veteran": "退役军人", "other": "其他",
}
ATTENTION_LEVEL = {"normal": "一般", "medium": "中等", "severe": "严重"}
TAG_SOURCE = {"department": "部门推送", "grid_worker": "网格员发现", "self_reported": "本人申报"}

HOUSEHOLD_TAG = {
    "dibao": "低保户", "tekun": "特困供养", "dibao_edge": "低保边缘", "fanpin_unstable": "脱贫不稳定户",
    "fanpin_edge": "边缘易致贫户", "fanpin_sudden": "突发严重困难户", "tuopin": "脱贫户",
    "disabled_family": "残疾人家庭", "military_family": "军属/优抚对象", "left_behind_family": "留守家庭",
}

MEETING_TYPE = {
    "villager_assembly": "村民会议", "villager_rep_assembly": "村民代表会议",
    "group_meeting": "村民小组会议", "hamlet_micro_deliberation": "屯级微议事",
    "branch_proposal": "党支部会", "two_committees": "两委会", "party_member_assembly": "党员大会",
    "consultation": "协商议事会",
}
SCOPE_LEVEL = {"village": "村级", "group": "村民小组", "hamlet": "屯级"}
FOUR_TWO_STEP = {
    "propose": "提议", "discuss": "商议", "review": "审议", "resolve": "决议",
    "resolution_public": "决议公开", "result_public": "结果公开",
}
QUORUM_BASIS = {"villagers_18": "按18周岁以上村民", "household_reps": "按户代表", "members": "按组成人员"}
PROPOSER_KIND = {
    "members_masses": "党员群众建议", "village_cadre": "村干部提议",
    "higher_authority": "上级党委政府安排", "household_joint": "户代表联名",
}
TOPIC_TYPE = {
    "land_transfer": "土地经营权流转", "collective_property": "集体资产/收益",
    "public_works": "公益事业/项目建设", "subsidy": "补贴分配", "homestead": "宅基地",
    "village_rules": "村规民约", "requisition_compensation": "征地补偿", "other": "其他",
}
LAND_TOPIC_TYPES = frozenset({"land_transfer"})
ATTENDEE_ROLE = {
    "household_rep": "户代表", "villager": "村民", "representative": "代表",
    "party_member": "党员", "two_committees": "两委", "observer": "列席",
}
NOTICE_METHOD = {"posting": "张贴公告", "broadcast": "广播", "messaging": "微信群/短信",
                 "door_to_door": "逐户通知", "other": "其他"}
VOTE_METHOD = {"show_of_hands": "举手", "secret_ballot": "无记名投票", "household_signature": "逐户签字"}
VOTE_UNIT = {"person": "人", "household": "户", "representative": "代表"}
CONSENT_DECISION = {"agree": "同意", "disagree": "不同意", "abstain": "弃权"}
PUBLICITY_KIND = {"resolution_public": "决议公开", "result_public": "结果公开"}
IMPLEMENTATION_STATUS = {"not_started": "未开始", "in_progress": "实施中", "done": "已完成", "halted": "已中止"}

FIVE_ELDERS_CATEGORY = {
    "old_cadre": "老干部", "old_party_member": "老党员", "old_soldier": "老军人/老战士",
    "old_teacher": "老教师", "old_model": "老模范", "old_expert": "老专家",
    "old_law_officer": "老政法干警", "village_sage": "乡贤",
}

CASE_SOURCE = {
    "party_application": "当事人申请", "proactive": "主动调解", "grid_screening": "网格排查发现",
    "court_referral": "法院委托/委派", "police_referral": "公安移送", "petition_referral": "信访移送",
    "procuratorate_referral": "检察院移送", "other_dept_referral": "其他部门移送",
}
APPLICATION_FORM = {"written": "书面", "oral": "口头(当场记录)"}

TARGET_UNIT = {
    "police_station": "派出所", "justice_office": "司法所", "peace_rule_of_law_office": "平安法治办",
    "petition_joint_office": "信访联席办", "peoples_tribunal": "人民法庭",
    "township_mediation_committee": "乡镇调委会", "township_government": "乡镇人民政府",
    "land_arbitration": "县农村土地承包仲裁委员会", "labour_arbitration": "县劳动人事争议仲裁委员会",
    "labour_inspection": "劳动监察", "civil_affairs": "民政", "womens_federation": "妇联",
    "natural_resources": "自然资源所", "forestry_station": "林业站", "agriculture": "农业农村/经管站",
    "market_regulation": "市场监管所", "emergency_fire": "应急/消防", "health": "卫健",
    "county_department": "县级对口部门", "village_two_committees": "村“两委”",
}

# 事件上报 (domain.md §8.2): how urgent, and at which level it is handled.
EVENT_URGENCY = {"normal": "一般", "urgent": "紧急", "major_urgent": "重大紧急"}
HANDLING_LEVEL = {"village": "村级", "township": "乡镇", "county": "县级"}

PARTY_ROLE = {"applicant": "申请人", "respondent": "被申请人", "third_party": "第三人", "other": "其他当事人"}
PARTY_KIND = {"natural_person": "自然人", "legal_person": "法人", "unincorporated": "非法人组织"}
ESCALATION_RISK = {"low": "低", "medium": "中", "high": "高", "criminal": "可能引发治安刑事案件"}
TOP_RISK = "criminal"
ACCEPTANCE_DECISION = {"accept": "受理", "reject": "不予受理"}
REJECTION_REASON = {
    "party_refuses": "一方明确拒绝", "in_other_procedure": "已进入诉讼仲裁行政程序",
    "not_civil_dispute": "非民间纠纷", "other": "其他",
}
CHANNEL = {
    "litigation": "诉讼", "arbitration": "仲裁", "administrative": "行政处理",
    "land_arbitration": "土地承包仲裁", "labour_arbitration": "劳动仲裁", "petition": "信访",
}
NOTICE_DELIVERY = {"written": "书面告知", "oral": "口头告知"}
ASSIGNED_HOW = {"designated": "指定", "chosen_by_parties": "当事人选择"}
INVITED_RELATION = {
    "relative": "亲属", "neighbour": "邻里", "five_elders": "五老", "professional": "专业人员",
    "social_org": "社会组织", "village_lawyer": "驻村律师", "other": "其他",
}
CASE_OUTCOME = {
    "written_agreement": "书面协议", "oral_agreement": "口头协议", "terminated": "调解终止",
    "withdrawn": "撤回", "referred": "转其他途径",
}
SESSION_NOTICE = {
    "rights_duties": "权利义务告知", "principles_and_participants": "调解原则方式及参与人员身份告知",
    "result_risk": "调解结果风险告知",
}
PERFORMANCE_METHOD = {
    "cash_lump_sum": "一次性现金", "transfer": "转账", "instalments": "分期", "act": "行为履行",
    "other": "其他",
}
PERFORMANCE_STATUS = {"fully": "已全部履行", "partly": "部分履行", "not_performed": "未履行", "not_due": "未到期"}
SATISFACTION = {"satisfied": "满意", "basically_satisfied": "基本满意", "dissatisfied": "不满意",
                "not_rated": "未评价"}
FOLLOWUP_MODE = {"home_visit": "上门", "phone": "电话", "appointment": "约见"}
RETENTION = {"permanent": "永久", "long": "长期", "short": "短期"}

SIGNATURE_METHOD = {"sign": "签名", "seal": "盖章", "fingerprint": "按指印", "proxy": "代签"}
SIGNER_ROLE = {
    "party": "当事人", "agent": "代理人", "mediator": "调解员", "recorder": "记录人",
    "interviewee": "受访人", "household_rep": "户代表", "visitor": "回访人", "other": "其他",
}
PHONE_TYPE = {"self": "本人", "family": "家属", "proxy": "代收"}

TARGET_KIND = {"household": "户", "person": "个人(重点对象)", "venue": "场所", "enterprise": "企业",
               "other": "其他"}
VISIT_MODE = {"home": "入户面访", "yard_field": "院坝(田间)面访", "phone": "电话", "video": "视频",
              "group": "集中走访"}
DISPUTE_SCREENING = {"none_found": "未发现", "early_signs": "发现苗头隐患", "dispute_found": "发现纠纷"}
RISK_LEVEL = {"low": "低", "medium": "中", "high": "高"}
REVIEW_RESULT = {"accepted": "通过", "returned": "退回"}

ATTACHMENT_KIND = {
    "photo": "照片", "scan": "扫描件", "audio": "录音", "sign_in_sheet": "签到表",
    "id_copy": "身份证明复印件", "authorization": "授权委托书", "receipt": "收条",
    "remittance": "汇款凭证", "jc_document": "司法确认文书", "other": "其他",
}

MEDIATOR_KIND = {
    "committee_member": "委员", "appointed": "聘任调解员", "full_time": "专职调解员",
    "invited": "特邀", "five_elders": "五老", "village_sage": "乡贤",
}
FIVE_ELDERS_KIND = "five_elders"
MEDIATOR_STATUS = {"active": "在岗", "suspended": "暂停", "left": "已离任"}
COMMITTEE_LEVEL = {
    "village": "村(居)调委会", "township": "乡镇调委会", "sector": "行业性专业性调委会",
    "stationed": "派驻调解室",
}
COMMITTEE_POST = {"chair": "主任", "vice_chair": "副主任", "member": "委员"}

JC_STATE = {"JC_NONE": "未申请", "JC_APPLIED": "已申请", "JC_CONFIRMED": "已确认",
            "JC_REFUSED": "不予确认", "JC_WITHDRAWN": "已撤回"}


def label(table: dict[str, str], code: str | None) -> str:
    """The display label of `code` in `table`; the code itself when unknown, "" for None."""
    if code is None:
        return ""
    return table.get(code, code)
