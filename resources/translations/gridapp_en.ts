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
        <source>公示</source>
        <translation>Public notice</translation>
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
        <source>签字纸件的扫描件</source>
        <translation>Scans of signed papers</translation>
    </message>
    <message>
        <source>先打印会议记录，签字后扫描或拍照附在这里，再定稿；定稿后附件随会议记录一起封存。</source>
        <translation>Print the minutes first, have them signed, then scan or photograph them and attach them here before finalising. When finalised, the attachments are sealed with the minutes.</translation>
    </message>
    <message>
        <source>（本屯以外的户）</source>
        <translation>(household from another hamlet)</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>（名单外人员）</source>
        <translation>(not on the list)</translation>
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
    <message>
        <source>保存会议记录</source>
        <translation>Save minutes</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>会议记录已保存为 %1</source>
        <translation>Minutes saved as %1</translation>
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
