<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ArchivePanel</name>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="220"/>
        <source>档案</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="222"/>
        <source>本机档案（这台电脑）</source>
        <translation>Local archive (this computer)</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="224"/>
        <source>办公室数据库服务器</source>
        <translation>Office database server</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="229"/>
        <source>服务器名称或 IP 地址，如 192.168.1.10</source>
        <translation>Server name or IP address, e.g. 192.168.1.10</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="234"/>
        <source>如 jianxun</source>
        <translation>e.g. jianxun</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="238"/>
        <source>留空：使用系统凭据管理器中保存的密码（如有）</source>
        <translation>Leave empty to use the password saved in the system credential store (if any)</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="239"/>
        <source>记住密码（保存在系统凭据管理器）</source>
        <translation>Remember password (in the system credential store)</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="242"/>
        <source>勾选：输入的密码保存在系统凭据管理器中；不勾选：删除已保存的密码</source>
        <translation>Checked: the password is saved in the system credential store; unchecked: a saved password is deleted</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="244"/>
        <source>测试连接</source>
        <translation>Test Connection</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="253"/>
        <source>服务器</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="254"/>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="255"/>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="256"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="257"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="297"/>
        <source>正在连接 {0}…</source>
        <translation>Connecting to {0}…</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="299"/>
        <source>测试连接时程序内部出错</source>
        <translation>Internal error while testing the connection</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="314"/>
        <source>连接成功：{0}（已有 {1} 份简讯）</source>
        <translation>Connected: {0} ({1} bulletins)</translation>
    </message>
</context>
<context>
    <name>Autosave</name>
    <message>
        <location filename="../editor/gui/autosave.py" line="163"/>
        <source>已自动保存</source>
        <translation>Saved automatically</translation>
    </message>
    <message>
        <location filename="../editor/gui/autosave.py" line="170"/>
        <source>保存失败</source>
        <translation>Save Failed</translation>
    </message>
    <message>
        <location filename="../editor/gui/autosave.py" line="171"/>
        <source>修改没能存入档案：{0}</source>
        <translation>Your changes could not be saved to the archive: {0}</translation>
    </message>
    <message>
        <location filename="../editor/gui/autosave.py" line="203"/>
        <source>· {0}：{1}</source>
        <translation>· {0}: {1}</translation>
    </message>
    <message>
        <location filename="../editor/gui/autosave.py" line="209"/>
        <source>别人</source>
        <translation>someone else</translation>
    </message>
    <message>
        <location filename="../editor/gui/autosave.py" line="211"/>
        <source>别人改过这份简报</source>
        <translation>Changed by Someone Else</translation>
    </message>
    <message>
        <location filename="../editor/gui/autosave.py" line="213"/>
        <source>#{0} 已被 {1} 在 {2} 修改。为了不覆盖对方的修改，你的更改没有存入，已载入对方的版本。

你没能存入的内容：
{3}</source>
        <translation>#{0} was changed by {1} at {2}. So as not to overwrite that change, yours was not saved; their version is now loaded.

What you could not save:
{3}</translation>
    </message>
    <message>
        <location filename="../editor/gui/autosave.py" line="219"/>
        <location filename="../editor/gui/autosave.py" line="284"/>
        <source>用我的修改覆盖</source>
        <translation>Put My Changes Back</translation>
    </message>
    <message>
        <location filename="../editor/gui/autosave.py" line="239"/>
        <source>别人接管了编辑</source>
        <translation>Taken Over by Someone Else</translation>
    </message>
    <message>
        <location filename="../editor/gui/autosave.py" line="241"/>
        <source>{0} 接管了 #{1} 的编辑。你的更改没有存入，已载入最新的版本（只读）。

你没能存入的内容：
{2}</source>
        <translation>{0} took over editing #{1}. Your changes were not saved; the latest version is now shown (read-only).

What you could not save:
{2}</translation>
    </message>
    <message>
        <location filename="../editor/gui/autosave.py" line="245"/>
        <source>接管编辑并用我的修改覆盖</source>
        <translation>Take Over and Put My Changes Back</translation>
    </message>
    <message>
        <location filename="../editor/gui/autosave.py" line="251"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../editor/gui/autosave.py" line="275"/>
        <source>不能覆盖</source>
        <translation>Cannot Put Back</translation>
    </message>
    <message>
        <location filename="../editor/gui/autosave.py" line="276"/>
        <source>这份简报现在是“{0}”，重新打开后才能修改。</source>
        <translation>This bulletin is now “{0}”; reopen it to make changes.</translation>
    </message>
</context>
<context>
    <name>Batch</name>
    <message>
        <location filename="../editor/gui/batch.py" line="44"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../editor/gui/batch.py" line="81"/>
        <source>{0}/{1}&#x3000;{2}</source>
        <translation>{0}/{1}  {2}</translation>
    </message>
</context>
<context>
    <name>BulkWork</name>
    <message>
        <location filename="../editor/gui/bulk_work.py" line="35"/>
        <source>选择要收取的文件夹</source>
        <translation>Choose a Folder to Import</translation>
    </message>
    <message>
        <location filename="../editor/gui/bulk_work.py" line="55"/>
        <source>没有可收取的文件（支持 .txt、.docx、.pdf 和扫描图片）</source>
        <translation>No files to import (supported: .txt, .docx, .pdf and scanned images)</translation>
    </message>
    <message>
        <location filename="../editor/gui/bulk_work.py" line="76"/>
        <source>正在收取</source>
        <translation>Importing</translation>
    </message>
    <message>
        <location filename="../editor/gui/bulk_work.py" line="92"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../editor/gui/bulk_work.py" line="93"/>
        <source>{0} {1} 份</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../editor/gui/bulk_work.py" line="94"/>
        <source>无</source>
        <translation>nothing</translation>
    </message>
    <message>
        <location filename="../editor/gui/bulk_work.py" line="96"/>
        <location filename="../editor/gui/bulk_work.py" line="133"/>
        <source>已取消；</source>
        <translation>Cancelled; </translation>
    </message>
    <message>
        <location filename="../editor/gui/bulk_work.py" line="96"/>
        <source>收取完成：</source>
        <translation>Import finished: </translation>
    </message>
    <message>
        <location filename="../editor/gui/bulk_work.py" line="104"/>
        <source>没有已批准待导出的简报</source>
        <translation>No approved bulletins waiting to be exported</translation>
    </message>
    <message>
        <location filename="../editor/gui/bulk_work.py" line="125"/>
        <source>正在导出</source>
        <translation>Exporting</translation>
    </message>
    <message>
        <location filename="../editor/gui/bulk_work.py" line="134"/>
        <source>已导出 {0} 份到 {1}</source>
        <translation>Exported {0} bulletin(s) to {1}</translation>
    </message>
