<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
  <name>AbTestsPage</name>
  <message>
    <source>成交</source>
    <translation>Order placed</translation>
  </message>
  <message>
    <source>解决</source>
    <translation>Resolved</translation>
  </message>
  <message>
    <source>好评</source>
    <translation>Good review</translation>
  </message>
  <message>
    <source>编号</source>
    <translation>No.</translation>
  </message>
  <message>
    <source>测试</source>
    <translation>Test</translation>
  </message>
  <message>
    <source>目标</source>
    <translation>Goal</translation>
  </message>
  <message>
    <source>状态</source>
    <translation>Status</translation>
  </message>
  <message>
    <source>新建测试…</source>
    <translation>New test…</translation>
  </message>
  <message>
    <source>刷新</source>
    <translation>Refresh</translation>
  </message>
  <message>
    <source>含团队数据</source>
    <translation>Include the team</translation>
  </message>
  <message>
    <source>把团队文件夹里其他客服的复制和结果加在一起(先同步)</source>
    <translation>Add the other agents' copies and outcomes from the team folder (sync first)</translation>
  </message>
  <message>
    <source>组</source>
    <translation>Arm</translation>
  </message>
  <message>
    <source>说法</source>
    <translation>Wording</translation>
  </message>
  <message>
    <source>复制</source>
    <translation>Copies</translation>
  </message>
  <message>
    <source>对话</source>
    <translation>Chats</translation>
  </message>
  <message>
    <source>达成</source>
    <translation>Met</translation>
  </message>
  <message>
    <source>达成率(95% 区间)</source>
    <translation>Rate (95% interval)</translation>
  </message>
  <message>
    <source>p 值</source>
    <translation>p-value</translation>
  </message>
  <message>
    <source>结束测试</source>
    <translation>End test</translation>
  </message>
  <message>
    <source>导入订单 CSV…</source>
    <translation>Import orders CSV…</translation>
  </message>
  <message>
    <source>同步到团队文件夹</source>
    <translation>Sync to team folder</translation>
  </message>
  <message>
    <source>推广:</source>
    <translation>Promote:</translation>
  </message>
  <message>
    <source>进行中</source>
    <translation>Running</translation>
  </message>
  <message>
    <source>已结束</source>
    <translation>Ended</translation>
  </message>
  <message>
    <source> · 推广 %1</source>
    <translation> · promoted %1</translation>
  </message>
  <message>
    <source>还没有 A/B 测试:点「新建测试…」,选一个有变体的条目。</source>
    <translation>No A/B tests yet: click “New test…” and pick an entry with a variant.</translation>
  </message>
  <message>
    <source>所有店铺</source>
    <translation>All shops</translation>
  </message>
  <message>
    <source>所有客户</source>
    <translation>All customers</translation>
  </message>
  <message>
    <source>#%1 %2 · 目标:%3 · %4 · %5</source>
    <translation>#%1 %2 · goal: %3 · %4 · %5</translation>
  </message>
  <message>
    <source>每组还需约 %1 个标记过结果的对话才能下结论</source>
    <translation>About %1 more chats with an outcome per arm before a conclusion</translation>
  </message>
  <message>
    <source>样本已经够了</source>
    <translation>The sample is large enough</translation>
  </message>
  <message>
    <source>不推广</source>
    <translation>Promote nothing</translation>
  </message>
  <message>
    <source>(领先)</source>
    <translation> (leading)</translation>
  </message>
  <message>
    <source>客服:</source>
    <translation>Agents: </translation>
  </message>
  <message>
    <source>选择要测试的条目</source>
    <translation>Choose the entry to test</translation>
  </message>
  <message>
    <source>结束测试「%1」,并把 %2 组的说法设为正式回复?</source>
    <translation>End the test “%1” and make arm %2's wording the reply?</translation>
  </message>
  <message>
    <source>结束测试「%1」,不推广任何说法?</source>
    <translation>End the test “%1” without promoting any wording?</translation>
  </message>
  <message>
    <source>无法结束测试</source>
    <translation>Cannot end the test</translation>
  </message>
  <message>
    <source>导入订单 CSV</source>
    <translation>Import orders CSV</translation>
  </message>
  <message>
    <source>CSV 文件 (*.csv);;所有文件 (*)</source>
    <translation>CSV files (*.csv);;All files (*)</translation>
  </message>
  <message>
    <source>订单文件没有导入</source>
    <translation>The orders file was not imported</translation>
  </message>
  <message>
    <source>读了 %1 行,对上 %2 位客户。</source>
    <translation>%1 rows read, %2 customers matched.</translation>
  </message>
  <message>
    <source>还没有设置团队文件夹(设置 → 团队文件夹)。</source>
    <translation>No team folder is set yet (Settings → Team folder).</translation>
  </message>
  <message>
    <source>加入主管在团队文件夹里发布的测试,并写出自己的复制和结果</source>
    <translation>Join the tests the supervisor shares in the team folder, and write your own copies and outcomes</translation>
  </message>
  <message>
    <source>已同步:新加入 %1 个团队测试,%2 个已在别处结束。</source>
    <translation>Synced: %1 team tests joined, %2 ended elsewhere.</translation>
  </message>
  <message>
    <source>开始 A/B 测试需要主管模式。</source>
    <translation>Starting an A/B test needs supervisor mode.</translation>
  </message>
  <message>
    <source>结束测试(和推广说法)需要主管模式。</source>
    <translation>Ending a test (and promoting a wording) needs supervisor mode.</translation>
  </message>
  <message>
    <source>差异已经显著;按 80% 检验把握度的样本量,每组还差约 %1 个标记过结果的对话</source>
    <translation>The difference is already significant; for 80% power each arm still lacks about %1 chats with an outcome</translation>
  </message>
