namespace PlanTracker.Infrastructure.ScaleData;

/// <summary>Chinese phrases the generated plans and reports are assembled from, so that generated pages read like real ones.</summary>
internal static class PhraseBank
{
    public static readonly string[] Fields =
    [
        "科技服务", "电子商务", "现代物流", "数字内容", "研发设计", "检验检测", "知识产权服务", "科技金融",
        "健康服务", "智慧城市", "文化科技融合", "服务外包", "信息技术服务", "节能环保服务", "现代农业服务", "技术转移",
    ];

    public static readonly string[] ChapterThemes =
    [
        "加强共性关键技术研发", "推进创新平台建设", "培育新兴服务业态", "开展重点领域应用示范", "完善产业创新体系",
        "加强人才队伍建设", "优化政策与发展环境", "深化国际科技合作", "推动区域协调发展", "健全监测评估机制",
    ];

    public static readonly string[] TaskVerbs =
    [
        "突破", "研发", "建设", "推广", "集成应用", "培育", "完善", "制定", "示范推广", "构建",
    ];

    public static readonly string[] TaskObjects =
    [
        "云计算服务平台关键技术", "行业公共服务平台", "标准规范体系", "重点产业化基地", "大数据分析与挖掘技术",
        "移动互联网服务模式", "安全可信交易技术", "协同服务支撑系统", "区域创新服务网络", "综合应用示范工程",
    ];

    public static readonly string[] Progress =
    [
        "已完成年度实施方案编制，组织召开专题推进会，明确责任分工和时间节点。",
        "项目按计划推进，关键技术攻关取得阶段性进展，完成中期检查。",
        "已建成示范平台并投入试运行，累计服务企业数百家。",
        "联合高校和龙头企业组建产业技术创新联盟，开展联合攻关。",
        "完成相关标准草案的起草和征求意见工作，正在修改完善。",
        "组织开展应用示范，覆盖全省主要地市，运行情况总体良好。",
        "落实配套资金，完成设备采购和系统部署，进入联调测试阶段。",
        "开展专题调研，形成调研报告并报送主管部门。",
    ];

    public static readonly string[] Achievements =
    [
        "申请发明专利12项，发布地方标准2项。",
        "新增服务企业超过三百家，带动相关产业产值明显增长。",
        "培养专业技术人才一百余名，形成一支稳定的研发团队。",
        "示范工程通过专家验收，经验做法在全省推广。",
        "平台注册用户突破十万，日均访问量稳步提升。",
        "形成可复制推广的服务模式，获得主管部门肯定。",
    ];

    public static readonly string[] Problems =
    [
        "地方配套资金到位较慢，部分子项目进度受到影响。",
        "专业人才不足，核心技术攻关难度较大。",
        "跨部门协调机制尚不完善，数据共享存在障碍。",
        "市场推广力度不够，示范效果有待进一步显现。",
        "无明显问题。",
    ];

    public static readonly string[] NextSteps =
    [
        "下一步将加快资金拨付，确保按期完成年度任务。",
        "继续推进关键技术攻关，力争年内完成验收。",
        "扩大示范范围，推动成果在更多地市落地应用。",
        "加强与相关部门沟通协调，完善工作机制。",
        "做好总结评估，形成年度进展报告。",
    ];

    public static readonly string[] Milestones =
    [
        "完成实施方案编制", "召开项目启动会", "完成中期检查", "示范平台上线运行", "通过专家验收", "发布地方标准",
    ];

    public static readonly string[] ReturnReasons =
    [
        "请补充投资完成情况的资金来源明细。",
        "进展描述过于笼统，请补充量化成果。",
        "完成百分比与进展描述不符，请核实。",
    ];

    /// <summary>Name, unit of measure, aggregation, direction, comparison, baseline, target.</summary>
    public static readonly (string Name, string? Unit, string Aggregation, string Direction, string Comparison, decimal Baseline, decimal Target)[] Indicators =
    [
        ("现代服务业增加值", "亿元", "Sum", "HigherIsBetter", "AtLeast", 1800m, 3000m),
        ("技术合同成交额", "亿元", "Sum", "HigherIsBetter", "AtLeast", 400m, 800m),
        ("研发经费投入强度", "%", "Average", "HigherIsBetter", "AtLeast", 1.8m, 2.5m),
        ("单位增加值能耗", "吨标准煤/万元", "Average", "LowerIsBetter", "AtMost", 0.9m, 0.7m),
        ("国家现代服务业产业化基地", "个", "NationalOnly", "HigherIsBetter", "AtLeast", 18m, 30m),
        ("科技服务业从业人员", "万人", "Sum", "HigherIsBetter", "AtLeast", 120m, 200m),
        ("服务业信息化应用普及率", "%", "Average", "HigherIsBetter", "AtLeast", 45m, 70m),
        ("建立现代服务业标准体系", null, "NationalOnly", "HigherIsBetter", "Qualitative", 0m, 0m),
    ];

    public static readonly string[] ChineseNumbers = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    public static string Chinese(int n) => n switch
    {
        <= 10 => ChineseNumbers[n - 1],
        < 20 => "十" + ChineseNumbers[n - 11],
        _ => ChineseNumbers[(n / 10) - 1] + "十" + (n % 10 == 0 ? string.Empty : ChineseNumbers[(n % 10) - 1]),
    };
}