</context>
<context>
    <name>BulletinForm</name>
    <message>
        <location filename="../editor/gui/form/bulletin_form.py" line="86"/>
        <source>从左侧选择一份简报</source>
        <translation>Select a bulletin on the left</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/bulletin_form.py" line="91"/>
        <source>设为{0}</source>
        <translation>Set as {0}</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/bulletin_form.py" line="94"/>
        <source>把光标所在的段落设为{0}（{1}）</source>
        <translation>Make the paragraph at the cursor {0} ({1})</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/bulletin_form.py" line="184"/>
        <source>这份简报无法解析，没有可编辑的字段</source>
        <translation>This bulletin could not be parsed; there are no fields to edit</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_page.py" line="72"/>
        <source>报头</source>
        <translation>Masthead</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_editing.py" line="120"/>
        <location filename="../editor/gui/form/form_page.py" line="76"/>
        <source>添加栏目</source>
        <translation>Add Column</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_page.py" line="80"/>
        <source>版记</source>
        <translation>Imprint</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_page.py" line="193"/>
        <source>栏目 {0}</source>
        <translation>Column {0}</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_page.py" line="171"/>
        <source>栏目名称</source>
        <translation>Column name</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_editing.py" line="126"/>
        <location filename="../editor/gui/form/form_page.py" line="176"/>
        <source>添加文章</source>
        <translation>Add Article</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_page.py" line="180"/>
        <source>栏目上移</source>
        <translation>Move Column Up</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_page.py" line="184"/>
        <source>栏目下移</source>
        <translation>Move Column Down</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_editing.py" line="131"/>
        <location filename="../editor/gui/form/form_page.py" line="188"/>
        <source>删除栏目</source>
        <translation>Delete Column</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_page.py" line="199"/>
        <source>文章 {0}</source>
        <translation>Article {0}</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_page.py" line="208"/>
        <source>标题下的作者或单位，没有就空着</source>
        <translation>Author or office under the title; leave empty if none</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_page.py" line="209"/>
        <source>正文后括注的来源，如（省地方志办）</source>
        <translation>Source in brackets after the text, e.g. （省地方志办）</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_page.py" line="221"/>
        <source>上移</source>
        <translation>Move Up</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_page.py" line="225"/>
        <source>下移</source>
        <translation>Move Down</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_editing.py" line="137"/>
        <location filename="../editor/gui/form/form_page.py" line="229"/>
        <source>删除文章</source>
        <translation>Delete Article</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_editing.py" line="54"/>
        <source>接着输入的段落为{0}</source>
        <translation>What you type next is {0}</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_editing.py" line="66"/>
        <source>第{0}段设为{1}</source>
        <translation>Paragraph {0} set as {1}</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_editing.py" line="67"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_editing.py" line="84"/>
        <source>先把光标放在正文框里要设置的段落上</source>
        <translation>First put the cursor on the paragraph in the body text box</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_editing.py" line="117"/>
        <source>新栏目</source>
        <translation>New Column</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_editing.py" line="146"/>
        <source>移动栏目</source>
        <translation>Move Column</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_editing.py" line="155"/>
        <source>移动文章</source>
        <translation>Move Article</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_states.py" line="98"/>
        <source>编辑已修改，原文为：</source>
        <translation>Edited; source was: </translation>
    </message>
</context>
<context>
    <name>BulletinHeader</name>
    <message>
        <location filename="../editor/gui/bulletin_header.py" line="28"/>
        <source>接管编辑</source>
        <translation>Take Over Editing</translation>
    </message>
    <message>
        <location filename="../editor/gui/bulletin_header.py" line="30"/>
        <source>由你来编辑这份简讯（对方将不能再保存）</source>
        <translation>Edit this bulletin yourself (the other desk can no longer save it)</translation>
    </message>
    <message>
        <location filename="../editor/gui/bulletin_header.py" line="34"/>
        <source>取消识别</source>
        <translation>Cancel Recognition</translation>
    </message>
    <message>
        <location filename="../editor/gui/bulletin_header.py" line="36"/>
        <source>停止识别这份扫描件（以后可以重新识别）</source>
        <translation>Stop reading this scan (it can be read again later)</translation>
    </message>
    <message>
        <location filename="../editor/gui/bulletin_header.py" line="40"/>
        <source>重新识别</source>
        <translation>Recognise Again</translation>
    </message>
    <message>
        <location filename="../editor/gui/bulletin_header.py" line="40"/>
        <source>再次识别这份扫描件上的文字</source>
        <translation>Read the text of this scan again</translation>
    </message>
    <message>
        <location filename="../editor/gui/bulletin_header.py" line="69"/>
        <source>#{0}&#x3000;{1}&#x3000;{2}</source>
        <translation>#{0}  {1}  {2}</translation>
    </message>
    <message>
        <location filename="../editor/gui/bulletin_header.py" line="75"/>
        <source>等待识别扫描件上的文字</source>
        <translation>waiting for its text to be recognised</translation>
    </message>
    <message>
        <location filename="../editor/gui/bulletin_header.py" line="77"/>
        <source>&#x3000;原因：{0}</source>
        <translation>  Reason: {0}</translation>
    </message>
    <message>
        <location filename="../editor/gui/bulletin_header.py" line="79"/>
        <source>&#x3000;（只读：重新打开后才能修改）</source>
        <translation>  (read-only: reopen it to make changes)</translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <location filename="../editor/gui/form/field_base.py" line="367"/>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>FieldEdit</name>
    <message>
        <location filename="../editor/gui/commands.py" line="39"/>
        <source>修改 {0}</source>
        <translation>Edit {0}</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../editor/gui/history_dialog.py" line="94"/>
        <source>修订历史</source>
        <translation>Revision History</translation>
    </message>
    <message>
        <location filename="../editor/gui/history_dialog.py" line="123"/>
        <source>恢复为原值</source>
        <translation>Restore Old Value</translation>
    </message>
    <message>
        <location filename="../editor/gui/history_dialog.py" line="124"/>
        <source>把这个字段改回这次修改之前的值（记为一次新的修订）</source>
        <translation>Change this field back to its value before this edit (recorded as a new revision)</translation>
    </message>
    <message>
        <location filename="../editor/gui/history_dialog.py" line="133"/>
        <source>（只读：重新打开后才能恢复）</source>
        <translation> (read-only: reopen to restore)</translation>
    </message>
    <message>
        <location filename="../editor/gui/history_dialog.py" line="134"/>
        <source>共 {0} 条修订{1}</source>
        <translation>{0} revision(s){1}</translation>
    </message>
