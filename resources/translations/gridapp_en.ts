<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="zh_CN">
<context>
    <name>AttachmentsPanel</name>
    <message>
        <source>删除附件</source>
        <translation>Delete attachment</translation>
    </message>
    <message>
        <source>删除 %1 个附件。请写明删除原因：</source>
        <translation>Remove %1 attachment(s). Please give the reason:</translation>
    </message>
    <message>
        <source>添加照片/扫描件…</source>
        <translation>Add photo/scan…</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>例如：纠纷现场、签到表第1页</source>
        <translation>e.g. scene of the dispute, sign-in sheet page 1</translation>
    </message>
    <message>
        <source>含未成年人</source>
        <translation>Shows children</translation>
    </message>
    <message>
        <source>为什么必须保留含未成年人的照片</source>
        <translation>Why this photo of children must be kept</translation>
    </message>
    <message>
        <source>含身份证件</source>
        <translation>Shows an ID card</translation>
    </message>
    <message>
        <source>保存附件说明</source>
        <translation>Save details</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>添加照片或扫描件</source>
        <translation>Add photos or scans</translation>
    </message>
    <message>
        <source>照片或 PDF 扫描件 (%1)</source>
        <translation>Photos or PDF scans (%1)</translation>
    </message>
    <message numerus="yes">
        <source>正在添加 %n 个文件…</source>
        <translation>
            <numerusform>Adding %n file…</numerusform>
            <numerusform>Adding %n files…</numerusform>
        </translation>
    </message>
    <message>
        <source>请写明删除原因（至少两个字），附件没有删除。</source>
        <translation>Please give a reason for deleting (at least two characters). The attachment was not deleted.</translation>
    </message>
    <message>
        <source>附件含未成年人，请注明必要的理由。</source>
        <translation>This attachment shows children: please say why it is needed.</translation>
    </message>
    <message>
        <source>这张照片已缩小后同步，原图只保存在本机。</source>
        <translation>This photo was synced at a smaller size; the original is kept only on this computer.</translation>
    </message>
    <message>
        <source>先保存这条记录，再添加附件。</source>
        <translation>Save this record first, then add attachments.</translation>
    </message>
    <message>
        <source>这份记录已封存，附件不能再增加或删除。</source>
        <translation>This record is sealed: attachments can no longer be added or deleted.</translation>
    </message>
    <message>
        <source>没有附件。</source>
        <translation>No attachments.</translation>
    </message>
    <message>
        <source>也可以把照片或 PDF 文件拖到这里。</source>
        <translation>You can also drag photos or PDF files here.</translation>
    </message>
</context>
<context>
    <name>Attendance</name>
    <message>
        <source>到会情况（签到）</source>
        <translation>Attendance (sign-in)</translation>
    </message>
    <message>
        <source>按户主姓名或地址查找</source>
        <translation>Find by head of household or address</translation>
    </message>
    <message>
        <source>全部到会</source>
        <translation>All present</translation>
    </message>
    <message>
        <source>全部清除</source>
        <translation>Clear all</translation>
    </message>
    <message>
        <source>参会口径</source>
        <translation>Count by</translation>
    </message>
    <message>
        <source>应到</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>实到</source>
        <translation>Present</translation>
    </message>
</context>
<context>
    <name>AutoBackup</name>
    <message>
        <source>已自动备份本机数据</source>
        <translation>This computer&apos;s data has been backed up</translation>
    </message>
    <message>
        <source>自动备份没有成功：%1 本机数据没有受影响，一小时后再试。</source>
        <translation>The automatic backup did not work: %1 The data on this computer is not affected; it will be tried again in an hour.</translation>
    </message>
</context>
<context>
    <name>CaseDetail</name>
    <message>
        <source>&lt;b&gt;附件&lt;/b&gt;</source>
        <translation>&lt;b&gt;Attachments&lt;/b&gt;</translation>
    </message>
    <message>
        <source>在左边的列表中选择一个案件。</source>
        <translation>Choose a case in the list on the left.</translation>
    </message>
    <message>
        <source>纠纷类型</source>
        <translation>Type of dispute</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>登记日期</source>
        <translation>Date registered</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>激化风险</source>
        <translation>Risk of escalation</translation>
    </message>
    <message>
        <source>调解员</source>
        <translation>Mediators</translation>
    </message>
    <message>
        <source>调解结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>基本情况</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>简要情况</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>证件</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>（未编号）</source>
        <translation>(no number)</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>%1：</source>
        <translation>%1: </translation>
    </message>
    <message>
        <source>未登记当事人</source>
        <translation>No parties recorded</translation>
    </message>
    <message>
        <source>（已不再计算）</source>
        <translation> (no longer counted)</translation>
    </message>
    <message>
        <source>（已过 %1 天）</source>
        <translation> (%1 days overdue)</translation>
    </message>
    <message>
        <source>（今天到期）</source>
        <translation> (due today)</translation>
    </message>
    <message>
        <source>（还有 %1 天）</source>
        <translation> (%1 days left)</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <source>尚未受理，没有期限。</source>
        <translation>Not yet accepted, so no deadlines.</translation>
    </message>
    <message>
        <source>，%1</source>
        <translation>, %1</translation>
    </message>
    <message>
        <source>：%1</source>
        <translation>: %1</translation>
    </message>
    <message>
        <source>调解记录</source>
        <translation>Mediation sessions</translation>
    </message>
    <message>
        <source>还没有调解记录。</source>
        <translation>No mediation sessions yet.</translation>
    </message>
    <message>
        <source>调解协议</source>
        <translation>Mediation agreement</translation>
    </message>
    <message>
        <source>口头协议</source>
        <translation>Verbal agreement</translation>
    </message>
    <message>
        <source>没有书面调解协议。</source>
        <translation>No written mediation agreement.</translation>
    </message>
    <message>
        <source>协议编号</source>
        <translation>Agreement no.</translation>
    </message>
    <message>
        <source>生效日期</source>
        <translation>Date in force</translation>
    </message>
    <message>
        <source>尚未生效</source>
        <translation>Not yet in force</translation>
    </message>
    <message>
        <source>司法确认</source>
        <translation>Court confirmation</translation>
    </message>
    <message>
        <source>履行情况</source>
        <translation>Carried out</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>全部案件</source>
        <translation>All cases</translation>
    </message>
    <message>
        <source>正在调解的案件</source>
        <translation>Cases in mediation</translation>
    </message>
</context>
<context>
    <name>CloseQuestion</name>
    <message>
        <source>同步问题</source>
        <translation>Sync problem</translation>
    </message>
    <message>
        <source>放弃这条修改？
它不会再上传到服务器，这条问题也会移出列表。本机上的记录不会被删除。</source>
        <translation>Discard this change?
It will not be uploaded to the server, and this problem will leave the list. The record on this computer is not deleted.</translation>
    </message>
    <message>
        <source>放弃这条修改？
这条记录已不在本机，它的内容只保存在这条问题里；移出列表后就看不到了。</source>
        <translation>Discard this change?
The record is no longer on this computer; its content is kept only in this problem. Once removed from the list it cannot be seen again.</translation>
    </message>
    <message>
        <source>把这条移出列表？
这条修改已交给乡镇审核，移出列表不影响审核。</source>
        <translation>Remove this from the list?
The change has gone to the township for review; removing it from the list does not affect the review.</translation>
    </message>
    <message>
        <source>把这条移出列表？
记录保持服务器上的样子，你写的内容不再显示。</source>
        <translation>Remove this from the list?
The record stays as it is on the server; what you wrote will no longer be shown.</translation>
    </message>
</context>
<context>
    <name>ConsentRow</name>
    <message>
        <source>签字人</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>意见</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>签字方式</source>
        <translation>How signed</translation>
    </message>
    <message>
        <source>面积（亩）</source>
        <translation>Area (mu)</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>ConsentsAndLand</name>
    <message>
        <source>涉及承包地：户同意书与流转合同</source>
        <translation>Contracted land: household consent and transfer contract</translation>
    </message>
    <message>
        <source>每一户是否流转由本户自己签字决定，多数表决不能代替本户同意。</source>
        <translation>Each household decides by its own signature whether to transfer its land; a majority vote cannot replace a household&apos;s consent.</translation>
    </message>
    <message>
        <source>添加这一户</source>
        <translation>Add this household</translation>
    </message>
    <message>
        <source>元/亩/年</source>
        <translation>yuan/mu/year</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>受让方</source>
        <translation>Transferred to</translation>
    </message>
    <message>
        <source>流转期限</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>用途</source>
        <translation>Use</translation>
    </message>
    <message>
        <source>流转价格</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>流转合同（只列入签字同意的户）</source>
        <translation>Transfer contract (only households that signed their consent)</translation>
    </message>
    <message>
        <source>（本屯以外的户）</source>
        <translation>(household from another hamlet)</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <source>上报事件</source>
        <translation>Report an event</translation>
    </message>
    <message>
        <source>事件类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>由谁处置</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>（由乡镇派遣，可不选）</source>
        <translation>(optional: the township decides)</translation>
    </message>
    <message>
        <source>建议去向</source>
        <translation>Suggested unit</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>事件描述</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source>上报后由乡镇综治中心接收和派遣；重大紧急的事情请同时电话报告。</source>
        <translation>The township centre receives and dispatches the report; for a major emergency, also phone it in.</translation>
    </message>
    <message>
        <source>上报</source>
        <translation>Report</translation>
    </message>
</context>
<context>
    <name>Finalising</name>
    <message>
        <source>还有 %1 处需要改正或补全，不能定稿</source>
        <translation>Cannot finalise yet (to fix or complete: %1)</translation>
    </message>
    <message>
        <source>没有定稿：</source>
        <translation>Not finalised: </translation>
    </message>
    <message>
        <source>议事记录</source>
        <translation>Meeting record</translation>
    </message>
    <message>
        <source>已定稿封存，不能再修改；如有错误，请做更正。</source>
        <translation>Finalised and sealed; it can no longer be changed. To fix a mistake, make a correction.</translation>
    </message>
