<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Open image…</source>
        <translation>打开图像(&amp;O)…</translation>
    </message>
    <message>
        <source>Read a digit from an image file</source>
        <translation>从图像文件读取数字</translation>
    </message>
    <message>
        <source>&amp;Save drawing…</source>
        <translation>保存绘图(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the drawing as PNG</source>
        <translation>将绘图保存为 PNG</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit desk-app</source>
        <translation>退出 desk-app</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Undo the last stroke or correction</source>
        <translation>撤销上一笔或上一次更正</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Redo what was undone</source>
        <translation>重做已撤销的操作</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <source>Clear the canvas</source>
        <translation>清空画布</translation>
    </message>
    <message>
        <source>&amp;Delete digit</source>
        <translation>删除数字(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the chosen digit of a number (the whole drawing when it is one)</source>
        <translation>删除多位数中选中的那一位（只有一位时删除整个绘图）</translation>
    </message>
    <message>
        <source>&amp;Eraser</source>
        <translation>橡皮擦(&amp;E)</translation>
    </message>
    <message>
        <source>Erase whole strokes by dragging over them</source>
        <translation>拖过笔画即可擦除整笔</translation>
    </message>
    <message>
        <source>&amp;Copy answer</source>
        <translation>复制答案(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the answer as text</source>
        <translation>将答案复制为文本</translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation>粘贴图像(&amp;P)</translation>
    </message>
    <message>
        <source>Read a digit from an image on the clipboard</source>
        <translation>读取剪贴板中图像上的数字</translation>
    </message>
    <message>
        <source>It is a &amp;{digit}</source>
        <translation>这是 &amp;{digit}</translation>
    </message>
    <message>
        <source>Keep the drawing as a sample of {digit}</source>
        <translation>把这幅绘图保存为 {digit} 的样本</translation>
    </message>
    <message>
        <source>T&amp;ape</source>
        <translation>纸带(&amp;A)</translation>
    </message>
    <message>
        <source>Collect answers on a tape: after a pause each goes onto it and the canvas clears</source>
        <translation>把答案收集到纸带上：停笔片刻后答案写入纸带，画布随即清空</translation>
    </message>
    <message>
        <source>&amp;Thinner pen</source>
        <translation>笔画变细(&amp;T)</translation>
    </message>
    <message>
        <source>Thinner pen for new strokes</source>
        <translation>新笔画用更细的笔</translation>
    </message>
    <message>
        <source>T&amp;hicker pen</source>
        <translation>笔画变粗(&amp;H)</translation>
    </message>
    <message>
        <source>Thicker pen for new strokes</source>
        <translation>新笔画用更粗的笔</translation>
    </message>
    <message>
        <source>&amp;My samples…</source>
        <translation>我的样本(&amp;M)…</translation>
    </message>
    <message>
        <source>Your corrected drawings: view, relabel, delete, export, import</source>
        <translation>你更正过的绘图：查看、改标签、删除、导出、导入</translation>
    </message>
    <message>
        <source>&amp;Retrain with my samples</source>
        <translation>用我的样本重新训练(&amp;R)</translation>
    </message>
    <message>
        <source>Adapt the model to your samples (a minute or two)</source>
        <translation>让模型适应你的样本（需要一两分钟）</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>List every shortcut</source>
        <translation>列出所有快捷键</translation>
    </message>
    <message>
        <source>&amp;About desk-app</source>
        <translation>关于 desk-app(&amp;A)</translation>
    </message>
    <message>
        <source>About desk-app and its model</source>
        <translation>关于 desk-app 及其模型</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>Restore the &amp;bundled model</source>
        <translation>恢复自带模型(&amp;B)</translation>
    </message>
    <message>
        <source>Read with the model that came with desk-app (your retrained one is kept)</source>
        <translation>使用 desk-app 自带的模型识别（你重新训练的模型会保留）</translation>
    </message>
    <message>
        <source>&amp;Use my retrained model</source>
        <translation>使用我重新训练的模型(&amp;U)</translation>
    </message>
    <message>
        <source>Read with the model you retrained again</source>
        <translation>重新使用你训练过的模型识别</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;This is what I meant</source>
        <translation>我写的其实是(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>T&amp;heme</source>
        <translation>主题(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source> Pen </source>
        <translation> 笔宽 </translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Pen width for new strokes ([ thinner, ] thicker)</source>
        <translation>新笔画的笔宽（[ 变细，] 变粗）</translation>
    </message>
    <message>
        <source>This is what I meant: keep the drawing as a sample of that digit</source>
        <translation>我写的其实是：把绘图保存为该数字的样本</translation>
    </message>
</context>
<context>
    <name>Canvas</name>
    <message>
        <source>Draw a digit here, or a whole number.
Wrong answer? Type the right digit to teach it your handwriting.</source>
        <translation>在这里写一个数字，或一个多位数。
答错了？输入正确的数字，教它认识你的笔迹。</translation>
    </message>
    <message>
        <source>Draw a digit with the mouse, a pen or a finger</source>
        <translation>用鼠标、手写笔或手指写一个数字</translation>
    </message>
    <message>
        <source>Erase: drag over the strokes to remove (E draws again)</source>
        <translation>擦除：拖过要删除的笔画（按 E 恢复书写）</translation>
    </message>
</context>
<context>
    <name>Corrections</name>
    <message>
        <source>Could not keep the sample: {why}</source>
        <translation>无法保存样本：{why}</translation>
    </message>
    <message>
        <source>Could not remove the sample: {why}</source>
        <translation>无法删除样本：{why}</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>The clipboard image is empty.</source>
        <translation>剪贴板中的图像是空的。</translation>
    </message>
    <message>
        <source>Reading the pasted image. Draw to replace it, Ctrl+Z to undo.</source>
        <translation>正在识别粘贴的图像。书写即可替换它，Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Reading {name}. Draw to replace it, Ctrl+Z to undo.</source>
        <translation>正在识别 {name}。书写即可替换它，Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Images {patterns};;All files (*)</source>
        <translation>图像 {patterns};;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open an image of a digit</source>
        <translation>打开一张数字图像</translation>
    </message>
    <message>
        <source>The clipboard holds no image.</source>
        <translation>剪贴板中没有图像。</translation>
    </message>
    <message>
        <source>Nothing to save: the canvas is empty.</source>
        <translation>没有可保存的内容：画布是空的。</translation>
    </message>
    <message>
        <source>Could not save {name}: {why}.</source>
        <translation>无法保存 {name}：{why}。</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Save the drawing</source>
        <translation>保存绘图</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Draw a digit, or a whole number. Esc clears, Ctrl+Z undoes, F1 tells more.</source>
        <translation>写一个数字或一个多位数。Esc 清除，Ctrl+Z 撤销，F1 了解更多。</translation>
    </message>
    <message>
        <source>Pen {width} px for new strokes.</source>
        <translation>新笔画笔宽 {width} 像素。</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Cleared. Ctrl+Z brings it back.</source>
        <translation>已清除。Ctrl+Z 可恢复。</translation>
    </message>
    <message>
        <source>Deleted digit {n}. Ctrl+Z brings it back.</source>
        <translation>已删除第 {n} 位数字。Ctrl+Z 可恢复。</translation>
    </message>
    <message>
        <source>Eraser: drag over the strokes to remove. E draws again.</source>
        <translation>橡皮擦：拖过要删除的笔画。按 E 恢复书写。</translation>
    </message>
    <message>
        <source>Drawing again.</source>
        <translation>恢复书写。</translation>
    </message>
    <message>
        <source>Tape: each answer goes onto it {seconds} s after your last stroke. Ctrl+T ends it.</source>
        <translation>纸带：最后一笔之后 {seconds} 秒，答案写入纸带。Ctrl+T 关闭纸带。</translation>
    </message>
    <message>
        <source>Not put on the tape: {why}. Esc clears.</source>
        <translation>未写入纸带：{why}。Esc 清除。</translation>
    </message>
    <message>
        <source>On the tape: {number}. Ctrl+Z brings the drawing back.</source>
        <translation>已写入纸带：{number}。Ctrl+Z 可找回绘图。</translation>
    </message>
    <message>
        <source>No answer to copy yet.</source>
        <translation>还没有可复制的答案。</translation>
    </message>
    <message>
        <source>Copied {answer}.</source>
        <translation>已复制 {answer}。</translation>
    </message>
    <message>
        <source>Your retrained model is unusable ({why}); using the bundled one.</source>
        <translation>你重新训练的模型无法使用（{why}）；改用自带模型。</translation>
    </message>
    <message>
        <source>No model: {why}</source>
        <translation>没有模型：{why}</translation>
    </message>
    <message>
        <source>No model loaded. {why}</source>
        <translation>未加载模型。{why}</translation>
    </message>
    <message>
        <source>No model loaded: {why}</source>
        <translation>未加载模型：{why}</translation>
    </message>
    <message>
        <source>Now reading with the bundled model. Ctrl+Z, or Model &gt; Use my retrained model, brings yours back.</source>
        <translation>现在使用自带模型识别。Ctrl+Z 或“模型 &gt; 使用我重新训练的模型”可换回你的模型。</translation>
    </message>
    <message>
        <source>Reading with your retrained model again.</source>
        <translation>重新使用你训练过的模型识别。</translation>
    </message>
    <message>
        <source>Could not switch models: {why}.</source>
        <translation>无法切换模型：{why}。</translation>
    </message>
    <message>
        <source>Draw a digit first, then type what it is.</source>
        <translation>请先写一个数字，再输入它是几。</translation>
    </message>
    <message numerus="yes">
        <source>Saved digit {i} of {n} as {digit} (your %n sample(s)). Ctrl+Z takes it back.</source>
        <translation>
            <numerusform>已将 {n} 位中的第 {i} 位保存为 {digit}（你共有 %n 个样本）。Ctrl+Z 可撤回。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept digit {i} of {n} as a {digit}: your %n sample(s). Retrain with them: Ctrl+R.</source>
        <translation>
            <numerusform>已将 {n} 位中的第 {i} 位保存为 {digit}：你共有 %n 个样本。用它们重新训练：Ctrl+R。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved as {digit} (your %n sample(s)). Ctrl+Z takes it back.</source>
        <translation>
            <numerusform>已保存为 {digit}（你共有 %n 个样本）。Ctrl+Z 可撤回。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept the drawing as a {digit}: your %n sample(s). Retrain with them: Ctrl+R.</source>
        <translation>
            <numerusform>已将绘图保存为 {digit}：你共有 %n 个样本。用它们重新训练：Ctrl+R。</numerusform>
        </translation>
    </message>
    <message>
        <source>Sample removed.</source>
        <translation>样本已删除。</translation>
    </message>
    <message numerus="yes">
        <source>Sample removed: your %n sample(s) remain.</source>
        <translation>
            <numerusform>样本已删除：你还有 %n 个样本。</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;h3&gt;desk-app {version}&lt;/h3&gt;&lt;p&gt;A drawing pad that reads handwritten digits live, with a convolutional network trained on MNIST. It says so when a drawing is not a digit.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Model in use:&lt;/b&gt; {model}.&lt;/p&gt;&lt;p&gt;Released under the MIT license.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Data:&lt;/b&gt; the network learned from MNIST (Y. LeCun, C. Cortes and C. J. C. Burges). Its pen-drawn letters and the digits it is measured on come from UNIPEN (International Unipen Foundation, 1999; Zenodo, doi:10.5281/zenodo.1195803), used under CC BY 4.0: I. Guyon, L. Schomaker, R. Plamondon, M. Liberman and S. Janet, &quot;UNIPEN project of on-line data exchange and recognizer benchmarks&quot;, ICPR 1994.&lt;/p&gt;&lt;p&gt;Keyboard shortcuts: Help &amp;gt; Keyboard shortcuts (Ctrl+/).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;desk-app {version}&lt;/h3&gt;&lt;p&gt;一个实时识别手写数字的画板，使用在 MNIST 上训练的卷积神经网络。写的不是数字时，它会如实说明。&lt;/p&gt;&lt;p&gt;&lt;b&gt;当前模型：&lt;/b&gt;{model}。&lt;/p&gt;&lt;p&gt;以 MIT 许可证发布。&lt;/p&gt;&lt;p&gt;&lt;b&gt;数据：&lt;/b&gt;网络从 MNIST（Y. LeCun、C. Cortes 和 C. J. C. Burges）学习。用于训练的手写字母和用于测量的手写数字来自 UNIPEN（International Unipen Foundation, 1999；Zenodo, doi:10.5281/zenodo.1195803），依 CC BY 4.0 使用：I. Guyon, L. Schomaker, R. Plamondon, M. Liberman and S. Janet, &quot;UNIPEN project of on-line data exchange and recognizer benchmarks&quot;, ICPR 1994。&lt;/p&gt;&lt;p&gt;键盘快捷键：帮助 &amp;gt; 键盘快捷键（Ctrl+/）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About desk-app</source>
        <translation>关于 desk-app</translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <source>The digit the network reads</source>
        <translation>网络读出的数字</translation>
    </message>
    <message>
        <source>What the network saw: your drawing in MNIST&apos;s 28x28 format</source>
        <translation>网络看到的图像：你的绘图转换成 MNIST 的 28x28 格式</translation>
    </message>
    <message>
        <source>what it read</source>
        <translation>它看到的</translation>
    </message>
    <message>
        <source>Your last answers (Ctrl+C copies the current one)</source>
        <translation>最近的答案（Ctrl+C 复制当前答案）</translation>
    </message>
    <message>
        <source>No digit</source>
        <translation>没有数字</translation>
    </message>
    <message>
        <source>Digit {n}: show its probabilities and the image it was read from</source>
        <translation>第 {n} 位：显示它的概率和识别所用的图像</translation>
    </message>
    <message>
        <source>Recent: {answers}</source>
        <translation>最近：{answers}</translation>
    </message>
    <message>
        <source>Reads {answer}</source>
        <translation>读作 {answer}</translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <source>The network&apos;s probability for each digit, and that it is no digit at all.
Wrong? Click the right digit (or type it) to teach it your hand.</source>
        <translation>网络给每个数字的概率，以及它根本不是数字的概率。
答错了？点击（或输入）正确的数字，教它认识你的笔迹。</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Stop retraining?</source>
        <translation>停止重新训练？</translation>
    </message>
    <message>
        <source>Stop retraining? The current model stays.</source>
        <translation>停止重新训练？当前模型保持不变。</translation>
    </message>
</context>
<context>
    <name>Retrainer</name>
    <message>
        <source>Loading MNIST</source>
        <translation>正在加载 MNIST</translation>
    </message>
    <message>
        <source>Measuring the new model on MNIST</source>
        <translation>正在用 MNIST 测量新模型</translation>
    </message>
    <message>
        <source>Converting the model for the app</source>
        <translation>正在为应用转换模型</translation>
    </message>
    <message>
        <source>Measuring the new model on pen-drawn digits</source>
        <translation>正在用手写数字测量新模型</translation>
    </message>
    <message>
        <source>Training: starting</source>
        <translation>训练：正在开始</translation>
    </message>
    <message>
        <source>Starting TensorFlow…</source>
        <translation>正在启动 TensorFlow…</translation>
    </message>
    <message>
        <source>, about {n} s left</source>
        <translation>，约剩 {n} 秒</translation>
    </message>
    <message>
        <source>, about {n} min left</source>
        <translation>，约剩 {n} 分钟</translation>
    </message>
    <message>
        <source>Training: epoch {n} of {total}</source>
        <translation>训练：第 {n} 轮，共 {total} 轮</translation>
    </message>
    <message>
        <source>Could not start {name}: {why}</source>
        <translation>无法启动 {name}：{why}</translation>
    </message>
    <message>
        <source>Retraining cancelled; the current model stays.</source>
        <translation>已取消重新训练；当前模型保持不变。</translation>
    </message>
    <message>
        <source>it stopped with an error</source>
        <translation>它因错误而停止</translation>
    </message>
    <message>
        <source>Retraining failed; the current model stays. {reason}. The details are in {log}.</source>
        <translation>重新训练失败；当前模型保持不变。{reason}。详情见 {log}。</translation>
    </message>
    <message>
        <source>Retrained with your samples.</source>
        <translation>已用你的样本重新训练。</translation>
    </message>
</context>
<context>
    <name>Retraining</name>
    <message>
        <source>Retraining needs desk-app&apos;s source and TensorFlow, which this standalone app leaves out to stay small. In a copy of desk-app&apos;s source folder, run &quot;pip install &apos;.[train]&apos;&quot;, then: {command}. The app reads with the new model from its next start.</source>
        <translation>重新训练需要 desk-app 的源代码和 TensorFlow，这个独立版为保持小巧没有包含它们。请在 desk-app 源代码文件夹中运行 &quot;pip install &apos;.[train]&apos;&quot;，然后运行：{command}。应用下次启动时将使用新模型识别。</translation>
    </message>
    <message>
        <source>Retraining needs TensorFlow, which is not installed here. Install the training extra (pip install &apos;desk-app[train]&apos;) and choose Retrain again, or run: {command}</source>
        <translation>重新训练需要 TensorFlow，但这里没有安装。请安装训练组件（pip install &apos;desk-app[train]&apos;）后再次选择重新训练，或运行：{command}</translation>
    </message>
    <message>
        <source>Retraining needs MNIST</source>
        <translation>重新训练需要 MNIST</translation>
    </message>
    <message>
        <source>Retraining needs the MNIST digits, which are not on this computer where desk-app looks: choose the folder that holds them (the four MNIST files, or mnist.npz).</source>
        <translation>重新训练需要 MNIST 数字数据，但 desk-app 在这台电脑上没有找到：请选择存放它们的文件夹（四个 MNIST 文件，或 mnist.npz）。</translation>
    </message>
    <message>
        <source>Choose MNIST folder…</source>
        <translation>选择 MNIST 文件夹…</translation>
    </message>
    <message>
        <source>The folder that holds MNIST</source>
        <translation>存放 MNIST 的文件夹</translation>
    </message>
    <message>
        <source>{folder} holds no MNIST files (train-images-idx3-ubyte and the other three, gzipped or not) and no mnist.npz.</source>
        <translation>{folder} 中没有 MNIST 文件（train-images-idx3-ubyte 等四个文件，压缩与否均可），也没有 mnist.npz。</translation>
    </message>
    <message>
        <source>No samples yet: when an answer is wrong, type the right digit.</source>
        <translation>还没有样本：答案错误时，输入正确的数字。</translation>
    </message>
    <message>
        <source>Retraining needs the model&apos;s Keras file ({name}).</source>
        <translation>重新训练需要模型的 Keras 文件（{name}）。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Retraining with your samples</source>
        <translation>正在用你的样本重新训练</translation>
    </message>
    <message>
        <source>MNIST test set: {mnist_before} before, {mnist_now} now. Your samples read right: {mine_before} before, {mine_now} now.</source>
        <translation>MNIST 测试集：之前 {mnist_before}，现在 {mnist_now}。你的样本识别正确率：之前 {mine_before}，现在 {mine_now}。</translation>
    </message>
    <message>
        <source>Quit desk-app?</source>
        <translation>退出 desk-app？</translation>
    </message>
    <message>
        <source>Retraining is still running. Quit and stop it? The current model stays.</source>
        <translation>重新训练仍在进行。退出并停止训练吗？当前模型保持不变。</translation>
    </message>
</context>
<context>
    <name>SamplesDialog</name>
    <message>
        <source>My samples</source>
        <translation>我的样本</translation>
    </message>
    <message>
        <source>Select samples, then type a digit to relabel them, or press Delete. Ctrl+Z takes either back.</source>
        <translation>选中样本后输入一个数字即可改标签，或按 Delete 删除。Ctrl+Z 可撤回。</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected samples (Del)</source>
        <translation>删除选中的样本（Del）</translation>
    </message>
    <message>
        <source>Take back the last delete or relabel (Ctrl+Z)</source>
        <translation>撤回上一次删除或改标签（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Write them as PNGs and labels.csv</source>
        <translation>导出为 PNG 图像和 labels.csv</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Add samples: a folder with labels.csv, or with one folder per digit (0-9)</source>
        <translation>添加样本：含 labels.csv 的文件夹，或每个数字（0-9）一个子文件夹</translation>
    </message>
    <message>
        <source>A {digit}: type another digit to relabel it</source>
        <translation>一个 {digit}：输入其他数字可改标签</translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) in {folder}</source>
        <translation>
            <numerusform>{folder} 中有 %n 个样本</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not delete: {why}</source>
        <translation>无法删除：{why}</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n sample(s). Ctrl+Z brings them back.</source>
        <translation>
            <numerusform>已删除 %n 个样本。Ctrl+Z 可恢复。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not relabel: {why}</source>
        <translation>无法改标签：{why}</translation>
    </message>
    <message numerus="yes">
        <source>Relabelled %n sample(s) as {digit}. Ctrl+Z takes it back.</source>
        <translation>
            <numerusform>已将 %n 个样本改标为 {digit}。Ctrl+Z 可撤回。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not undo: {why}</source>
        <translation>无法撤销：{why}</translation>
    </message>
    <message numerus="yes">
        <source>Brought back %n sample(s).</source>
        <translation>
            <numerusform>已恢复 %n 个样本。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Put back the labels of %n sample(s).</source>
        <translation>
            <numerusform>已恢复 %n 个样本的标签。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export samples into a new or existing folder</source>
        <translation>把样本导出到新的或已有的文件夹</translation>
    </message>
    <message>
        <source>Folders (*)</source>
        <translation>文件夹 (*)</translation>
    </message>
    <message>
        <source>Export samples</source>
        <translation>导出样本</translation>
    </message>
    <message>
        <source>Could not export: {why}</source>
        <translation>无法导出：{why}</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n sample(s) to {folder}</source>
        <translation>
            <numerusform>已导出 %n 个样本到 {folder}</numerusform>
        </translation>
    </message>
    <message>
        <source>Import samples from</source>
        <translation>从此处导入样本</translation>
    </message>
    <message>
        <source>Importing samples…</source>
        <translation>正在导入样本…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import samples</source>
        <translation>导入样本</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was added.</source>
        <translation>已取消导入：没有添加任何样本。</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n new sample(s) (those already here are skipped); {total} in all, {before} before.</source>
        <translation>
            <numerusform>已导入 %n 个新样本（已有的会跳过）；共 {total} 个，之前 {before} 个。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tape</name>
    <message>
        <source>Tape</source>
        <translation>纸带</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>Sure</source>
        <translation>把握</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Your answers, newest last. Type over a number to correct it (the digits you change are kept as samples).</source>
        <translation>你的答案，最新的在最后。在数字上直接输入即可更正（改动的数字会保存为样本）。</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>How long to wait after the last stroke before the answer goes onto the tape</source>
        <translation>最后一笔之后等待多久再把答案写入纸带</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy every number, one a line</source>
        <translation>复制所有数字，每行一个</translation>
    </message>
    <message>
        <source>Save CSV…</source>
        <translation>保存 CSV…</translation>
    </message>
    <message>
        <source>Save the tape as CSV: text, confidence, time</source>
        <translation>把纸带保存为 CSV：文本、置信度、时间</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Empty the tape</source>
        <translation>清空纸带</translation>
    </message>
    <message>
        <source>Next after</source>
        <translation>停笔后</translation>
    </message>
    <message>
        <source>Your correction</source>
        <translation>你的更正</translation>
    </message>
    <message>
        <source>Type to correct</source>
        <translation>输入以更正</translation>
    </message>
    <message>
        <source>Could not save the tape: {why}</source>
        <translation>无法保存纸带：{why}</translation>
    </message>
    <message>
        <source>A tape entry is a number: type digits only ({number} kept).</source>
        <translation>纸带上的条目是数字：只能输入数字（保留 {number}）。</translation>
    </message>
    <message>
        <source>Could not keep the sample: {why}</source>
        <translation>无法保存样本：{why}</translation>
    </message>
    <message numerus="yes">
        <source>Corrected to {number}: kept %n sample(s) to learn from.</source>
        <translation>
            <numerusform>已更正为 {number}：保存了 %n 个样本供学习。</numerusform>
        </translation>
    </message>
    <message>
        <source>Corrected to {number}.</source>
        <translation>已更正为 {number}。</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n number(s).</source>
        <translation>
            <numerusform>已复制 %n 个数字。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not save {name}: {why}.</source>
        <translation>无法保存 {name}：{why}。</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Save the tape</source>
        <translation>保存纸带</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Empty the tape (%n number(s))? Save it as CSV first to keep them.</source>
        <translation>
            <numerusform>清空纸带（%n 个数字）吗？如需保留，请先保存为 CSV。</numerusform>
        </translation>
    </message>
    <message>
        <source>The tape is empty.</source>
        <translation>纸带已清空。</translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <source>desk-app will follow the system&apos;s language from its next start.</source>
        <translation>desk-app 下次启动时将跟随系统语言。</translation>
    </message>
    <message>
        <source>desk-app will speak English from its next start.</source>
        <translation>desk-app will speak English from its next start.</translation>
    </message>
    <message>
        <source>desk-app will speak Chinese from its next start.</source>
        <translation>desk-app 下次启动时将使用中文。</translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <source>bundled model</source>
        <translation>自带模型</translation>
    </message>
    <message>
        <source>your retrained model</source>
        <translation>你重新训练的模型</translation>
    </message>
    <message>
        <source>model {name} from {folder}</source>
        <translation>来自 {folder} 的模型 {name}</translation>
    </message>
    <message>
        <source>trained {date}</source>
        <translation>训练于 {date}</translation>
    </message>
    <message>
        <source>{percent} on the MNIST test set</source>
        <translation>MNIST 测试集准确率 {percent}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>desk-app: handwritten digits</source>
        <translation>desk-app：手写数字</translation>
    </message>
    <message>
        <source>desk-app: {answer}</source>
        <translation>desk-app：{answer}</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>写一个数字</translation>
    </message>
    <message>
        <source>{percent} confident</source>
        <translation>置信度 {percent}</translation>
    </message>
    <message>
        <source>Unsure: {a} or {b}?</source>
        <translation>不确定：{a} 还是 {b}？</translation>
    </message>
    <message>
        <source>Not a digit</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>Too small: draw bigger</source>
        <translation>太小了：请写大一些</translation>
    </message>
    <message>
        <source>digit {n}: {words}</source>
        <translation>第 {n} 位：{words}</translation>
    </message>
    <message>
        <source>No digits: nothing in the picture reads as a digit</source>
        <translation>没有数字：图片中没有能读作数字的内容</translation>
    </message>
    <message>
        <source>your correction</source>
        <translation>你的更正</translation>
    </message>
    <message>
        <source>your corrections</source>
        <translation>你的更正</translation>
    </message>
</context>
</TS>