</context>
<context>
    <name>InboxLogButton</name>
    <message>
        <location filename="../editor/gui/inbox_log.py" line="67"/>
        <source>收到的每份文件和收件箱的问题</source>
        <translation>Every file received, and problems with the inbox</translation>
    </message>
    <message>
        <location filename="../editor/gui/inbox_log.py" line="74"/>
        <source>收件问题 {0}</source>
        <translation>Inbox problems: {0}</translation>
    </message>
    <message>
        <location filename="../editor/gui/inbox_log.py" line="77"/>
        <source>收件记录</source>
        <translation>Inbox log</translation>
    </message>
</context>
<context>
    <name>InboxLogDialog</name>
    <message>
        <location filename="../editor/gui/inbox_log_dialog.py" line="29"/>
        <source>收件记录</source>
        <translation>Inbox log</translation>
    </message>
    <message>
        <location filename="../editor/gui/inbox_log_dialog.py" line="32"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../editor/gui/inbox_log_dialog.py" line="32"/>
        <source>情况</source>
        <translation>What happened</translation>
    </message>
    <message>
        <location filename="../editor/gui/inbox_log_dialog.py" line="52"/>
        <source>还没有收到文件</source>
        <translation>No files received yet</translation>
    </message>
    <message>
        <location filename="../editor/gui/inbox_log_dialog.py" line="54"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../editor/gui/main_window.py" line="131"/>
        <source>简讯编审台</source>
        <translation>Bulletin Editorial Desk</translation>
    </message>
    <message>
        <location filename="../editor/gui/main_window.py" line="237"/>
        <location filename="../editor/gui/main_window.py" line="573"/>
        <source>收件箱：{0}</source>
        <translation>Inbox: {0}</translation>
    </message>
    <message>
        <location filename="../editor/gui/main_window.py" line="259"/>
        <source>问题与修正</source>
        <translation>Problems and Fixes</translation>
    </message>
    <message>
        <location filename="../editor/gui/main_window.py" line="370"/>
        <source>正在识别这份扫描件上的文字，识别完成后在这里校对。</source>
        <translation>The text of this scan is being recognised; check it here when recognition is done.</translation>
    </message>
    <message>
        <location filename="../editor/gui/main_window.py" line="465"/>
        <source>没有存疑或不合格的字段</source>
        <translation>No doubtful or invalid fields</translation>
    </message>
    <message>
        <location filename="../editor/gui/main_window.py" line="562"/>
        <source>设置已生效</source>
        <translation>Settings applied</translation>
    </message>
    <message>
        <location filename="../editor/gui/main_window.py" line="564"/>
        <source>；界面语言在重新启动后生效</source>
        <translation>; the interface language changes at the next start</translation>
    </message>
    <message>
        <location filename="../editor/gui/main_window.py" line="575"/>
        <source>收件箱：{0}（由另一台编审台收取）</source>
        <translation>Inbox: {0} (taken in by another desk)</translation>
    </message>
    <message>
        <location filename="../editor/gui/main_window.py" line="609"/>
        <source>无法恢复</source>
        <translation>Cannot Restore</translation>
    </message>
    <message>
        <location filename="../editor/gui/main_window.py" line="610"/>
        <source>字段 {0} 已不存在（文章已移动或删除）</source>
        <translation>Field {0} no longer exists (the article was moved or deleted)</translation>
    </message>
    <message>
        <location filename="../editor/gui/main_window.py" line="656"/>
        <source>修正 {0}：{1}</source>
        <translation>Fix {0}: {1}</translation>
    </message>
    <message>
        <location filename="../editor/gui/main_window.py" line="671"/>
        <source>修正全部：{0}</source>
        <translation>Fix all: {0}</translation>
    </message>
    <message>
        <location filename="../editor/gui/main_window.py" line="720"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../editor/gui/main_window.py" line="725"/>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <location filename="../editor/gui/page_view.py" line="58"/>
        <location filename="../editor/gui/page_view.py" line="162"/>
        <source>不是 PDF 原件</source>
        <translation>Not a PDF original</translation>
    </message>
    <message>
        <location filename="../editor/gui/page_view.py" line="63"/>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../editor/gui/page_view.py" line="67"/>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../editor/gui/page_view.py" line="68"/>
        <source>缩小（Ctrl+-）</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../editor/gui/page_view.py" line="71"/>
        <source>放大（Ctrl++）</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <location filename="../editor/gui/page_view.py" line="73"/>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../editor/gui/page_view.py" line="73"/>
        <source>页宽与窗格同宽</source>
        <translation>The page as wide as the pane</translation>
    </message>
    <message>
        <location filename="../editor/gui/page_view.py" line="76"/>
        <source>适合整页</source>
        <translation>Fit page</translation>
    </message>
    <message>
        <location filename="../editor/gui/page_view.py" line="76"/>
        <source>整页都在窗格里</source>
        <translation>The whole page in the pane</translation>
    </message>
    <message>
        <location filename="../editor/gui/page_view.py" line="162"/>
        <source>无法显示这份 PDF</source>
        <translation>This PDF cannot be shown</translation>
    </message>
    <message>
        <location filename="../editor/gui/page_view.py" line="351"/>
        <source>无法显示第 {0} 页</source>
        <translation>Page {0} cannot be shown</translation>
    </message>
    <message>
        <location filename="../editor/gui/page_view.py" line="388"/>
        <source>第 {0}/{1} 页</source>
        <translation>Page {0}/{1}</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../editor/gui/archive_open.py" line="39"/>
        <source>数据库密码</source>
        <translation>Database Password</translation>
    </message>
    <message>
        <location filename="../editor/gui/archive_open.py" line="41"/>
        <source>打开数据库服务器上的档案 {0}