</context>
<context>
    <name>HouseholdDetail</name>
    <message>
        <source>在左侧列表中选一户，这里显示户主、成员、走访记录和相关纠纷。</source>
        <translation>Choose a household in the list on the left to see its head, members, visits and related disputes here.</translation>
    </message>
    <message>
        <source>户主：%1</source>
        <translation>Head of household: %1</translation>
    </message>
    <message>
        <source>（未登记）</source>
        <translation>(not recorded)</translation>
    </message>
    <message>
        <source>屯/组</source>
        <translation>Hamlet</translation>
    </message>
    <message>
        <source>详细地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>户类别</source>
        <translation>Household type</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>编辑户信息</source>
        <translation>Edit household</translation>
    </message>
    <message>
        <source>添加成员</source>
        <translation>Add member</translation>
    </message>
    <message numerus="yes">
        <source>成员（%n 人）</source>
        <translation>
            <numerusform>Members (%n)</numerusform>
            <numerusform>Members (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>还没有登记成员。</source>
        <translation>No members recorded yet.</translation>
    </message>
    <message numerus="yes">
        <source>走访记录（%n 次）</source>
        <translation>
            <numerusform>Visits (%n)</numerusform>
            <numerusform>Visits (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>还没有走访记录。</source>
        <translation>No visits yet.</translation>
    </message>
    <message numerus="yes">
        <source>相关纠纷（%n 件）</source>
        <translation>
            <numerusform>Related disputes (%n)</numerusform>
            <numerusform>Related disputes (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>没有相关纠纷。</source>
        <translation>No related disputes.</translation>
    </message>
    <message numerus="yes">
        <source>上报事件（%n 件）</source>
        <translation>
            <numerusform>Events reported (%n)</numerusform>
            <numerusform>Events reported (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <source>编辑户信息</source>
        <translation>Edit household</translation>
    </message>
    <message>
        <source>屯/组</source>
        <translation>Hamlet</translation>
    </message>
    <message>
        <source>详细地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>手机11位，或固话带区号，如 0772-8123456</source>
        <translation>11-digit mobile, or landline with area code, e.g. 0772-8123456</translation>
    </message>
    <message>
        <source>户类别</source>
        <translation>Household type</translation>
    </message>
    <message>
        <source>（未找到）</source>
        <translation>(not found)</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>还没有成员，请在户页面用“添加成员”登记。</source>
        <translation>No members yet. Add them on the household page with “Add member”.</translation>
    </message>
    <message>
        <source>成员与户主关系</source>
        <translation>Relationship to head</translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <source>全部自然屯/组</source>
        <translation>All hamlets</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>有%1</source>
        <translation>With %1</translation>
    </message>
    <message>
        <source>未走访超过</source>
        <translation>Not visited for over</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>新建户 (Ctrl+N)</source>
        <translation>New household (Ctrl+N)</translation>
    </message>
    <message>
        <source>这台电脑上还没有任何村的住户，先同步后才能新建户。</source>
        <translation>This computer has no village&apos;s households yet; sync first, then you can add a household.</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>← 上一个</source>
        <translation>← Previous</translation>
    </message>
    <message>
        <source>下一个 →</source>
        <translation>Next →</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>适合窗口</source>
        <translation>Fit to window</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>用本机的 PDF 阅读器打开。打开时会生成一份临时副本，关闭本程序时删除。</source>
        <translation>Open in this computer&apos;s PDF reader. A temporary copy is made and deleted when GridApp closes.</translation>
    </message>
    <message>
        <source>附件：%1</source>
        <translation>Attachment: %1</translation>
    </message>
    <message>
        <source>第 %1 个，共 %2 个</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>PDF 文件：%1</source>
        <translation>PDF file: %1</translation>
    </message>
    <message>
        <source>正在打开…</source>
        <translation>Opening…</translation>
    </message>
    <message>
        <source>采集于 %1</source>
        <translation>Taken on %1</translation>
    </message>
    <message>
        <source>含未成年人</source>
        <translation>Shows children</translation>
    </message>
    <message>
        <source>含身份证件</source>
        <translation>Shows an ID card</translation>
    </message>
    <message>
        <source>显示的是本机保存的原图</source>
        <translation>Showing the original kept on this computer</translation>
    </message>
    <message>
        <source>这个附件的内容还没有下载到本机，请先同步。</source>
        <translation>This attachment has not been downloaded to this computer yet. Please sync first.</translation>
    </message>
    <message>
        <source>这张照片打不开（文件可能已损坏）。</source>
        <translation>This photo cannot be opened (the file may be damaged).</translation>
    </message>
    <message>
        <source>本机没有能打开 PDF 的程序。</source>
        <translation>This computer has no program that can open PDF files.</translation>
    </message>
</context>
<context>
    <name>IssuesEditor</name>
    <message>
        <source>＋ 添加问题</source>
        <translation>+ Add problem</translation>
    </message>
    <message>
        <source>（问题类别）</source>
        <translation>(type of problem)</translation>
    </message>
    <message>
        <source>发现了什么问题</source>
        <translation>What problem was found</translation>
    </message>
    <message>
        <source>当场解决</source>
        <translation>Solved on the spot</translation>
    </message>
    <message>
        <source>转事件/案件</source>
        <translation>Referred as a case</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>上报事件…</source>
        <translation>Report as an event…</translation>
    </message>
    <message>
        <source>把这个问题上报给村里或乡镇处理；上报后这次走访才能完成</source>
        <translation>Send this issue to the village or township; the visit can be completed once it is reported</translation>
    </message>
    <message>
        <source>已转调解案件</source>
        <translation>Turned into a mediation case</translation>
    </message>
    <message>
        <source>已上报事件 %1</source>
        <translation>Reported as event %1</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>搜索姓名、地址或内容（Ctrl+F）</source>
        <translation>Search (Ctrl+F): name, address, text</translation>
    </message>
    <message>
        <source>共 %1 条</source>
        <translation>%1 records</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>网格工作台 GridApp</source>
        <translation>GridApp</translation>
    </message>
    <message>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>文字大小</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source>语言 Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
</context>
<context>
    <name>MeetingFacts</name>
    <message>
        <source>会议</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>（自动编号）</source>
        <translation>(numbered automatically)</translation>
    </message>
    <message>
        <source>例如：屯文化室</source>
        <translation>e.g. hamlet meeting hall</translation>
    </message>
    <message>
        <source>通知方式</source>
        <translation>How notified</translation>
    </message>
    <message>
        <source>会议类型</source>
        <translation>Meeting type</translation>
    </message>
    <message>
        <source>屯/组</source>
        <translation>Hamlet</translation>
    </message>
    <message>
        <source>议事编号</source>
        <translation>Meeting no.</translation>
    </message>
    <message>
        <source>会议时间</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>通知日期</source>
        <translation>Date notified</translation>
    </message>
    <message>
        <source>召集人</source>
        <translation>Convener</translation>
    </message>
    <message>
        <source>主持人</source>
        <translation>Chair</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Minute-taker</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>（名单外人员）</source>
        <translation>(not on the list)</translation>
    </message>
</context>
<context>
    <name>MeetingForm</name>
    <message>
        <source>新的议事记录</source>
        <translation>New deliberation meeting</translation>
    </message>
    <message>
        <source>定稿</source>
        <translation>Finalise</translation>
    </message>
    <message>
        <source>检查并封存会议记录；定稿后不能再修改</source>
        <translation>Check and seal the meeting record; after finalising it cannot be changed</translation>
    </message>
    <message>
        <source>打印会议记录</source>
        <translation>Print minutes</translation>
    </message>
    <message>
        <source>签字纸件的扫描件</source>
        <translation>Scans of signed papers</translation>
    </message>
    <message>
        <source>先打印会议记录，签字后扫描或拍照附在这里，再定稿；定稿后附件随会议记录一起封存。</source>
        <translation>Print the minutes first, have them signed, then scan or photograph them and attach them here before finalising. When finalised, the attachments are sealed with the minutes.</translation>
    </message>
    <message>
        <source>（选好屯/组后自动编号）</source>
        <translation>(numbered once a hamlet is chosen)</translation>
    </message>
    <message>
        <source>提示：</source>
        <translation>Note: </translation>
    </message>
    <message numerus="yes">
        <source>有 %n 处错误，改正前草稿不会保存</source>
        <translation>
            <numerusform>%n error: the draft will not be saved until it is fixed</numerusform>
            <numerusform>%n errors: the draft will not be saved until they are fixed</numerusform>
        </translation>
    </message>
    <message>
        <source>草稿会自动保存</source>
        <translation>Drafts are saved automatically</translation>
    </message>
    <message>
        <source>草稿已自动保存（%1）</source>
        <translation>Draft saved automatically (%1)</translation>
    </message>
    <message>
        <source>草稿没有保存：</source>
        <translation>Draft not saved: </translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>全部屯/组</source>
        <translation>All hamlets</translation>
    </message>
    <message>
        <source>新议事</source>
        <translation>New meeting</translation>
    </message>
</context>
<context>
    <name>MemberCard</name>
    <message numerus="yes">
        <source>%n 岁</source>
        <translation>
            <numerusform>aged %n</numerusform>
            <numerusform>aged %n</numerusform>
        </translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>移出</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>迁出、死亡等：此人不再是本户成员，个人记录保留</source>
        <translation>Moved away, died and the like: this person is no longer a member of the household; their own record is kept</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>未登记</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>显示完整号码（会记入操作日志）</source>
        <translation>Show the full number (this is logged)</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>特殊人群</source>
        <translation>Special groups</translation>
    </message>
</context>
<context>
    <name>MinutesPdf</name>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>一、参会情况</source>
        <translation>1. Attendance</translation>
    </message>
    <message>
        <source>到会人员</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>二、议题、表决与决议</source>
        <translation>2. Topics, votes and decisions</translation>
    </message>
    <message>
        <source>表决结果</source>
        <translation>Vote result</translation>
    </message>
    <message>
        <source>决议</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>（无议题）</source>
        <translation>(no topics)</translation>
    </message>
    <message>
        <source>三、讨论情况</source>
        <translation>3. Discussion</translation>
    </message>
    <message>
        <source>户同意书（逐户签字，多数表决不能代替本户同意）</source>
        <translation>Household consent (each household signs; a majority vote cannot replace its consent)</translation>
    </message>
    <message>
        <source>土地经营权流转明细</source>
        <translation>Land-use rights transfer details</translation>
    </message>
    <message>
        <source>公示</source>
        <translation>Public notice</translation>
    </message>
    <message>
        <source>&#x3000;&#x3000;年&#x3000;&#x3000;月&#x3000;&#x3000;日</source>
        <translation>Date: ____________</translation>
    </message>
</context>
<context>
    <name>NewHouseholdDialog</name>
    <message>
        <source>新建户</source>
        <translation>New household</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>18位，最后一位可以是X</source>
        <translation>18 characters; the last may be X</translation>
    </message>
    <message>
        <source>未填写</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>例如 1980-05-01</source>
        <translation>e.g. 1980-05-01</translation>
    </message>
    <message>
        <source>民族</source>
        <translation>Ethnic group</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>手机11位，或固话带区号，如 0772-8123456</source>
        <translation>11-digit mobile, or landline with area code, e.g. 0772-8123456</translation>
    </message>
    <message>
        <source>户主的电话也记作这户的联系电话。其他成员保存后在户页面用“添加成员”登记。</source>
        <translation>The head&apos;s phone is also the household&apos;s phone. Add the other members on the household&apos;s page with “Add member” after saving.</translation>
    </message>
    <message>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>屯/组</source>
        <translation>Hamlet</translation>
    </message>
    <message>
        <source>详细地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>村、屯和门牌号，如 泉头村下岭尾屯12号</source>
        <translation>Village, hamlet and house number, e.g. Quantou village, Xialingwei hamlet, no. 12</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>户口簿上的户号，没有可不填</source>
        <translation>The number in the household register; leave empty if there is none</translation>
    </message>
    <message>
        <source>户类别</source>
        <translation>Household type</translation>
    </message>
    <message>
        <source>建户</source>
        <translation>Create household</translation>
    </message>
    <message>
        <source>（未登记姓名）</source>
        <translation>(name not recorded)</translation>
    </message>
</context>
<context>
    <name>OptionalDate</name>
    <message>
        <source>未填写</source>
        <translation>Not set</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>数据库口令</source>
        <translation>Database password</translation>
    </message>
    <message>
        <source>这台电脑没有系统钥匙串。请设置一个数据库口令（至少 8 个字符），每次打开网格工作台时输入。口令丢失后本机数据无法打开（已同步到县服务器的数据不受影响）。</source>
        <translation>This computer has no system keychain. Please set a database password (at least 8 characters) and type it each time GridApp opens. If it is lost, the data on this computer cannot be opened (data already synced to the county server is safe).</translation>
    </message>
    <message>
        <source>请输入数据库口令。</source>
        <translation>Please enter the database password.</translation>
    </message>
    <message>
        <source>口令：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>再输入一次：</source>
        <translation>Enter it again:</translation>
    </message>
    <message>
        <source>两次输入的口令不一致。</source>
        <translation>The two passwords do not match.</translation>
    </message>
    <message>
        <source>口令至少需要 8 个字符。</source>
        <translation>The password needs at least 8 characters.</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>添加成员</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>编辑成员</source>
        <translation>Edit member</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>显示完整号码（会记入操作日志）</source>
        <translation>Show the full number (this is logged)</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>已登记的号码只显示前6位和后4位；不改就留空，要改请点“显示”或直接输入新号码。</source>
        <translation>A saved number shows only its first 6 and last 4 digits. Leave it empty to keep it; to change it, click “Show” or type the new number.</translation>
    </message>
    <message>
        <source>已登记的号码只显示前6位和后4位；不改就留空，要改请直接输入新的完整号码。</source>
        <translation>A saved number shows only its first 6 and last 4 digits. Leave it empty to keep it; to change it, type the whole new number.</translation>
    </message>
    <message>
        <source>18位，最后一位可以是X</source>
        <translation>18 characters; the last may be X</translation>
    </message>
    <message>
        <source>旧15位号码</source>
        <translation>Old 15-digit number</translation>
    </message>
    <message>
        <source>只有旧的15位证件时填写</source>
        <translation>Only for an old 15-digit ID card</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>与户主关系</source>
        <translation>Relationship to head</translation>
    </message>
    <message>
        <source>未填写</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>例如 1980-05-01</source>
        <translation>e.g. 1980-05-01</translation>
    </message>
    <message>
        <source>民族</source>
        <translation>Ethnic group</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>手机11位，或固话带区号，如 0772-8123456</source>
        <translation>11-digit mobile, or landline with area code, e.g. 0772-8123456</translation>
    </message>
    <message>
        <source>特殊人群</source>
        <translation>Special groups</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>议事记录</source>
        <translation>Meeting record</translation>
    </message>
    <message>
        <source>保存会议记录</source>
        <translation>Save minutes</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>正在保存会议记录……</source>
        <translation>Saving the minutes…</translation>
    </message>
    <message>
        <source>会议记录已保存为 %1</source>
        <translation>Minutes saved as %1</translation>
    </message>
    <message>
        <source>会议记录没有保存：</source>
        <translation>The minutes were not saved: </translation>
    </message>
</context>
<context>
    <name>ProblemView</name>
    <message>
        <source>发生时间：%1</source>
        <translation>When: %1</translation>
    </message>
    <message>
        <source>服务器代码：%1</source>
        <translation>Server code: %1</translation>
    </message>
    <message>
        <source>服务器原话：%1</source>
        <translation>Server&apos;s message: %1</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>我的</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>服务器的（别人的）</source>
        <translation>Server&apos;s (someone else&apos;s)</translation>
    </message>
    <message>
        <source>原来的</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>用我的</source>
        <translation>Use mine</translation>
    </message>
    <message>
        <source>用服务器的</source>
        <translation>Use server&apos;s</translation>
    </message>
    <message>
        <source>你提交的内容（保留在这里）：</source>
        <translation>What you submitted (kept here):</translation>
    </message>
    <message>
        <source>这条记录已不在本机，你提交的内容保留在这里：</source>
        <translation>This record is no longer on this computer; what you submitted is kept here:</translation>
    </message>
    <message>
        <source>%1：</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>按每项的选择保存</source>
        <translation>Save my choices</translation>
    </message>
    <message>
        <source>打开记录，改好后重新提交</source>
        <translation>Open the record, fix it and submit again</translation>
    </message>
    <message>
        <source>打开记录</source>
        <translation>Open record</translation>
    </message>
    <message>
        <source>放弃这条修改…</source>
        <translation>Discard this change…</translation>
    </message>
    <message>
        <source>知道了，移出列表…</source>
        <translation>OK, remove from list…</translation>
    </message>
    <message>
        <source>没有保存：%1</source>
        <translation>Not saved: %1</translation>
    </message>
</context>
<context>
    <name>ProblemsPage</name>
    <message>
        <source>没有待处理的同步问题。</source>
        <translation>No sync problems to deal with.</translation>
    </message>
    <message>
        <source>在左边选一条，右边会说明发生了什么、可以怎么处理。</source>
        <translation>Choose a problem on the left; the right side explains what happened and what you can do.</translation>
    </message>
</context>
<context>
    <name>Publicity</name>
    <message>
        <source>公示</source>
        <translation>Public notice</translation>
    </message>
    <message>
        <source>公示在定稿后张贴，这里随时可以补记，不改动已封存的会议记录。</source>
        <translation>Public notices are posted after finalising; record them here at any time without changing the sealed minutes.</translation>
    </message>
    <message>
        <source>公示地点</source>
        <translation>Posted at</translation>
    </message>
    <message>
        <source>天数</source>
        <translation>Days</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>公示已保存（%1）</source>
        <translation>Public notice saved (%1)</translation>
    </message>
    <message>
        <source>公示没有保存：</source>
        <translation>Public notice not saved: </translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>待补全：</source>
        <translation>Still to complete: </translation>
    </message>
    <message>
        <source>请注意：</source>
        <translation>Please note: </translation>
    </message>
</context>
<context>
    <name>RemoveMemberDialog</name>
    <message>
        <source>移出成员</source>
        <translation>Remove member</translation>
    </message>
    <message>
        <source>（未登记姓名）</source>
        <translation>(name not recorded)</translation>
    </message>
    <message>
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>把%1移出这一户。此人的个人信息和走访、纠纷记录都会保留，只是不再算作本户成员。</source>
        <translation>Remove %1 from this household. Their personal details, visits and dispute records are all kept; they just no longer count as a member of this household.</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>移出原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>如 迁往柳州市落户、2026年11月病故</source>
        <translation>e.g. moved to Liuzhou, died in November 2026</translation>
    </message>
    <message>
        <source>新户主</source>
        <translation>New head of household</translation>
    </message>
    <message>
        <source>此人是户主。选定新户主后，请在“编辑户信息”里核对其他成员与新户主的关系。</source>
        <translation>This person is the head of household. After choosing the new head, check the other members&apos; relationship to the new head in “Edit household”.</translation>
    </message>
    <message>
        <source>确认移出</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>登录县服务器</source>
        <translation>Sign in to the county server</translation>
    </message>
    <message>
        <source>请登录县服务器。登录后，本机记录的数据会在有网络时自动同步。没有网络也可以先离线工作，以后在“同步”页面登录。</source>
        <translation>Please sign in to the county server. Once signed in, data recorded on this computer syncs automatically whenever there is a network. Without a network you can work offline first and sign in later on the “Sync” page.</translation>
    </message>
    <message>
        <source>服务器地址：</source>
        <translation>Server address:</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>先离线工作</source>
        <translation>Work offline for now</translation>
    </message>
    <message>
        <source>服务器地址应以 https:// 开头。</source>
        <translation>The server address must start with https://</translation>
    </message>
    <message>
        <source>请填写用户名和密码。</source>
        <translation>Please enter your user name and password.</translation>
    </message>
    <message>
        <source>正在登录……</source>
        <translation>Signing in…</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>立即同步（F5）</source>
        <translation>Sync now (F5)</translation>
    </message>
    <message>
        <source>登录县服务器…</source>
        <translation>Sign in to the county server…</translation>
    </message>
    <message>
        <source>县服务器</source>
        <translation>County server</translation>
    </message>
    <message>
        <source>服务器：</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>待上传：</source>
        <translation>Waiting to upload:</translation>
    </message>
    <message>
        <source>上次同步：</source>
        <translation>Last sync:</translation>
    </message>
    <message>
        <source>同步问题</source>
        <translation>Sync problems</translation>
    </message>
    <message>
        <source>未登录：现在离线工作，数据保存在本机。</source>
        <translation>Not signed in: working offline on this computer.</translation>
    </message>
    <message numerus="yes">
        <source>%n 条修改</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
    <message>
        <source>从未同步</source>
        <translation>Never synced</translation>
    </message>
    <message numerus="yes">
        <source>同步问题（%n 个待处理）</source>
        <translation>
            <numerusform>Sync problems (%n to deal with)</numerusform>
            <numerusform>Sync problems (%n to deal with)</numerusform>
        </translation>
    </message>
    <message>
        <source>正在同步……可以继续工作。</source>
        <translation>Syncing… you can keep working.</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>今天 %1</source>
        <translation>today %1</translation>
    </message>
    <message>
        <source>同步完成</source>
        <translation>Sync complete</translation>
    </message>
    <message>
        <source>● 正在同步</source>
        <translation>● Syncing</translation>
    </message>
    <message>
        <source>○ 未连接服务器</source>
        <translation>○ Not connected to server</translation>
    </message>
    <message>
        <source>○ 尚未连接</source>
        <translation>○ Not connected yet</translation>
    </message>
    <message>
        <source>● 在线</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>○ 离线（数据保存在本机）</source>
        <translation>○ Offline (data kept on this computer)</translation>
    </message>
    <message>
        <source>上传修改</source>
        <translation>Uploading changes</translation>
    </message>
    <message>
        <source>下载更新</source>
        <translation>Downloading updates</translation>
    </message>
    <message>
        <source>下载全村数据</source>
        <translation>Downloading village data</translation>
    </message>
    <message>
        <source>传送附件</source>
        <translation>Transferring attachments</translation>
    </message>
    <message numerus="yes">
        <source>待上传 %n 条</source>
        <translation>
            <numerusform>%n waiting to upload</numerusform>
            <numerusform>%n waiting to upload</numerusform>
        </translation>
    </message>
    <message>
        <source>上次同步：%1</source>
        <translation>Last sync: %1</translation>
    </message>
    <message>
        <source>从未</source>
        <translation>never</translation>
    </message>
    <message numerus="yes">
        <source>同步问题 %n 个</source>
        <translation>
            <numerusform>%n sync problem</numerusform>
            <numerusform>%n sync problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ThumbnailModel</name>
    <message>
        <source>类别：%1</source>
        <translation>Category: %1</translation>
    </message>
    <message>
        <source>说明：%1</source>
        <translation>Description: %1</translation>
    </message>
    <message>
        <source>含未成年人</source>
        <translation>Shows children</translation>
    </message>
    <message>
        <source>含身份证件</source>
        <translation>Shows an ID card</translation>
    </message>
    <message>
        <source>未下载</source>
        <translation>Not downloaded</translation>
    </message>
</context>
<context>
    <name>TopicRow</name>
    <message>
        <source>例如：屯内道路硬化</source>
        <translation>e.g. paving the hamlet road</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>删除议题</source>
        <translation>Delete topic</translation>
    </message>
    <message>
        <source>已表决</source>
        <translation>Voted</translation>
    </message>
    <message>
        <source>决议内容（表决通过或未通过都写明）</source>
        <translation>Decision (write it down whether the vote passed or not)</translation>
    </message>
    <message>
        <source>议题</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>实到</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>同意</source>
        <translation>For</translation>
    </message>
    <message>
        <source>反对</source>
        <translation>Against</translation>
    </message>
    <message>
        <source>弃权</source>
        <translation>Abstain</translation>
    </message>
    <message>
        <source>决议</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>议题 %1</source>
        <translation>Topic %1</translation>
    </message>
</context>
<context>
    <name>TopicsAndVotes</name>
    <message>
        <source>议题与表决</source>
        <translation>Topics and votes</translation>
    </message>
    <message>
        <source>添加议题</source>
        <translation>Add topic</translation>
    </message>
    <message>
        <source>讨论情况</source>
        <translation>Discussion</translation>
    </message>
    <message>
        <source>与会人员的主要意见</source>
        <translation>Main views of those present</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <source>输入户主姓名或地址，从列表中选</source>
        <translation>Head of household or address, then pick</translation>
    </message>
    <message>
        <source>查看该户</source>
        <translation>View household</translation>
    </message>
    <message>
        <source>选择或输入姓名</source>
        <translation>Pick or type</translation>
    </message>
    <message>
        <source>宣讲了哪项政策</source>
        <translation>Which policy was explained</translation>
    </message>
    <message>
        <source>重点对象近况、风险跟进情况</source>
        <translation>How people at risk are doing; follow-up on risks</translation>
    </message>
    <message>
        <source>（未排查）</source>
        <translation>(not checked)</translation>
    </message>
    <message>
        <source>转调解案件</source>
        <translation>Refer for mediation</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>已告知受访人个人信息的用途</source>
        <translation>Told the person how their personal data is used</translation>
    </message>
    <message>
        <source>未告知</source>
        <translation>Not told</translation>
    </message>
    <message>
        <source>走访小结：了解到的情况、做了什么、还要跟进什么（至少10个字）</source>
        <translation>Visit summary: what you learned, what you did, what needs follow-up (at least 10 characters)</translation>
    </message>
    <message>
        <source>约定下次走访</source>
        <translation>Arrange next visit</translation>
    </message>
    <message>
        <source>走访户</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>走访时间</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>走访方式</source>
        <translation>Visit type</translation>
    </message>
    <message>
        <source>受访人</source>
        <translation>Person met</translation>
    </message>
    <message>
        <source>走访事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>政策宣讲</source>
        <translation>Policy explained</translation>
    </message>
    <message>
        <source>风险跟进</source>
        <translation>Risk follow-up</translation>
    </message>
    <message>
        <source>排查结果</source>
        <translation>Dispute check</translation>
    </message>
    <message>
        <source>告知情况</source>
        <translation>Privacy notice</translation>
    </message>
    <message>
        <source>发现问题</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <source>小结</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>下次走访</source>
        <translation>Next visit</translation>
    </message>
    <message>
        <source>更正原因（必填），如：受访人姓名写错</source>
        <translation>Reason for correction (required), e.g. wrong name for the person met</translation>
    </message>
    <message>
        <source>提交更正</source>
        <translation>Submit correction</translation>
    </message>
    <message>
        <source>取消更正</source>
        <translation>Cancel correction</translation>
    </message>
    <message>
        <source>更正原因</source>
        <translation>Reason for correction</translation>
    </message>
    <message>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>完成 (Ctrl+Enter)</source>
        <translation>Complete (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Amend</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>先选走访户，草稿保存后即可添加照片。</source>
        <translation>Choose the household first; photos can be added once the draft is saved.</translation>
    </message>
    <message>
        <source>更正走访记录</source>
        <translation>Amend visit record</translation>
    </message>
    <message>
        <source>新走访</source>
        <translation>New visit</translation>
    </message>
    <message>
        <source>走访记录 %1</source>
        <translation>Visit %1</translation>
    </message>
    <message>
        <source>走访草稿</source>
        <translation>Draft visit</translation>
    </message>
    <message>
        <source>（第%1次更正）</source>
        <translation>(correction %1)</translation>
    </message>
    <message>
        <source>已封存</source>
        <translation>Sealed</translation>
    </message>
    <message>
        <source>已转调解案件 %1 件</source>
        <translation>Mediation cases opened: %1</translation>
    </message>
    <message>
        <source>提示：</source>
        <translation>Note: </translation>
    </message>
    <message>
        <source>正在输入…</source>
        <translation>Typing…</translation>
    </message>
    <message>
        <source>有问题未改正，草稿未保存</source>
        <translation>Problems not fixed: draft not saved</translation>
    </message>
    <message>
        <source>草稿已自动保存 %1</source>
        <translation>Draft saved automatically at %1</translation>
    </message>
    <message>
        <source>保存失败</source>
        <translation>Save failed</translation>
    </message>
    <message>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>还有 %1 处需要填写或改正，未完成</source>
        <translation>Not completed (to fill in or fix: %1)</translation>
    </message>
    <message>
        <source>正在完成…</source>
        <translation>Completing…</translation>
    </message>
    <message>
        <source>请写明更正原因（至少两个字）</source>
        <translation>Please give the reason for the correction (at least two characters)</translation>
    </message>
</context>
<context>
    <name>VisitsPage</name>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>新走访 (Ctrl+N)</source>
        <translation>New visit (Ctrl+N)</translation>
    </message>
</context>
<context>
    <name>codes</name>
    <message>
        <source>未知</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>未说明</source>
        <translation>Not stated</translation>
    </message>
    <message>
        <source>本人</source>
        <translation>Self</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <source>配偶</source>
        <translation>Spouse</translation>
    </message>
    <message>
        <source>夫</source>
        <translation>Husband</translation>
    </message>
    <message>
        <source>妻</source>
        <translation>Wife</translation>
    </message>
    <message>
        <source>子</source>
        <translation>Son</translation>
    </message>
    <message>
        <source>独生子</source>
        <translation>Only son</translation>
    </message>
    <message>
        <source>长子</source>
        <translation>Eldest son</translation>
    </message>
    <message>
        <source>次子</source>
        <translation>Second son</translation>
    </message>
    <message>
        <source>三子</source>
        <translation>Third son</translation>
    </message>
    <message>
        <source>四子</source>
        <translation>Fourth son</translation>
    </message>
    <message>
        <source>五子</source>
        <translation>Fifth son</translation>
    </message>
    <message>
        <source>养子或继子</source>
        <translation>Adopted son or stepson</translation>
    </message>
    <message>
        <source>女婿</source>
        <translation>Son-in-law</translation>
    </message>
    <message>
        <source>其他儿子</source>
        <translation>Other son</translation>
    </message>
    <message>
        <source>独生女</source>
        <translation>Only daughter</translation>
    </message>
    <message>
        <source>长女</source>
        <translation>Eldest daughter</translation>
    </message>
    <message>
        <source>次女</source>
        <translation>Second daughter</translation>
    </message>
    <message>
        <source>三女</source>
        <translation>Third daughter</translation>
    </message>
    <message>
        <source>四女</source>
        <translation>Fourth daughter</translation>
    </message>
    <message>
        <source>五女</source>
        <translation>Fifth daughter</translation>
    </message>
    <message>
        <source>养女或继女</source>
        <translation>Adopted daughter or stepdaughter</translation>
    </message>
    <message>
        <source>儿媳</source>
        <translation>Daughter-in-law</translation>
    </message>
    <message>
        <source>其他女儿</source>
        <translation>Other daughter</translation>
    </message>
    <message>
        <source>孙辈</source>
        <translation>Grandchild</translation>
    </message>
    <message>
        <source>孙子</source>
        <translation>Son&apos;s son</translation>
    </message>
    <message>
        <source>孙女</source>
        <translation>Son&apos;s daughter</translation>
    </message>
    <message>
        <source>外孙子</source>
        <translation>Daughter&apos;s son</translation>
    </message>
    <message>
        <source>外孙女</source>
        <translation>Daughter&apos;s daughter</translation>
    </message>
    <message>
        <source>孙媳妇或外孙媳妇</source>
        <translation>Grandson&apos;s wife</translation>
    </message>
    <message>
        <source>孙女婿或外孙女婿</source>
        <translation>Granddaughter&apos;s husband</translation>
    </message>
    <message>
        <source>曾孙子或外曾孙子</source>
        <translation>Great-grandson</translation>
    </message>
    <message>
        <source>曾孙女或外曾孙女</source>
        <translation>Great-granddaughter</translation>
    </message>
    <message>
        <source>其他孙子、孙女或外孙子、外孙女</source>
        <translation>Other grandchild</translation>
    </message>
    <message>
        <source>父母</source>
        <translation>Parent</translation>
    </message>
    <message>
        <source>父亲</source>
        <translation>Father</translation>
    </message>
    <message>
        <source>母亲</source>
        <translation>Mother</translation>
    </message>
    <message>
        <source>公公</source>
        <translation>Husband&apos;s father</translation>
    </message>
    <message>
        <source>婆婆</source>
        <translation>Husband&apos;s mother</translation>
    </message>
    <message>
        <source>岳父</source>
        <translation>Wife&apos;s father</translation>
    </message>
    <message>
        <source>岳母</source>
        <translation>Wife&apos;s mother</translation>
    </message>
    <message>
        <source>继父或养父</source>
        <translation>Stepfather or adoptive father</translation>
    </message>
    <message>
        <source>继母或养母</source>
        <translation>Stepmother or adoptive mother</translation>
    </message>
    <message>
        <source>其他父母关系</source>
        <translation>Other parent</translation>
    </message>
    <message>
        <source>祖父母或外祖父母</source>
        <translation>Grandparent</translation>
    </message>
    <message>
        <source>祖父</source>
        <translation>Father&apos;s father</translation>
    </message>
    <message>
        <source>祖母</source>
        <translation>Father&apos;s mother</translation>
    </message>
    <message>
        <source>外祖父</source>
        <translation>Mother&apos;s father</translation>
    </message>
    <message>
        <source>外祖母</source>
        <translation>Mother&apos;s mother</translation>
    </message>
    <message>
        <source>其他祖父母或外祖父母</source>
        <translation>Other grandparent</translation>
    </message>
    <message>
        <source>兄弟姐妹</source>
        <translation>Sibling</translation>
    </message>
    <message>
        <source>兄</source>
        <translation>Elder brother</translation>
    </message>
    <message>
        <source>嫂</source>
        <translation>Elder brother&apos;s wife</translation>
    </message>
    <message>
        <source>弟</source>
        <translation>Younger brother</translation>
    </message>
    <message>
        <source>弟媳</source>
        <translation>Younger brother&apos;s wife</translation>
    </message>
    <message>
        <source>姐姐</source>
        <translation>Elder sister</translation>
    </message>
    <message>
        <source>姐夫</source>
        <translation>Elder sister&apos;s husband</translation>
    </message>
    <message>
        <source>妹妹</source>
        <translation>Younger sister</translation>
    </message>
    <message>
        <source>妹夫</source>
        <translation>Younger sister&apos;s husband</translation>
    </message>
    <message>
        <source>其他兄弟姐妹</source>
        <translation>Other sibling</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>伯父</source>
        <translation>Father&apos;s elder brother</translation>
    </message>
    <message>
        <source>伯母</source>
        <translation>Father&apos;s elder brother&apos;s wife</translation>
    </message>
    <message>
        <source>叔父</source>
        <translation>Father&apos;s younger brother</translation>
    </message>
    <message>
        <source>婶母</source>
        <translation>Father&apos;s younger brother&apos;s wife</translation>
    </message>
    <message>
        <source>舅父</source>
        <translation>Mother&apos;s brother</translation>
    </message>
    <message>
        <source>舅母</source>
        <translation>Mother&apos;s brother&apos;s wife</translation>
    </message>
    <message>
        <source>姨父</source>
        <translation>Mother&apos;s sister&apos;s husband</translation>
    </message>
    <message>
        <source>姨母</source>
        <translation>Mother&apos;s sister</translation>
    </message>
    <message>
        <source>姑父</source>
        <translation>Father&apos;s sister&apos;s husband</translation>
    </message>
    <message>
        <source>姑母</source>
        <translation>Father&apos;s sister</translation>
    </message>
    <message>
        <source>堂兄弟、堂姐妹</source>
        <translation>Cousin (father&apos;s brother&apos;s child)</translation>
    </message>
    <message>
        <source>表兄弟、表姐妹</source>
        <translation>Other cousin</translation>
    </message>
    <message>
        <source>侄子</source>
        <translation>Brother&apos;s son</translation>
    </message>
    <message>
        <source>侄女</source>
        <translation>Brother&apos;s daughter</translation>
    </message>
    <message>
        <source>外甥</source>
        <translation>Sister&apos;s son</translation>
    </message>
    <message>
        <source>外甥女</source>
        <translation>Sister&apos;s daughter</translation>
    </message>
    <message>
        <source>其他亲属</source>
        <translation>Other relative</translation>
    </message>
    <message>
        <source>非亲属</source>
        <translation>Not related</translation>
    </message>
    <message>
        <source>汉族</source>
        <translation>Han</translation>
    </message>
    <message>
        <source>蒙古族</source>
        <translation>Mongol</translation>
    </message>
    <message>
        <source>回族</source>
        <translation>Hui</translation>
    </message>
    <message>
        <source>藏族</source>
        <translation>Tibetan</translation>
    </message>
    <message>
        <source>维吾尔族</source>
        <translation>Uyghur</translation>
    </message>
    <message>
        <source>苗族</source>
        <translation>Miao</translation>
    </message>
    <message>
        <source>彝族</source>
        <translation>Yi</translation>
    </message>
    <message>
        <source>壮族</source>
        <translation>Zhuang</translation>
    </message>
    <message>
        <source>布依族</source>
        <translation>Buyei</translation>
    </message>
    <message>
        <source>朝鲜族</source>
        <translation>Korean</translation>
    </message>
    <message>
        <source>满族</source>
        <translation>Manchu</translation>
    </message>
    <message>
        <source>侗族</source>
        <translation>Dong</translation>
    </message>
    <message>
        <source>瑶族</source>
        <translation>Yao</translation>
    </message>
    <message>
        <source>白族</source>
        <translation>Bai</translation>
    </message>
    <message>
        <source>土家族</source>
        <translation>Tujia</translation>
    </message>
    <message>
        <source>哈尼族</source>
        <translation>Hani</translation>
    </message>
    <message>
        <source>哈萨克族</source>
        <translation>Kazakh</translation>
    </message>
    <message>
        <source>傣族</source>
        <translation>Dai</translation>
    </message>
    <message>
        <source>黎族</source>
        <translation>Li</translation>
    </message>
    <message>
        <source>傈僳族</source>
        <translation>Lisu</translation>
    </message>
    <message>
        <source>佤族</source>
        <translation>Va</translation>
    </message>
    <message>
        <source>畲族</source>
        <translation>She</translation>
    </message>
    <message>
        <source>高山族</source>
        <translation>Gaoshan</translation>
    </message>
    <message>
        <source>拉祜族</source>
        <translation>Lahu</translation>
    </message>
    <message>
        <source>水族</source>
        <translation>Sui</translation>
    </message>
    <message>
        <source>东乡族</source>
        <translation>Dongxiang</translation>
    </message>
    <message>
        <source>纳西族</source>
        <translation>Naxi</translation>
    </message>
    <message>
        <source>景颇族</source>
        <translation>Jingpo</translation>
    </message>
    <message>
        <source>柯尔克孜族</source>
        <translation>Kirgiz</translation>
    </message>
    <message>
        <source>土族</source>
        <translation>Tu</translation>
    </message>
    <message>
        <source>达斡尔族</source>
        <translation>Daur</translation>
    </message>
    <message>
        <source>仫佬族</source>
        <translation>Mulao</translation>
    </message>
    <message>
        <source>羌族</source>
        <translation>Qiang</translation>
    </message>
    <message>
        <source>布朗族</source>
        <translation>Blang</translation>
    </message>
    <message>
        <source>撒拉族</source>
        <translation>Salar</translation>
    </message>
    <message>
        <source>毛南族</source>
        <translation>Maonan</translation>
    </message>
    <message>
        <source>仡佬族</source>
        <translation>Gelao</translation>
    </message>
    <message>
        <source>锡伯族</source>
        <translation>Xibe</translation>
    </message>
    <message>
        <source>阿昌族</source>
        <translation>Achang</translation>
    </message>
    <message>
        <source>普米族</source>
        <translation>Pumi</translation>
    </message>
    <message>
        <source>塔吉克族</source>
        <translation>Tajik</translation>
    </message>
    <message>
        <source>怒族</source>
        <translation>Nu</translation>
    </message>
    <message>
        <source>乌孜别克族</source>
        <translation>Uzbek</translation>
    </message>
    <message>
        <source>俄罗斯族</source>
        <translation>Russian</translation>
    </message>
    <message>
        <source>鄂温克族</source>
        <translation>Ewenki</translation>
    </message>
    <message>
        <source>德昂族</source>
        <translation>Deang</translation>
    </message>
    <message>
        <source>保安族</source>
        <translation>Bonan</translation>
    </message>
    <message>
        <source>裕固族</source>
        <translation>Yugur</translation>
    </message>
    <message>
        <source>京族</source>
        <translation>Gin</translation>
    </message>
    <message>
        <source>塔塔尔族</source>
        <translation>Tatar</translation>
    </message>
    <message>
        <source>独龙族</source>
        <translation>Derung</translation>
    </message>
    <message>
        <source>鄂伦春族</source>
        <translation>Oroqen</translation>
    </message>
    <message>
        <source>赫哲族</source>
        <translation>Hezhen</translation>
    </message>
    <message>
        <source>门巴族</source>
        <translation>Monba</translation>
    </message>
    <message>
        <source>珞巴族</source>
        <translation>Lhoba</translation>
    </message>
    <message>
        <source>基诺族</source>
        <translation>Jino</translation>
    </message>
    <message>
        <source>外国血统中国籍人士</source>
        <translation>Chinese citizen of foreign origin</translation>
    </message>
    <message>
        <source>低保户</source>
        <translation>Subsistence allowance</translation>
    </message>
    <message>
        <source>特困供养</source>
        <translation>Extreme poverty support</translation>
    </message>
    <message>
        <source>低保边缘</source>
        <translation>Near subsistence level</translation>
    </message>
    <message>
        <source>脱贫不稳定户</source>
        <translation>Unstable after poverty</translation>
    </message>
    <message>
        <source>边缘易致贫户</source>
        <translation>At risk of poverty</translation>
    </message>
    <message>
        <source>突发严重困难户</source>
        <translation>Sudden hardship</translation>
    </message>
    <message>
        <source>脱贫户</source>
        <translation>Out of poverty</translation>
    </message>
    <message>
        <source>残疾人家庭</source>
        <translation>Disability in family</translation>
    </message>
    <message>
        <source>军属/优抚对象</source>
        <translation>Military / special care</translation>
    </message>
    <message>
        <source>留守家庭</source>
        <translation>Left-behind family</translation>
    </message>
    <message>
        <source>农村留守儿童</source>
        <translation>Left-behind child</translation>
    </message>
    <message>
        <source>留守老人</source>
        <translation>Left-behind elderly</translation>
    </message>
    <message>
        <source>留守妇女</source>
        <translation>Left-behind woman</translation>
    </message>
    <message>
        <source>独居/空巢老人</source>
        <translation>Elderly living alone</translation>
    </message>
    <message>
        <source>困境儿童</source>
        <translation>Child in difficulty</translation>
    </message>
    <message>
        <source>残疾人</source>
        <translation>Person with disability</translation>
    </message>
    <message>
        <source>大病/重病</source>
        <translation>Serious illness</translation>
    </message>
    <message>
        <source>闲散青少年</source>
        <translation>Idle youth</translation>
    </message>
    <message>
        <source>不良行为青少年</source>
        <translation>Youth with misconduct</translation>
    </message>
    <message>
        <source>流浪乞讨未成年人</source>
        <translation>Homeless or begging minor</translation>
    </message>
    <message>
        <source>服刑在教人员未成年子女</source>
        <translation>Child of a prisoner</translation>
    </message>
    <message>
        <source>刑满释放人员</source>
        <translation>Released prisoner</translation>
    </message>
    <message>
        <source>社区矫正对象</source>
        <translation>On community correction</translation>
    </message>
    <message>
        <source>严重精神障碍患者</source>
        <translation>Severe mental disorder</translation>
    </message>
    <message>
        <source>吸毒人员</source>
        <translation>Drug user</translation>
    </message>
    <message>
        <source>重点信访人员</source>
        <translation>Repeat petitioner</translation>
    </message>
    <message>
        <source>退役军人</source>
        <translation>Veteran</translation>
    </message>
    <message>
        <source>政策法规宣传解读</source>
        <translation>Explaining policies and laws</translation>
    </message>
    <message>
        <source>矛盾纠纷排查</source>
        <translation>Checking for disputes</translation>
    </message>
    <message>
        <source>重点对象风险跟进/关爱帮扶</source>
        <translation>Follow-up and care for people at risk</translation>
    </message>
    <message>
        <source>安全隐患排查</source>
        <translation>Checking for hazards</translation>
    </message>
    <message>
        <source>基础信息采集核实</source>
        <translation>Collecting or checking basic data</translation>
    </message>
    <message>
        <source>社情民意收集</source>
        <translation>Hearing residents&apos; views</translation>
    </message>
    <message>
        <source>公共服务代办</source>
        <translation>Handling services for residents</translation>
    </message>
    <message>
        <source>心理疏导/危机干预</source>
        <translation>Counselling or crisis support</translation>
    </message>
    <message>
        <source>调解协议履行回访</source>
        <translation>Follow-up on a mediation agreement</translation>
    </message>
    <message>
        <source>诉求办理结果回访</source>
        <translation>Follow-up on a request</translation>
    </message>
    <message>
        <source>入户面访</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <source>院坝(田间)面访</source>
        <translation>In the yard or field</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>视频</source>
        <translation>Video call</translation>
    </message>
    <message>
        <source>集中走访</source>
        <translation>Group visit</translation>
    </message>
    <message>
        <source>矛盾纠纷</source>
        <translation>Dispute</translation>
    </message>
    <message>
        <source>治安隐患</source>
        <translation>Public order risk</translation>
    </message>
    <message>
        <source>消防隐患</source>
        <translation>Fire hazard</translation>
    </message>
    <message>
        <source>安全生产隐患</source>
        <translation>Work safety hazard</translation>
    </message>
    <message>
        <source>交通安全隐患</source>
        <translation>Road safety hazard</translation>
    </message>
    <message>
        <source>防汛/地质灾害隐患</source>
        <translation>Flood or landslide risk</translation>
    </message>
    <message>
        <source>环境卫生</source>
        <translation>Sanitation</translation>
    </message>
    <message>
        <source>公共设施损坏</source>
        <translation>Damaged public facility</translation>
    </message>
    <message>
        <source>群众诉求</source>
        <translation>Resident&apos;s request</translation>
    </message>
    <message>
        <source>意见建议</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>重点人员动态异常</source>
        <translation>Change in a person at risk</translation>
    </message>
    <message>
        <source>未成年人受侵害</source>
        <translation>Harm to a minor</translation>
    </message>
    <message>
        <source>涉稳/群体性苗头</source>
        <translation>Sign of group unrest</translation>
    </message>
    <message>
        <source>未发现</source>
        <translation>None found</translation>
    </message>
    <message>
        <source>发现苗头隐患</source>
        <translation>Early warning signs</translation>
    </message>
    <message>
        <source>发现纠纷</source>
        <translation>Dispute found</translation>
    </message>
    <message>
        <source>村民会议</source>
        <translation>Villagers&apos; assembly</translation>
    </message>
    <message>
        <source>村民代表会议</source>
        <translation>Villager representatives&apos; meeting</translation>
    </message>
    <message>
        <source>村民小组会议</source>
        <translation>Villager group meeting</translation>
    </message>
    <message>
        <source>屯级微议事</source>
        <translation>Hamlet meeting</translation>
    </message>
    <message>
        <source>党支部会</source>
        <translation>Party branch meeting</translation>
    </message>
    <message>
        <source>两委会</source>
        <translation>Joint committees meeting</translation>
    </message>
    <message>
        <source>党员大会</source>
        <translation>Party members&apos; meeting</translation>
    </message>
    <message>
        <source>协商议事会</source>
        <translation>Consultation meeting</translation>
    </message>
    <message>
        <source>按18周岁以上村民</source>
        <translation>Villagers aged 18 and over</translation>
    </message>
    <message>
        <source>按户代表</source>
        <translation>One per household</translation>
    </message>
    <message>
        <source>按组成人员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>张贴公告</source>
        <translation>Posted notice</translation>
    </message>
    <message>
        <source>广播</source>
        <translation>Loudspeaker</translation>
    </message>
    <message>
        <source>微信群/短信</source>
        <translation>WeChat group / SMS</translation>
    </message>
    <message>
        <source>逐户通知</source>
        <translation>Door to door</translation>
    </message>
    <message>
        <source>土地经营权流转</source>
        <translation>Land use rights transfer</translation>
    </message>
    <message>
        <source>集体资产/收益</source>
        <translation>Collective assets or income</translation>
    </message>
    <message>
        <source>公益事业/项目建设</source>
        <translation>Public works or projects</translation>
    </message>
    <message>
        <source>补贴分配</source>
        <translation>Allocating subsidies</translation>
    </message>
    <message>
        <source>宅基地</source>
        <translation>Housing land</translation>
    </message>
    <message>
        <source>村规民约</source>
        <translation>Village rules</translation>
    </message>
    <message>
        <source>征地补偿</source>
        <translation>Land compensation</translation>
    </message>
    <message>
        <source>举手</source>
        <translation>Show of hands</translation>
    </message>
    <message>
        <source>无记名投票</source>
        <translation>Secret ballot</translation>
    </message>
    <message>
        <source>逐户签字</source>
        <translation>Each household signs</translation>
    </message>
    <message>
        <source>签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>盖章</source>
        <translation>Seal</translation>
    </message>
    <message>
        <source>按指印</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>代签</source>
        <translation>Signed on behalf</translation>
    </message>
    <message>
        <source>同意</source>
        <translation>Agree</translation>
    </message>
    <message>
        <source>不同意</source>
        <translation>Disagree</translation>
    </message>
    <message>
        <source>弃权</source>
        <translation>Abstain</translation>
    </message>
    <message>
        <source>决议公开</source>
        <translation>Decision made public</translation>
    </message>
    <message>
        <source>结果公开</source>
        <translation>Results made public</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>扫描件</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>录音</source>
        <translation>Audio recording</translation>
    </message>
    <message>
        <source>签到表</source>
        <translation>Sign-in sheet</translation>
    </message>
    <message>
        <source>身份证明复印件</source>
        <translation>Copy of ID</translation>
    </message>
    <message>
        <source>授权委托书</source>
        <translation>Power of attorney</translation>
    </message>
    <message>
        <source>收条</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>汇款凭证</source>
        <translation>Payment slip</translation>
    </message>
    <message>
        <source>司法确认文书</source>
        <translation>Court confirmation papers</translation>
    </message>
    <message>
        <source>婚姻家庭</source>
        <translation>Marriage and family</translation>
    </message>
    <message>
        <source>邻里</source>
        <translation>Neighbours</translation>
    </message>
    <message>
        <source>房屋宅基地</source>
        <translation>House and plot</translation>
    </message>
    <message>
        <source>合同</source>
        <translation>Contract</translation>
    </message>
    <message>
        <source>生产经营</source>
        <translation>Business</translation>
    </message>
    <message>
        <source>损害赔偿</source>
        <translation>Damages</translation>
    </message>
    <message>
        <source>山林土地</source>
        <translation>Forest and land</translation>
    </message>
    <message>
        <source>征地拆迁</source>
        <translation>Land taking and demolition</translation>
    </message>
    <message>
        <source>环境污染</source>
        <translation>Pollution</translation>
    </message>
    <message>
        <source>劳动争议</source>
        <translation>Labour</translation>
    </message>
    <message>
        <source>医疗</source>
        <translation>Medical</translation>
    </message>
    <message>
        <source>道路交通事故</source>
        <translation>Road accident</translation>
    </message>
    <message>
        <source>物业</source>
        <translation>Property management</translation>
    </message>
    <message>
        <source>村务管理</source>
        <translation>Village affairs</translation>
    </message>
    <message>
        <source>消费</source>
        <translation>Consumer</translation>
    </message>
    <message>
        <source>旅游</source>
        <translation>Tourism</translation>
    </message>
    <message>
        <source>电子商务</source>
        <translation>E-commerce</translation>
    </message>
    <message>
        <source>消防</source>
        <translation>Fire safety</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>被申请人</source>
        <translation>Respondent</translation>
    </message>
    <message>
        <source>第三人</source>
        <translation>Third party</translation>
    </message>
    <message>
        <source>其他当事人</source>
        <translation>Other party</translation>
    </message>
    <message>
        <source>自然人</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>法人</source>
        <translation>Legal person</translation>
    </message>
    <message>
        <source>非法人组织</source>
        <translation>Unincorporated organisation</translation>
    </message>
    <message>
        <source>当事人申请</source>
        <translation>Applied for by a party</translation>
    </message>
    <message>
        <source>主动调解</source>
        <translation>Taken up by the committee</translation>
    </message>
    <message>
        <source>网格排查发现</source>
        <translation>Found by the grid worker</translation>
    </message>
    <message>
        <source>法院委托/委派</source>
        <translation>Referred by a court</translation>
    </message>
    <message>
        <source>公安移送</source>
        <translation>Passed on by the police</translation>
    </message>
    <message>
        <source>信访移送</source>
        <translation>Passed on by the petitions office</translation>
    </message>
    <message>
        <source>检察院移送</source>
        <translation>Passed on by the procuratorate</translation>
    </message>
    <message>
        <source>其他部门移送</source>
        <translation>Passed on by another office</translation>
    </message>
    <message>
        <source>低</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>中</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>高</source>
        <translation>High</translation>
    </message>
    <message>
        <source>可能引发治安刑事案件</source>
        <translation>May lead to a public-order or criminal case</translation>
    </message>
    <message>
        <source>书面协议</source>
        <translation>Written agreement</translation>
    </message>
    <message>
        <source>口头协议</source>
        <translation>Verbal agreement</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>转其他途径</source>
        <translation>Passed to another channel</translation>
    </message>
    <message>
        <source>未申请</source>
        <translation>Not applied for</translation>
    </message>
    <message>
        <source>已申请</source>
        <translation>Applied for</translation>
    </message>
    <message>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>已全部履行</source>
        <translation>Fully carried out</translation>
    </message>
    <message>
        <source>部分履行</source>
        <translation>Partly carried out</translation>
    </message>
    <message>
        <source>未到期</source>
        <translation>Not due yet</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>重大紧急</source>
        <translation>Major emergency</translation>
    </message>
    <message>
        <source>村级</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>县级</source>
        <translation>County</translation>
    </message>
    <message>
        <source>派出所</source>
        <translation>Police station</translation>
    </message>
    <message>
        <source>司法所</source>
        <translation>Justice office</translation>
    </message>
    <message>
        <source>平安法治办</source>
        <translation>Peace and rule-of-law office</translation>
    </message>
    <message>
        <source>信访联席办</source>
        <translation>Petitions joint office</translation>
    </message>
    <message>
        <source>人民法庭</source>
        <translation>People&apos;s tribunal</translation>
    </message>
    <message>
        <source>乡镇调委会</source>
        <translation>Township mediation committee</translation>
    </message>
    <message>
        <source>乡镇人民政府</source>
        <translation>Township government</translation>
    </message>
    <message>
        <source>县农村土地承包仲裁委员会</source>
        <translation>County rural land contract arbitration committee</translation>
    </message>
    <message>
        <source>县劳动人事争议仲裁委员会</source>
        <translation>County labour dispute arbitration committee</translation>
    </message>
    <message>
        <source>劳动监察</source>
        <translation>Labour inspection</translation>
    </message>
    <message>
        <source>民政</source>
        <translation>Civil affairs</translation>
    </message>
    <message>
        <source>妇联</source>
        <translation>Women&apos;s federation</translation>
    </message>
    <message>
        <source>自然资源所</source>
        <translation>Natural resources office</translation>
    </message>
    <message>
        <source>林业站</source>
        <translation>Forestry station</translation>
    </message>
    <message>
        <source>农业农村/经管站</source>
        <translation>Agriculture / economic management station</translation>
    </message>
    <message>
        <source>市场监管所</source>
        <translation>Market regulation office</translation>
    </message>
    <message>
        <source>应急/消防</source>
        <translation>Emergency / fire service</translation>
    </message>
    <message>
        <source>卫健</source>
        <translation>Health commission</translation>
    </message>
    <message>
        <source>县级对口部门</source>
        <translation>County department concerned</translation>
    </message>
    <message>
        <source>村“两委”</source>
        <translation>Village &quot;two committees&quot;</translation>
    </message>
    <message>
        <source>迁出</source>
        <translation>Moved out</translation>
    </message>
    <message>
        <source>死亡</source>
        <translation>Died</translation>
    </message>
    <message>
        <source>其他原因</source>
        <translation>Other reason</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>已同步</source>
        <translation>Synced</translation>
    </message>
    <message>
        <source>已审核</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>已提议</source>
        <translation>Proposed</translation>
    </message>
    <message>
        <source>已通知</source>
        <translation>Notified</translation>
    </message>
    <message>
        <source>已召开</source>
        <translation>Held</translation>
    </message>
    <message>
        <source>已表决</source>
        <translation>Voted</translation>
    </message>
    <message>
        <source>未达法定人数</source>
        <translation>No quorum</translation>
    </message>
    <message>
        <source>已公示</source>
        <translation>Publicised</translation>
    </message>
    <message>
        <source>实施中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>结果已公开</source>
        <translation>Results published</translation>
    </message>
    <message>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>已登记</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <source>调查中</source>
        <translation>Under investigation</translation>
    </message>
    <message>
        <source>调解中</source>
        <translation>In mediation</translation>
    </message>
    <message>
        <source>协议待签署</source>
        <translation>Agreement to sign</translation>
    </message>
    <message>
        <source>协议已生效</source>
        <translation>Agreement in force</translation>
    </message>
    <message>
        <source>已达成口头协议</source>
        <translation>Verbal agreement</translation>
    </message>
    <message>
        <source>已退回派遣</source>
        <translation>Dispatch returned</translation>
    </message>
    <message>
        <source>调解终止</source>
        <translation>Mediation ended</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>已移交</source>
        <translation>Referred</translation>
    </message>
    <message>
        <source>履行中</source>
        <translation>Being carried out</translation>
    </message>
    <message>
        <source>已履行</source>
        <translation>Carried out</translation>
    </message>
    <message>
        <source>已回访</source>
        <translation>Followed up</translation>
    </message>
    <message>
        <source>未履行</source>
        <translation>Not carried out</translation>
    </message>
    <message>
        <source>已督促履行</source>
        <translation>Reminded to comply</translation>
    </message>
    <message>
        <source>重新调解</source>
        <translation>Mediating again</translation>
    </message>
    <message>
        <source>诉讼或强制执行</source>
        <translation>Court or enforcement</translation>
    </message>
    <message>
        <source>待签署</source>
        <translation>To be signed</translation>
    </message>
    <message>
        <source>已生效</source>
        <translation>In force</translation>
    </message>
    <message>
        <source>已被取代</source>
        <translation>Superseded</translation>
    </message>
    <message>
        <source>已被确认无效</source>
        <translation>Declared invalid</translation>
    </message>
    <message>
        <source>已签名</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>同步冲突</source>
        <translation>Sync conflict</translation>
    </message>
    <message>
        <source>未申请司法确认</source>
        <translation>No court confirmation sought</translation>
    </message>
    <message>
        <source>已申请司法确认</source>
        <translation>Court confirmation sought</translation>
    </message>
    <message>
        <source>已司法确认</source>
        <translation>Confirmed by court</translation>
    </message>
    <message>
        <source>不予确认</source>
        <translation>Confirmation refused</translation>
    </message>
    <message>
        <source>已撤回司法确认申请</source>
        <translation>Confirmation request withdrawn</translation>
    </message>
    <message>
        <source>已上报</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>已接收</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>已派遣</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <source>处置中</source>
        <translation>Being handled</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Handled</translation>
    </message>
    <message>
        <source>已反馈</source>
        <translation>Feedback given</translation>
    </message>
    <message>
        <source>已结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>已上报上级</source>
        <translation>Reported upward</translation>
    </message>
    <message>
        <source>审核通过</source>
        <translation>Approved</translation>
    </message>
</context>
<context>
    <name>columns</name>
    <message>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>屯/组</source>
        <translation>Hamlet</translation>
    </message>
    <message>
        <source>详细地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>户类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>最近走访</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <source>走访时间</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>走访户</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>受访人</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>走访事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>小结</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>会议时间</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>会议类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>议题</source>
        <translation>Topics</translation>
    </message>
    <message>
        <source>案件编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <source>登记时间</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>纠纷类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>纠纷简况</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>（家事纠纷，内容不在列表显示）</source>
        <translation>(family matter: not shown in the list)</translation>
    </message>
    <message>
        <source>（未成年人保护事项，内容不在这里显示）</source>
        <translation>(child protection matter: not shown here)</translation>
    </message>
</context>
<context>
    <name>fonts</name>
    <message>
        <source>标准</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>大</source>
        <translation>Large</translation>
    </message>
    <message>
        <source>特大</source>
        <translation>Extra large</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>“{file}”是空文件，没有添加。</source>
        <translation>“{file}” is an empty file and was not added.</translation>
    </message>
    <message>
        <source>“{file}”不是照片或 PDF 扫描件，没有添加。只能添加照片（JPG、PNG 等）和 PDF 文件。</source>
        <translation>“{file}” is not a photo or a PDF scan and was not added. Only photos (JPG, PNG and the like) and PDF files can be added.</translation>
    </message>
    <message>
        <source>只有照片才能缩小后同步。</source>
        <translation>Only photos can be made smaller for syncing.</translation>
    </message>
    <message>
        <source>缩小后的照片不是 JPEG。</source>
        <translation>The smaller copy of the photo is not a JPEG.</translation>
    </message>
    <message>
        <source>附件含未成年人，请注明必要的理由。</source>
        <translation>This attachment shows children: please say why it is needed.</translation>
    </message>
    <message>
        <source>请写明删除原因。</source>
        <translation>Please say why it is deleted.</translation>
    </message>
    <message>
        <source>文件太大（{size} MB），附件最大 {most} MB。</source>
        <translation>The file is too large ({size} MB); an attachment can be at most {most} MB.</translation>
    </message>
    <message>
        <source>下载的附件内容与校验值不符，已丢弃。</source>
        <translation>The downloaded attachment does not match its checksum and was thrown away.</translation>
    </message>
    <message>
        <source>本机没有这个附件的内容（可能还没有下载）。</source>
        <translation>This laptop does not have this attachment&apos;s file (it may not be downloaded yet).</translation>
    </message>
    <message>
        <source>婚姻家庭纠纷的案情属于敏感信息，这里不显示。</source>
        <translation>The facts of a marriage or family dispute are sensitive and are not shown here.</translation>
    </message>
    <message>
        <source>已超过调解期限</source>
        <translation>The mediation deadline has passed</translation>
    </message>
    <message>
        <source>司法确认申请期限将到</source>
        <translation>The deadline to apply for court confirmation is near</translation>
    </message>
    <message>
        <source>{label}（{other}）</source>
        <translation>{label} ({other})</translation>
    </message>
    <message>
        <source>调解期限</source>
        <translation>Mediation deadline</translation>
    </message>
    <message>
        <source>司法确认申请期限</source>
        <translation>Deadline to apply for court confirmation</translation>
    </message>
    <message>
        <source>找不到节假日数据文件：{file}</source>
        <translation>The holiday calendar file is missing: {file}</translation>
    </message>
    <message>
        <source>节假日数据文件格式有误：{file}（{error}）</source>
        <translation>The holiday calendar file is not in the right format: {file} ({error})</translation>
    </message>
    <message>
        <source>程序内部错误，请联系技术支持（{kind}）。</source>
        <translation>Something went wrong inside the program; please contact technical support ({kind}).</translation>
    </message>
    <message>
        <source>没有权限读写该文件，请检查文件夹权限。</source>
        <translation>You are not allowed to read or write this file; please check the folder&apos;s permissions.</translation>
    </message>
    <message>
        <source>找不到文件：{file}</source>
        <translation>File not found: {file}</translation>
    </message>
    <message>
        <source>读写文件时出错：{reason}</source>
        <translation>Reading or writing a file failed: {reason}</translation>
    </message>
    <message>
        <source>{problems}；另有{n}处问题</source>
        <translation>{problems}; and {n} more problems</translation>
    </message>
    <message>
        <source>记录有误</source>
        <translation>The record has mistakes</translation>
    </message>
    <message>
        <source>村代码 {code} 不在融安县村名单中</source>
        <translation>Village code {code} is not on Rong&apos;an County&apos;s list of villages</translation>
    </message>
    <message>
        <source>“{name}”对应多个村（社区）：{listed}，请写全称或在前面加上乡镇名</source>
        <translation>“{name}” matches several villages (communities): {listed}. Please write the full name or put the township&apos;s name first</translation>
    </message>
    <message>
        <source>{listed}，请写全称或在前面加上乡镇名</source>
        <translation>{listed}. Please write the full name or put the township&apos;s name first</translation>
    </message>
    <message>
        <source>村代码应为12位数字</source>
        <translation>A village code has 12 digits</translation>
    </message>
    <message>
        <source>请输入村（社区）名称</source>
        <translation>Please enter the name of the village (community)</translation>
    </message>
    <message>
        <source>找不到名为“{name}”的村（社区）</source>
        <translation>There is no village (community) called “{name}”</translation>
    </message>
    <message>
        <source>乡镇代码 {code} 不在融安县乡镇名单中</source>
        <translation>Township code {code} is not on Rong&apos;an County&apos;s list of townships</translation>
    </message>
    <message>
        <source>{problem}。要换户主，请在“编辑户信息”里一起改各成员的关系</source>
        <translation>{problem}. To change the head of household, change the members&apos; relationships together in “Edit household”</translation>
    </message>
    <message>
        <source>请选择与户主关系</source>
        <translation>Please choose the relationship to the head of household</translation>
    </message>
    <message>
        <source>这是旧的15位身份证号码，请填入“旧15位号码”一栏，证件号码栏填写18位号码</source>
        <translation>This is an old 15-digit ID number: put it under “Old 15-digit number” and the 18-digit number under ID number</translation>
    </message>
    <message>
        <source>身份证号码应为18位：前17位是数字，最后一位是数字或X（现在是{n}位）</source>
        <translation>An ID number has 18 characters: 17 digits, then a digit or X (this one has {n})</translation>
    </message>
    <message>
        <source>前17位是数字，最后一位是数字或X（现在是{n}位）</source>
        <translation>It has 18 characters: 17 digits, then a digit or X (this one has {n})</translation>
    </message>
    <message>
        <source>身份证号码最后一位校验码不对：按前17位计算第18位应为“{expected}”，请核对号码</source>
        <translation>The last character of the ID number (the check character) is wrong: from the first 17 digits it should be “{expected}”. Please check the number</translation>
    </message>
    <message>
        <source>按前17位计算第18位应为“{expected}”，请核对号码</source>
        <translation>From the first 17 digits the 18th should be “{expected}”. Please check the number</translation>
    </message>
    <message>
        <source>身份证号码中的出生日期{born}在今天之后</source>
        <translation>The date of birth in the ID number, {born}, is after today</translation>
    </message>
    <message>
        <source>身份证号码中的出生日期{born}早于1900年1月1日</source>
        <translation>The date of birth in the ID number, {born}, is before 1 January 1900</translation>
    </message>
    <message>
        <source>身份证号码第7–14位的出生日期“{digits}”不是真实的日期</source>
        <translation>The date of birth in characters 7–14 of the ID number, “{digits}”, is not a real date</translation>
    </message>
    <message>
        <source>身份证号码前6位“{region}”不是已知的行政区划代码，请核对</source>
        <translation>The first 6 digits of the ID number, “{region}”, are not a known area code; please check</translation>
    </message>
    <message>
        <source>填写的性别与身份证号码不一致（号码显示为{sex}）</source>
        <translation>The sex entered does not match the ID number (the number says {sex})</translation>
    </message>
    <message>
        <source>填写的出生日期与身份证号码不一致（号码显示为{born}）</source>
        <translation>The date of birth entered does not match the ID number (the number says {born})</translation>
    </message>
    <message>
        <source>这个数据库不是用口令加密的。</source>
        <translation>This database is not locked with a password.</translation>
    </message>
    <message>
        <source>请输入数据库口令。</source>
        <translation>Please enter the database password.</translation>
    </message>
    <message>
        <source>数据库钥匙说明文件已损坏：{file}，请联系技术支持。</source>
        <translation>The database key file is damaged: {file}. Please contact technical support.</translation>
    </message>
    <message>
        <source>{file}，请联系技术支持。</source>
        <translation>{file}. Please contact technical support.</translation>
    </message>
    <message>
        <source>请填写详细地址（门牌号）</source>
        <translation>Please fill in the address (house number)</translation>
    </message>
    <message>
        <source>请选择移出原因</source>
        <translation>Please choose why they leave</translation>
    </message>
    <message>
        <source>选“其他原因”时请写明原因</source>
        <translation>With “Other reason”, please say what the reason is</translation>
    </message>
    <message>
        <source>这户只有户主一人，没有人能接任户主，不能移出</source>
        <translation>The head is the only member of this household; nobody can take over as head, so they cannot leave</translation>
    </message>
    <message>
        <source>户主要移出，请先选定新户主</source>
        <translation>The head of household is leaving: please choose the new head first</translation>
    </message>
    <message>
        <source>议题涉及承包地，请逐户填写户同意书后再定稿；多数表决不能代替农户本人同意</source>
        <translation>A topic concerns contracted land: fill in each household&apos;s consent form before finalising. A majority vote cannot replace a household&apos;s own consent</translation>
    </message>
    <message>
        <source>应到 {eligible} {unit}，实到 {present} {unit}</source>
        <translation>{eligible} {unit} expected, {present} {unit} present</translation>
    </message>
    <message>
        <source>{counts}，达到三分之二（至少 {need} {unit}），符合法定人数</source>
        <translation>{counts}: two thirds reached (at least {need} {unit}), the quorum is met</translation>
    </message>
    <message>
        <source>{counts}，超过三分之二（至少 {need} {unit}），符合法定人数</source>
        <translation>{counts}: more than two thirds (at least {need} {unit}), the quorum is met</translation>
    </message>
    <message>
        <source>{counts}，超过一半（至少 {need} {unit}），符合法定人数</source>
        <translation>{counts}: more than half (at least {need} {unit}), the quorum is met</translation>
    </message>
    <message>
        <source>{counts}，不足三分之二（至少要 {need} {unit}），不符合法定人数，不能表决</source>
        <translation>{counts}: fewer than two thirds (at least {need} {unit} needed), the quorum is not met and no vote can be taken</translation>
    </message>
    <message>
        <source>{counts}，没有超过一半（至少要 {need} {unit}），不符合法定人数，不能表决</source>
        <translation>{counts}: not more than half (at least {need} {unit} needed), the quorum is not met and no vote can be taken</translation>
    </message>
    <message>
        <source>户</source>
        <translation>households</translation>
    </message>
    <message>
        <source>人</source>
        <translation>people</translation>
    </message>
    <message>
        <source>同意 {yes} 票，没有超过实到 {present} {unit}的一半，未通过</source>
        <translation>{yes} votes for, not more than half of the {present} {unit} present: not passed</translation>
    </message>
    <message>
        <source>请选择会议类型和参会口径</source>
        <translation>Please choose the meeting type and how attendance is counted</translation>
    </message>
    <message>
        <source>{meeting_type}不能{basis}计算法定人数，请换一个参会口径</source>
        <translation>{meeting_type}: the quorum cannot be counted as “{basis}”; please choose another way of counting</translation>
    </message>
    <message>
        <source>请填写应到和实到的{unit}数</source>
        <translation>Please fill in how many {unit} are expected and present</translation>
    </message>
    <message>
        <source>{counts}；{meeting_type}没有法定人数要求</source>
        <translation>{counts}; {meeting_type}: no quorum is needed</translation>
    </message>
    <message>
        <source>未表决</source>
        <translation>No vote</translation>
    </message>
    <message>
        <source>请填写参加表决的实到人数</source>
        <translation>Please fill in how many were present for the vote</translation>
    </message>
    <message>
        <source>同意 {yes} + 反对 {no} + 弃权 {abstain} = {total}，多于实到 {present} {unit}，请核对票数</source>
        <translation>{yes} for + {no} against + {abstain} abstaining = {total}, more than the {present} {unit} present; please check the votes</translation>
    </message>
    <message>
        <source>会议未达到法定人数，这项表决无效</source>
        <translation>The meeting did not reach its quorum, so this vote does not count</translation>
    </message>
    <message>
        <source>请先填好到会情况，才能判断是否通过</source>
        <translation>Fill in the attendance first; then it can be told whether the vote passed</translation>
    </message>
    <message>
        <source>同意 {yes} 票，超过实到 {present} {unit}的一半，通过</source>
        <translation>{yes} votes for, more than half of the {present} {unit} present: passed</translation>
    </message>
    <message>
        <source>这份议事记录已是“{state}”，不能再定稿</source>
        <translation>These minutes are already “{state}” and cannot be finalised again</translation>
    </message>
    <message>
        <source>填写有误</source>
        <translation>Not filled in correctly</translation>
    </message>
    <message>
        <source>不能为空</source>
        <translation>must be filled in</translation>
    </message>
    <message>
        <source>应为文字</source>
        <translation>should be text</translation>
    </message>
    <message>
        <source>至少要{min_length}个字</source>
        <translation>needs at least {min_length} characters</translation>
    </message>
    <message>
        <source>最多{max_length}个字</source>
        <translation>can have at most {max_length} characters</translation>
    </message>
    <message>
        <source>格式不对</source>
        <translation>is not in the right format</translation>
    </message>
    <message>
        <source>至少要有{min_length}项</source>
        <translation>needs at least {min_length} items</translation>
    </message>
    <message>
        <source>最多只能有{max_length}项</source>
        <translation>can have at most {max_length} items</translation>
    </message>
    <message>
        <source>应为整数</source>
        <translation>should be a whole number</translation>
    </message>
    <message>
        <source>应为数字</source>
        <translation>should be a number</translation>
    </message>
    <message>
        <source>小数最多{decimal_places}位</source>
        <translation>can have at most {decimal_places} decimal places</translation>
    </message>
    <message>
        <source>数字位数过多</source>
        <translation>has too many digits</translation>
    </message>
    <message>
        <source>整数部分位数过多</source>
        <translation>has too many digits before the decimal point</translation>
    </message>
    <message>
        <source>不能小于{ge}</source>
        <translation>cannot be less than {ge}</translation>
    </message>
    <message>
        <source>必须大于{gt}</source>
        <translation>must be more than {gt}</translation>
    </message>
    <message>
        <source>不能大于{le}</source>
        <translation>cannot be more than {le}</translation>
    </message>
    <message>
        <source>必须小于{lt}</source>
        <translation>must be less than {lt}</translation>
    </message>
    <message>
        <source>应为“是”或“否”</source>
        <translation>should be “yes” or “no”</translation>
    </message>
    <message>
        <source>日期格式不对（应为 2024-05-01）</source>
        <translation>is not a date in the right format (like 2024-05-01)</translation>
    </message>
    <message>
        <source>日期格式不对（应为 2024-05-01，不带时刻）</source>
        <translation>is not a date in the right format (like 2024-05-01, without a time)</translation>
    </message>
    <message>
        <source>时间格式不对（应为 2024-05-01T09:30:00+08:00）</source>
        <translation>is not a time in the right format (like 2024-05-01T09:30:00+08:00)</translation>
    </message>
    <message>
        <source>时间必须带时区（如 +08:00）</source>
        <translation>needs a time zone (like +08:00)</translation>
    </message>
    <message>
        <source>时间不应带时区</source>
        <translation>should not have a time zone</translation>
    </message>
    <message>
        <source>不是可选的值</source>
        <translation>is not one of the choices</translation>
    </message>
    <message>
        <source>不是有效的记录编号</source>
        <translation>is not a valid record number</translation>
    </message>
    <message>
        <source>应为多项列表</source>
        <translation>should be a list</translation>
    </message>
    <message>
        <source>格式不对（应为一组字段）</source>
        <translation>is not in the right format (it should be a group of fields)</translation>
    </message>
    <message>
        <source>取值不对</source>
        <translation>has a wrong value</translation>
    </message>
    <message>
        <source>{field}·{part}</source>
        <translation>{field} · {part}</translation>
    </message>
    <message>
        <source>{field}·未知字段：{key}</source>
        <translation>{field}: unknown field {key}</translation>
    </message>
    <message>
        <source>未知字段：{key}</source>
        <translation>Unknown field: {key}</translation>
    </message>
    <message>
        <source>{field}：{problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
    <message>
        <source>{field}第{n}项</source>
        <translation>{field} {n}</translation>
    </message>
    <message>
        <source>未知的记录类型：{kind}</source>
        <translation>Unknown record type: {kind}</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>民族</source>
        <translation>Ethnic group</translation>
    </message>
    <message>
        <source>证件类型</source>
        <translation>ID document type</translation>
    </message>
    <message>
        <source>电话类别</source>
        <translation>Phone type</translation>
    </message>
    <message>
        <source>签署方式</source>
        <translation>How signed</translation>
    </message>
    <message>
        <source>签署人身份</source>
        <translation>Signer&apos;s role</translation>
    </message>
    <message>
        <source>五老类别</source>
        <translation>Five-elders group</translation>
    </message>
    <message>
        <source>附件类别</source>
        <translation>Attachment type</translation>
    </message>
    <message>
        <source>证件号码过长（最多30个字符）</source>
        <translation>The document number is too long (at most 30 characters)</translation>
    </message>
    <message>
        <source>“{value}”不是有效的{what}代码</source>
        <translation>“{value}” is not a valid code for {what}</translation>
    </message>
    <message>
        <source>“{value}”不是有效的记录编号</source>
        <translation>“{value}” is not a valid record number</translation>
    </message>
    <message>
        <source>“{value}”不是有效的{what}代码，应为：{options}</source>
        <translation>“{value}” is not a valid code for {what}; it should be one of: {options}</translation>
    </message>
    <message>
        <source>会议类型</source>
        <translation>Meeting type</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>四议两公开步骤</source>
        <translation>“Four discussions, two disclosures” step</translation>
    </message>
    <message>
        <source>参会口径</source>
        <translation>Count by</translation>
    </message>
    <message>
        <source>议题来源</source>
        <translation>Topic raised by</translation>
    </message>
    <message>
        <source>议题类型</source>
        <translation>Topic type</translation>
    </message>
    <message>
        <source>参会身份</source>
        <translation>Attends as</translation>
    </message>
    <message>
        <source>通知方式</source>
        <translation>How notified</translation>
    </message>
    <message>
        <source>表决方式</source>
        <translation>How voted</translation>
    </message>
    <message>
        <source>表决单位</source>
        <translation>Votes counted by</translation>
    </message>
    <message>
        <source>户意见</source>
        <translation>Household&apos;s decision</translation>
    </message>
    <message>
        <source>公示类别</source>
        <translation>Kind of public notice</translation>
    </message>
    <message>
        <source>实施状态</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>当事人地位</source>
        <translation>Party&apos;s role</translation>
    </message>
    <message>
        <source>当事人类型</source>
        <translation>Kind of party</translation>
    </message>
    <message>
        <source>案件来源</source>
        <translation>Case source</translation>
    </message>
    <message>
        <source>申请方式</source>
        <translation>How applied</translation>
    </message>
    <message>
        <source>纠纷类型</source>
        <translation>Type of dispute</translation>
    </message>
    <message>
        <source>激化风险</source>
        <translation>Risk of escalation</translation>
    </message>
    <message>
        <source>受理决定</source>
        <translation>Acceptance decision</translation>
    </message>
    <message>
        <source>不予受理理由</source>
        <translation>Reason for not accepting</translation>
    </message>
    <message>
        <source>救济途径</source>
        <translation>Other ways to resolve it</translation>
    </message>
    <message>
        <source>告知方式</source>
        <translation>How told</translation>
    </message>
    <message>
        <source>确定方式</source>
        <translation>How chosen</translation>
    </message>
    <message>
        <source>邀请人员身份</source>
        <translation>Invited person&apos;s role</translation>
    </message>
    <message>
        <source>调解结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>履行方式</source>
        <translation>How carried out</translation>
    </message>
    <message>
        <source>保管期限</source>
        <translation>Keep for</translation>
    </message>
    <message>
        <source>与户主关系</source>
        <translation>Relationship to head</translation>
    </message>
    <message>
        <source>户类别</source>
        <translation>Household type</translation>
    </message>
    <message>
        <source>告知事项</source>
        <translation>What was told</translation>
    </message>
    <message>
        <source>履行情况</source>
        <translation>Carried out</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>回访方式</source>
        <translation>Follow-up type</translation>
    </message>
    <message>
        <source>司法确认状态</source>
        <translation>Court confirmation status</translation>
    </message>
    <message>
        <source>调解员类别</source>
        <translation>Mediator type</translation>
    </message>
    <message>
        <source>调解员状态</source>
        <translation>Mediator status</translation>
    </message>
    <message>
        <source>调委会级别</source>
        <translation>Committee level</translation>
    </message>
    <message>
        <source>调委会职务</source>
        <translation>Committee post</translation>
    </message>
    <message>
        <source>特殊人群标签</source>
        <translation>Special group tag</translation>
    </message>
    <message>
        <source>关注程度</source>
        <translation>Level of attention</translation>
    </message>
    <message>
        <source>标签来源</source>
        <translation>Tag source</translation>
    </message>
    <message>
        <source>残疾类别</source>
        <translation>Disability type</translation>
    </message>
    <message>
        <source>残疾等级</source>
        <translation>Disability grade</translation>
    </message>
    <message>
        <source>人户状态</source>
        <translation>Residence status</translation>
    </message>
    <message>
        <source>外出情况</source>
        <translation>Away from home</translation>
    </message>
    <message>
        <source>婚姻状况</source>
        <translation>Marital status</translation>
    </message>
    <message>
        <source>政治面貌</source>
        <translation>Political affiliation</translation>
    </message>
    <message>
        <source>健康状况</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>走访对象类型</source>
        <translation>Visited</translation>
    </message>
    <message>
        <source>走访方式</source>
        <translation>Visit type</translation>
    </message>
    <message>
        <source>走访事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>排查结果</source>
        <translation>Dispute check</translation>
    </message>
    <message>
        <source>问题类别</source>
        <translation>Problem category</translation>
    </message>
    <message>
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>风险等级</source>
        <translation>Risk level</translation>
    </message>
    <message>
        <source>审核结果</source>
        <translation>Review result</translation>
    </message>
    <message>
        <source>“{raw}”不是有效的电话号码：手机为11位（如 13800001234），固话带区号（如 0772-8123456）</source>
        <translation>“{raw}” is not a valid phone number: a mobile has 11 digits (like 13800001234), a landline has an area code (like 0772-8123456)</translation>
    </message>
    <message>
        <source>手机为11位（如 13800001234），固话带区号（如 0772-8123456）</source>
        <translation>A mobile has 11 digits (like 13800001234), a landline has an area code (like 0772-8123456)</translation>
    </message>
    <message>
        <source>电话号码不能为空</source>
        <translation>The phone number must be filled in</translation>
    </message>
    <message>
        <source>手机号码应为11位、以13–19开头（现在是{n}位：{raw}）</source>
        <translation>A mobile number has 11 digits and starts with 13–19 (this one has {n}: {raw})</translation>
    </message>
    <message>
        <source>固定电话要带区号，例如 0772-{digits}</source>
        <translation>A landline needs its area code, for example 0772-{digits}</translation>
    </message>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>（不知道）</source>
        <translation>(not known)</translation>
    </message>
    <message>
        <source>服务器没有接受这条修改。</source>
        <translation>The server did not accept this change.</translation>
    </message>
    <message>
        <source>冲突：你和别人同时改了同一条记录</source>
        <translation>Conflict: you and someone else changed the same record</translation>
    </message>
    <message>
        <source>你和别人同时改了同一条记录</source>
        <translation>You and someone else changed the same record</translation>
    </message>
    <message>
        <source>服务器拒收</source>
        <translation>Refused by the server</translation>
    </message>
    <message>
        <source>已隔离：等乡镇审核</source>
        <translation>Set aside: waiting for the township to review it</translation>
    </message>
    <message>
        <source>等乡镇审核</source>
        <translation>Waiting for the township to review it</translation>
    </message>
    <message>
        <source>冲突：记录已被别人封存</source>
        <translation>Conflict: someone else has sealed the record</translation>
    </message>
    <message>
        <source>记录已被别人封存</source>
        <translation>Someone else has sealed the record</translation>
    </message>
    <message>
        <source>冲突：记录已被别人删除</source>
        <translation>Conflict: someone else has deleted the record</translation>
    </message>
    <message>
        <source>记录已被别人删除</source>
        <translation>Someone else has deleted the record</translation>
    </message>
    <message>
        <source>冲突：状态已被别人改了</source>
        <translation>Conflict: someone else has changed the status</translation>
    </message>
    <message>
        <source>状态已被别人改了</source>
        <translation>Someone else has changed the status</translation>
    </message>
    <message>
        <source>冲突：记录已被别人更正</source>
        <translation>Conflict: someone else has corrected the record</translation>
    </message>
    <message>
        <source>记录已被别人更正</source>
        <translation>Someone else has corrected the record</translation>
    </message>
    <message>
        <source>冲突：别人封存的内容和你的不同</source>
        <translation>Conflict: what someone else sealed differs from yours</translation>
    </message>
    <message>
        <source>别人封存的内容和你的不同</source>
        <translation>What someone else sealed differs from yours</translation>
    </message>
    <message>
        <source>冲突：你的封存没有被接受</source>
        <translation>Conflict: your sealing was not accepted</translation>
    </message>
    <message>
        <source>你的封存没有被接受</source>
        <translation>Your sealing was not accepted</translation>
    </message>
    <message>
        <source>你和别人在差不多同一时间改了这条记录的同一项内容。服务器先收到别人的修改，现在显示的是别人的；你的修改保留在这里，由你决定用哪个。</source>
        <translation>You and someone else changed the same part of this record at about the same time. The server got the other change first, so that is what shows now; your change is kept here, and you decide which one to use.</translation>
    </message>
    <message>
        <source>这份记录已经被别人完成并封存（签字/定稿），不能再直接修改，你的修改没有上传。如果你的内容是对的，请打开记录做“更正”。</source>
        <translation>Someone else has completed and sealed this record (signed or finalised), so it can no longer be changed directly; your change was not uploaded. If your content is right, open the record and make a correction.</translation>
    </message>
    <message>
        <source>这条记录已经被别人删除，你的修改没有保存到服务器。你写的内容保留在这里，可以查看。</source>
        <translation>Someone else has deleted this record, so your change was not saved on the server. What you wrote is kept here for you to read.</translation>
    </message>
    <message>
        <source>这份记录已经封存，不能再增加、修改或删除照片，你的改动没有上传，内容保留在这里。如需补充，请打开记录做“更正”。</source>
        <translation>This record is sealed: photos can no longer be added, changed or deleted. Your change was not uploaded and is kept here. To add something, open the record and make a correction.</translation>
    </message>
    <message>
        <source>这条记录的状态在服务器上已经被别人改了，你这一步没有生效。请打开记录看看现在的状态。</source>
        <translation>Someone else has changed this record&apos;s status on the server, so your step did not take effect. Please open the record to see its status now.</translation>
    </message>
    <message>
        <source>这份记录已经被别人更正过，你的更正没有被采用（它仍保留在本机）。请同步后打开最新版本，需要的话再做更正。</source>
        <translation>Someone else has already corrected this record, so your correction was not used (it is still kept on this computer). Please sync, open the newest version and correct it again if needed.</translation>
    </message>
    <message>
        <source>同一份记录在别的电脑上也封存了，但内容和你封存的不一样。两份都保留着，请和同事核对哪一份是对的。</source>
        <translation>The same record was also sealed on another computer, with different content from yours. Both are kept; please check with your colleague which one is right.</translation>
    </message>
    <message>
        <source>服务器没有接受你的这次封存，记录已恢复为服务器上的版本；你封存的内容保留在这里。</source>
        <translation>The server did not accept your sealing; the record is back to the server&apos;s version, and what you sealed is kept here.</translation>
    </message>
    <message>
        <source>别人给这份记录增加或删除了照片，你的封存没有上传。请同步后核对照片，再重新封存。</source>
        <translation>Someone else added or deleted photos of this record, so your sealing was not uploaded. Please sync, check the photos and seal it again.</translation>
    </message>
    <message>
        <source>封存的内容和它的“指纹”对不上（可能在传送中被改动），服务器没有保存。请打开记录核对后再封存。</source>
        <translation>The sealed content does not match its “fingerprint” (it may have been changed on the way), so the server did not save it. Please open the record, check it and seal it again.</translation>
    </message>
    <message>
        <source>这一步不是封存的状态，服务器没有保存。</source>
        <translation>This step is not a sealing step, so the server did not save it.</translation>
    </message>
    <message>
        <source>封存的记录缺少内容指纹，服务器没有保存。请升级网格工作台后再试。</source>
        <translation>The sealed record has no content fingerprint, so the server did not save it. Please update GridApp and try again.</translation>
    </message>
    <message>
        <source>服务器检查发现内容有问题，没有保存。</source>
        <translation>The server found problems in the content and did not save it.</translation>
    </message>
    <message>
        <source>这条记录不在你负责的村（辖区）内，服务器不收。</source>
        <translation>This record is not in a village you are responsible for, so the server does not accept it.</translation>
    </message>
    <message>
        <source>你负责的村已经调整，这条修改已交给乡镇审核，不会丢失。</source>
        <translation>The villages you are responsible for have changed; this change has gone to the township for review and will not be lost.</translation>
    </message>
    <message>
        <source>这条记录属于没有分配给你的案件，服务器不收。</source>
        <translation>This record belongs to a case not assigned to you, so the server does not accept it.</translation>
    </message>
    <message>
        <source>你的账号不能修改这类记录。</source>
        <translation>Your account cannot change this kind of record.</translation>
    </message>
    <message>
        <source>服务器上没有这条记录（它的新建可能没有通过），这次修改无法保存。</source>
        <translation>The server does not have this record (creating it may have failed), so this change cannot be saved.</translation>
    </message>
    <message>
        <source>记录所属的村不能更改；如确实要改，请新建一条记录。</source>
        <translation>A record&apos;s village cannot be changed; if it really must change, please make a new record.</translation>
    </message>
    <message>
        <source>服务器不认识这种记录，请升级网格工作台。</source>
        <translation>The server does not know this kind of record; please update GridApp.</translation>
    </message>
    <message>
        <source>记录的类型和服务器上的不一致，服务器没有保存。</source>
        <translation>The record&apos;s type differs from the one on the server, so the server did not save it.</translation>
    </message>
    <message>
        <source>服务器不允许这一步状态变更。</source>
        <translation>The server does not allow this change of status.</translation>
    </message>
    <message>
        <source>这份记录还没有封存，应该直接修改，不用更正。</source>
        <translation>This record is not sealed yet: change it directly, no correction is needed.</translation>
    </message>
    <message>
        <source>找不到要更正的那份记录。</source>
        <translation>The record to be corrected cannot be found.</translation>
    </message>
    <message>
        <source>更正记录的编号已被占用。</source>
        <translation>The correction&apos;s number is already taken.</translation>
    </message>
    <message>
        <source>更正必须写明更正哪一版、更正原因。</source>
        <translation>A correction must say which version it corrects and why.</translation>
    </message>
    <message>
        <source>这次修改缺少记录内容，服务器没有保存。</source>
        <translation>This change has no record content, so the server did not save it.</translation>
    </message>
    <message>
        <source>这次修改的记录编号对不上，服务器没有保存。</source>
        <translation>This change&apos;s record number does not match, so the server did not save it.</translation>
    </message>
    <message>
        <source>这次状态变更缺少目标状态，服务器没有保存。</source>
        <translation>This change of status does not say the new status, so the server did not save it.</translation>
    </message>
    <message>
        <source>其他内容</source>
        <translation>Other content</translation>
    </message>
    <message>
        <source>{kind}：{name}</source>
        <translation>{kind}: {name}</translation>
    </message>
    <message>
        <source>（另一条记录）</source>
        <translation>(another record)</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>找不到这条记录（{id}），可能已被删除。</source>
        <translation>This record ({id}) cannot be found; it may have been deleted.</translation>
    </message>
    <message>
        <source>找不到这条记录（{id}）。</source>
        <translation>This record ({id}) cannot be found.</translation>
    </message>
    <message>
        <source>当事人第{n}项（{name}）的</source>
        <translation> of party {n} ({name})</translation>
    </message>
    <message>
        <source>当事人第{n}项的</source>
        <translation> of party {n}</translation>
    </message>
    <message>
        <source>涉及人数至少为2人</source>
        <translation>At least 2 people must be involved</translation>
    </message>
    <message>
        <source>纠纷须至少有两方当事人：申请人和被申请人</source>
        <translation>A dispute needs at least two parties: an applicant and a respondent</translation>
    </message>
    <message>
        <source>申请人和被申请人</source>
        <translation>an applicant and a respondent</translation>
    </message>
    <message>
        <source>案件缺少受理决定（受理及决定时间）</source>
        <translation>The case has no acceptance decision (accepted, and when)</translation>
    </message>
    <message>
        <source>纠纷可能引发治安、刑事案件，受理前须先报告当地公安机关（人民调解法第二十五条）</source>
        <translation>The dispute may lead to a public-order or criminal case: report it to the local police before accepting it (People&apos;s Mediation Law, article 25)</translation>
    </message>
    <message>
        <source>受理后、调解前须告知当事人权利义务</source>
        <translation>After accepting and before mediating, tell the parties their rights and duties</translation>
    </message>
    <message>
        <source>不予受理须记录不予受理的决定</source>
        <translation>Not accepting a case needs a recorded decision not to accept it</translation>
    </message>
    <message>
        <source>不予受理决定的</source>
        <translation> of the decision not to accept</translation>
    </message>
    <message>
        <source>不予受理时须告知当事人可以通过哪些其他途径解决</source>
        <translation>When not accepting a case, tell the parties which other ways they can use to resolve it</translation>
    </message>
    <message>
        <source>案件须至少有一名调解员</source>
        <translation>The case needs at least one mediator</translation>
    </message>
    <message>
        <source>案件须至少有一次调解记录，才能登记调解结果</source>
        <translation>The case needs at least one mediation session before its outcome can be recorded</translation>
    </message>
    <message>
        <source>案件须至少有一次回访记录</source>
        <translation>The case needs at least one follow-up visit</translation>
    </message>
    <message>
        <source>协议书份数应为当事人数加一（{parties}方当事人应为{copies}份），现在是{now}份</source>
        <translation>The agreement needs one copy more than there are parties ({parties} parties need {copies} copies); it has {now}</translation>
    </message>
    <message>
        <source>协议书须列明至少两方当事人</source>
        <translation>The agreement must name at least two parties</translation>
    </message>
    <message>
        <source>协议书缺少调解员签名</source>
        <translation>The agreement has no mediator&apos;s signature</translation>
    </message>
    <message>
        <source>协议书缺少人民调解委员会印章</source>
        <translation>The agreement has no seal of the people&apos;s mediation committee</translation>
    </message>
    <message>
        <source>回访记录缺少回访对象</source>
        <translation>The follow-up record does not say who was visited</translation>
    </message>
    <message>
        <source>邀请五老参与调解须注明五老类别</source>
        <translation>When inviting one of the five elders, say which group they belong to</translation>
    </message>
    <message>
        <source>调解结果应登记为“{outcome}”</source>
        <translation>The outcome should be recorded as “{outcome}”</translation>
    </message>
    <message>
        <source>口头协议的</source>
        <translation> of the verbal agreement</translation>
    </message>
    <message>
        <source>口头协议不能申请司法确认；履行在以后的，建议制作书面调解协议</source>
        <translation>A verbal agreement cannot be confirmed by a court; when it is carried out later, a written mediation agreement is better</translation>
    </message>
    <message>
        <source>只有达成协议（书面或口头）的案件才有履行阶段</source>
        <translation>Only a case with an agreement (written or verbal) can be carried out</translation>
    </message>
    <message>
        <source>调解记录须写明是否达成协议</source>
        <translation>The mediation record must say whether an agreement was reached</translation>
    </message>
    <message>
        <source>第{n}个当事人签署对应的当事人不在协议书中</source>
        <translation>Signature {n} is for a party who is not in the agreement</translation>
    </message>
    <message>
        <source>第{n}条的</source>
        <translation> of term {n}</translation>
    </message>
    <message>
        <source>协议书缺少履行期限（或注明即时履行）</source>
        <translation>The agreement has no deadline for carrying it out (or a note that it is carried out at once)</translation>
    </message>
    <message>
        <source>协议书缺少当事人{party}的签名、盖章或按指印</source>
        <translation>The agreement has no signature, seal or fingerprint of party {party}</translation>
    </message>
    <message>
        <source>反复迹象的</source>
        <translation> of the signs of relapse</translation>
    </message>
    <message>
        <source>邀请{name}参与调解须经当事人同意（人民调解法第二十条）</source>
        <translation>Inviting {name} to the mediation needs the parties&apos; consent (People&apos;s Mediation Law, article 20)</translation>
    </message>
    <message>
        <source>邀请人员参与调解须经当事人同意（人民调解法第二十条）</source>
        <translation>Inviting someone to the mediation needs the parties&apos; consent (People&apos;s Mediation Law, article 20)</translation>
    </message>
    <message>
        <source>卷宗的</source>
        <translation> of the case file</translation>
    </message>
    <message>
        <source>代签须注明代签人和原因</source>
        <translation>Signing for someone else needs a note of who signed and why</translation>
    </message>
    <message>
        <source>调解结果的</source>
        <translation> of the mediation result</translation>
    </message>
    <message>
        <source>未达成协议的，应告知当事人其他解决途径</source>
        <translation>When no agreement is reached, tell the parties the other ways to resolve it</translation>
    </message>
    <message>
        <source>转其他途径的案件请关联移交记录</source>
        <translation>For a case passed to another channel, please link the hand-over record</translation>
    </message>
    <message>
        <source>第{n}项</source>
        <translation>no. {n}</translation>
    </message>
    <message>
        <source>终止告知的</source>
        <translation> of the termination notice</translation>
    </message>
    <message>
        <source>终止调解时须告知当事人可以依法通过仲裁、行政、司法等途径解决</source>
        <translation>When ending a mediation, tell the parties they can use arbitration, the administration or the courts</translation>
    </message>
    <message>
        <source>多数表决不能代替农户本人同意</source>
        <translation>a majority vote cannot replace a household&apos;s own consent</translation>
    </message>
    <message>
        <source>结束时间不能早于会议时间</source>
        <translation>The end time cannot be before the meeting time</translation>
    </message>
    <message>
        <source>村民会议应当于会议召开十日前通知村民</source>
        <translation>Villagers must be told of a villagers&apos; assembly ten days before it is held</translation>
    </message>
    <message>
        <source>{meeting_type}不能{basis}计算法定人数</source>
        <translation>{meeting_type}: the quorum cannot be counted as “{basis}”</translation>
    </message>
    <message>
        <source>实到人数不能多于应到人数</source>
        <translation>The number present cannot be more than the number expected</translation>
    </message>
    <message>
        <source>实到人数（{present}）与签到名单上按本口径签到的人数（{counted}）不一致</source>
        <translation>The number present ({present}) differs from the number signed in on the list, counted this way ({counted})</translation>
    </message>
    <message>
        <source>流转截止日应晚于起始日</source>
        <translation>The transfer must end after it starts</translation>
    </message>
    <message>
        <source>流转期限不得超过承包期的剩余期限</source>
        <translation>The transfer cannot last longer than what is left of the contract period</translation>
    </message>
    <message>
        <source>应到人数必须大于0</source>
        <translation>The number expected must be more than 0</translation>
    </message>
    <message>
        <source>实到{present}人，未达到法定人数（{rule}，应到{eligible}人），表决无效，应记为“未达法定人数”</source>
        <translation>{present} present: the quorum ({rule}, of {eligible} expected) is not met, so the votes do not count; record it as “Quorum not met”</translation>
    </message>
    <message>
        <source>议题涉及承包地，请列出涉及的每一户，以便逐户签署户同意书</source>
        <translation>A topic concerns contracted land: list every household concerned so that each can sign its consent form</translation>
    </message>
    <message>
        <source>实到人数已达到法定人数，不能记为“未达法定人数”</source>
        <translation>The number present meets the quorum, so it cannot be recorded as “Quorum not met”</translation>
    </message>
    <message>
        <source>未达到法定人数的会议不能有表决结果</source>
        <translation>A meeting without a quorum cannot have vote results</translation>
    </message>
    <message>
        <source>决议公开</source>
        <translation>Decision made public</translation>
    </message>
    <message>
        <source>结果公开</source>
        <translation>Results made public</translation>
    </message>
    <message>
        <source>第{n}项表决对应的议题不存在</source>
        <translation>Vote {n} is for a topic that does not exist</translation>
    </message>
    <message>
        <source>第{n}项表决：同意{yes}+反对{no}+弃权{abstain}多于实到{present}人</source>
        <translation>Vote {n}: {yes} for + {no} against + {abstain} abstaining is more than the {present} present</translation>
    </message>
    <message>
        <source>同意{yes}+反对{no}+弃权{abstain}多于实到{present}人</source>
        <translation>{yes} for + {no} against + {abstain} abstaining is more than the {present} present</translation>
    </message>
    <message>
        <source>第{n}项表决：实到人数多于应到人数</source>
        <translation>Vote {n}: more present than expected</translation>
    </message>
    <message>
        <source>实到人数多于应到人数</source>
        <translation>More present than expected</translation>
    </message>
    <message>
        <source>第{n}项表决无效：会议未达到法定人数，不能表决</source>
        <translation>Vote {n} does not count: the meeting did not reach its quorum, so no vote can be taken</translation>
    </message>
    <message>
        <source>会议未达到法定人数，不能表决</source>
        <translation>The meeting did not reach its quorum, so no vote can be taken</translation>
    </message>
    <message>
        <source>同意{yes}票未超过实到{present}人的一半，不能记为通过</source>
        <translation>{yes} votes for is not more than half of the {present} present, so it cannot be recorded as passed</translation>
    </message>
    <message>
        <source>同意{yes}票已超过实到{present}人的一半，应记为通过</source>
        <translation>{yes} votes for is more than half of the {present} present, so it should be recorded as passed</translation>
    </message>
    <message>
        <source>第{n}项表决：{problem}</source>
        <translation>Vote {n}: {problem}</translation>
    </message>
    <message>
        <source>第{n}项决议记为通过，但对应的表决未通过</source>
        <translation>Decision {n} is recorded as passed, but its vote did not pass</translation>
    </message>
    <message>
        <source>同一户有两份户同意书</source>
        <translation>One household has two consent forms</translation>
    </message>
    <message>
        <source>户同意书的签字日期不能早于会议日期</source>
        <translation>A consent form cannot be signed before the meeting</translation>
    </message>
    <message>
        <source>第{n}个流出户没有本户签字同意的户同意书，不能列入流转；{not_binding}</source>
        <translation>Transferring household {n} has no consent form signed by the household, so it cannot be part of the transfer; {not_binding}</translation>
    </message>
    <message>
        <source>流转总面积{total}亩与同意流转各户面积之和{summed}亩不一致</source>
        <translation>The total transfer area of {total} mu differs from the {summed} mu the consenting households add up to</translation>
    </message>
    <message>
        <source>第{n}个议题的</source>
        <translation> of topic {n}</translation>
    </message>
    <message>
        <source>通知的</source>
        <translation> of the notice</translation>
    </message>
    <message>
        <source>涉及承包地的第{n}户没有本户签字的户同意书；{not_binding}</source>
        <translation>Household {n} with contracted land concerned has no consent form signed by the household; {not_binding}</translation>
    </message>
    <message>
        <source>议事记录缺少{kind}的公示记录</source>
        <translation>The meeting record has no public notice of “{kind}”</translation>
    </message>
    <message>
        <source>第{n}项表决的</source>
        <translation> of vote {n}</translation>
    </message>
    <message>
        <source>流转合同的</source>
        <translation> of the transfer contract</translation>
    </message>
    <message>
        <source>备案的</source>
        <translation> of the filing</translation>
    </message>
    <message>
        <source>出生日期不能晚于今天</source>
        <translation>The date of birth cannot be after today</translation>
    </message>
    <message>
        <source>年满16周岁的居民应有居民身份证号码，知道时请补录</source>
        <translation>Residents aged 16 or more should have an ID number; please add it when known</translation>
    </message>
    <message>
        <source>有特殊人群标签的未成年人应登记监护人</source>
        <translation>A child with a special group tag should have a guardian recorded</translation>
    </message>
    <message>
        <source>结束时间不能早于开始时间</source>
        <translation>The end time cannot be before the start time</translation>
    </message>
    <message>
        <source>下次走访日期应在本次走访之后</source>
        <translation>The next visit must be after this one</translation>
    </message>
    <message>
        <source>尚未向受访人告知个人信息处理事项</source>
        <translation>The person visited has not yet been told how their personal information is used</translation>
    </message>
    <message>
        <source>小结至少要写10个字</source>
        <translation>The summary needs at least 10 characters</translation>
    </message>
    <message>
        <source>走访记录须注明是否已告知受访人</source>
        <translation>The visit record must say whether the person visited was told</translation>
    </message>
    <message>
        <source>排查发现纠纷时，须登记或关联至少一个纠纷案件</source>
        <translation>When the check finds a dispute, register or link at least one dispute case</translation>
    </message>
    <message>
        <source>附件含未成年人，请注明必要的理由</source>
        <translation>This attachment shows children: please say why it is needed</translation>
    </message>
    <message>
        <source>所属记录类型“{kind}”不存在</source>
        <translation>There is no record type “{kind}”</translation>
    </message>
    <message>
        <source>五老调解员须注明五老类别</source>
        <translation>A five-elders mediator needs their five-elders group</translation>
    </message>
    <message>
        <source>{doc}缺少{what}{title}</source>
        <translation>{doc}: {title}{what} is missing</translation>
    </message>
    <message>
        <source>调委会由委员三至九人组成，现在是{n}人</source>
        <translation>A mediation committee has three to nine members; it has {n}</translation>
    </message>
    <message>
        <source>调委会应设主任一人，现在有{n}人</source>
        <translation>A mediation committee has one chair; it has {n}</translation>
    </message>
    <message>
        <source>调委会成员中应当有妇女成员</source>
        <translation>A mediation committee should have women among its members</translation>
    </message>
    <message>
        <source>标签的截止日期不能早于起始日期</source>
        <translation>A tag cannot end before it starts</translation>
    </message>
    <message>
        <source>户成员中应有且只有一名户主（与户主关系为“02 户主”），现在有{n}名</source>
        <translation>A household has exactly one head (relationship “02 Head of household”); it has {n}</translation>
    </message>
    <message>
        <source>同一个人在成员名单中出现了多次</source>
        <translation>The same person is on the member list more than once</translation>
    </message>
    <message>
        <source>第{n}个问题的</source>
        <translation> of problem {n}</translation>
    </message>
    <message>
        <source>第{n}个问题未当场解决，须先上报事件</source>
        <translation>Problem {n} was not solved on the spot: report it as an event first</translation>
    </message>
    <message>
        <source>户主与成员名单中关系为“户主”的人不一致</source>
        <translation>The head of household differs from the member whose relationship is “Head of household”</translation>
    </message>
    <message>
        <source>{what}不能从“{a}”直接变为“{b}”</source>
        <translation>{what}: cannot go straight from “{a}” to “{b}”</translation>
    </message>
    <message>
        <source>{what}没有状态流转</source>
        <translation>{what}: has no statuses to move through</translation>
    </message>
    <message>
        <source>{what}没有“{state}”这个状态</source>
        <translation>{what}: there is no status “{state}”</translation>
    </message>
    <message>
        <source>{what}已是“{a}”，不能再变为“{b}”</source>
        <translation>{what}: already “{a}”, it cannot become “{b}”</translation>
    </message>
    <message>
        <source>数据库文件已经存在：{path}</source>
        <translation>The database file already exists: {path}</translation>
    </message>
    <message>
        <source>找不到数据库文件：{path}</source>
        <translation>The database file cannot be found: {path}</translation>
    </message>
    <message>
        <source>数据库钥匙格式不对（应为 32 字节）。</source>
        <translation>The database key is in the wrong format (it should be 32 bytes).</translation>
    </message>
    <message>
        <source>保存时不能直接改变状态，请使用“完成”“封存”等操作。</source>
        <translation>Saving cannot change the status; please use “Complete”, “Seal” and the like.</translation>
    </message>
    <message>
        <source>请写明更正原因。</source>
        <translation>Please say why it is corrected.</translation>
    </message>
    <message>
        <source>这条记录已被删除，不能再保存。</source>
        <translation>This record has been deleted and cannot be saved again.</translation>
    </message>
    <message>
        <source>记录类型与已保存的不同。</source>
        <translation>The record type differs from the saved one.</translation>
    </message>
    <message>
        <source>这份记录已经封存（签字/定稿），不能再修改；如有错误，请做更正。</source>
        <translation>This record is sealed (signed or finalised) and cannot be changed; to fix a mistake, make a correction.</translation>
    </message>
    <message>
        <source>升级前的备份在：{backup}</source>
        <translation>The backup from before the upgrade is at: {backup}</translation>
    </message>
    <message>
        <source>数据库未被改动</source>
        <translation>The database was not changed</translation>
    </message>
    <message>
        <source>数据库结构升级失败（{error}）。{where}</source>
        <translation>Upgrading the database failed ({error}). {where}</translation>
    </message>
    <message>
        <source>数据库已经关闭。</source>
        <translation>The database is closed.</translation>
    </message>
    <message>
        <source>这条记录还没有封存，可以直接修改，不需要更正。</source>
        <translation>This record is not sealed yet: change it directly, no correction is needed.</translation>
    </message>
    <message>
        <source>这份记录已经被更正过，请打开最新版本后再更正。</source>
        <translation>This record has already been corrected; please open the newest version and correct that.</translation>
    </message>
    <message>
        <source>更正记录的类型与原记录不同。</source>
        <translation>The correction&apos;s record type differs from the original record&apos;s.</translation>
    </message>
    <message>
        <source>已封存的记录不能删除；如有错误，请做更正。</source>
        <translation>A sealed record cannot be deleted; to fix a mistake, make a correction.</translation>
    </message>
    <message>
        <source>这份记录已经封存，不能再增加、修改或删除它的附件；如需补充，请做更正。</source>
        <translation>This record is sealed: its attachments can no longer be added, changed or deleted; to add something, make a correction.</translation>
    </message>
    <message>
        <source>请先选择走访户（输入户主姓名或地址，从列表中选）</source>
        <translation>Please choose the household first (type the head&apos;s name or the address and pick from the list)</translation>
    </message>
    <message>
        <source>{first}；{then}</source>
        <translation>{first}; {then}</translation>
    </message>
    <message>
        <source>{first}、{then}</source>
        <translation>{first}, {then}</translation>
    </message>
    <message>
        <source>记录ID</source>
        <translation>Record ID</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>所属村</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>原始记录ID</source>
        <translation>Original record ID</translation>
    </message>
    <message>
        <source>修订版次</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>更正原因</source>
        <translation>Reason for correction</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>旧15位号码</source>
        <translation>Old 15-digit number</translation>
    </message>
    <message>
        <source>证件号哈希</source>
        <translation>ID number hash</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>曾用名</source>
        <translation>Former name</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>户籍地代码</source>
        <translation>Registered residence code</translation>
    </message>
    <message>
        <source>户籍地址</source>
        <translation>Registered address</translation>
    </message>
    <message>
        <source>现住户</source>
        <translation>Current household</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>学历</source>
        <translation>Education</translation>
    </message>
    <message>
        <source>职业</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>残疾</source>
        <translation>Disability</translation>
    </message>
    <message>
        <source>监护人</source>
        <translation>Guardian</translation>
    </message>
    <message>
        <source>核实人</source>
        <translation>Checked by</translation>
    </message>
    <message>
        <source>核实时间</source>
        <translation>Checked at</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>起始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <source>走访周期（天）</source>
        <translation>Visit every (days)</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>已核实</source>
        <translation>Checked</translation>
    </message>
    <message>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>屯/村民小组</source>
        <translation>Hamlet / villagers&apos; group</translation>
    </message>
    <message>
        <source>详细地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>住房定位</source>
        <translation>House location</translation>
    </message>
    <message>
        <source>收入区间</source>
        <translation>Income band</translation>
    </message>
    <message>
        <source>电话号码</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>纬度</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>经度</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>精度（米）</source>
        <translation>Accuracy (m)</translation>
    </message>
    <message>
        <source>签署人</source>
        <translation>Signer</translation>
    </message>
    <message>
        <source>签署人姓名</source>
        <translation>Signer&apos;s name</translation>
    </message>
    <message>
        <source>对应当事人</source>
        <translation>For party</translation>
    </message>
    <message>
        <source>代签说明</source>
        <translation>Note on signing for someone</translation>
    </message>
    <message>
        <source>纸质签署</source>
        <translation>Signed on paper</translation>
    </message>
    <message>
        <source>签署页扫描件</source>
        <translation>Scan of the signed page</translation>
    </message>
    <message>
        <source>签署时间</source>
        <translation>Signed at</translation>
    </message>
    <message>
        <source>走访编号</source>
        <translation>Visit no.</translation>
    </message>
    <message>
        <source>对象类型</source>
        <translation>Visited</translation>
    </message>
    <message>
        <source>走访户</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>受访人</source>
        <translation>Person met</translation>
    </message>
    <message>
        <source>受访人姓名</source>
        <translation>Name of person met</translation>
    </message>
    <message>
        <source>走访人</source>
        <translation>Visitors</translation>
    </message>
    <message>
        <source>陪同人员</source>
        <translation>Accompanied by</translation>
    </message>
    <message>
        <source>开始时间</source>
        <translation>Start time</translation>
    </message>
    <message>
        <source>结束时间</source>
        <translation>End time</translation>
    </message>
    <message>
        <source>政策宣讲</source>
        <translation>Policy explained</translation>
    </message>
    <message>
        <source>关联纠纷</source>
        <translation>Linked disputes</translation>
    </message>
    <message>
        <source>风险跟进</source>
        <translation>Risk follow-up</translation>
    </message>
    <message>
        <source>诉求</source>
        <translation>Requests</translation>
    </message>
    <message>
        <source>建议</source>
        <translation>Suggestions</translation>
    </message>
    <message>
        <source>发现问题</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <source>小结</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>已告知</source>
        <translation>Told</translation>
    </message>
    <message>
        <source>下次走访</source>
        <translation>Next visit</translation>
    </message>
    <message>
        <source>受访人确认</source>
        <translation>Confirmed by the person met</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>定位</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>政策</source>
        <translation>Policy</translation>
    </message>
    <message>
        <source>政策名称</source>
        <translation>Policy name</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>跟进对象</source>
        <translation>Followed up</translation>
    </message>
    <message>
        <source>观察情况</source>
        <translation>Observations</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Problem description</translation>
    </message>
    <message>
        <source>当场解决</source>
        <translation>Solved on the spot</translation>
    </message>
    <message>
        <source>事件上报</source>
        <translation>Event report</translation>
    </message>
    <message>
        <source>审核人</source>
        <translation>Reviewed by</translation>
    </message>
    <message>
        <source>审核时间</source>
        <translation>Reviewed at</translation>
    </message>
    <message>
        <source>审核意见</source>
        <translation>Review comments</translation>
    </message>
    <message>
        <source>议事编号</source>
        <translation>Meeting no.</translation>
    </message>
    <message>
        <source>上一步会议</source>
        <translation>Previous meeting</translation>
    </message>
    <message>
        <source>召集人</source>
        <translation>Convener</translation>
    </message>
    <message>
        <source>主持人</source>
        <translation>Chair</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Minute-taker</translation>
    </message>
    <message>
        <source>会议时间</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>通知</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>议题</source>
        <translation>Topics</translation>
    </message>
    <message>
        <source>应到人数</source>
        <translation>Number expected</translation>
    </message>
    <message>
        <source>实到人数</source>
        <translation>Number present</translation>
    </message>
    <message>
        <source>参会人员</source>
        <translation>Attendees</translation>
    </message>
    <message>
        <source>签到表扫描件</source>
        <translation>Scan of the sign-in sheet</translation>
    </message>
    <message>
        <source>列席</source>
        <translation>Observers</translation>
    </message>
    <message>
        <source>讨论</source>
        <translation>Discussion</translation>
    </message>
    <message>
        <source>讨论情况</source>
        <translation>Discussion</translation>
    </message>
    <message>
        <source>表决</source>
        <translation>Votes</translation>
    </message>
    <message>
        <source>决议</source>
        <translation>Decisions</translation>
    </message>
    <message>
        <source>涉及承包地的户</source>
        <translation>Households with contracted land concerned</translation>
    </message>
    <message>
        <source>户同意书</source>
        <translation>Household consent forms</translation>
    </message>
    <message>
        <source>流转明细</source>
        <translation>Land transfer details</translation>
    </message>
    <message>
        <source>公示</source>
        <translation>Public notice</translation>
    </message>
    <message>
        <source>实施</source>
        <translation>Carrying out</translation>
    </message>
    <message>
        <source>备案</source>
        <translation>Filing</translation>
    </message>
    <message>
        <source>通知时间</source>
        <translation>Notice given on</translation>
    </message>
    <message>
        <source>通知内容</source>
        <translation>Notice text</translation>
    </message>
    <message>
        <source>议题编号</source>
        <translation>Topic no.</translation>
    </message>
    <message>
        <source>背景</source>
        <translation>Background</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>所属户</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>已签到</source>
        <translation>Signed in</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>发言人</source>
        <translation>Speaker</translation>
    </message>
    <message>
        <source>发言要点</source>
        <translation>Main points</translation>
    </message>
    <message>
        <source>应到</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>实到</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>同意</source>
        <translation>For</translation>
    </message>
    <message>
        <source>反对</source>
        <translation>Against</translation>
    </message>
    <message>
        <source>弃权</source>
        <translation>Abstain</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>决议内容</source>
        <translation>Decision text</translation>
    </message>
    <message>
        <source>涉及承包地</source>
        <translation>Concerns contracted land</translation>
    </message>
    <message>
        <source>户代表</source>
        <translation>Household representative</translation>
    </message>
    <message>
        <source>户代表姓名</source>
        <translation>Household representative&apos;s name</translation>
    </message>
    <message>
        <source>签字</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>签字时间</source>
        <translation>Signed at</translation>
    </message>
    <message>
        <source>面积（亩）</source>
        <translation>Area (mu)</translation>
    </message>
    <message>
        <source>地块</source>
        <translation>Plots</translation>
    </message>
    <message>
        <source>受让方名称</source>
        <translation>Transferee&apos;s name</translation>
    </message>
    <message>
        <source>证件号/统一社会信用代码</source>
        <translation>ID number / unified social credit code</translation>
    </message>
    <message>
        <source>受让方地址</source>
        <translation>Transferee&apos;s address</translation>
    </message>
    <message>
        <source>受让方</source>
        <translation>Transferred to</translation>
    </message>
    <message>
        <source>流出户</source>
        <translation>Transferring households</translation>
    </message>
    <message>
        <source>流转总面积（亩）</source>
        <translation>Total area transferred (mu)</translation>
    </message>
    <message>
        <source>坐落</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>质量等级</source>
        <translation>Quality grade</translation>
    </message>
    <message>
        <source>流转起始日</source>
        <translation>Transfer starts</translation>
    </message>
    <message>
        <source>流转截止日</source>
        <translation>Transfer ends</translation>
    </message>
    <message>
        <source>承包期届满日</source>
        <translation>Contract period ends</translation>
    </message>
    <message>
        <source>用途</source>
        <translation>Use</translation>
    </message>
    <message>
        <source>流转价格（元/亩/年）</source>
        <translation>Price (yuan per mu per year)</translation>
    </message>
    <message>
        <source>支付方式</source>
        <translation>How paid</translation>
    </message>
    <message>
        <source>征收补偿归属</source>
        <translation>Who gets compensation if the land is taken</translation>
    </message>
    <message>
        <source>违约责任</source>
        <translation>Liability for breach</translation>
    </message>
    <message>
        <source>向发包方备案日期</source>
        <translation>Filed with the contracting party on</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Registration</translation>
    </message>
    <message>
        <source>张贴时间</source>
        <translation>Posted on</translation>
    </message>
    <message>
        <source>公示地点</source>
        <translation>Posted at</translation>
    </message>
    <message>
        <source>公示天数</source>
        <translation>Days on notice</translation>
    </message>
    <message>
        <source>异议</source>
        <translation>Objections</translation>
    </message>
    <message>
        <source>公示照片</source>
        <translation>Photo of the notice</translation>
    </message>
    <message>
        <source>报乡镇备案日期</source>
        <translation>Filed with the township on</translation>
    </message>
    <message>
        <source>备案文号</source>
        <translation>Filing no.</translation>
    </message>
    <message>
        <source>卷号</source>
        <translation>Volume no.</translation>
    </message>
    <message>
        <source>登记时间</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>登记人</source>
        <translation>Registered by</translation>
    </message>
    <message>
        <source>来源走访</source>
        <translation>From visit</translation>
    </message>
    <message>
        <source>硬盘空间不够，请删除不用的文件后再试。</source>
        <translation>The disk is full. Please delete files you do not need, then try again.</translation>
    </message>
    <message>
        <source>无法读写“{file}”，请检查这个文件或文件夹。</source>
        <translation>Cannot read or write “{file}”. Please check this file or folder.</translation>
    </message>
    <message>
        <source>网格员和调解员只能看到遮盖后的身份证号码；需要核对完整号码，请联系乡镇综治中心。</source>
        <translation>Grid workers and mediators see ID numbers masked only; to check a full number, ask the township centre.</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>处置层级</source>
        <translation>Handled at level</translation>
    </message>
    <message>
        <source>去向</source>
        <translation>Sent to</translation>
    </message>
    <message>
        <source>有数据页读不出来（{detail}）</source>
        <translation>A page of data cannot be read ({detail})</translation>
    </message>
    <message>
        <source>事件上报最好注明来源走访或案件</source>
        <translation>An event report should name the visit or case it came from</translation>
    </message>
    <message>
        <source>未成年人受侵害事件须上报乡镇或县级处置，不能只在村级处理</source>
        <translation>An event where a child was harmed must be reported to the township or county; it cannot be handled only in the village</translation>
    </message>
    <message>
        <source>反馈时间不能早于上报时间</source>
        <translation>The feedback time cannot be before the report time</translation>
    </message>
    <message>
        <source>事件编号</source>
        <translation>Event no.</translation>
    </message>
    <message>
        <source>来源案件</source>
        <translation>From case</translation>
    </message>
    <message>
        <source>所在户</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>事件类别</source>
        <translation>Event category</translation>
    </message>
    <message>
        <source>事件描述</source>
        <translation>Event description</translation>
    </message>
    <message>
        <source>上报人</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <source>上报时间</source>
        <translation>Reported at</translation>
    </message>
    <message>
        <source>办理期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>处理记录</source>
        <translation>Handling log</translation>
    </message>
    <message>
        <source>处理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>反馈时间</source>
        <translation>Feedback time</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>处理人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>处理环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>其他纠纷类型说明</source>
        <translation>Other type of dispute</translation>
    </message>
    <message>
        <source>纠纷子类</source>
        <translation>Dispute subtype</translation>
    </message>
    <message>
        <source>简要情况</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>当事人</source>
        <translation>Parties</translation>
    </message>
    <message>
        <source>涉及人数</source>
        <translation>People involved</translation>
    </message>
    <message>
        <source>涉及金额（元）</source>
        <translation>Amount involved (yuan)</translation>
    </message>
    <message>
        <source>报告公安</source>
        <translation>Reported to the police</translation>
    </message>
    <message>
        <source>权利义务告知</source>
        <translation>Rights and duties told</translation>
    </message>
    <message>
        <source>调委会</source>
        <translation>Mediation committee</translation>
    </message>
    <message>
        <source>调解员</source>
        <translation>Mediators</translation>
    </message>
    <message>
        <source>回避</source>
        <translation>Recusals</translation>
    </message>
    <message>
        <source>邀请人员</source>
        <translation>Invited people</translation>
    </message>
    <message>
        <source>公开调解</source>
        <translation>Public mediation</translation>
    </message>
    <message>
        <source>延期</source>
        <translation>Extensions</translation>
    </message>
    <message>
        <source>调解记录</source>
        <translation>Mediation record</translation>
    </message>
    <message>
        <source>调查记录</source>
        <translation>Investigation notes</translation>
    </message>
    <message>
        <source>终止告知</source>
        <translation>Notice of ending</translation>
    </message>
    <message>
        <source>调解协议</source>
        <translation>Mediation agreement</translation>
    </message>
    <message>
        <source>口头协议</source>
        <translation>Verbal agreement</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <source>移交</source>
        <translation>Hand-overs</translation>
    </message>
    <message>
        <source>复发关联</source>
        <translation>Linked relapse</translation>
    </message>
    <message>
        <source>卷宗</source>
        <translation>Case file</translation>
    </message>
    <message>
        <source>当事人编号</source>
        <translation>Party no.</translation>
    </message>
    <message>
        <source>姓名/名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>住址或单位</source>
        <translation>Address or employer</translation>
    </message>
    <message>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>职业或职务</source>
        <translation>Occupation or post</translation>
    </message>
    <message>
        <source>送达地址</source>
        <translation>Address for documents</translation>
    </message>
    <message>
        <source>代理人</source>
        <translation>Agents</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>代理人姓名</source>
        <translation>Agent&apos;s name</translation>
    </message>
    <message>
        <source>与当事人关系</source>
        <translation>Relationship to the party</translation>
    </message>
    <message>
        <source>授权委托书</source>
        <translation>Power of attorney</translation>
    </message>
    <message>
        <source>报告时间</source>
        <translation>Reported at</translation>
    </message>
    <message>
        <source>派出所</source>
        <translation>Police station</translation>
    </message>
    <message>
        <source>接报民警</source>
        <translation>Officer told</translation>
    </message>
    <message>
        <source>决定时间</source>
        <translation>Decided at</translation>
    </message>
    <message>
        <source>理由说明</source>
        <translation>Reason given</translation>
    </message>
    <message>
        <source>告知的其他途径</source>
        <translation>Other ways told</translation>
    </message>
    <message>
        <source>告知时间</source>
        <translation>Told at</translation>
    </message>
    <message>
        <source>当事人签收</source>
        <translation>Parties&apos; receipt</translation>
    </message>
    <message>
        <source>回避理由</source>
        <translation>Reason for recusal</translation>
    </message>
    <message>
        <source>身份</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>当事人同意</source>
        <translation>Parties agree</translation>
    </message>
    <message>
        <source>延至</source>
        <translation>Extended to</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>终止时间</source>
        <translation>Ended at</translation>
    </message>
    <message>
        <source>终止原因</source>
        <translation>Reason for ending</translation>
    </message>
    <message>
        <source>卷宗号</source>
        <translation>Case file no.</translation>
    </message>
    <message>
        <source>立卷人</source>
        <translation>Filed by</translation>
    </message>
    <message>
        <source>归档日期</source>
        <translation>Archived on</translation>
    </message>
    <message>
        <source>存放位置</source>
        <translation>Kept at</translation>
    </message>
    <message>
        <source>达成时间</source>
        <translation>Reached at</translation>
    </message>
    <message>
        <source>协议内容</source>
        <translation>Agreement text</translation>
    </message>
    <message>
        <source>履行</source>
        <translation>Carrying out</translation>
    </message>
    <message>
        <source>当事人确认</source>
        <translation>Parties&apos; confirmation</translation>
    </message>
    <message>
        <source>履行期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>即时履行</source>
        <translation>Carried out at once</translation>
    </message>
    <message>
        <source>案件</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>调解时间</source>
        <translation>Mediation time</translation>
    </message>
    <message>
        <source>调解地点</source>
        <translation>Mediation place</translation>
    </message>
    <message>
        <source>调解事项</source>
        <translation>Matter mediated</translation>
    </message>
    <message>
        <source>到场当事人</source>
        <translation>Parties present</translation>
    </message>
    <message>
        <source>参与人员</source>
        <translation>Others present</translation>
    </message>
    <message>
        <source>当事人陈述</source>
        <translation>Parties&apos; statements</translation>
    </message>
    <message>
        <source>调解经过</source>
        <translation>How the mediation went</translation>
    </message>
    <message>
        <source>核实情况</source>
        <translation>Facts checked</translation>
    </message>
    <message>
        <source>签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>当事人姓名</source>
        <translation>Party&apos;s name</translation>
    </message>
    <message>
        <source>陈述内容</source>
        <translation>Statement</translation>
    </message>
    <message>
        <source>达成协议</source>
        <translation>Agreement reached</translation>
    </message>
    <message>
        <source>协议要点</source>
        <translation>Main points of the agreement</translation>
    </message>
    <message>
        <source>未达成原因</source>
        <translation>Why no agreement was reached</translation>
    </message>
    <message>
        <source>协议编号</source>
        <translation>Agreement no.</translation>
    </message>
    <message>
        <source>纠纷主要事实、争议事项</source>
        <translation>Main facts and points in dispute</translation>
    </message>
    <message>
        <source>各方责任</source>
        <translation>Each side&apos;s responsibility</translation>
    </message>
    <message>
        <source>履行方式、期限、地点</source>
        <translation>How, by when and where it is carried out</translation>
    </message>
    <message>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>当事人签署</source>
        <translation>Parties&apos; signatures</translation>
    </message>
    <message>
        <source>调解员签署</source>
        <translation>Mediators&apos; signatures</translation>
    </message>
    <message>
        <source>记录人签署</source>
        <translation>Minute-taker&apos;s signature</translation>
    </message>
    <message>
        <source>调委会印章</source>
        <translation>Committee seal</translation>
    </message>
    <message>
        <source>原件扫描件</source>
        <translation>Scan of the original</translation>
    </message>
    <message>
        <source>司法确认截止日</source>
        <translation>Court confirmation deadline</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>义务人</source>
        <translation>Obliged party</translation>
    </message>
    <message>
        <source>权利人</source>
        <translation>Entitled party</translation>
    </message>
    <message>
        <source>条款内容</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>履行地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>盖章时间</source>
        <translation>Sealed at</translation>
    </message>
    <message>
        <source>盖章人</source>
        <translation>Sealed by</translation>
    </message>
    <message>
        <source>回访对象</source>
        <translation>Person visited</translation>
    </message>
    <message>
        <source>回访对象姓名</source>
        <translation>Name of person visited</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Matter</translation>
    </message>
    <message>
        <source>回访时间</source>
        <translation>Follow-up time</translation>
    </message>
    <message>
        <source>反复迹象</source>
        <translation>Signs of relapse</translation>
    </message>
    <message>
        <source>回访人签名</source>
        <translation>Visitor&apos;s signature</translation>
    </message>
    <message>
        <source>诉讼情况</source>
        <translation>Court proceedings</translation>
    </message>
    <message>
        <source>采取措施</source>
        <translation>Steps taken</translation>
    </message>
    <message>
        <source>有反复迹象</source>
        <translation>Relapse seen</translation>
    </message>
    <message>
        <source>情况说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>工作人员</source>
        <translation>Staff member</translation>
    </message>
    <message>
        <source>聘任日期</source>
        <translation>Appointed on</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>所属乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>组成人员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>监督电话</source>
        <translation>Complaints phone</translation>
    </message>
    <message>
        <source>印章图样</source>
        <translation>Seal image</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>校验值（SHA-256）</source>
        <translation>Checksum (SHA-256)</translation>
    </message>
    <message>
        <source>大小（字节）</source>
        <translation>Size (bytes)</translation>
    </message>
    <message>
        <source>文件类型</source>
        <translation>File type</translation>
    </message>
    <message>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>采集时间</source>
        <translation>Taken at</translation>
    </message>
    <message>
        <source>采集人</source>
        <translation>Taken by</translation>
    </message>
    <message>
        <source>已加密</source>
        <translation>Encrypted</translation>
    </message>
    <message>
        <source>含未成年人</source>
        <translation>Shows children</translation>
    </message>
    <message>
        <source>含未成年人的理由</source>
        <translation>Why children are shown</translation>
    </message>
    <message>
        <source>含身份证件</source>
        <translation>Shows an ID card</translation>
    </message>
    <message>
        <source>所属记录类型</source>
        <translation>Record type</translation>
    </message>
    <message>
        <source>所属记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>县代码</source>
        <translation>County code</translation>
    </message>
    <message>
        <source>县名称</source>
        <translation>County name</translation>
    </message>
    <message>
        <source>网格编码</source>
        <translation>Grid code</translation>
    </message>
    <message>
        <source>网格名称</source>
        <translation>Grid name</translation>
    </message>
    <message>
        <source>屯/组</source>
        <translation>Hamlet</translation>
    </message>
    <message>
        <source>网格员</source>
        <translation>Grid workers</translation>
    </message>
    <message>
        <source>网格长</source>
        <translation>Grid leader</translation>
    </message>
    <message>
        <source>屯/组ID</source>
        <translation>Hamlet ID</translation>
    </message>
    <message>
        <source>屯/组名称</source>
        <translation>Hamlet name</translation>
    </message>
    <message>
        <source>乡镇代码</source>
        <translation>Township code</translation>
    </message>
    <message>
        <source>乡镇名称</source>
        <translation>Township name</translation>
    </message>
    <message>
        <source>村代码</source>
        <translation>Village code</translation>
    </message>
    <message>
        <source>村名称</source>
        <translation>Village name</translation>
    </message>
    <message>
        <source>人员信息</source>
        <translation>Person details</translation>
    </message>
    <message>
        <source>户信息</source>
        <translation>Household details</translation>
    </message>
    <message>
        <source>走访记录</source>
        <translation>Visit record</translation>
    </message>
    <message>
        <source>议事记录</source>
        <translation>Meeting record</translation>
    </message>
    <message>
        <source>协议书</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <source>回访记录</source>
        <translation>Follow-up record</translation>
    </message>
    <message>
        <source>调解员信息</source>
        <translation>Mediator details</translation>
    </message>
    <message>
        <source>调委会信息</source>
        <translation>Committee details</translation>
    </message>
    <message>
        <source>不少于应到人数的三分之二</source>
        <translation>at least two thirds of those expected</translation>
    </message>
    <message>
        <source>超过应到人数的一半</source>
        <translation>more than half of those expected</translation>
    </message>
    <message>
        <source>无法定人数要求</source>
        <translation>no quorum needed</translation>
    </message>
    <message>
        <source>纠纷案件</source>
        <translation>Dispute case</translation>
    </message>
    <message>
        <source>调解协议书</source>
        <translation>Mediation agreement</translation>
    </message>
    <message>
        <source>司法确认</source>
        <translation>Court confirmation</translation>
    </message>
    <message>
        <source>住户</source>
        <translation>Households</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <source>住户</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>走访</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>议事</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <source>调解</source>
        <translation>Mediation</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
</context>
</TS>