</context>
<context>
  <name>CoachingPage</name>
  <message>
    <source>测试与培训</source>
    <translation>Tests &amp;&amp; training</translation>
  </message>
  <message>
    <source>A/B 测试</source>
    <translation>A/B tests</translation>
  </message>
  <message>
    <source>闪卡</source>
    <translation>Flash cards</translation>
  </message>
  <message>
    <source>考核</source>
    <translation>Quiz</translation>
  </message>
  <message>
    <source>情景演练</source>
    <translation>Drills</translation>
  </message>
  <message>
    <source>考核成绩</source>
    <translation>Quiz results</translation>
  </message>
  <message>
    <source>流程走查</source>
    <translation>SOP walk-through</translation>
  </message>
</context>
<context>
  <name>DrillPage</name>
  <message>
    <source>开始演练</source>
    <translation>Start drill</translation>
  </message>
  <message>
    <source>或直接输入你的回复</source>
    <translation>Or type your reply</translation>
  </message>
  <message>
    <source>回复</source>
    <translation>Reply</translation>
  </message>
  <message>
    <source>情景</source>
    <translation>Scenario</translation>
  </message>
  <message>
    <source>客户</source>
    <translation>Customer</translation>
  </message>
  <message>
    <source>✓ 接近标准回复</source>
    <translation>✓ Close to the expected reply</translation>
  </message>
  <message>
    <source>✗ 和标准回复差得较多</source>
    <translation>✗ Far from the expected reply</translation>
  </message>
  <message>
    <source>你</source>
    <translation>You</translation>
  </message>
  <message>
    <source>标准回复</source>
    <translation>Expected reply</translation>
  </message>
  <message>
    <source>演练结束:%1 / %2 轮接近标准回复。</source>
    <translation>Drill over: %1 of %2 turns close to the expected reply.</translation>
  </message>
  <message>
    <source>好的范例</source>
    <translation>Good example</translation>
  </message>
</context>
<context>
  <name>EntrySearch</name>
  <message>
    <source>像接待时一样搜索:关键字 / 拼音首字母 / /快捷编码,回车作答</source>
    <translation>Search as when serving: keywords / pinyin initials / /code, Enter to answer</translation>
  </message>