需要用户“{1}”的密码：</source>
        <translation>Opening the archive on the database server {0}
needs the password of user “{1}”:</translation>
    </message>
    <message>
        <location filename="../editor/gui/archive_open.py" line="53"/>
        <source>记住密码（保存在系统凭据管理器）</source>
        <translation>Remember password (in the system credential store)</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../editor/gui/problems_panel.py" line="36"/>
        <source>修正</source>
        <translation>Fix</translation>
    </message>
    <message>
        <location filename="../editor/gui/problems_panel.py" line="37"/>
        <source>修正全部同类</source>
        <translation>Fix All of This Kind</translation>
    </message>
    <message>
        <location filename="../editor/gui/problems_panel.py" line="57"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../editor/gui/problems_panel.py" line="57"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../editor/gui/problems_panel.py" line="59"/>
        <source>&#x3000;[可修正：{0}]</source>
        <translation>  [fix: {0}]</translation>
    </message>
    <message>
        <location filename="../editor/gui/problems_panel.py" line="61"/>
        <source>{0}&#x3000;{1}：{2}{3}</source>
        <translation>{0}  {1}: {2}{3}</translation>
    </message>
    <message>
        <location filename="../editor/gui/problems_panel.py" line="89"/>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../editor/gui/queue_model.py" line="198"/>
        <source>{0}（{1}）正在编辑</source>
        <translation>{0} ({1}) is editing</translation>
    </message>
    <message>
        <location filename="../editor/gui/queue_model.py" line="199"/>
        <source>另一台电脑</source>
        <translation>another computer</translation>
    </message>
    <message>
        <location filename="../editor/gui/queue_model.py" line="214"/>
        <source>第{0}期</source>
        <translation>No. {0}</translation>
    </message>
    <message>
        <location filename="../editor/gui/queue_model.py" line="218"/>
        <source>（无报头）</source>
        <translation>(no masthead)</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../editor/gui/queue_panel.py" line="51"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../editor/gui/queue_panel.py" line="57"/>
        <source>全文检索标题和正文（Ctrl+F）</source>
        <translation>Search titles and body text (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../editor/gui/queue_panel.py" line="104"/>
        <source>正在打开档案…</source>
        <translation>Opening the archive…</translation>
    </message>
    <message>
        <location filename="../editor/gui/queue_panel.py" line="106"/>
        <source>没有符合条件的简报</source>
        <translation>No bulletin matches</translation>
    </message>
    <message>
        <location filename="../editor/gui/queue_panel.py" line="110"/>
        <source>还没有简报。

把 .txt、.docx、.pdf 文件或扫描件放进收件箱
{0}
几秒后就会出现在这里；也可以把文件拖进窗口，
或用 文件 → 收取文件夹…（Ctrl+O）。</source>
        <translation>No bulletins yet.

Put .txt, .docx or .pdf files or scans into the inbox
{0}
and they appear here within seconds; or drag files onto the window,
or use File → Import Folder… (Ctrl+O).</translation>
    </message>
    <message>
        <location filename="../editor/gui/queue_panel.py" line="121"/>
        <source>正在检索…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../editor/gui/queue_panel.py" line="135"/>
        <source>档案暂时无法读取</source>
        <translation>Archive unavailable for now</translation>
    </message>
    <message>
        <location filename="../editor/gui/queue_panel.py" line="152"/>
        <source>检索没有完成</source>
        <translation>Search not finished</translation>
    </message>
    <message>
        <location filename="../editor/gui/queue_panel.py" line="164"/>
        <source>找到 {0} 份</source>
        <translation>{0} found</translation>
    </message>
    <message>
        <location filename="../editor/gui/queue_panel.py" line="166"/>
        <source>{0} 份</source>
        <translation>{0}</translation>
    </message>
    <message>
        <location filename="../editor/gui/queue_panel.py" line="168"/>
        <source>共 {0} 份</source>
        <translation>{0} in all</translation>
    </message>
</context>
<context>
    <name>QueueSearch</name>
    <message>
        <location filename="../editor/gui/queue_search.py" line="55"/>
        <source>检索没有完成，请再试一次</source>
        <translation>The search did not finish; please try again</translation>
    </message>
</context>
<context>
    <name>RecognitionWork</name>
    <message>
        <location filename="../editor/gui/recognition_work.py" line="121"/>
        <source>这份扫描件由负责收件的编审台识别，只能在那里取消</source>
        <translation>This scan is read by the desk that takes in the inbox; it can only be cancelled there</translation>
    </message>
    <message>
        <location filename="../editor/gui/recognition_work.py" line="124"/>
        <source>正在取消识别 #{0}…</source>
        <translation>Cancelling recognition of #{0}…</translation>
    </message>
    <message>
        <location filename="../editor/gui/recognition_work.py" line="134"/>
        <source>重新识别</source>
        <translation>Recognise Again</translation>
    </message>
    <message>
        <location filename="../editor/gui/recognition_work.py" line="137"/>
        <source>这份简报不是等待重新识别的扫描件</source>
        <translation>This bulletin is not a scan waiting to be recognised again</translation>
    </message>
    <message>
        <location filename="../editor/gui/recognition_work.py" line="149"/>
        <source>正在识别第 {0}/{1} 页</source>
        <translation>recognising page {0}/{1}</translation>
    </message>
    <message>
        <location filename="../editor/gui/recognition_work.py" line="164"/>
        <source>识别完成 #{0} {1}</source>
        <translation>Recognised #{0} {1}</translation>
    </message>
    <message>
        <location filename="../editor/gui/recognition_work.py" line="166"/>
        <source>无法识别 #{0} {1}：{2}</source>
        <translation>Could not recognise #{0} {1}: {2}</translation>
    </message>
    <message>
        <location filename="../editor/gui/recognition_work.py" line="177"/>
        <source>#{0}：{1}</source>
        <translation>#{0}: {1}</translation>
    </message>
</context>
<context>
    <name>SeriesEditor</name>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="81"/>
        <source>简报名称</source>
        <translation>Bulletin name</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="82"/>
        <source>编印单位</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="83"/>
        <source>期号格式</source>
        <translation>Issue number format</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="84"/>
        <source>信息公开选项</source>
        <translation>Disclosure</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="85"/>
        <source>报</source>
        <translation>Report to</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="86"/>
        <source>送</source>
        <translation>Copy to</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="87"/>
        <source>发</source>
        <translation>Distribute to</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="88"/>
        <source>印发机关</source>
        <translation>Printed by</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="89"/>
        <source>印数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="98"/>
        <source>新建系列</source>
        <translation>New Series</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="99"/>
        <source>保存系列</source>
        <translation>Save Series</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="100"/>
        <source>删除系列</source>
        <translation>Delete Series</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="110"/>
        <source>份数，如 50</source>
        <translation>copies, e.g. 50</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="162"/>
        <source>没有保存：请先填写简报名称</source>
        <translation>Not saved: fill in the bulletin&apos;s name first</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="168"/>
        <source>没有保存：印数只能填数字</source>
        <translation>Not saved: copies must be a number</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="184"/>
        <source>已保存系列“{0}”</source>
        <translation>Series “{0}” saved</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="193"/>
        <source>已删除系列“{0}”</source>
        <translation>Series “{0}” deleted</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="341"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="352"/>
        <source>用户名（记入修订记录）</source>
        <translation>User name (recorded in revision history)</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="353"/>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="356"/>
        <source>常规</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="361"/>
        <source>轮询文件夹（网络共享文件夹 SMB/CIFS 请勾选）</source>
        <translation>Poll the folder (check this for SMB/CIFS network shares)</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="365"/>
        <source> 秒</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="367"/>
        <source>收件箱文件夹</source>
        <translation>Inbox folder</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="369"/>
        <source>文件稳定多久后收取</source>
        <translation>Import once a file has been unchanged for</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="370"/>
        <source>收件箱</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="378"/>
        <source>可用：{name} 简报名称，{issue} 期号，{total_issue} 总期号，{date} 日期，{year} 年</source>
        <translation>Available: {name} bulletin name, {issue} issue number, {total_issue} total issue number, {date} date, {year} year</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="381"/>
        <source>导出文件夹</source>
        <translation>Export folder</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="382"/>
        <source>文件名格式</source>
        <translation>File name pattern</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="390"/>
        <source>字体：{0}</source>
        <translation>Font: {0}</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="391"/>
        <source>导出与版式</source>
        <translation>Export and Layout</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="394"/>
        <source>简报系列</source>
        <translation>Bulletin Series</translation>
    </message>
</context>
<context>
    <name>SharedWork</name>
    <message>
        <location filename="../editor/gui/shared_work.py" line="208"/>
        <location filename="../editor/gui/shared_work.py" line="216"/>
        <source>接管编辑</source>
        <translation>Take Over Editing</translation>
    </message>
    <message>
        <location filename="../editor/gui/shared_work.py" line="210"/>
        <source>{0}（{1}）正在编辑 #{2}。

接管后，对方的编审台不能再保存这份简讯；对方已经保存的修改都在，你会看到最新的版本。接管会记入修订历史。</source>
        <translation>{0} ({1}) is editing #{2}.

After you take over, their desk can no longer save this bulletin; everything they saved stays, and you will see the latest version. The take-over is recorded in the history.</translation>
    </message>
    <message>
        <location filename="../editor/gui/shared_work.py" line="212"/>
        <location filename="../editor/gui/shared_work.py" line="236"/>
        <location filename="../editor/gui/shared_work.py" line="244"/>
        <source>另一台电脑</source>
        <translation>another computer</translation>
    </message>
    <message>
        <location filename="../editor/gui/shared_work.py" line="217"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../editor/gui/shared_work.py" line="235"/>
        <source>只读：{0}（{1}）正在编辑这份简讯；要修改，请按“接管编辑”</source>
        <translation>Read-only: {0} ({1}) is editing this bulletin; to change it, press “Take Over Editing”</translation>
    </message>
    <message>
        <location filename="../editor/gui/shared_work.py" line="243"/>
        <source>&#x3000;（只读：{0}（{1}）正在编辑）</source>
        <translation>  (read-only: {0} ({1}) is editing)</translation>
    </message>
</context>
<context>
    <name>SourcePanel</name>
    <message>
        <location filename="../editor/gui/source_panel.py" line="38"/>
        <source>原文</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../editor/gui/source_panel.py" line="39"/>
        <source>原页面（PDF）</source>
        <translation>Page (PDF)</translation>
    </message>
    <message>
        <location filename="../editor/gui/source_panel.py" line="51"/>
        <source>上一处</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../editor/gui/source_panel.py" line="52"/>
        <source>上一处（Shift+F3）</source>
        <translation>Previous (Shift+F3)</translation>
    </message>
    <message>
        <location filename="../editor/gui/source_panel.py" line="55"/>
        <source>下一处</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../editor/gui/source_panel.py" line="56"/>
        <source>下一处（F3；在原文中也可按 Enter）</source>
        <translation>Next (F3; Enter in the source)</translation>
    </message>
    <message>
        <location filename="../editor/gui/source_panel.py" line="170"/>
        <source>原文中没有找到“{0}”</source>
        <translation>“{0}” is not in the source</translation>
    </message>
    <message>
        <location filename="../editor/gui/source_panel.py" line="173"/>
        <source>第 {0}/{1}+ 处</source>
        <translation>Hit {0}/{1}+</translation>
    </message>
    <message>
        <location filename="../editor/gui/source_panel.py" line="177"/>
        <source>第 {0}/{1} 处</source>
        <translation>Hit {0}/{1}</translation>
    </message>
    <message>
        <location filename="../editor/gui/source_panel.py" line="179"/>
        <source>检索：{0}</source>
        <translation>Search: {0}</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../editor/gui/window_actions.py" line="37"/>
        <source>操作</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="42"/>
        <location filename="../editor/gui/window_actions.py" line="47"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="44"/>
        <location filename="../editor/gui/window_actions.py" line="48"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="57"/>
        <source>恢复原文</source>
        <translation>Revert to Parsed</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="60"/>
        <source>把当前字段恢复为解析结果</source>
        <translation>Revert the current field to the parsed value</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="64"/>
        <source>下一处存疑</source>
        <translation>Next Doubtful</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="67"/>
        <source>下一个存疑或不合格字段</source>
        <translation>Next doubtful or invalid field</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="70"/>
        <source>上一处存疑</source>
        <translation>Previous Doubtful</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="73"/>
        <source>上一个存疑或不合格字段</source>
        <translation>Previous doubtful or invalid field</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="77"/>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="77"/>
        <source>批准签发</source>
        <translation>Approve for issue</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="80"/>
        <source>导出 DOCX</source>
        <translation>Export DOCX</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="80"/>
        <source>按公文版式导出</source>
        <translation>Export in official document layout</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="83"/>
        <source>退回</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="86"/>
        <source>退回，不予签发（需说明原因）</source>
        <translation>Reject, not to be issued (a reason is asked for)</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="89"/>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="89"/>
        <source>重新打开以修改</source>
        <translation>Reopen for editing</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="93"/>
        <source>修订历史</source>
        <translation>Revision History</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="93"/>
        <source>查看并恢复修改记录</source>
        <translation>View and restore past edits</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="96"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="96"/>
        <source>收件箱、导出、版式、系列</source>
        <translation>Inbox, export, layout, series</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="99"/>
        <source>检索</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="102"/>
        <source>全文检索标题和正文</source>
        <translation>Search titles and text</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="106"/>
        <source>收取文件夹…</source>
        <translation>Import Folder…</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="109"/>
        <source>把一个文件夹里的简报收进档案</source>
        <translation>Take the bulletins in a folder into the archive</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="113"/>
        <source>导出全部已批准…</source>
        <translation>Export All Approved…</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="116"/>
        <source>把所有已批准的简报导出到导出文件夹</source>
        <translation>Export every approved bulletin to the export folder</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="120"/>
        <source>刷新队列</source>
        <translation>Refresh Queue</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="123"/>
        <source>重新读取档案里的简报</source>
        <translation>Read the bulletins in the archive again</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="127"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="127"/>
        <source>保存并退出</source>
        <translation>Save and quit</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="130"/>
        <source>快捷键</source>
        <translation>Keyboard Shortcuts</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="130"/>
        <source>列出所有快捷键</source>
        <translation>List every shortcut</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="133"/>
        <source>使用说明</source>
        <translation>User guide</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="133"/>
        <source>编审台怎样用</source>
        <translation>How to use the desk</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="136"/>
        <source>关于简讯编审台</source>
        <translation>About the Jianxun desk</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="139"/>
        <source>版本与数据存放位置</source>
        <translation>Version and where the data is kept</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="144"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="151"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="156"/>
        <source>段落类型</source>
        <translation>Paragraph kind</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="160"/>
        <source>简报(&amp;B)</source>
        <translation>&amp;Bulletin</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="171"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../editor/gui/window_actions.py" line="188"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
</context>
<context>
    <name>WorkflowWork</name>
    <message>
        <location filename="../editor/gui/workflow_work.py" line="35"/>
        <source>不能批准</source>
        <translation>Cannot Approve</translation>
    </message>
    <message>
        <location filename="../editor/gui/workflow_work.py" line="36"/>
        <source>还有 {0} 处必须补正：
{1}</source>
        <translation>{0} problem(s) must be corrected first:
{1}</translation>
    </message>
    <message>
        <location filename="../editor/gui/workflow_work.py" line="50"/>
        <location filename="../editor/gui/workflow_work.py" line="54"/>
        <source>退回</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../editor/gui/workflow_work.py" line="52"/>
        <source>退回 #{0}，不予签发。请写明原因（记入修订历史）：</source>
        <translation>Reject #{0}, not to be issued. Give the reason (kept in the history):</translation>
    </message>
    <message>
        <location filename="../editor/gui/workflow_work.py" line="55"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../editor/gui/workflow_work.py" line="65"/>
        <source>没有写原因，未退回</source>
        <translation>No reason given; not rejected</translation>
    </message>
    <message>
        <location filename="../editor/gui/workflow_work.py" line="67"/>
        <source>退回原因：{0}</source>
        <translation>Reason for rejecting: {0}</translation>
    </message>
    <message>
        <location filename="../editor/gui/workflow_work.py" line="90"/>
        <location filename="../editor/gui/workflow_work.py" line="95"/>
        <location filename="../editor/gui/workflow_work.py" line="121"/>
        <source>无法执行</source>
        <translation>Action Failed</translation>
    </message>
    <message>
        <location filename="../editor/gui/workflow_work.py" line="114"/>
        <source>#{0} 已标为 #{1} 的重复件并退回</source>
        <translation>#{0} marked as a duplicate of #{1} and rejected</translation>
    </message>
    <message>
        <location filename="../editor/gui/workflow_work.py" line="117"/>
        <source>#{0} 已标为 #{1} 的新版本</source>
        <translation>#{0} marked as a new version of #{1}</translation>
    </message>
    <message>
        <location filename="../editor/gui/workflow_work.py" line="135"/>
        <source>不能导出</source>
        <translation>Cannot Export</translation>
    </message>
    <message>
        <location filename="../editor/gui/workflow_work.py" line="135"/>
        <source>批准后才能导出正式稿。</source>
        <translation>The final version can only be exported after approval.</translation>
    </message>
    <message>
        <location filename="../editor/gui/workflow_work.py" line="156"/>
        <source>导出失败</source>
        <translation>Export Failed</translation>
    </message>
    <message>
        <location filename="../editor/gui/workflow_work.py" line="165"/>
        <source>提醒：</source>
        <translation>Note: </translation>
    </message>
    <message>
        <location filename="../editor/gui/workflow_work.py" line="167"/>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location filename="../editor/gui/workflow_work.py" line="171"/>
        <source>打开文件</source>
        <translation>Open File</translation>
    </message>
    <message>
        <location filename="../editor/gui/workflow_work.py" line="172"/>
        <source>打开所在文件夹</source>
        <translation>Open Containing Folder</translation>
    </message>
    <message>
        <location filename="../editor/gui/workflow_work.py" line="185"/>
        <source>这台电脑没能打开文件夹：
{0}</source>
        <translation>This computer could not open the folder:
{0}</translation>
    </message>
    <message>
        <location filename="../editor/gui/workflow_work.py" line="188"/>
        <source>这台电脑上没有能打开 .docx 的程序（如 WPS 或 Word）。
文件已写好，可以拷到装有 WPS 或 Word 的电脑上打印：
{0}</source>
        <translation>This computer has no program that opens .docx files (such as WPS or Word).
The file is written; copy it to a computer with WPS or Word to print it:
{0}</translation>
    </message>
    <message>
        <location filename="../editor/gui/workflow_work.py" line="191"/>
        <source>无法打开</source>
        <translation>Cannot open</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../editor/gui/app.py" line="71"/>
        <source>本机档案</source>
        <translation>Local archive</translation>
    </message>
    <message>
        <location filename="../editor/gui/app.py" line="74"/>
        <source>档案</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../editor/gui/app.py" line="75"/>
        <source>档案改为 {0}，重新启动编审台后生效。</source>
        <translation>The archive changes to {0} when the desk is restarted.</translation>
    </message>
    <message>
        <location filename="../editor/gui/app.py" line="161"/>
        <source>简讯编审台</source>
        <translation>Bulletin Editorial Desk</translation>
    </message>
    <message>
        <location filename="../editor/gui/app.py" line="190"/>
        <source>简讯编审台已在运行</source>
        <translation>The desk is already running</translation>
    </message>
    <message>
        <location filename="../editor/gui/app.py" line="191"/>
        <source>另一个编审台窗口正在使用这个数据目录：
{0}
请切换到那个窗口。</source>
        <translation>Another desk window is using this data directory:
{0}
Please switch to that window.</translation>
    </message>
    <message>
        <location filename="../editor/gui/app.py" line="178"/>
        <source>简讯编审台无法启动</source>
        <translation>Bulletin Editorial Desk could not start</translation>
    </message>
</context>
<context>
    <name>archive_open</name>
    <message>
        <location filename="../editor/gui/archive_open.py" line="80"/>
        <source>无法打开数据库服务器上的档案</source>
        <translation>Cannot Open the Archive on the Database Server</translation>
    </message>
    <message>
        <location filename="../editor/gui/archive_open.py" line="81"/>
        <source>{0}

可以重试，或者这一次先使用这台电脑上的档案（本机档案），或者退出。</source>
        <translation>{0}

You can retry, use this computer&apos;s own archive (local archive) this time, or quit.</translation>
    </message>
    <message>
        <location filename="../editor/gui/archive_open.py" line="89"/>
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../editor/gui/archive_open.py" line="92"/>
        <source>使用本机档案</source>
        <translation>Use Local Archive</translation>
    </message>
    <message>
        <location filename="../editor/gui/archive_open.py" line="96"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../editor/gui/archive_open.py" line="134"/>
        <source>密码不对（或这个用户不能登录），请重新输入</source>
        <translation>Wrong password (or this user cannot log in); please enter it again</translation>
    </message>
    <message>
        <location filename="../editor/gui/archive_open.py" line="149"/>
        <source>密码没有保存</source>
        <translation>Password Not Saved</translation>
    </message>
</context>
<context>
    <name>bulletin_form</name>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="18"/>
        <source>报头名称</source>
        <translation>Masthead name</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="19"/>
        <source>期号</source>
        <translation>Issue number</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="20"/>
        <source>总期号</source>
        <translation>Total issue number</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="21"/>
        <source>编印单位</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="22"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="26"/>
        <source>信息公开选项</source>
        <translation>Disclosure</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="27"/>
        <source>报</source>
        <translation>Report to</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="28"/>
        <source>送</source>
        <translation>Copy to</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="29"/>
        <source>发</source>
        <translation>Distribute to</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="30"/>
        <source>印发机关</source>
        <translation>Printed by</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="31"/>
        <source>印发日期</source>
        <translation>Print date</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="32"/>
        <source>印数（份）</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="36"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="37"/>
        <source>作者</source>
        <translation>Byline</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="38"/>
        <source>正文</source>
        <translation>Body</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="39"/>
        <source>文末署名</source>
        <translation>Attribution</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="42"/>
        <source>报头</source>
        <translation>Masthead</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="43"/>
        <source>版记</source>
        <translation>Imprint</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="76"/>
        <location filename="../editor/gui/form/form_words.py" line="87"/>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="80"/>
        <source>栏目{0} · 栏目名称</source>
        <translation>Column {0} · Column name</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="82"/>
        <source>栏目{0} · 文章{1}</source>
        <translation>Column {0} · Article {1}</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="86"/>
        <source>{0} · 正文第{1}段</source>
        <translation>{0} · Paragraph {1}</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="91"/>
        <source>栏目与文章</source>
        <translation>Columns and articles</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="92"/>
        <source>简报</source>
        <translation>Bulletin</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_labels.py" line="54"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_labels.py" line="58"/>
        <source>（原文没有此项）</source>
        <translation>(not in source)</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_labels.py" line="60"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_labels.py" line="75"/>
        <source>〔{0}〕{1}</source>
        <translation>[{0}] {1}</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <location filename="../editor/gui/form/field_base.py" line="53"/>
        <source>按原文解析</source>
        <translation>Parsed from source</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/field_base.py" line="54"/>
        <source>已修改</source>
        <translation>Edited</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/field_base.py" line="55"/>
        <source>存疑</source>
        <translation>Doubtful</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/field_base.py" line="56"/>
        <source>不合格</source>
        <translation>Invalid</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="57"/>
        <source>只读：重新打开后才能修改</source>
        <translation>Read-only: reopen it to make changes</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/field_base.py" line="223"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/field_base.py" line="225"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="49"/>
        <source>正文</source>
        <translation>Body text</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="50"/>
        <source>小标题一级</source>
        <translation>Subheading level 1</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="51"/>
        <source>小标题二级</source>
        <translation>Subheading level 2</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="52"/>
        <source>小标题三级</source>
        <translation>Subheading level 3</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/form_words.py" line="53"/>
        <source>小标题四级</source>
        <translation>Subheading level 4</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/paragraphs.py" line="60"/>
        <source>一级</source>
        <translation>H1</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/paragraphs.py" line="61"/>
        <source>二级</source>
        <translation>H2</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/paragraphs.py" line="62"/>
        <source>三级</source>
        <translation>H3</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/paragraphs.py" line="63"/>
        <source>四级</source>
        <translation>H4</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/paragraphs.py" line="66"/>
        <source>段落之间空一行；Ctrl+1～4 把光标所在段设为一至四级小标题，Ctrl+0 改回正文</source>
        <translation>A blank line between paragraphs; Ctrl+1–4 makes the paragraph at the cursor a level 1–4 subheading, Ctrl+0 body text again</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/paragraphs.py" line="271"/>
        <source>段落类型</source>
        <translation>Paragraph kind</translation>
    </message>
    <message>
        <location filename="../editor/gui/form/fields.py" line="176"/>
        <source>请填数字（“{0}”不是数字）</source>
        <translation>Enter a number (“{0}” is not a number)</translation>
    </message>
</context>
<context>
    <name>help_dialogs</name>
    <message>
        <location filename="../editor/gui/help_dialogs.py" line="64"/>
        <source>操作</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location filename="../editor/gui/help_dialogs.py" line="65"/>
        <location filename="../editor/gui/help_dialogs.py" line="76"/>
        <source>快捷键</source>
        <translation>Keyboard Shortcuts</translation>
    </message>
    <message>
        <location filename="../editor/gui/help_dialogs.py" line="90"/>
        <source>找不到使用说明文件：{0}</source>
        <translation>The user guide is missing: {0}</translation>
    </message>
    <message>
        <location filename="../editor/gui/help_dialogs.py" line="93"/>
        <source>使用说明</source>
        <translation>User guide</translation>
    </message>
    <message>
        <location filename="../editor/gui/help_dialogs.py" line="118"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../editor/gui/help_dialogs.py" line="119"/>
        <source>数据目录</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../editor/gui/help_dialogs.py" line="106"/>
        <location filename="../editor/gui/help_dialogs.py" line="111"/>
        <source>档案数据库</source>
        <translation>Archive database</translation>
    </message>
    <message>
        <location filename="../editor/gui/help_dialogs.py" line="107"/>
        <location filename="../editor/gui/help_dialogs.py" line="113"/>
        <source>原件存放</source>
        <translation>Originals</translation>
    </message>
    <message>
        <location filename="../editor/gui/help_dialogs.py" line="114"/>
        <source>数据库服务器上（与档案一起备份）</source>
        <translation>On the database server (backed up with the archive)</translation>
    </message>
    <message>
        <location filename="../editor/gui/help_dialogs.py" line="121"/>
        <source>收件箱</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <location filename="../editor/gui/help_dialogs.py" line="122"/>
        <source>导出文件夹</source>
        <translation>Export folder</translation>
    </message>
    <message>
        <location filename="../editor/gui/help_dialogs.py" line="124"/>
        <source>运行环境</source>
        <translation>Runtime</translation>
    </message>
    <message>
        <location filename="../editor/gui/help_dialogs.py" line="128"/>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../editor/gui/help_dialogs.py" line="136"/>
        <source>简讯编审台</source>
        <translation>Bulletin Editorial Desk</translation>
    </message>
    <message>
        <location filename="../editor/gui/help_dialogs.py" line="137"/>
        <source>简讯、工作简报的收件、审校与公文版式导出。离线运行。</source>
        <translation>Receiving, reviewing and exporting bulletins in the official layout. Runs offline.</translation>
    </message>
    <message>
        <location filename="../editor/gui/help_dialogs.py" line="147"/>
        <source>关于简讯编审台</source>
        <translation>About the Jianxun desk</translation>
    </message>
</context>
<context>
    <name>history_dialog</name>
    <message>
        <location filename="../editor/gui/history_dialog.py" line="29"/>
        <source>收件</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../editor/gui/history_dialog.py" line="30"/>
        <location filename="../editor/gui/history_dialog.py" line="44"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../editor/gui/history_dialog.py" line="31"/>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../editor/gui/history_dialog.py" line="34"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../editor/gui/history_dialog.py" line="35"/>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../editor/gui/history_dialog.py" line="36"/>
        <source>动作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../editor/gui/history_dialog.py" line="37"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../editor/gui/history_dialog.py" line="38"/>
        <source>原值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <location filename="../editor/gui/history_dialog.py" line="39"/>
        <source>新值</source>
        <translation>New value</translation>
    </message>
    <message>
        <location filename="../editor/gui/history_dialog.py" line="45"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../editor/gui/history_dialog.py" line="61"/>
        <source>〔{0}级小标题〕</source>
        <translation>[Subheading level {0}] </translation>
    </message>
    <message>
        <location filename="../editor/gui/history_dialog.py" line="70"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
</context>
<context>
    <name>inbox_duty</name>
    <message>
        <location filename="../editor/gui/inbox_duty.py" line="142"/>
        <source>这台编审台负责收件</source>
        <translation>This desk takes in the inbox</translation>
    </message>
    <message>
        <location filename="../editor/gui/inbox_duty.py" line="143"/>
        <source>收件由另一台编审台负责（它关闭后这台自动接替）</source>
        <translation>Another desk takes in the inbox (this one takes over when it closes)</translation>
    </message>
</context>
<context>
    <name>queue_model</name>
    <message>
        <location filename="../editor/gui/queue_model.py" line="32"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../editor/gui/queue_model.py" line="33"/>
        <source>简报 / 期号</source>
        <translation>Bulletin / Issue</translation>
    </message>
    <message>
        <location filename="../editor/gui/queue_model.py" line="34"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../editor/gui/queue_model.py" line="35"/>
        <source>首篇标题</source>
        <translation>First article title</translation>
    </message>
    <message>
        <location filename="../editor/gui/queue_model.py" line="36"/>
        <source>警告</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location filename="../editor/gui/queue_model.py" line="37"/>
        <source>来源文件</source>
        <translation>Source file</translation>
    </message>
    <message>
        <location filename="../editor/gui/queue_model.py" line="38"/>
        <source>收到时间</source>
        <translation>Received</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <location filename="../editor/gui/settings.py" line="43"/>
        <source>跟随系统</source>
        <translation>System default</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings.py" line="44"/>
        <source>中文</source>
        <translation>中文 (Chinese)</translation>
    </message>
</context>
<context>
    <name>settings_dialog</name>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="44"/>
        <source>报头名称</source>
        <translation>Masthead name</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="45"/>
        <source>期号</source>
        <translation>Issue number</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="46"/>
        <source>正文</source>
        <translation>Body</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="47"/>
        <source>栏目</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="48"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="49"/>
        <source>署名</source>
        <translation>Attribution</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="50"/>
        <source>版记</source>
        <translation>Imprint</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="51"/>
        <source>页码</source>
        <translation>Page number</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="58"/>
        <source>选择…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../editor/gui/settings_dialog.py" line="62"/>
        <source>选择文件夹</source>
        <translation>Choose Folder</translation>
    </message>
</context>
</TS>