</context>
<context>
  <name>FlashCardsPage</name>
  <message>
    <source>所有店铺</source>
    <translation>All shops</translation>
  </message>
  <message>
    <source>打乱顺序</source>
    <translation>Shuffle</translation>
  </message>
  <message>
    <source>翻面(空格)</source>
    <translation>Turn (Space)</translation>
  </message>
  <message>
    <source>← 上一张</source>
    <translation>← Previous</translation>
  </message>
  <message>
    <source>下一张 →</source>
    <translation>Next →</translation>
  </message>
  <message>
    <source>店铺</source>
    <translation>Shop</translation>
  </message>
  <message>
    <source>分类</source>
    <translation>Category</translation>
  </message>
  <message>
    <source>所有分类</source>
    <translation>All categories</translation>
  </message>
  <message>
    <source>这里没有卡片:换一个店铺或分类。</source>
    <translation>No cards here: choose another shop or category.</translation>
  </message>
  <message>
    <source>想一想怎么回复,再翻面。</source>
    <translation>Think of the reply, then turn the card.</translation>
  </message>
  <message>
    <source>回复</source>
    <translation>Reply</translation>
  </message>
  <message>
    <source>话术要点</source>
    <translation>Guidance</translation>
  </message>
  <message>
    <source>依据</source>
    <translation>Basis</translation>
  </message>
</context>
<context>
  <name>OutcomeBar</name>
  <message>
    <source>不标记</source>
    <translation>Don't mark</translation>
  </message>
  <message>
    <source>这位客户</source>
    <translation>this customer</translation>
  </message>
  <message>
    <source>A/B 测试「%1」:%2 %3 了吗?</source>
    <translation>A/B test “%1”: %2 — %3?</translation>
  </message>
  <message>
    <source>✓ %1(F8)</source>
    <translation>✓ %1 (F8)</translation>
  </message>
  <message>
    <source>✗ 没有(Shift+F8)</source>
    <translation>✗ No (Shift+F8)</translation>
  </message>
</context>
<context>
  <name>QuizPage</name>
  <message>
    <source>不限时</source>
    <translation>No limit</translation>
  </message>
  <message>
    <source> 秒</source>
    <translation> s</translation>
  </message>
  <message>
    <source>搜索作答(真实方式)</source>
    <translation>Search (the real way)</translation>
  </message>
  <message>
    <source>四选一</source>
    <translation>Pick one of four</translation>
  </message>
  <message>
    <source>保存设置</source>
    <translation>Save settings</translation>
  </message>
  <message>
    <source>考核设置(主管)</source>
    <translation>Quiz settings (supervisor)</translation>
  </message>
  <message>
    <source>题数</source>
    <translation>Questions</translation>
  </message>
  <message>
    <source>及格线</source>
    <translation>Pass mark</translation>
  </message>
  <message>
    <source>每题限时</source>
    <translation>Time per question</translation>
  </message>
  <message>
    <source>方式</source>
    <translation>Mode</translation>
  </message>
  <message>
    <source>所有店铺</source>
    <translation>All shops</translation>
  </message>
  <message>
    <source>开始考核</source>
    <translation>Start quiz</translation>
  </message>
  <message>
    <source>重做错题</source>
    <translation>Retry misses</translation>
  </message>
  <message>
    <source>店铺</source>
    <translation>Shop</translation>
  </message>
  <message>
    <source>作答(回车)</source>
    <translation>Answer (Enter)</translation>
  </message>
  <message>
    <source>不会,跳过</source>
    <translation>Don't know, skip</translation>
  </message>
  <message>
    <source>客户说:</source>
    <translation>The customer says:</translation>
  </message>
  <message>
    <source>客户说</source>
    <translation>Customer says</translation>
  </message>
  <message>
    <source>正确答案</source>
    <translation>Right answer</translation>
  </message>
  <message>
    <source>你的答案</source>
    <translation>Your answer</translation>
  </message>
  <message>
    <source>用时</source>
    <translation>Time</translation>
  </message>
  <message>
    <source>考核通过再上岗:系统给出客户的一句话,请像接待时一样在搜索框里找到正确的回复,按回车作答。每题限时,超时算错;结束后显示得分、每题用时和错题的正确答案,可以重做错题。</source>
    <translation>Pass the quiz before going live: you see a customer's message; find the right reply in the search box as when serving and press Enter. Each question has a time limit (too late counts as a miss); at the end you see the score, the time per question and the right answers to the misses, and can retry the misses.</translation>
  </message>
  <message>
    <source>考核设置没有保存</source>
    <translation>The quiz settings were not saved</translation>
  </message>
  <message>
    <source>考核设置已保存。</source>
    <translation>Quiz settings saved.</translation>
  </message>
  <message>
    <source>第 %1 / %2 题</source>
    <translation>Question %1 / %2</translation>
  </message>
  <message>
    <source>用时 %1 秒</source>
    <translation>%1 s so far</translation>
  </message>
  <message>
    <source>剩 %1 秒</source>
    <translation>%1 s left</translation>
  </message>
  <message>
    <source>先搜到一条回复再作答(或点「不会,跳过」)。</source>
    <translation>Find a reply first (or click “Don't know, skip”).</translation>
  </message>
  <message>
    <source>✓ 答对了(%1 秒)</source>
    <translation>✓ Right (%1 s)</translation>
  </message>
  <message>
    <source>超时</source>
    <translation>Too late</translation>
  </message>
  <message>
    <source>答错了</source>
    <translation>Wrong</translation>
  </message>
  <message>
    <source>✗ %1。正确答案:%2</source>
    <translation>✗ %1. Right answer: %2</translation>
  </message>
  <message>
    <source>通过</source>
    <translation>passed</translation>
  </message>
  <message>
    <source>未通过</source>
    <translation>not passed</translation>
  </message>
  <message>
    <source>得分 %1 分(%2 / %3),及格线 %4 分:%5。总用时 %6 秒。</source>
    <translation>Score %1 (%2 / %3), pass mark %4: %5. Total time %6 s.</translation>
  </message>
  <message>
    <source>(未作答)</source>
    <translation>(no answer)</translation>
  </message>
  <message>
    <source>(超时)</source>
    <translation> (too late)</translation>
  </message>
  <message>
    <source>聊天记录题(%1 条)</source>
    <translation>Questions from chat records (%1)</translation>
  </message>
  <message>
    <source>用导入聊天记录时留下的真实顾客消息出题:只留客服用话术库回复答过的消息,答案就是那条回复(csdesk chats import 文件 --quiz)。</source>
    <translation>Ask real customer messages kept when chat records were imported: only messages an agent answered with a library reply are kept, and that reply is the right answer (csdesk chats import FILE --quiz).</translation>
  </message>
  <message>
    <source>考核设置(题数、及格线、限时)由主管修改,需要主管模式。</source>
    <translation>The quiz settings (question count, pass mark, time limit) are the supervisor's: supervisor mode is needed.</translation>
  </message>
  <message>
    <source>考核设置没有改动。</source>
    <translation>The quiz settings were not changed.</translation>
  </message>
  <message>
    <source>考核设置的改动没有保存,按已保存的设置出题。</source>
    <translation>The changes to the quiz settings are not saved; the quiz uses the saved settings.</translation>
  </message>
  <message>
    <source>你的名字(考核成绩按名字保存,主管按名字查看):</source>
    <translation>Your name (quiz results are kept by name; the supervisor looks them up by name):</translation>
  </message>
  <message>
    <source>先填上你的名字再开始考核。</source>
    <translation>Enter your name before starting the quiz.</translation>
  </message>
</context>
<context>
  <name>ResultsPage</name>
  <message>
    <source>刷新</source>
    <translation>Refresh</translation>
  </message>
  <message>
    <source>客服</source>
    <translation>Agent</translation>
  </message>
  <message>
    <source>时间</source>
    <translation>Time</translation>
  </message>
  <message>
    <source>得分</source>
    <translation>Score</translation>
  </message>
  <message>
    <source>结果</source>
    <translation>Result</translation>
  </message>
  <message>
    <source>用时</source>
    <translation>Time taken</translation>
  </message>
  <message>
    <source>错题</source>
    <translation>Misses</translation>
  </message>
  <message>
    <source>所有客服</source>
    <translation>All agents</translation>
  </message>
  <message>
    <source>通过</source>
    <translation>passed</translation>
  </message>
  <message>
    <source>未通过</source>
    <translation>not passed</translation>
  </message>
  <message>
    <source>含团队数据</source>
    <translation>Include team data</translation>
  </message>
  <message>
    <source>加上团队文件夹里其他客服的成绩(客服在「A/B 测试」里点「同步到团队文件夹」时写入)</source>
    <translation>Add the other agents' results from the team folder (written when an agent clicks “Sync with the team folder” on the A/B tests page)</translation>
  </message>
</context>
<context>
  <name>StartTestDialog</name>
  <message>
    <source>开始 A/B 测试</source>
    <translation>Start an A/B test</translation>
  </message>
  <message>
    <source>原文:%1</source>
    <translation>Own reply: %1</translation>
  </message>
  <message>
    <source>变体</source>
    <translation>Variant</translation>
  </message>
  <message>
    <source>都不勾 = 所有店铺</source>
    <translation>None ticked = every shop</translation>
  </message>
  <message>
    <source>所有客户</source>
    <translation>All customers</translation>
  </message>
  <message>
    <source>平均分,或写 70/30</source>
    <translation>Even, or e.g. 70/30</translation>
  </message>
  <message>
    <source>到这天结束</source>
    <translation>End on</translation>
  </message>
  <message>
    <source>不限</source>
    <translation>No limit</translation>
  </message>
  <message>
    <source> 个对话</source>
    <translation> chats</translation>
  </message>
  <message>
    <source>名称</source>
    <translation>Name</translation>
  </message>
  <message>
    <source>参与的说法</source>
    <translation>Wordings</translation>
  </message>
  <message>
    <source>店铺</source>
    <translation>Shops</translation>
  </message>
  <message>
    <source>客户</source>
    <translation>Customers</translation>
  </message>
  <message>
    <source>分流</source>
    <translation>Split</translation>
  </message>
  <message>
    <source>目标</source>
    <translation>Goal</translation>
  </message>
  <message>
    <source>结束</source>
    <translation>End</translation>
  </message>
  <message>
    <source>或达到</source>
    <translation>Or after</translation>
  </message>
  <message>
    <source>条目:%1</source>
    <translation>Entry: %1</translation>
  </message>
  <message>
    <source>开始测试</source>
    <translation>Start test</translation>
  </message>
  <message>
    <source>无法开始测试</source>
    <translation>Cannot start the test</translation>
  </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>A/B 测试胜出</source>
        <translation>A/B test winner</translation>
    </message>
</context>
<context>
  <name>SopWalkPage</name>
  <message>
    <source>所有店铺</source>
    <translation>All shops</translation>
  </message>
  <message>
    <source>← 上一步</source>
    <translation>← Previous step</translation>
  </message>
  <message>
    <source>店铺</source>
    <translation>Shop</translation>
  </message>
  <message>
    <source>↑/↓ 选流程,→ 或回车下一步,← 上一步;走到最后一步按回车算走完。</source>
    <translation>↑/↓ pick an SOP, → or Enter next step, ← previous step; Enter on the last step marks the SOP walked.</translation>
  </message>
  <message>
    <source>已走完 %1 / %2 个流程</source>
    <translation>%1 of %2 SOPs walked</translation>
  </message>
  <message>
    <source>✓ 已走完「%1」。</source>
    <translation>✓ Walked “%1”.</translation>
  </message>
  <message>
    <source>这里没有流程:换一个店铺,或请主管在「管理 → 流程 SOP」里添加。</source>
    <translation>No SOP here: pick another shop, or ask the supervisor to add one under 管理 → SOPs.</translation>
  </message>
  <message>
    <source>下一步 →</source>
    <translation>Next step →</translation>
  </message>
  <message>
    <source>全部走完</source>
    <translation>All walked</translation>
  </message>
  <message>
    <source>已走完「%1」,这个店铺的流程都走过了。</source>
    <translation>Walked “%1”: every SOP of this shop has been walked.</translation>
  </message>
  <message>
    <source>再走一遍 →</source>
    <translation>Walk it again →</translation>
  </message>
  <message>
    <source>第 %1 / %2 步</source>
    <translation>Step %1 of %2</translation>
  </message>
  <message>
    <source>走完 ✓(回车)</source>
    <translation>Done ✓ (Enter)</translation>
  </message>
  <message>
    <source>下一步 →(回车)</source>
    <translation>Next step → (Enter)</translation>
  </message>
  <message>
    <source>话术</source>
    <translation>Script</translation>
  </message>
  <message>
    <source>话术要点</source>
    <translation>Guidance</translation>
  </message>
  <message>
    <source>依据</source>
    <translation>Basis</translation>
  </message>
  <message>
    <source>流程</source>
    <translation>SOP</translation>
  </message>
  <message>
    <source>相关</source>
    <translation>Related</translation>
  </message>
  <message>
    <source>这一步没有固定话术,按说明处理。</source>
    <translation>This step has no fixed script: follow the instruction.</translation>
  </message>
</context>
</TS>
